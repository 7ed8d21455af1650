import fc from 'fast-check';
import { settingsFor } from '../../cloudfunctions/_kernel/store/stations';
import { addDays, libraryCalendar } from '../../shared/calendar';
import { evaluateStation, projectStationFromRecords } from '../../shared/rules/assessment';
import { makeDeps } from '../support/handlers';
import { recordsOf } from './reports-fixtures';

/**
 * Property: after ANY sequence of logging, editing, withdrawing, confirming, disputing and staff
 * corrections through the real `stations` function, (1) the tallies kept in the write transactions
 * equal a from-scratch rebuild from the records, and (2) what staff read on the dashboard and the
 * station detail (computed from the tallies only) equals a from-scratch evaluation of the records.
 * Today is 2026-11-20; st-agri-heshan's Q4 runs 2026-09-26 … 2026-12-25, so every date below is loggable.
 */
const STATION = 'st-agri-heshan';
const TODAY = '2026-11-20';
const dateAt = (off: number) => addDays('2026-09-26', off); // 0..55 → 2026-09-26 … 2026-11-20

type Op =
  | { t: 'day'; expert: number; off: number }
  | { t: 'training'; expert: number; off: number; trainees: number }
  | { t: 'decide'; idx: number; confirm: boolean }
  | { t: 'withdraw'; idx: number }
  | { t: 'edit'; idx: number; off: number }
  | { t: 'correct'; idx: number; status: 'pending' | 'confirmed' | 'disputed' | 'withdrawn' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant('day' as const), expert: fc.integer({ min: 1, max: 5 }), off: fc.integer({ min: 0, max: 55 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('training' as const),
      expert: fc.integer({ min: 1, max: 5 }),
      off: fc.integer({ min: 0, max: 55 }),
      trainees: fc.integer({ min: 30, max: 80 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('decide' as const), idx: fc.nat(), confirm: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), idx: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('edit' as const), idx: fc.nat(), off: fc.integer({ min: 0, max: 55 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('correct' as const),
      idx: fc.nat(),
      status: fc.constantFrom('pending' as const, 'confirmed' as const, 'disputed' as const, 'withdrawn' as const),
    }),
  },
);

let rid = 0;
const requestId = () => `req-recount-${++rid}`;

describe('tallies and the staff reports agree with a from-scratch recount', () => {
  it('after random sequences of log / edit / withdraw / confirm / dispute / correct', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const h = await makeDeps({ now: `${TODAY}T10:00:00+08:00` });
        try {
          const made: Array<{ id: string; author: string }> = [];
          let changed = 0;
          for (const o of ops) {
            const pick = (i: number) => made[i % Math.max(1, made.length)];
            let r: { ok: boolean; data?: any } | null = null;
            if (o.t === 'day') {
              const who = `p-exp-agri-${o.expert}`;
              r = await h.call('stations', 'logServiceDay', { requestId: requestId(), stationId: STATION, date: dateAt(o.off) }, who);
              if (r.ok) made.push({ id: r.data.record.id, author: who });
            } else if (o.t === 'training') {
              const who = `p-exp-agri-${o.expert}`;
              r = await h.call(
                'stations',
                'logTraining',
                { requestId: requestId(), stationId: STATION, date: dateAt(o.off), topic: '培训', place: '赫山', trainees: o.trainees },
                who,
              );
              if (r.ok) made.push({ id: r.data.record.id, author: who });
            } else if (made.length > 0) {
              const m = pick(o.idx)!;
              if (o.t === 'decide') {
                r = await h.call(
                  'stations',
                  'confirmEntry',
                  {
                    requestId: requestId(),
                    recordId: m.id,
                    decision: o.confirm ? 'confirm' : 'dispute',
                    reason: o.confirm ? '' : '未见到专家',
                  },
                  'p-host-heshan',
                );
              } else if (o.t === 'withdraw') {
                r = await h.call('stations', 'withdrawEntry', { requestId: requestId(), recordId: m.id, reason: '登记错了' }, m.author);
              } else if (o.t === 'edit') {
                const rec = await h.deps.store.stations.getRecord(m.id);
                const entry =
                  rec?.kind === 'training'
                    ? {
                        kind: 'training',
                        date: dateAt(o.off),
                        note: '',
                        evidence: [],
                        topic: rec.topic,
                        place: rec.place,
                        trainees: rec.trainees,
                      }
                    : { kind: 'serviceDay', date: dateAt(o.off), note: '改期', evidence: [] };
                r = await h.call('stations', 'editEntry', { requestId: requestId(), recordId: m.id, entry }, m.author);
              } else {
                r = await h.call(
                  'stations',
                  'correctEntry',
                  { requestId: requestId(), recordId: m.id, status: o.status, reason: '科协核实后更正' },
                  'p-heshan-staff',
                );
              }
            }
            if (r?.ok) changed++;
          }

          const station = (await h.deps.store.org.station(STATION))!;
          const settings = settingsFor(station);
          const ev = { id: station.id, plaqueDate: station.plaqueDate, expertIds: station.expertIds, termYears: station.termYears };
          const records = await recordsOf(h, STATION);

          // (1) the incremental tallies equal a rebuild from the records
          const kept = await h.deps.store.stations.tally(STATION, 1);
          const rebuilt = (await h.deps.store.stations.rebuildTallies(STATION, h.clock.now())).find((d) => d.yearIndex === 1);
          expect(kept?.counters ?? {}).toEqual(rebuilt?.counters ?? {});
          expect(kept?.agreement ?? { all: 0, verified: 0 }).toEqual(rebuilt?.agreement ?? { all: 0, verified: 0 });

          // (2) the dashboard and the detail equal a from-scratch evaluation of the records
          const all = evaluateStation(ev, records, 1, settings, TODAY, 'all');
          const verified = evaluateStation(ev, records, 1, settings, TODAY, 'verified');
          const projected = projectStationFromRecords(ev, records, 1, settings, TODAY, 'all', libraryCalendar);
          const dash = await h.call('reports', 'dashboard', { filters: { castUnitId: 'cast-heshan' } }, 'p-city-staff');
          const row = dash.data.rows.find((x: any) => x.stationId === STATION);
          expect(row.score).toBe(all.score);
          expect(row.grade).toBe(all.grade);
          expect(row.projectedScore).toBe(projected.projectedScore);
          expect(row.clauses.map((c: any) => [c.clause, c.earned, c.status])).toEqual(
            all.clauses.map((c) => [c.clause, c.earned, c.status]),
          );
          const detail = (await h.call('reports', 'stationDetail', { stationId: STATION }, 'p-city-staff')).data;
          expect(detail.evaluation.scoreVerified).toBe(verified.score);
          for (const e of all.experts) {
            const shown = detail.experts.find((x: any) => x.expertId === e.expertId);
            expect(shown.quarters.map((q: any) => [q.days, q.verifiedDays])).toEqual(e.quarters.map((q) => [q.days, q.verifiedDays]));
          }
          const q4 = detail.chart.find((c: any) => c.label === '第1年Q4');
          const q4Days = records.filter(
            (x) => x.kind === 'serviceDay' && x.date >= '2026-09-26' && (x.status === 'pending' || x.status === 'confirmed'),
          );
          expect(q4.all).toBe(q4Days.length);
          expect(q4.verified).toBe(q4Days.filter((x) => x.status === 'confirmed').length);
          // not vacuous: most sequences change something (a refused step, e.g. withdrawing a confirmed day, is part of the test)
          return changed > 0 || ops.every((o) => o.t !== 'day' && o.t !== 'training');
        } finally {
          await h.close();
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
