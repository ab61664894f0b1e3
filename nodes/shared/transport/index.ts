export * from './errors';
export * from './host-guard';
export * from './request';
export * from './retry';
export * from './credential-session';
export * from './response-body';
