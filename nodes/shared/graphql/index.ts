export * from './document';
export * from './execute';
