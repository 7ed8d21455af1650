import type { FunctionEntry } from '../cloudfunctions/_kernel/router';
import { applications } from '../cloudfunctions/applications/function';
import { awards } from '../cloudfunctions/awards/function';
import { identity } from '../cloudfunctions/identity/function';
import { org } from '../cloudfunctions/org/function';
import { reports } from '../cloudfunctions/reports/function';
import { stations } from '../cloudfunctions/stations/function';

/** Every deployed function, by name, for the local host. Each capability adds its function here. */
export const localFunctions: Record<string, FunctionEntry> = {
  applications,
  awards,
  identity,
  org,
  reports,
  stations,
};
