import type { ServiceDay, StationRecord } from '../schemas/records';

/** A check-in as a reader sees it: distance and within-radius always, coordinates only for the author. */
export interface CheckInView {
  distanceM: number;
  withinRadius: boolean;
  lat?: number;
  lng?: number;
}
/** A record as answered: a service day's check-in may have lost its coordinates. */
export type RecordView = Exclude<StationRecord, ServiceDay> | (Omit<ServiceDay, 'checkIn'> & { checkIn: CheckInView | null });

/** The record without the raw GPS position of its author (issue 11, finding 8). */
export function withoutCoordinates(record: StationRecord): RecordView {
  if (record.kind !== 'serviceDay' || !record.checkIn) return record;
  const { lat: _lat, lng: _lng, ...rest } = record.checkIn;
  return { ...record, checkIn: rest };
}

/**
 * Who sees where an expert stood: the author alone. Teammates, the host contact, secretaries and staff
 * see the distance to the station and whether it was within the radius — what the 第十二条 check needs.
 */
export function recordForReader(record: StationRecord, readerId: string | null): RecordView {
  return readerId !== null && record.authorId === readerId ? record : withoutCoordinates(record);
}

/**
 * An audit event's before/after without coordinates: the audit log is read by every reader of the entry
 * (entryHistory) and kept for years, so it keeps the distance, not the position. Events written before
 * this rule are redacted on the way out with the same function.
 */
export function auditSideWithoutCoordinates(side: unknown): unknown {
  if (!side || typeof side !== 'object' || !('checkIn' in side)) return side;
  const checkIn = (side as { checkIn: unknown }).checkIn;
  if (!checkIn || typeof checkIn !== 'object') return side;
  const { lat: _lat, lng: _lng, ...rest } = checkIn as Record<string, unknown>;
  return { ...side, checkIn: rest };
}
