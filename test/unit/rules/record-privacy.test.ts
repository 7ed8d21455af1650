import { auditSideWithoutCoordinates, recordForReader, withoutCoordinates } from '../../../shared/rules/record-privacy';
import type { StationRecord } from '../../../shared/schemas/records';

/** Issue 11, finding 8: where an expert stood is for the expert; others get the distance. */
const day = {
  id: 'r-1',
  stationId: 'st-1',
  kind: 'serviceDay',
  authorId: 'p-author',
  expertId: 'p-author',
  date: '2026-11-20',
  status: 'pending',
  note: '',
  evidence: [],
  createdAt: 1,
  updatedAt: 1,
  statusReason: '',
  backfilled: false,
  checkIn: { lat: 28.5687, lng: 112.3737, distanceM: 12, withinRadius: true },
} as StationRecord;

describe('record privacy', () => {
  it('the author reads the coordinates; anyone else (or no one) the distance only', () => {
    expect(recordForReader(day, 'p-author')).toBe(day);
    for (const reader of ['p-teammate', null]) {
      expect(recordForReader(day, reader)).toMatchObject({ checkIn: { distanceM: 12, withinRadius: true } });
      expect(JSON.stringify(recordForReader(day, reader))).not.toMatch(/"lat"|"lng"/);
    }
  });
  it('leaves records without a check-in as they are', () => {
    const none = { ...day, checkIn: null } as StationRecord;
    expect(withoutCoordinates(none)).toBe(none);
  });
  it('an audit side loses the coordinates, whatever its shape', () => {
    expect(auditSideWithoutCoordinates(day)).toEqual({ ...day, checkIn: { distanceM: 12, withinRadius: true } });
    expect(auditSideWithoutCoordinates(null)).toBeNull();
    expect(auditSideWithoutCoordinates({ status: 'confirmed' })).toEqual({ status: 'confirmed' });
    expect(auditSideWithoutCoordinates({ checkIn: null })).toEqual({ checkIn: null });
  });
});
