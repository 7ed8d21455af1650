import { type ChinaDate, chinaDateOf } from '../../../shared/calendar/china-time';
import { yearIndexOf } from '../../../shared/calendar/periods';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { accumulateAgreement, carriedAgreement, noAgreement } from '../../../shared/rules/assessment/agreement';
import { type AssessmentSettings, defaultAssessmentSettings } from '../../../shared/rules/assessment/settings';
import { applyDeltas, diffContributions, isCounted, sumContributions, type TallyDelta } from '../../../shared/rules/assessment/tally';
import { withoutCoordinates } from '../../../shared/rules/record-privacy';
import type { Station } from '../../../shared/schemas/org';
import type { DayLock, RecordKind, RecordStatus, StationRecord, StationTally } from '../../../shared/schemas/records';
import { type Db, DuplicateKeyError, type Where } from '../db/port';
import type { AuditRepo } from './audit';
import type { Collection } from './collection';
import { findAll } from './paging';
import { tables } from './tables';
import { AfterTx, inTx, type Tx } from './tx';

/**
 * Station records (第十二条) and the tallies the assessment reads.
 *
 * Every change of a record goes through `writeRecord`, inside the caller's transaction:
 *  1. the day lock: one service day per expert per China date across all stations is a lock doc in
 *     `dayLocks` with _id `${expertId}:${date}` holding the record id; a second insert is the
 *     constraint (→ STATION.DAY_ALREADY_LOGGED naming the existing entry). A withdrawn day releases
 *     its lock (lock docs are the only documents ever removed), so the date can be logged again;
 *  2. the record itself (put; nothing is deleted — withdrawing is a status);
 *  3. the tallies: diffContributions(before, after) added to `stationTallies/${stationId}:${yearIndex}`
 *     (get → add → put), so the dashboard never scans records;
 *  4. an audit event (who, when, before, after, reason).
 * All four commit together or not at all.
 */

export type DayLockDoc = DayLock;
export type { AgreementEntry } from '../../../shared/schemas/records';
export type TallyDoc = StationTally;

/** What a write needs to know about the station (read before the transaction; stations change rarely). */
export interface StationCtx {
  station: Pick<Station, 'id' | 'name' | 'castUnitId' | 'plaqueDate'>;
  settings: AssessmentSettings;
}

export interface WriteEvent {
  actorId: string;
  /** e.g. 'record.create', 'record.confirm', 'record.correct' */
  action: string;
  reason: string;
  now: number;
}

/** The station's assessment settings: its programme's, or the defaults while a definition lacks them. */
export function settingsFor(station: Pick<Station, 'programmeId'>): AssessmentSettings {
  return getProgramme(station.programmeId)?.assessment ?? defaultAssessmentSettings;
}

export const tallyId = (stationId: string, yearIndex: number) => `${stationId}:${yearIndex}`;
export const dayLockId = (expertId: string, date: ChinaDate) => `${expertId}:${date}`;

/** The lock a record holds: a service day that is not withdrawn holds its expert's date. */
function lockOf(r: StationRecord | null): string | null {
  if (r?.kind !== 'serviceDay' || r.status === 'withdrawn') return null;
  return dayLockId(r.expertId, r.date);
}

function emptyTally(station: StationCtx['station'], yearIndex: number, now: number): TallyDoc {
  return {
    id: tallyId(station.id, yearIndex),
    stationId: station.id,
    castUnitId: station.castUnitId,
    yearIndex,
    counters: {},
    agreement: noAgreement,
    agreementEntries: {},
    updatedAt: now,
  };
}

const pageAll = <T>(db: Db, c: Collection<T>, where: Where): Promise<T[]> => findAll(db, c, where);

