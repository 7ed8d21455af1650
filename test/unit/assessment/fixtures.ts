import type { ChinaDate } from '../../../shared/calendar';
import {
  type AssessmentSettings,
  type AssessmentSettingsInput,
  assessmentSettingsSchema,
  type EvaluatedStation,
} from '../../../shared/rules/assessment';
import type { RecordStatus, StationRecord } from '../../../shared/schemas/records';

/** Small builders for station records; every record gets a unique id. */
let seq = 0;
const nextId = () => `r${++seq}`;

const base = (date: ChinaDate, status: RecordStatus) => ({
  id: nextId(),
  stationId: 'st1',
  authorId: 'p1',
  date,
  status,
  note: '',
  evidence: [],
  createdAt: 0,
  updatedAt: 0,
  statusReason: '',
});

export const serviceDay = (expertId: string, date: ChinaDate, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'serviceDay',
  expertId,
  backfilled: false,
  checkIn: null,
});

export const training = (date: ChinaDate, trainees: number, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'training',
  topic: '培训',
  place: '益阳',
  trainees,
});

export const research = (
  date: ChinaDate,
  opts: { result?: string; resultDate?: ChinaDate | null; status?: RecordStatus } = {},
): StationRecord => ({
  ...base(date, opts.status ?? 'confirmed'),
  kind: 'research',
  title: '产业调研',
  result: opts.result ?? '',
  resultDate: opts.resultDate ?? null,
});

export const tackling = (date: ChinaDate, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'tackling',
  title: '攻关',
  partners: '',
});

export const problem = (date: ChinaDate, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'problem',
  enterprise: '企业',
  problem: '难题',
  outcome: '解决',
});

export const achievement = (date: ChinaDate, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'achievement',
  title: '成果',
  recipient: '企业',
  method: '转让',
});

export const agreement = (date: ChinaDate, percent: number, status: RecordStatus = 'confirmed'): StationRecord => ({
  ...base(date, status),
  kind: 'agreement',
  percent,
});

export const settingsWith = (input: AssessmentSettingsInput = {}): AssessmentSettings => assessmentSettingsSchema.parse(input);

export const station = (over: Partial<EvaluatedStation> = {}): EvaluatedStation => ({
  id: 'st1',
  plaqueDate: '2025-01-01',
  expertIds: ['e1'],
  termYears: 2,
  ...over,
});

/** `n` consecutive calendar days starting at `from`. */
export function consecutiveDates(from: ChinaDate, n: number): ChinaDate[] {
  const out: ChinaDate[] = [];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < n; i++) out.push(new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
  return out;
}

/** Service days for `expertId` on `n` consecutive days from `from`. */
export const serviceDays = (expertId: string, from: ChinaDate, n: number, status: RecordStatus = 'confirmed') =>
  consecutiveDates(from, n).map((d) => serviceDay(expertId, d, status));

/**
 * A station year (plaque 2025-01-01, plaque mode ⇒ quarters = calendar quarters of 2025) where every
 * requirement of 第十二条 is exactly met: 10 days per quarter per expert, 2 research + 1 result,
 * 2 trainings of 50, 1 tackling, 2 problems, 2 achievements, agreement 50%.
 */
export function fullYearRecords(expertIds: readonly string[] = ['e1']): StationRecord[] {
  const quarterStarts: ChinaDate[] = ['2025-01-06', '2025-04-07', '2025-07-07', '2025-10-09'];
  return [
    ...expertIds.flatMap((e) => quarterStarts.flatMap((q) => serviceDays(e, q, 10))),
    research('2025-03-01', { result: '调研报告', resultDate: '2025-05-01' }),
    research('2025-06-01'),
    training('2025-04-01', 50),
    training('2025-09-01', 60),
    tackling('2025-05-01'),
    problem('2025-06-01'),
    problem('2025-07-01'),
    achievement('2025-08-01'),
    achievement('2025-11-01'),
    agreement('2025-12-01', 50),
  ];
}
