import type { ParsedInputOf } from '../../../shared/api/define';
import type { EntryView, StationsApi } from '../../../shared/api/stations';
import { AppError } from '../../../shared/errors';
import { checkInOf, resultDateRefusal } from '../../../shared/rules/logging';
import type { FileRef } from '../../../shared/schemas/common';
import { type RecordKind, type StationRecord, stationRecordSchema } from '../../../shared/schemas/records';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import type { Tx } from '../../_kernel/store';
import { newId } from '../../_kernel/store/audit';
import { requestKey } from '../../_kernel/store/idempotency';
import { viewOf } from './entry-view';
import { checkDate, checkEvidence, type LoadedStation, loadStation, requireActive, requireAuthorRole, todayOf } from './station-access';

type Base = Pick<
  StationRecord,
  'id' | 'stationId' | 'authorId' | 'date' | 'status' | 'note' | 'evidence' | 'createdAt' | 'updatedAt' | 'statusReason'
>;

interface LogCommon {
  requestId: string;
  stationId: string;
  date: string;
  note: string;
  evidence: FileRef[];
}

const notText = new Set(['requestId', 'stationId', 'date', 'resultDate', 'kind']);
/** The free-text fields of a log input (note, topic, place, title, enterprise, problem, outcome …). */
export const textFieldsOf = (input: object, prefix = ''): Record<string, string> => ({
  ...Object.fromEntries(
    Object.entries(input)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && !notText.has(e[0]))
      .map(([k, v]) => [`${prefix}${k}`, v]),
  ),
  // photo names are shown to the team and the host unit too
  ...Object.fromEntries(
    ('evidence' in input && Array.isArray(input.evidence) ? (input.evidence as FileRef[]) : []).map((f, i) => [
      `${prefix}evidence.${i}.name`,
      f.name,
    ]),
  ),
});

/**
 * Write-once for the log actions, optimistic: the request doc is NOT read before the checks (one
 * database request fewer on every first try, the common case: issue 12, requests per action). A retry is
 * still answered with its first result: its transaction fails at a constraint the first attempt took
 * (the day lock, or the request doc's create-only insert) and `store.once` then reads the stored answer;
 * a check that now fails (the window closed since) also looks for a stored answer before refusing.
 * The price is paid by retries only (they run the checks again). Nothing in `prepare` has effects.
 */
async function optimisticOnce<T>(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  requestId: string,
  prepare: () => Promise<(tx: Tx) => Promise<T>>,
): Promise<T> {
  const key = requestKey(ctx, requestId);
  let write: (tx: Tx) => Promise<T>;
  try {
    write = await prepare();
  } catch (e) {
    const prior = await ctx.store.replay<T>(key);
    if (prior !== null) return prior;
    throw e;
  }
  return ctx.store.once(key, ctx.clock.now(), write, { replayed: true });
}

/**
 * One path for every log action: request id seen? → station → who → date rules → photos →
 * (transaction) record + day lock + tallies + audit. `build` adds the kind's own fields.
 */
async function logEntry(
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  kind: RecordKind,
  input: LogCommon,
  build: (base: Base, extra: { today: string; sc: LoadedStation }) => StationRecord,
  extraChecks?: (today: string, sc: LoadedStation) => void,
): Promise<EntryView> {
  return optimisticOnce(ctx, input.requestId, async () => {
    // the host unit matters only to compare a check-in's location with it (logServiceDay)
    const sc = await loadStation(ctx, input.stationId, { hostUnit: 'location' in input && input.location != null });
    const authorId = requireAuthorRole(ctx, sc.station, kind);
    requireActive(sc.station);
    const today = todayOf(ctx);
    checkDate(input.date, kind, sc, today);
    extraChecks?.(today, sc);
    await checkEvidence(ctx, sc.station.id, input.evidence);
    // Text others will read passes WeChat's content check (security.msgSecCheck v2) first.
    await requireSafeText(ctx, textFieldsOf(input));
    // the author's name for the answer, read here rather than inside the transaction (one request fewer in it)
    const author = await ctx.store.org.person(authorId);
    return async (tx) => {
      const now = ctx.clock.now();
      const record = stationRecordSchema.parse(
        build(
          {
            id: newId('rc', now),
            stationId: sc.station.id,
            authorId,
            date: input.date,
            status: 'pending',
            note: input.note,
            evidence: input.evidence,
            createdAt: now,
            updatedAt: now,
            statusReason: '',
          },
          { today, sc },
        ),
      );
      await ctx.store.stations.writeRecord(tx, null, record, sc, { actorId: authorId, action: 'record.create', reason: '', now });
      return viewOf(async () => author, ctx, record, sc);
    };
  });
}

/**
 * 第十二条(二): one expert-day. Today (or a backfilled day within the window, marked as such); with
 * consent, a location check-in compared with the host unit's radius — recorded, never blocking.
 */
export const logServiceDay = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logServiceDay']>,
): Promise<EntryView> =>
  logEntry(ctx, 'serviceDay', input, (base, { today, sc }) => {
    const backfilled = input.date < today;
    const checkIn = checkInOf(input.location, sc.hostUnit?.location ?? null, backfilled);
    return { ...base, kind: 'serviceDay', expertId: base.authorId, backfilled, checkIn };
  });

/** 第十二条(四): every training is recorded; only one with enough trainees counts. */
export const logTraining = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logTraining']>,
) =>
  logEntry(ctx, 'training', input, (base) => ({
    ...base,
    kind: 'training',
    topic: input.topic,
    place: input.place,
    trainees: input.trainees,
  }));

/** 第十二条(三): a study; its result may come with it or later (logResearchResult). */
export const logResearch = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logResearch']>,
) =>
  logEntry(
    ctx,
    'research',
    input,
    (base) => ({
      ...base,
      kind: 'research',
      title: input.title,
      result: input.result,
      resultDate: input.result ? (input.resultDate ?? input.date) : null,
    }),
    (today, sc) => {
      if (input.result && input.resultDate) checkResultDate(input.date, input.resultDate, today, sc);
    },
  );

export const logTackling = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logTackling']>,
) => logEntry(ctx, 'tackling', input, (base) => ({ ...base, kind: 'tackling', title: input.title, partners: input.partners }));

export const logProblem = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logProblem']>,
) =>
  logEntry(ctx, 'problem', input, (base) => ({
    ...base,
    kind: 'problem',
    enterprise: input.enterprise,
    problem: input.problem,
    outcome: input.outcome,
  }));

export const logAchievement = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logAchievement']>,
) =>
  logEntry(ctx, 'achievement', input, (base) => ({
    ...base,
    kind: 'achievement',
    title: input.title,
    recipient: input.recipient,
    method: input.method,
  }));

/** 第十二条(一): the society's secretary reports the agreement's cumulative progress. */
export const logAgreementProgress = (
  ctx: Uses<'store' | 'clock' | 'files' | 'contentCheck' | 'log' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<StationsApi['logAgreementProgress']>,
) => logEntry(ctx, 'agreement', input, (base) => ({ ...base, kind: 'agreement', percent: input.percent }));

/** A research result is dated on or after its study, not in the future, and within its year's window. */
export function checkResultDate(
  studyDate: string,
  resultDate: string,
  today: string,
  sc: LoadedStation,
  path = 'resultDate',
  window = true,
): void {
  checkDate(resultDate, 'research', sc, today, { path, window });
  const refusal = resultDateRefusal(studyDate, resultDate);
  if (refusal) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path, message: refusal }] });
}
