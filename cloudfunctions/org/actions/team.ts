import type { ParsedInputOf } from '../../../shared/api/define';
import type { OrgApi, Saved } from '../../../shared/api/org';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { currentExpertIds, mayWriteUnits, nextTeam, sameTeam, teamOf, teamWriterRoles } from '../../../shared/rules/org';
import { overseenBy, unitsOfScope } from '../../../shared/rules/oversight';
import type { Uses } from '../../_kernel/router';
import { actorOf, invalid, loadOrg, personReach, replayed } from './org-data';

/**
 * Set a station's expert team with the day each expert joined (and left): membership history, kept
 * in the station's `team`; `expertIds` (which logging, reminders and the dashboard read) is derived
 * from it in the same write — the experts whose period is open. Staff overseeing every unit the station
 * names (city; the county for its own); every expert must be a person the caller's units reach (or one
 * already on this team). Removing someone from the team does not revoke their binding: they simply
 * can no longer log for the station.
 */
export async function setTeam(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<OrgApi['setTeam']>,
): Promise<Saved & { expertIds: string[] }> {
  const { key, result } = await replayed<Saved & { expertIds: string[] }>(ctx, input.requestId);
  if (result) return result;
  const [org, bindings] = await Promise.all([loadOrg(ctx.store), ctx.store.identity.allBindings()]);
  const station = org.stations.find((s) => s.id === input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '服务站不存在');
  if (!mayWriteUnits(ctx.caller.bindings, unitsOfScope({ stationId: station.id }, org.graph).units, org.graph, teamWriterRoles))
    throw new AppError('AUTH.FORBIDDEN');
  const current = teamOf(station);
  const mine = overseenBy(ctx.caller.bindings, teamWriterRoles, org.graph);
  const persons = await Promise.all(input.experts.map((m) => ctx.store.org.person(m.personId)));
  const issues: FieldIssue[] = [];
  persons.forEach((p, i) => {
    if (!p) issues.push({ path: `experts.${i}.personId`, message: '人员不存在' });
    else if (!current.some((m) => m.personId === p.id) && !personReach(p, org, bindings).all.some((u) => mine.has(u)))
      issues.push({ path: `experts.${i}.personId`, message: '该人员不在您的管辖范围内' });
  });
  if (issues.length > 0) throw invalid(issues);
  const now = ctx.clock.now();
  const next = nextTeam(current, input.experts, chinaDateOf(now), input.leftOn);
  if (next.issues.length > 0) throw invalid(next.issues);
  const expertIds = currentExpertIds(next.team);
  if (station.team && sameTeam(current, next.team) && expertIds.join() === station.expertIds.join())
    return { id: station.id, created: false, changed: false, expertIds };
  const actorId = actorOf(ctx);
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      const cur = await ctx.store.org.recordTx(tx, 'station', station.id);
      if (!cur || JSON.stringify(teamOf(cur)) !== JSON.stringify(current)) throw new AppError('CONFLICT.STATE');
      await ctx.store.org.saveRecord(tx, 'station', { ...cur, team: next.team, expertIds }, cur, { actorId, now, action: 'station.team' });
      return { id: station.id, created: false, changed: true, expertIds };
    },
    { replayed: true },
  );
}
