export * from './parameters';
export * from './errors';
export * from './items';
export * from './concurrency';
