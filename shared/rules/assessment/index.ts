export * from './agreement';
export * from './evaluate';
export * from './projection';
export * from './settings';
export * from './tally';
