export * from './parameters';
export * from './errors';
