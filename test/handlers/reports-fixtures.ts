import type { Doc } from '../../cloudfunctions/_kernel/db/port';
import { settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import type { ChinaDate } from '../../shared/calendar';
import { addDays, isWorkingDay, libraryCalendar } from '../../shared/calendar';
import type { Station } from '../../shared/schemas/org';
import { type RecordStatus, type StationRecord, stationRecordSchema } from '../../shared/schemas/records';
import type { Harness } from '../support/handlers';

/** Small builders for the reports tests: records are written through the stations repository, so tallies are real. */
let seq = 0;
const base = (stationId: string, authorId: string, date: ChinaDate, status: RecordStatus) => ({
  id: `rc-t-${++seq}`,
  stationId,
  authorId,
  date,
  status,
  note: '',
  evidence: [],
  createdAt: 0,
  updatedAt: 0,
  statusReason: '',
});

export const day = (stationId: string, expertId: string, date: ChinaDate, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(stationId, expertId, date, status),
  kind: 'serviceDay',
  expertId,
  backfilled: false,
  checkIn: null,
});

export const training = (
  stationId: string,
  authorId: string,
  date: ChinaDate,
  trainees: number,
  status: RecordStatus = 'confirmed',
): StationRecord => ({
  ...base(stationId, authorId, date, status),
  kind: 'training',
  topic: '技术培训',
  place: '益阳',
  trainees,
  evidence: [
    {
      fileId: 'local://0000000000000000000000000000000000000000000000000000000000000000/签到表.jpg',
      name: '签到表.jpg',
      size: 10,
      mime: 'image/jpeg',
    },
  ],
});

export const research = (
  stationId: string,
  authorId: string,
  date: ChinaDate,
  result = '',
  status: RecordStatus = 'confirmed',
): StationRecord => ({
  ...base(stationId, authorId, date, status),
  kind: 'research',
  title: '产业调研',
  result,
  resultDate: result ? date : null,
});

export const simple = (
  kind: 'tackling' | 'problem' | 'achievement',
  stationId: string,
  authorId: string,
  date: ChinaDate,
  status: RecordStatus = 'confirmed',
): StationRecord => {
  const b = base(stationId, authorId, date, status);
  if (kind === 'tackling') return { ...b, kind, title: '技术攻关', partners: '' };
  if (kind === 'problem') return { ...b, kind, enterprise: '某企业', problem: '难题', outcome: '已解决' };
  return { ...b, kind, title: '成果', recipient: '某企业', method: '转让' };
};

export const agreement = (
  stationId: string,
  authorId: string,
  date: ChinaDate,
  percent: number,
  status: RecordStatus = 'confirmed',
): StationRecord => ({
  ...base(stationId, authorId, date, status),
  kind: 'agreement',
  percent,
});

/** The first `n` working days from `from` (inclusive). */
export function workingDaysFrom(from: ChinaDate, n: number): ChinaDate[] {
  const out: ChinaDate[] = [];
  for (let d = from; out.length < n; d = addDays(d, 1)) if (isWorkingDay(d, libraryCalendar).working) out.push(d);
  return out;
}

/** Write records through the stations repository (day locks, tallies, audit), 50 a transaction. */
export async function write(h: Harness, records: readonly StationRecord[]): Promise<void> {
  const stations = new Map<string, Station>();
  for (const r of records) if (!stations.has(r.stationId)) stations.set(r.stationId, (await h.deps.store.org.station(r.stationId))!);
  for (let i = 0; i < records.length; i += 50) {
    const batch = records.slice(i, i + 50);
    await inTx(h.deps.db, async (tx) => {
      for (const r of batch) {
        const station = stations.get(r.stationId)!;
        await h.deps.store.stations.writeRecord(
          tx,
          null,
          stationRecordSchema.parse(r),
          { station, settings: settingsFor(station) },
          {
            actorId: 'p-city-staff',
            action: 'record.seed',
            reason: 'test',
            now: h.clock.now(),
          },
        );
      }
    });
  }
}

/** Every record of a station, read back from the store (for from-scratch recounts). */
export async function recordsOf(h: Harness, stationId: string): Promise<StationRecord[]> {
  const out: StationRecord[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await h.deps.db.find<Doc>('records', { stationId }, { limit: 1000, skip });
    out.push(...page.map(({ _id, ...rest }) => ({ id: _id, ...rest }) as unknown as StationRecord));
    if (page.length < 1000) return out;
  }
}

/** A station like the demo ones, for sorting and filtering. */
export function station(over: Partial<Station> & Pick<Station, 'id' | 'name' | 'castUnitId'>): Station {
  return {
    programmeId: 'yiyang-station-2023',
    level: 'city',
    societyId: 'soc-mech',
    hostUnitId: 'hu-yuanjiang-machine',
    industryField: '装备制造',
    plaqueDate: '2025-12-26',
    termYears: 2,
    agreementItems: [],
    expertIds: [],
    staffIds: [],
    status: 'active',
    applicationId: null,
    ...over,
  };
}
