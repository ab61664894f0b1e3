export * from './compile';
export * from './conditions';
export * from './description';
export * from './sort';
export * from './pickers';
