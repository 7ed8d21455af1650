import type { ParsedInputOf } from '../../../shared/api/define';
import type { AuditRow, DayMark, EntryPage, EntryView, MyProgress, StationChoice, StationsApi } from '../../../shared/api/stations';
import { quarterOf, yearIndexOf } from '../../../shared/calendar/periods';
import { AppError } from '../../../shared/errors';
import { type EvaluatedStation, evaluateFromTally } from '../../../shared/rules/assessment/evaluate';
import { projectStation } from '../../../shared/rules/assessment/projection';
import { earliestLoggableDay } from '../../../shared/rules/logging';
import { auditSideWithoutCoordinates } from '../../../shared/rules/record-privacy';
import type { Station } from '../../../shared/schemas/org';
import type { Ctx, Uses } from '../../_kernel/router';
import { isExpertOf } from '../../_kernel/scope';
import { dbGetter, viewOf } from './entry-view';
import { isHostOf, isSecretaryOf, type LoadedStation, loadRecord, loadStation, requireReader, todayOf } from './station-access';

function choiceOf(ctx: Uses<'caller'>, sc: LoadedStation): StationChoice {
  const roles: StationChoice['roles'] = [];
  if (isExpertOf(ctx.caller, sc.station)) roles.push('expert');
  if (isHostOf(ctx, sc.station)) roles.push('hostContact');
  if (isSecretaryOf(ctx, sc.station)) roles.push('secretary');
  return {
    id: sc.station.id,
    name: sc.station.name,
    plaqueDate: sc.station.plaqueDate,
    hostUnitName: sc.hostUnit?.name ?? '',
    hasLocation: Boolean(sc.hostUnit?.location),
    roles,
  };
}

/** The stations the caller logs for or confirms for: expert and host bindings, and the secretary's society's stations. */
export async function myStations(ctx: Uses<'store' | 'caller'>): Promise<StationChoice[]> {
  const ids: string[] = [];
  for (const b of ctx.caller.bindings) {
    if ((b.role === 'expert' || b.role === 'hostContact') && b.scope.stationId) ids.push(b.scope.stationId);
    if (b.role === 'secretary' && b.scope.societyId)
      ids.push(...(await ctx.store.org.stations({ societyId: b.scope.societyId })).map((s) => s.id));
  }
  const out: StationChoice[] = [];
  for (const id of [...new Set(ids)]) {
    const sc = await loadStation(ctx, id).catch(() => null);
    if (sc) {
      const c = choiceOf(ctx, sc);
      if (c.roles.length > 0) out.push(c);
    }
  }
  return out;
}

export async function listEntries(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<StationsApi['listEntries']>,
): Promise<EntryPage> {
  const sc = await loadStation(ctx, input.stationId);
  await requireReader(ctx, sc.station);
  const where: Parameters<Ctx['store']['stations']['listRecords']>[0] = { stationId: sc.station.id };
  if (input.kind) where.kind = input.kind;
  if (input.scope === 'mine') {
    if (!ctx.caller.personId) throw new AppError('AUTH.FORBIDDEN');
    where.authorId = ctx.caller.personId;
  }
  if (input.scope === 'pending') where.status = 'pending';
  const { records, total } = await ctx.store.stations.listRecords(where, { limit: input.limit, skip: input.skip });
  const get = dbGetter(ctx);
  const today = todayOf(ctx);
  return { entries: await Promise.all(records.map((r) => viewOf(get, ctx, r, sc, { read: true, today }))), total };
}

/** One entry, as the caller sees it (the edit form loads it). */
export async function getEntry(ctx: Uses<'store' | 'clock' | 'caller'>, input: ParsedInputOf<StationsApi['getEntry']>): Promise<EntryView> {
  const { record, ...sc } = await loadRecord(ctx, input.recordId);
  await requireReader(ctx, sc.station);
  return viewOf(dbGetter(ctx), ctx, record, sc, { read: true, today: todayOf(ctx) });
}

/** Every change of an entry, oldest first: who, when, before, after, reason. */
export async function entryHistory(ctx: Uses<'store' | 'caller'>, input: ParsedInputOf<StationsApi['entryHistory']>): Promise<AuditRow[]> {
  const { station } = await loadRecord(ctx, input.recordId);
  await requireReader(ctx, station);
  const events = await ctx.store.audit.forEntity('record', input.recordId);
  const names = new Map<string, string>();
  for (const e of events) {
    if (!names.has(e.actorId)) names.set(e.actorId, (await ctx.store.org.person(e.actorId))?.name ?? e.actorId);
  }
  return events.map((e) => ({
    at: e.at,
    actorId: e.actorId,
    actorName: names.get(e.actorId) ?? e.actorId,
    action: e.action,
    // events written before coordinates were kept out of the audit log lose them here
    before: auditSideWithoutCoordinates(e.before),
    after: auditSideWithoutCoordinates(e.after),
    reason: e.reason,
  }));
}

