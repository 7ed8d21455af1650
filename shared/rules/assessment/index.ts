export * from './agreement';
export * from './coverage';
export * from './evaluate';
export * from './prior';
export * from './projection';
export * from './settings';
export * from './tally';
