export * from './parameters';