/** Records, day locks and tallies (collections `records`, `dayLocks`, `stationTallies`): their one writer. */
export function stationsRepo(db: Db, audit: AuditRepo) {
  /**
   * Refuse a second service day for the same expert and date, naming the existing entry. Read through
   * the Db after the transaction (AfterTx): the failed lock insert has ended it (db/cloud.ts), and the
   * lock that refused it is committed.
   */
  async function dayTaken(lockId: string): Promise<never> {
    const lock = await tables.dayLocks.get(db, lockId);
    const existing = lock ? await tables.records.get(db, lock.recordId) : null;
    const st = lock ? await tables.stations.get(db, lock.stationId) : null;
    const stationName = st?.name ?? lock?.stationId ?? '';
    const date = lock?.date ?? lockId.slice(lockId.lastIndexOf(':') + 1);
    throw new AppError(
      'STATION.DAY_ALREADY_LOGGED',
      `${date} 已在「${stationName}」登记过服务天数（记录编号 ${lock?.recordId ?? ''}），同一天只能登记一次`,
      {
        details: {
          date,
          stationId: lock?.stationId ?? null,
          stationName,
          recordId: lock?.recordId ?? null,
          status: existing?.status ?? null,
        },
      },
    );
  }

  async function syncLock(tx: Tx, before: StationRecord | null, after: StationRecord): Promise<void> {
    const held = lockOf(before);
    const wanted = lockOf(after);
    if (held === wanted) return;
    if (wanted && after.kind === 'serviceDay') {
      // the create-only insert IS the check (one request); a taken day answers DuplicateKeyError
      try {
        await tables.dayLocks.insert(tx, {
          id: wanted,
          expertId: after.expertId,
          date: after.date,
          recordId: after.id,
          stationId: after.stationId,
        });
      } catch (e) {
        if (e instanceof DuplicateKeyError && e.coll === 'dayLocks') throw new AfterTx(() => dayTaken(wanted));
        throw e;
      }
    }
    if (held) await tables.dayLocks.remove(tx, held);
  }

  /**
   * Tally docs change by exactly diffContributions(before, after). Agreement reports (a cumulative
   * percent, not a counter) are kept per year and `agreement` of every later year is recomputed from
   * docs read by id — no query inside the transaction.
   */
  async function applyTallies(tx: Tx, before: StationRecord | null, after: StationRecord, sc: StationCtx, now: number): Promise<void> {
    const { station, settings } = sc;
    const deltas = diffContributions(before, after, station, settings);
    const byYear = new Map<number, TallyDelta[]>();
    for (const d of deltas) byYear.set(d.yearIndex, [...(byYear.get(d.yearIndex) ?? []), d]);

    const yearOf = (r: StationRecord | null) => (r ? yearIndexOf(station.plaqueDate, r.date, settings.yearMode) : 0);
    const agreementYears = after.kind === 'agreement' ? [yearOf(before), yearOf(after)].filter((k) => k >= 1) : [];
    const docs = new Map<number, TallyDoc>();
    const load = async (k: number): Promise<TallyDoc | null> => {
      const cached = docs.get(k);
      if (cached) return cached;
      const d = await tables.stationTallies.get(tx, tallyId(station.id, k));
      if (d) docs.set(k, d);
      return d;
    };
    const touched = new Set<number>();
    const ensure = async (k: number): Promise<TallyDoc> => {
      const found = await load(k);
      if (found) return found;
      // A new year's doc starts from the agreement progress carried over from earlier years.
      const fresh = emptyTally(station, k, now);
      for (let j = 1; j < k; j++) {
        const prev = await load(j);
        if (prev) fresh.agreement = accumulateAgreement(prev.agreementEntries, fresh.agreement);
      }
      docs.set(k, fresh);
      return fresh;
    };

    for (const [k, ds] of byYear) {
      const doc = await ensure(k);
      doc.counters = applyDeltas(doc.counters, ds);
      touched.add(k);
    }
    if (before?.kind === 'agreement') {
      const k = yearOf(before);
      if (k >= 1) {
        const doc = await ensure(k);
        delete doc.agreementEntries[before.id];
        touched.add(k);
      }
    }
    if (after.kind === 'agreement' && isCounted(after.status, 'all')) {
      const k = yearOf(after);
      if (k >= 1) {
        const doc = await ensure(k);
        doc.agreementEntries[after.id] = { date: after.date, percent: after.percent, verified: after.status === 'confirmed' };
        touched.add(k);
      }
    }
    if (agreementYears.length > 0) {
      // Recompute the cumulative percent of every year from the earliest one changed up to the
      // latest year that can hold records (no record is dated after today, so no doc is beyond it).
      const from = Math.min(...agreementYears);
      const to = Math.max(yearIndexOf(station.plaqueDate, chinaDateOf(now), settings.yearMode), ...agreementYears);
      let acc = noAgreement;
      for (let j = 1; j <= to; j++) {
        const d = await load(j);
        if (d) {
          acc = accumulateAgreement(d.agreementEntries, acc);
          if (j >= from && (d.agreement.all !== acc.all || d.agreement.verified !== acc.verified)) {
            d.agreement = acc;
            touched.add(j);
          }
        }
      }
    }
    for (const k of touched) {
      const d = docs.get(k);
      if (d) await tables.stationTallies.put(tx, { ...d, updatedAt: now });
    }
  }

  /**
   * The single write path of a record (create when `before` is null): day lock, record, tallies and
   * audit in the caller's transaction.
   */
  async function writeRecord(tx: Tx, before: StationRecord | null, after: StationRecord, sc: StationCtx, ev: WriteEvent): Promise<void> {
    await syncLock(tx, before, after);
    if (before) await tables.records.put(tx, after);
    else await tables.records.insert(tx, after);
    await applyTallies(tx, before, after, sc, ev.now);
    await audit.write(tx, {
      at: ev.now,
      actorId: ev.actorId,
      action: ev.action,
      entity: 'record',
      entityId: after.id,
      // the audit log keeps the distance of a check-in, not the expert's position (issue 11, finding 8)
      before: before && withoutCoordinates(before),
      after: withoutCoordinates(after),
      reason: ev.reason,
    });
  }

  return {
    getRecord: (id: string): Promise<StationRecord | null> => tables.records.get(db, id),
    getRecordTx: (tx: Tx, id: string): Promise<StationRecord | null> => tables.records.get(tx, id),
    writeRecord,
    /**
     * Seeding and imports: write records that are not there yet (by id), each through `writeRecord`,
     * all in one transaction.
     */
    async importRecords(records: readonly StationRecord[], sc: StationCtx, eventOf: (r: StationRecord) => WriteEvent): Promise<void> {
      await inTx(db, async (tx) => {
        for (const r of records) {
          if (await tables.records.get(tx, r.id)) continue;
          await writeRecord(tx, null, r, sc, eventOf(r));
        }
      });
    },
    /** Records of a station (newest date first), filtered by equality. */
    async listRecords(
      where: { stationId: string; status?: RecordStatus; kind?: RecordKind; authorId?: string },
      opts: { limit: number; skip?: number },
    ): Promise<{ records: StationRecord[]; total: number }> {
      const w: Where = { stationId: where.stationId };
      if (where.status) w.status = where.status;
      if (where.kind) w.kind = where.kind;
      if (where.authorId) w.authorId = where.authorId;
      const [records, total] = await Promise.all([
        tables.records.find(db, w, { limit: opts.limit, skip: opts.skip ?? 0, orderBy: { field: 'date', direction: 'desc' } }),
        tables.records.count(db, w),
      ]);
      return { records, total };
    },
    /** An expert's service days across all stations, newest first (the expertId+date index). */
    async daysOfExpert(expertId: string, limit = 200): Promise<StationRecord[]> {
      return tables.records.find(db, { expertId, kind: 'serviceDay' }, { limit, orderBy: { field: 'date', direction: 'desc' } });
    },
    async dayLock(expertId: string, date: ChinaDate): Promise<DayLockDoc | null> {
      return tables.dayLocks.get(db, dayLockId(expertId, date));
    },
    async tally(stationId: string, yearIndex: number): Promise<TallyDoc | null> {
      return tables.stationTallies.get(db, tallyId(stationId, yearIndex));
    },
    /**
     * For readers (the staff dashboard): each station's tally of `yearIndex`. A station with no
     * record in that year yet gets an empty tally whose agreement progress is carried over from
     * its earlier years (第十二条(一) progress is cumulative).
     */
    async talliesFor(stationIds: readonly string[], yearIndex: number): Promise<Map<string, TallyDoc>> {
      const out = new Map<string, TallyDoc>();
      const ids = [...new Set(stationIds)];
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const docs = await pageAll(db, tables.stationTallies, { stationId: { $in: chunk } });
        const byStation = new Map<string, TallyDoc[]>();
        for (const d of docs) byStation.set(d.stationId, [...(byStation.get(d.stationId) ?? []), d]);
        for (const id of chunk) {
          const mine = (byStation.get(id) ?? []).sort((a, b) => a.yearIndex - b.yearIndex);
          const exact = mine.find((d) => d.yearIndex === yearIndex);
          if (exact) {
            out.set(id, exact);
            continue;
          }
          out.set(id, {
            id: tallyId(id, yearIndex),
            stationId: id,
            castUnitId: mine[0]?.castUnitId ?? '',
            yearIndex,
            counters: {},
            agreement: carriedAgreement(mine, yearIndex),
            agreementEntries: {},
            updatedAt: 0,
          });
        }
      }
      return out;
    },
    /**
     * Repair job: recount a station's tallies from its records (paged, ≤ 1000 a page) and overwrite
     * every tally doc of the station. Needed after a programme's assessment settings change (the year
     * mode and traineesPerTraining decide where a record counts). Not transactional against concurrent
     * writes: run it when nobody is logging (e.g. at night), or run it twice.
     */
    async rebuildTallies(stationId: string, now: number): Promise<TallyDoc[]> {
      const st = await tables.stations.get(db, stationId);
      if (!st) throw new AppError('NOT_FOUND', `服务站不存在：${stationId}`);
      const station = { id: stationId, name: st.name, castUnitId: st.castUnitId, plaqueDate: st.plaqueDate };
      const settings = settingsFor(st);
      const records = await pageAll(db, tables.records, { stationId });
      const tally = sumContributions(records, station, settings);
      const docs = new Map<number, TallyDoc>();
      const docOf = (k: number) => {
        let d = docs.get(k);
        if (!d) {
          d = emptyTally(station, k, now);
          docs.set(k, d);
        }
        return d;
      };
      for (const [key, cell] of Object.entries(tally)) {
        const k = Number(key.split('|')[1]);
        docOf(k).counters[key] = cell;
      }
      for (const r of records) {
        if (r.kind !== 'agreement' || !isCounted(r.status, 'all')) continue;
        const k = yearIndexOf(station.plaqueDate, r.date, settings.yearMode);
        if (k >= 1) docOf(k).agreementEntries[r.id] = { date: r.date, percent: r.percent, verified: r.status === 'confirmed' };
      }
      const existing = await pageAll(db, tables.stationTallies, { stationId });
      for (const d of existing) docOf(d.yearIndex);
      const years = [...docs.keys()].sort((a, b) => a - b);
      let acc = noAgreement;
      for (let k = 1; k <= (years[years.length - 1] ?? 0); k++) {
        const d = docs.get(k);
        if (!d) continue;
        acc = accumulateAgreement(d.agreementEntries, acc);
        d.agreement = acc;
      }
      await inTx(db, async (tx) => {
        for (const d of docs.values()) await tables.stationTallies.put(tx, d);
      });
      return years.map((k) => docs.get(k)!);
    },
  };
}
export type StationsRepo = ReturnType<typeof stationsRepo>;
