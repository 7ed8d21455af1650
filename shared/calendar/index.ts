export * from './china-time';
export * from './periods';
export * from './working-days';
