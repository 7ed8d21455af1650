/**
 * Synthetic national-scale data for the benchmark (bench/run.ts) and the reports contract test:
 * CAST units, societies, host units, stations with expert teams, and each station's records over
 * its assessment years, plus the tally docs the stations repository would hold — computed with
 * sumContributions, the same code the store's rebuild uses. Deterministic (a seeded generator).
 */

import type { Doc } from '../cloudfunctions/_kernel/db/port';
import { settingsFor } from '../cloudfunctions/_kernel/store/stations';
import { addDays, type ChinaDate, dayNumber, fromDayNumber, isWorkingDay, libraryCalendar, minDate } from '../shared/calendar';
import { yearIndexOf } from '../shared/calendar/periods';
import { isCounted, sumContributions, type Tally } from '../shared/rules/assessment';
import type { CastUnit, Person, RoleBinding, Society, Station } from '../shared/schemas/org';
import { industryFields } from '../shared/schemas/org';
import type { RecordStatus, StationRecord } from '../shared/schemas/records';

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Profile {
  stations: number;
  expertsPerStation: number;
  /** service days each expert logs in a full quarter (the seed asks ≥ 10) */
  daysPerQuarter: number;
  /** today of the data set: records are dated up to today − 3 days */
  today: ChinaDate;
  /** plaque dates are spread over [plaqueFrom, plaqueFrom + plaqueSpreadDays) */
  plaqueFrom: ChinaDate;
  plaqueSpreadDays: number;
  counties: number;
  seed: number;
}

/** 1,000 stations × 10 experts × ~2 years, about 1.6 M service days (issue 6). */
export const nationalProfile: Profile = {
  stations: 1000,
  expertsPerStation: 10,
  daysPerQuarter: 20,
  today: '2027-02-20',
  plaqueFrom: '2025-03-01',
  plaqueSpreadDays: 60,
  counties: 14,
  seed: 6,
};

export const CITY = 'cast-city';
export const countyId = (i: number) => `cast-c${String(i).padStart(2, '0')}`;
export const stationId = (i: number) => `st-${String(i).padStart(5, '0')}`;
export const expertId = (i: number, e: number) => `p-${String(i).padStart(5, '0')}-e${e}`;

export function orgOf(p: Profile) {
  const castUnits: CastUnit[] = [
    { id: CITY, name: '全国测试市科协', kind: 'city', parentId: null },
    ...Array.from({ length: p.counties }, (_, i) => ({
      id: countyId(i),
      name: `第${i + 1}县科协`,
      kind: 'county' as const,
      parentId: CITY,
    })),
  ];
  const societies: Society[] = [];
  const stations: Station[] = [];
  const persons: Person[] = [{ id: 'p-bench-staff', name: '压测工作人员', title: '市科协', societyId: null, hostUnitId: null }];
  const random = rng(p.seed);
  const levels = ['national', 'provincial', 'city'] as const;
  for (let i = 0; i < p.stations; i++) {
    const sid = stationId(i);
    const county = countyId(i % p.counties);
    societies.push({ id: `soc-${i}`, name: `第${i + 1}学会`, level: 'provincial', castUnitId: county });
    const expertIds = Array.from({ length: p.expertsPerStation }, (_, e) => expertId(i, e));
    for (const [e, id] of expertIds.entries())
      persons.push({ id, name: `专家${i}-${e}`, title: '', societyId: `soc-${i}`, hostUnitId: null });
    stations.push({
      id: sid,
      name: `第${i + 1}号学会服务站`,
      programmeId: 'yiyang-station-2023',
      level: levels[i % 3]!,
      societyId: `soc-${i}`,
      hostUnitId: `hu-${i}`,
      castUnitId: county,
      industryField: industryFields[i % industryFields.length]!,
      plaqueDate: addDays(p.plaqueFrom, Math.floor(random() * p.plaqueSpreadDays)),
      termYears: 2,
      agreementItems: ['合作项目一', '合作项目二'],
      expertIds,
      staffIds: [],
      status: 'active',
      applicationId: null,
    });
  }
  const staffBinding: RoleBinding = {
    id: 'bd-bench-staff',
    openid: 'o-bench-staff',
    personId: 'p-bench-staff',
    role: 'cityStaff',
    scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: CITY },
    createdAt: 0,
    createdBy: 'p-bench-staff',
    revokedAt: null,
    revokedBy: null,
  };
  return { castUnits, societies, stations, persons, staffBinding };
}

/** Working days of [from, to], cached (the generator asks for the same ranges many times). */
const wdCache = new Map<string, ChinaDate[]>();
function workingDays(from: ChinaDate, to: ChinaDate): ChinaDate[] {
  const key = `${from}|${to}`;
  let out = wdCache.get(key);
  if (!out) {
    out = [];
    for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) {
      const d = fromDayNumber(n);
      if (isWorkingDay(d, libraryCalendar).working) out.push(d);
    }
    wdCache.set(key, out);
  }
  return out;
}

/**
 * One station's records: each expert logs `daysPerQuarter` working days of every 3-month block since
 * the plaque date (fewer in the block containing today), ~85 % confirmed, the rest pending with a
 * few disputed; per year 3 studies (2 with results), 3 trainings, 1 tackling, 3 problems, 2
 * achievements and two agreement reports. Weekends are never used, so the benchmark can log free days.
 */
