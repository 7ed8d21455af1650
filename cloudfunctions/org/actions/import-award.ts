import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { chinaDateOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { getProgramme } from '../../../shared/programmes';
import { decideAwardImport } from '../../../shared/rules/award-import';
import { issuingUnitOf } from '../../../shared/rules/offer';
import { mayWriteUnits } from '../../../shared/rules/org';
import { unitsOfScope } from '../../../shared/rules/oversight';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { societyQuotaId } from '../../_kernel/store/applications';
import { actorOf, invalid, loadOrg, replayed } from './org-data';

/** Who imports awards: city staff (the city recognises stations and awards its programmes). */
export const awardImportRoles = ['cityStaff'] as const;

/**
 * Import an award made before go-live at its stage (issue 13 item 6): read the programme, the units and the
 * station named → decide (shared/rules/award-import.ts) → write the awarded application, its society-quota
 * entry and the station's link in one transaction, audited. The same award again (same programme, kind,
 * applicant and award year) changes nothing.
 */
export async function importAward(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>,
  input: ParsedInputOf<OrgApi['importAward']>,
): Promise<Saved> {
  const { key, result } = await replayed<Saved>(ctx, input.requestId);
  if (result) return result;
  const a = input.award;
  const programme = getProgramme(a.programmeId);
  if (!programme) throw invalid([{ path: 'award.programmeId', message: '项目不存在' }]);
  const org = await loadOrg(ctx.store);
  const society = a.societyId ? org.graph.societies.get(a.societyId) : undefined;
  if (a.societyId && !society) throw invalid([{ path: 'award.societyId', message: '学会不存在' }]);
  const host = a.hostUnitId ? org.graph.hostUnits.get(a.hostUnitId) : undefined;
  if (a.hostUnitId && !host) throw invalid([{ path: 'award.hostUnitId', message: '建站单位不存在' }]);
  const castUnitId = host?.castUnitId ?? society?.castUnitId;
  if (!castUnitId) throw invalid([{ path: 'award.societyId', message: '请选择获得该项目的学会' }]);
  const units = unitsOfScope({ societyId: a.societyId, hostUnitId: a.hostUnitId }, org.graph).units;
  if (!mayWriteUnits(ctx.caller.bindings, units, org.graph, awardImportRoles)) throw new AppError('AUTH.FORBIDDEN');
  // a district programme (issue 16 item 4) is only ever awarded under its issuing county
  if (programme.scope.level === 'district' && !issuingUnitOf(programme, castUnitId, new Map(org.castUnits.map((u) => [u.id, u] as const))))
    throw invalid([
      {
        path: 'award.societyId',
        message: `该项目由${programme.scope.district}科协发布，只能录入${programme.scope.district}所辖单位获得的认定`,
      },
    ]);
  const station = a.stationId ? (org.stations.find((s) => s.id === a.stationId) ?? null) : null;
  const now = ctx.clock.now();
  const actorId = actorOf(ctx);
  const decided = decideAwardImport(programme, a, { today: chinaDateOf(now), now, actorId, castUnitId, station });
  if (!decided.ok) throw invalid(decided.issues);
  const app = decided.application;
  if (await ctx.store.applications.get(app.id)) return { id: app.id, created: false, changed: false };
  await requireSafeText(ctx, { 'award.title': a.title, 'award.source': a.source });
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const t = ctx.store.applications.tx(tx);
      if (await t.getApp(app.id)) return { id: app.id, created: false, changed: false };
      await t.insertApp(app);
      if (decided.quotaEntry && a.societyId) {
        const quota = await t.getQuota(societyQuotaId(a.societyId));
        if (!quota.entries.some((e) => e.applicationId === app.id))
          await t.putQuota({ ...quota, entries: [...quota.entries, decided.quotaEntry] });
      }
      if (station && station.applicationId !== app.id) {
        const cur = await ctx.store.org.recordTx(tx, 'station', station.id);
        if (!cur || cur.applicationId !== station.applicationId) throw new AppError('CONFLICT.STATE');
        await ctx.store.org.saveRecord(tx, 'station', { ...cur, applicationId: app.id }, cur, {
          actorId,
          now,
          action: 'station.award.import',
          reason: a.source,
        });
      }
      await t.audit({
        at: now,
        actorId,
        action: 'application.import',
        entity: 'application',
        entityId: app.id,
        before: null,
        after: app,
        reason: a.source,
      });
      return { id: app.id, created: true, changed: true };
    },
    { replayed: true },
  );
}
