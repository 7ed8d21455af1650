import { applicationsApi } from './applications';
import { awardsApi } from './awards';
import type { ApiContract } from './define';
import { identityApi } from './identity';
import { orgApi } from './org';
import { reportsApi } from './reports';
import { stationsApi } from './stations';

/** Every function's contract, by function name (the client, the fuzzer and the matrix read this). */
export const apis = {
  identity: identityApi,
  stations: stationsApi,
  applications: applicationsApi,
  reports: reportsApi,
  org: orgApi,
  awards: awardsApi,
} satisfies Record<string, ApiContract>;
export type FunctionName = keyof typeof apis;
