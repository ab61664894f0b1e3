export * from './parameters';
export * from './errors';
export * from './items';
