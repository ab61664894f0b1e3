export * from './document';
export * from './execute';
export * from './entities';
export * from './execute-operation';
export * from './listed-entity';
export * from './schema';
export * from './record-search';
export * from './selectable-fields';
