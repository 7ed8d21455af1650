import type * as Contract from './init';

// The local host needs no client-side setup: calls go to fetch('/api/<fn>').
export const initPlatform: typeof Contract.initPlatform = () => {};
