import type { EntryView } from '../../../shared/api/stations';
import { recordStatusLabels } from '../../../shared/api/stations';
import type { ChinaDate } from '../../../shared/calendar/china-time';
import { frozenRefusal } from '../../../shared/rules/frozen';
import { countInfo } from '../../../shared/rules/logging';
import { recordForReader, withoutCoordinates } from '../../../shared/rules/record-privacy';
import { recordKindLabels, type StationRecord } from '../../../shared/schemas/records';
import type { Uses } from '../../_kernel/router';
import type { Tx } from '../../_kernel/store';
import { isHostOf, type LoadedStation } from './station-access';

/**
 * The answer for one entry, as this caller sees it. The author's name is read through `get` (in the write's
 * transaction, or not). Coordinates of a check-in go to its author on a read (`read: true`) and to no one
 * in a write's answer, which is stored as the request's result (issue 11, finding 8).
 */
export async function viewOf(
  get: (coll: 'persons', id: string) => Promise<{ name: string } | null>,
  ctx: Uses<'caller'>,
  record: StationRecord,
  sc: LoadedStation,
  opts: { read?: boolean; today?: ChinaDate } = {},
): Promise<EntryView> {
  const author = await get('persons', record.authorId);
  const me = ctx.caller.personId;
  // A record of a closed period is frozen (shared/rules/frozen.ts): nobody is offered a change staff alone may make.
  const frozen = opts.today !== undefined && frozenRefusal(record, sc, opts.today) !== null;
  const open = (record.status === 'pending' || record.status === 'disputed') && !frozen;
  return {
    record: opts.read ? recordForReader(record, me) : withoutCoordinates(record),
    count: countInfo(record, sc),
    stationName: sc.station.name,
    authorName: typeof author?.name === 'string' ? author.name : record.authorId,
    kindLabel: recordKindLabels[record.kind],
    statusLabel: recordStatusLabels[record.status],
    canEdit: open && record.authorId === me,
    canConfirm: open && isHostOf(ctx, sc.station) && record.authorId !== me,
    canUndoConfirm: record.status === 'confirmed' && !frozen && isHostOf(ctx, sc.station) && record.authorId !== me,
  };
}

export const txGetter = (ctx: Uses<'store'>, tx: Tx) => (_coll: 'persons', id: string) => ctx.store.org.personTx(tx, id);
export const dbGetter = (ctx: Uses<'store'>) => (_coll: 'persons', id: string) => ctx.store.org.person(id);
