/**
 * Station assessment benchmark (第十二条). Run: npx tsx bench/evaluate.ts
 *
 * One station = 10 experts × 44 service days (11 a quarter) + research, trainings, tackling,
 * problems, achievements and agreement progress for one full year (≈ 460 records).
 * Prints medians of a few runs; no assertions on time.
 */
import { performance } from 'node:perf_hooks';
import { addDays, libraryCalendar } from '../shared/calendar';
import {
  agreementPercentsAsOf,
  defaultAssessmentSettings,
  type EvaluatedStation,
  evaluateFromTally,
  evaluateStation,
  projectStation,
  sumContributions,
} from '../shared/rules/assessment';
import type { RecordStatus, StationRecord } from '../shared/schemas/records';

const settings = defaultAssessmentSettings;
const PLAQUE = '2025-01-01';
const AS_OF = '2025-11-15';
const RUNS = 5;
const BIG_RUNS = 3;

let seq = 0;
function base(stationId: string, date: string, status: RecordStatus) {
  seq++;
  return { id: `r${seq}`, stationId, authorId: 'p1', date, status, note: '', evidence: [], createdAt: 0, updatedAt: 0, statusReason: '' };
}

function makeStation(i: number): { station: EvaluatedStation; records: StationRecord[] } {
  const id = `st${i}`;
  const expertIds = Array.from({ length: 10 }, (_, e) => `${id}-e${e}`);
  const records: StationRecord[] = [];
  const quarterStarts = ['2025-01-06', '2025-04-07', '2025-07-07', '2025-10-09'];
  for (const [e, expertId] of expertIds.entries()) {
    for (const qs of quarterStarts) {
      for (let d = 0; d < 11; d++) {
        const status: RecordStatus = (d + e) % 7 === 0 ? 'pending' : 'confirmed';
        records.push({ ...base(id, addDays(qs, d + e), status), kind: 'serviceDay', expertId, backfilled: false, checkIn: null });
      }
    }
  }
  const month = (m: number) => `2025-${String(m).padStart(2, '0')}-15`;
  for (const m of [2, 6, 10])
    records.push({ ...base(id, month(m), 'confirmed'), kind: 'research', title: '调研', result: m === 6 ? '报告' : '', resultDate: null });
  for (const [k, m] of [3, 7, 11].entries())
    records.push({ ...base(id, month(m), 'confirmed'), kind: 'training', topic: '培训', place: '益阳', trainees: 45 + 5 * k });
  for (const m of [4, 9]) records.push({ ...base(id, month(m), 'confirmed'), kind: 'tackling', title: '攻关', partners: '' });
  for (const m of [3, 5, 8])
    records.push({ ...base(id, month(m), 'confirmed'), kind: 'problem', enterprise: '企业', problem: '难题', outcome: '解决' });
  for (const m of [4, 6, 10])
    records.push({ ...base(id, month(m), 'pending'), kind: 'achievement', title: '成果', recipient: '企业', method: '转让' });
  for (const [m, p] of [
    [6, 30],
    [11, 55],
  ] as const)
    records.push({ ...base(id, month(m), 'confirmed'), kind: 'agreement', percent: p });
  return { station: { id, plaqueDate: PLAQUE, expertIds, termYears: 2 }, records };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function time(fn: () => void, runs = RUNS): number {
  fn(); // warm-up
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

const one = makeStation(0);
const many = Array.from({ length: 1000 }, (_, i) => makeStation(i + 1));
const tallies = many.map(({ station, records }) => ({
  station,
  tally: sumContributions(records, station, settings),
  agreement: agreementPercentsAsOf(records, '2025-12-31'),
}));

let sink = 0;
const single =
  time(() => {
    for (let k = 0; k < 100; k++) sink += evaluateStation(one.station, one.records, 1, settings, AS_OF, 'all').score;
  }) / 100;
const thousand = time(() => {
  for (const { station, records } of many) sink += evaluateStation(station, records, 1, settings, AS_OF, 'all').score;
}, BIG_RUNS);
const thousandTally = time(() => {
  for (const { station, tally, agreement } of tallies)
    sink += evaluateFromTally(station, tally, agreement, 1, settings, AS_OF, 'all').score;
}, BIG_RUNS);
const thousandSum = time(() => {
  for (const { station, records } of many) sink += Object.keys(sumContributions(records, station, settings)).length;
}, BIG_RUNS);
const thousandProjection = time(() => {
  for (const { station, tally, agreement } of tallies)
    sink += projectStation(station, tally, agreement, 1, settings, AS_OF, 'all', libraryCalendar).projectedScore;
}, BIG_RUNS);

const sample = evaluateStation(one.station, one.records, 1, settings, AS_OF, 'all');
console.log(`records per station: ${one.records.length} (10 experts, one assessment year)`);
console.log(`sample result as of ${AS_OF}: score ${sample.score}, grade ${sample.grade}`);
console.log(`median of ${RUNS} runs (1 station) / ${BIG_RUNS} runs (1,000 stations):`);
console.log(`  evaluateStation, 1 station (records → tally → result):   ${fmt(single)}`);
console.log(`  evaluateStation, 1,000 stations:                          ${fmt(thousand)}`);
console.log(`  sumContributions only, 1,000 stations:                    ${fmt(thousandSum)}`);
console.log(`  evaluateFromTally (dashboard path), 1,000 stations:       ${fmt(thousandTally)}`);
console.log(`  projectStation from tally, 1,000 stations:               ${fmt(thousandProjection)}`);
if (Number.isNaN(sink)) console.log('');
