import { applications } from '../../applications/function';
import { identity } from '../../identity/function';
import { reports } from '../../reports/function';
import { stations } from '../../stations/function';
import type { FunctionEntry } from '../router';

/** Every deployed function, by name, for the local host. Each capability adds its function here. */
export const localFunctions: Record<string, FunctionEntry> = {
  applications,
  identity,
  reports,
  stations,
};
