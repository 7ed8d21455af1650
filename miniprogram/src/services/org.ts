import { orgApi } from '@shared/api/org';
import { createClient } from './client';

/** The organisation register (issue 13): units, stations and teams, persons, rounds — for the staff pages. */
export const orgClient = createClient('org', orgApi);
