export * from './token-request';
export * from './x3-token';
export * from './sdmo-token';
export * from './bearer';
