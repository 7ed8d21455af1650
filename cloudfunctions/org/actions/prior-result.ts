import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { decidePriorResult, priorResultFor, samePriorResult, withPriorResult } from '../../../shared/rules/assessment/prior';
import { mayWriteUnits } from '../../../shared/rules/org';
import { unitsOfScope } from '../../../shared/rules/oversight';
import type { PriorResult } from '../../../shared/schemas/org';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { settingsFor } from '../../_kernel/store/stations';
import { actorOf, invalid, loadOrg, replayed } from './org-data';

/** Who enters prior results: the staff who run the yearly assessment (reports.runAssessment). */
export const priorResultWriterRoles = ['cityStaff'] as const;

/**
 * Enter a prior year's assessment result of a station plaqued before go-live (issue 13 item 6): grade,
 * optional score and days, and its source. Allowed only for a year that ends before go-live
 * (shared/rules/assessment/prior.ts); the same year saved again replaces it; saving the same content again
 * writes nothing. Audited with the station (before/after), idempotent by request id.
 */
export async function savePriorResult(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<OrgApi['savePriorResult']>,
): Promise<Saved & { yearIndex: number }> {
  const { key, result } = await replayed<Saved & { yearIndex: number }>(ctx, input.requestId);
  if (result) return result;
  const org = await loadOrg(ctx.store);
  const station = org.stations.find((s) => s.id === input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '服务站不存在');
  if (!mayWriteUnits(ctx.caller.bindings, unitsOfScope({ stationId: station.id }, org.graph).units, org.graph, priorResultWriterRoles))
    throw new AppError('AUTH.FORBIDDEN');
  const decided = decidePriorResult(station, input.result.year, settingsFor(station).yearMode);
  if (!decided.ok) throw invalid([{ path: decided.path, message: decided.message }]);
  await requireSafeText(ctx, { 'result.source': input.result.source });
  const content = {
    yearIndex: decided.yearIndex,
    year: input.result.year,
    grade: input.result.grade,
    score: input.result.score ?? null,
    days: input.result.days ?? null,
    source: input.result.source,
  };
  if (samePriorResult(priorResultFor(station, decided.yearIndex), content))
    return { id: station.id, created: false, changed: false, yearIndex: decided.yearIndex };
  const actorId = actorOf(ctx);
  const now = ctx.clock.now();
  const entry: PriorResult = { ...content, enteredBy: actorId, enteredAt: now };
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.org.recordTx(tx, 'station', station.id);
      if (!cur || JSON.stringify(cur.priorResults ?? []) !== JSON.stringify(station.priorResults ?? []))
        throw new AppError('CONFLICT.STATE');
      await ctx.store.org.saveRecord(tx, 'station', { ...cur, priorResults: withPriorResult(cur.priorResults, entry) }, cur, {
        actorId,
        now,
        action: 'station.priorResult',
        reason: input.result.source,
      });
      return { id: station.id, created: false, changed: true, yearIndex: decided.yearIndex };
    },
    { replayed: true },
  );
}
