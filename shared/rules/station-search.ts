import { nameKey } from './org';

/**
 * The staff dashboard's search (issue 15, finding 13 — "search in the queue, people and stations"): a
 * station is kept when the query, compared as names are (shared/rules/org.ts nameKey: full-width
 * folded to half-width, spaces ignored, letters lower-cased), is part of its name, its society's name
 * or its overseeing CAST unit's (county's) name — the names the dashboard has already read for every
 * station. An empty query keeps everything.
 *
 * Host unit names are not searched: the dashboard reads no host units (matching on them would need one
 * more read of every visible station's host unit; test/cloud/request-counts.test.ts counts the requests).
 */
export interface StationSearchable {
  name: string;
  societyName: string;
  castUnitName: string;
}

export function stationMatchesQuery(row: StationSearchable, query: string | undefined): boolean {
  const q = query ? nameKey(query) : '';
  if (!q) return true;
  return [row.name, row.societyName, row.castUnitName].some((t) => nameKey(t).includes(q));
}