export function recordsOf(p: Profile, s: Station, idx: number, scale = 1): StationRecord[] {
  const random = rng(p.seed * 100_003 + idx);
  const out: StationRecord[] = [];
  let n = 0;
  const lastDay = addDays(p.today, -3);
  const status = (): RecordStatus => {
    const r = random();
    return r < 0.85 ? 'confirmed' : r < 0.98 ? 'pending' : 'disputed';
  };
  const base = (date: ChinaDate, authorId: string) => ({
    id: `${s.id}-r${++n}`,
    stationId: s.id,
    authorId,
    date,
    status: status(),
    note: '',
    evidence: [],
    createdAt: 0,
    updatedAt: 0,
    statusReason: '',
  });
  const perQuarter = Math.max(1, Math.round(p.daysPerQuarter * scale));
  for (let q = 0; ; q++) {
    const qStart = addDays(s.plaqueDate, Math.round(q * 91.3));
    if (qStart > lastDay) break;
    const qEnd = addDays(s.plaqueDate, Math.round((q + 1) * 91.3) - 1);
    const days = workingDays(qStart, minDate(qEnd, lastDay));
    for (const e of s.expertIds) {
      // a random subset of the block's working days, in date order
      const want = Math.min(days.length, qEnd < lastDay ? perQuarter : Math.round((perQuarter * days.length) / 62)); // partial block: pro rata
      const picked = new Set<number>();
      while (picked.size < want) picked.add(Math.floor(random() * days.length));
      for (const k of [...picked].sort((a, b) => a - b))
        out.push({ ...base(days[k]!, e), kind: 'serviceDay', expertId: e, backfilled: false, checkIn: null });
    }
  }
  const author = () => s.expertIds[Math.floor(random() * s.expertIds.length)] ?? 'p-x';
  for (let y = 0; ; y++) {
    const yStart = addDays(s.plaqueDate, y * 365);
    if (yStart > lastDay) break;
    const at = (offset: number) => {
      const d = addDays(yStart, offset);
      return d > lastDay ? null : d;
    };
    const push = (offset: number, make: (date: ChinaDate) => StationRecord) => {
      const d = at(offset);
      if (d) out.push(make(d));
    };
    for (const [k, off] of [40, 150, 260].entries())
      push(off, (d) => ({
        ...base(d, author()),
        kind: 'research',
        title: '产业调研',
        result: k < 2 ? '调研报告' : '',
        resultDate: k < 2 ? d : null,
      }));
    for (const [k, off] of [60, 170, 280].entries())
      push(off, (d) => ({ ...base(d, author()), kind: 'training', topic: '培训', place: '会议室', trainees: 40 + 15 * k }));
    push(100, (d) => ({ ...base(d, author()), kind: 'tackling', title: '攻关', partners: '' }));
    for (const off of [80, 190, 300])
      push(off, (d) => ({ ...base(d, author()), kind: 'problem', enterprise: '企业', problem: '难题', outcome: '已解决' }));
    for (const off of [120, 230])
      push(off, (d) => ({ ...base(d, author()), kind: 'achievement', title: '成果', recipient: '企业', method: '转让' }));
    push(180, (d) => ({ ...base(d, 'p-sec'), kind: 'agreement', percent: 25 + 50 * y, status: 'confirmed' }));
    push(330, (d) => ({ ...base(d, 'p-sec'), kind: 'agreement', percent: Math.min(100, 50 + 50 * y), status: 'confirmed' }));
  }
  return out;
}

export interface TallyDocOut extends Doc {
  stationId: string;
  castUnitId: string;
  yearIndex: number;
  counters: Tally;
  agreement: { all: number; verified: number };
  agreementEntries: Record<string, { date: ChinaDate; percent: number; verified: boolean }>;
  updatedAt: number;
}

/** The tally docs (one per assessment year), exactly as the stations repository lays them out. */
export function talliesOf(s: Station, records: readonly StationRecord[], now: number): TallyDocOut[] {
  const settings = settingsFor(s);
  const tally = sumContributions(records, s, settings);
  const docs = new Map<number, TallyDocOut>();
  const docOf = (k: number) => {
    let d = docs.get(k);
    if (!d) {
      d = {
        _id: `${s.id}:${k}`,
        stationId: s.id,
        castUnitId: s.castUnitId,
        yearIndex: k,
        counters: {},
        agreement: { all: 0, verified: 0 },
        agreementEntries: {},
        updatedAt: now,
      };
      docs.set(k, d);
    }
    return d;
  };
  for (const [key, cell] of Object.entries(tally)) docOf(Number(key.split('|')[1])).counters[key] = cell;
  for (const r of records) {
    if (r.kind !== 'agreement' || !isCounted(r.status, 'all')) continue;
    const k = yearIndexOf(s.plaqueDate, r.date, settings.yearMode);
    if (k >= 1) docOf(k).agreementEntries[r.id] = { date: r.date, percent: r.percent, verified: r.status === 'confirmed' };
  }
  const years = [...docs.keys()].sort((a, b) => a - b);
  let acc = { all: 0, verified: 0 };
  for (let k = 1; k <= (years.at(-1) ?? 0); k++) {
    const d = docs.get(k);
    if (!d) continue;
    for (const e of Object.values(d.agreementEntries)) {
      acc = { all: Math.max(acc.all, e.percent), verified: e.verified ? Math.max(acc.verified, e.percent) : acc.verified };
    }
    d.agreement = acc;
  }
  return years.map((k) => docs.get(k)!);
}

/** A domain object with `id` as the stored doc with `_id`. */
export const toDoc = <T extends { id: string }>({ id, ...rest }: T): Doc => ({ _id: id, ...rest });
