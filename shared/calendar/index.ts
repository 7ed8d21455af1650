export * from './china-time';
export * from './holidays';
export * from './periods';
export * from './working-days';
