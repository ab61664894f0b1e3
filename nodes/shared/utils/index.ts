export * from './parameters';
export * from './node';
export * from './errors';
export * from './items';
export * from './concurrency';
