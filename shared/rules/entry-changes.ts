import type { ChinaDate } from '../calendar/china-time';
import type { ErrorCode, FieldIssue } from '../errors';
import type { Station } from '../schemas/org';
import type { RecordKind, StationRecord } from '../schemas/records';

/**
 * Who may change a station entry in which state (第十二条 records are verified by the host unit;
 * nothing is deleted): the author edits or withdraws an entry not yet confirmed; the host-unit
 * contact confirms or disputes someone else's entry once; a research result is added to a study
 * that is not withdrawn; a de-listed station logs nothing more. Each returns the refusal, or null.
 */

/** Why a change is refused: the error code, its message (the code's own when absent), the marked field. */
export interface EntryRefusal {
  code: Extract<ErrorCode, 'AUTH.FORBIDDEN' | 'STATION.ENTRY_LOCKED' | 'STATION.PERIOD_CLOSED' | 'CONFLICT.STATE' | 'INPUT.INVALID'>;
  message?: string;
  issues?: FieldIssue[];
}

type EntryState = Pick<StationRecord, 'authorId' | 'status'>;

/** A de-listed (已摘牌) station takes no more entries. */
export const loggingRefusal = (station: Pick<Station, 'status'>): EntryRefusal | null =>
  station.status === 'delisted'
    ? { code: 'CONFLICT.STATE', message: '该服务站已摘牌，不能再登记' }
    : station.status === 'closed'
      ? { code: 'CONFLICT.STATE', message: '该服务站已撤销，不能再登记' }
      : null;

/** The author edits or withdraws their own entry while it is pending or disputed. */
export function authorChangeRefusal(r: EntryState, me: string): EntryRefusal | null {
  if (r.authorId !== me) return { code: 'AUTH.FORBIDDEN', message: '只能修改或撤回自己登记的记录' };
  if (r.status === 'confirmed') return { code: 'STATION.ENTRY_LOCKED' };
  if (r.status === 'withdrawn') return { code: 'CONFLICT.STATE', message: '该记录已撤回；如需登记请重新填写' };
  return null;
}

/** An edit keeps the entry's kind. */
export const kindChangeRefusal = (recordKind: RecordKind, entryKind: RecordKind): EntryRefusal | null =>
  recordKind === entryKind ? null : { code: 'INPUT.INVALID', issues: [{ path: 'entry.kind', message: '不能改变记录的类别' }] };

/** The host-unit contact confirms or disputes an entry someone else logged, once; a disputed entry may still be confirmed. */
export function confirmRefusal(r: EntryState, me: string, decision: 'confirm' | 'dispute'): EntryRefusal | null {
  if (r.authorId === me) return { code: 'AUTH.FORBIDDEN', message: '不能确认自己登记的记录' };
  if (r.status === 'confirmed') return { code: 'STATION.ENTRY_LOCKED', message: '该记录已确认；如需更正请联系科协工作人员' };
  if (r.status === 'withdrawn') return { code: 'CONFLICT.STATE', message: '该记录已被登记人撤回' };
  if (r.status === 'disputed' && decision === 'dispute') return { code: 'CONFLICT.STATE', message: '该记录已标记为有异议' };
  return null;
}

/**
 * The host-unit contact takes back a confirmation (确认撤销) while the period is open (the frozen rule
 * is checked by the caller): only a confirmed entry, never the contact's own; it goes back to pending.
 */
export function unconfirmRefusal(r: EntryState, me: string): EntryRefusal | null {
  if (r.authorId === me) return { code: 'AUTH.FORBIDDEN', message: '不能处理自己登记的记录' };
  if (r.status !== 'confirmed') return { code: 'CONFLICT.STATE', message: '该记录不是“已确认”状态，无需撤销' };
  return null;
}

/** Bulk confirmation: at most this many entries per call (the client loops, with progress, and can resume). */
export const CONFIRM_MANY_MAX = 10;

export type ResearchRecord = Extract<StationRecord, { kind: 'research' }>;

/** 第十二条(三): a result is added to a study (a research entry) that is not withdrawn — the study, or the refusal. */
export function studyForResult(r: StationRecord): { study: ResearchRecord; refusal: null } | { study: null; refusal: EntryRefusal } {
  if (r.kind !== 'research')
    return { study: null, refusal: { code: 'INPUT.INVALID', issues: [{ path: 'recordId', message: '该记录不是调研记录' }] } };
  if (r.status === 'withdrawn') return { study: null, refusal: { code: 'CONFLICT.STATE', message: '该调研记录已撤回' } };
  return { study: r, refusal: null };
}

/** The research entry with its result: back to pending, and a confirmed study says why it needs confirming again. */
export function withResearchResult(before: ResearchRecord, result: string, resultDate: ChinaDate): ResearchRecord {
  return {
    ...before,
    result,
    resultDate,
    status: 'pending',
    statusReason: before.status === 'confirmed' ? '补充了调研成果，待建站单位再次确认' : '',
  };
}

/**
 * The entry with the form's fields replacing its own, kind-specific derived fields recomputed:
 * a service day moved to another date is backfilled when that date is before today and loses its
 * check-in (it said something about the old date only); a research entry's result date defaults to
 * its date, and is cleared without a result.
 */
export function withEntryFields(rec: StationRecord, entry: { kind: RecordKind } & Partial<StationRecord>, today: ChinaDate): StationRecord {
  const { kind: _kind, ...fields } = entry;
  const next = { ...rec, ...fields } as StationRecord;
  if (next.kind === 'serviceDay' && rec.kind === 'serviceDay' && next.date !== rec.date) {
    next.backfilled = next.date < today;
    next.checkIn = null;
  }
  if (next.kind === 'research') next.resultDate = next.result ? (next.resultDate ?? next.date) : null;
  return next;
}
