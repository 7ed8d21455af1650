import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { getProgramme } from '../../shared/programmes';
import type { Harness } from './handlers';

/**
 * A check of an existing award's unit, for the sweeps that need a check id (redaction, city isolation):
 * a sibling award of the Wuhan programme (checks due from the award date, no budget needed) stored as the
 * awards repository would, its checks listed once by `staff` so they exist. Answers the first check's id.
 */
export async function siblingCheck(h: Harness, awardId: string, staff: string): Promise<string> {
  const base = await h.deps.store.awards.get(awardId);
  if (!base) throw new Error(`no award ${awardId}`);
  const wuhan = getProgramme('wuhan-award')!;
  const { programmeVersion: _pinned, ...rest } = base;
  const doc = {
    ...rest,
    id: `${base.id}-wuhan`,
    applicationId: `${base.applicationId}-wuhan`,
    programmeId: wuhan.id,
    kindId: wuhan.kinds[0]!.id,
  };
  await inTx(h.deps.db, (tx) => tables.awards.insert(tx, doc));
  const r = await h.call('awards', 'listChecks', { awardId: doc.id }, staff);
  if (!r.ok) throw new Error(`listChecks: ${r.error?.code} ${r.error?.message}`);
  return (r.data as { items: { id: string }[] }).items[0]!.id;
}