const evaluated = (s: Station): EvaluatedStation => ({
  id: s.id,
  plaqueDate: s.plaqueDate,
  expertIds: s.expertIds,
  termYears: s.termYears,
  // issue 13 item 6: nothing asked before go-live or outside the expert's membership (assessment/coverage.ts)
  goLiveDate: s.goLiveDate,
  team: s.team,
});

/**
 * My progress: this quarter's and this year's days against 第十二条(二) (from the station's tally, no
 * record scan), the days still needed and the working days left in the quarter, the backfill window,
 * and the station's clause-by-clause state on all entries with the verified figures alongside.
 */
export async function myProgress(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<StationsApi['myProgress']>,
): Promise<MyProgress> {
  const stationId =
    input.stationId ??
    ctx.caller.bindings.find((b) => b.role === 'expert' && b.scope.stationId)?.scope.stationId ??
    ctx.caller.bindings.find((b) => b.role === 'hostContact' && b.scope.stationId)?.scope.stationId ??
    (await myStations(ctx))[0]?.id;
  if (!stationId) throw new AppError('NOT_FOUND', '您还没有关联的服务站');
  const sc = await loadStation(ctx, stationId);
  await requireReader(ctx, sc.station);
  const { station, settings } = sc;
  const today = todayOf(ctx);
  const me = ctx.caller.personId;
  const onTeam = isExpertOf(ctx.caller, station);
  // the window starts no earlier than go-live and, for a team member, the day they joined (logging.ts)
  const earliest = earliestLoggableDay(sc, today, onTeam ? me : null);

  // The caller's own days in the window, across stations (the one-day-per-date rule spans stations).
  const recentDays: DayMark[] = [];
  if (onTeam && me) {
    const days = await ctx.store.stations.daysOfExpert(me, 200);
    const names = new Map<string, string>([[station.id, station.name]]);
    for (const d of days) {
      if (d.kind !== 'serviceDay' || d.date < earliest || d.status === 'withdrawn') continue;
      if (!names.has(d.stationId)) names.set(d.stationId, (await ctx.store.org.station(d.stationId))?.name ?? d.stationId);
      recentDays.push({
        date: d.date,
        recordId: d.id,
        stationId: d.stationId,
        stationName: names.get(d.stationId) ?? '',
        status: d.status,
        backfilled: d.backfilled,
      });
    }
  }

  const k = yearIndexOf(station.plaqueDate, today, settings.yearMode);
  const base = {
    station: choiceOf(ctx, sc),
    now: ctx.clock.now(),
    today,
    window: { earliest, latest: today, backfillDaysAfterQuarter: settings.backfillDaysAfterQuarter },
    recentDays,
  };
  if (k < 1) {
    // Before the plaque date there is nothing to assess yet.
    return {
      ...base,
      yearIndex: 0,
      mine: null,
      requirements: [],
      clauses: [],
      score: { all: 0, verified: 0 },
      grade: { all: '不合格', verified: '不合格' },
      provisional: true,
      note: '',
    };
  }
  const tally = (await ctx.store.stations.talliesFor([station.id], k)).get(station.id)!;
  const es = evaluated(station);
  const all = evaluateFromTally(es, tally.counters, tally.agreement, k, settings, today, 'all');
  const verified = evaluateFromTally(es, tally.counters, tally.agreement, k, settings, today, 'verified');
  let mine: MyProgress['mine'] = null;
  let note = '';
  if (onTeam && me) {
    const proj = projectStation(es, tally.counters, tally.agreement, k, settings, today, 'all', await ctx.store.holidays.calendar());
    note = proj.note;
    const e = all.experts.find((x) => x.expertId === me);
    const p = proj.experts.find((x) => x.expertId === me);
    const cq = quarterOf(station.plaqueDate, today, settings.yearMode);
    const q = e?.quarters.find((x) => x.quarter === cq?.quarter);
    if (e && p && q) {
      mine = {
        quarter: {
          quarter: q.quarter,
          start: q.start,
          end: q.end,
          days: q.days,
          verifiedDays: q.verifiedDays,
          required: q.required,
          stillNeeded: Math.max(0, q.required - q.days),
          workingDaysLeft: p.workingDaysLeftInQuarter,
          calendarDaysLeft: p.calendarDaysLeftInQuarter,
          willMiss: p.willMissQuarter,
        },
        year: {
          yearIndex: k,
          start: all.start,
          end: all.end,
          days: e.year.days,
          verifiedDays: e.year.verifiedDays,
          required: e.year.required,
          stillNeeded: Math.max(0, e.year.required - e.year.days),
        },
      };
    }
  }
  return {
    ...base,
    yearIndex: k,
    mine,
    requirements: all.requirements,
    clauses: all.clauses,
    score: { all: all.score, verified: verified.score },
    grade: { all: all.grade, verified: verified.grade },
    provisional: all.provisional,
    note,
  };
}
