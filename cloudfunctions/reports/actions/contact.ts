import type { ParsedInputOf } from '../../../shared/api/define';
import type { ExpertContact, ReportsApi } from '../../../shared/api/reports';
import { AppError } from '../../../shared/errors';
import type { Uses } from '../../_kernel/router';
import { requireOversight } from '../../_kernel/scope';

/**
 * The phone number of one expert of a station, for the staff who oversee it — the dashboard's "call" next to an
 * expert who is behind (issue 15, finding 11). No list carries mobiles (the redaction suite holds every read to
 * that); a number is given one at a time, only for a current member of a station the caller oversees, and each
 * look-up is audited (who asked for whose number, when), so the exposure is deliberate and accountable.
 */
export async function expertContact(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<ReportsApi['expertContact']>,
): Promise<ExpertContact> {
  const station = await ctx.store.org.station(input.stationId);
  if (!station) throw new AppError('NOT_FOUND', '找不到该服务站');
  await requireOversight(ctx.store, ctx.caller, station.castUnitId);
  // the same answer for "not on this team" and "no such person": a number is never looked up by id alone
  if (!station.expertIds.includes(input.personId)) throw new AppError('NOT_FOUND', '该专家不在本站团队中');
  const person = await ctx.store.org.person(input.personId);
  if (!person) throw new AppError('NOT_FOUND', '该专家不在本站团队中');
  if (!person.mobile) throw new AppError('NOT_FOUND', `${person.name}没有登记手机号码`);
  const now = ctx.clock.now();
  const actorId = ctx.caller.personId ?? ctx.caller.openid;
  // one audit event per look-up (a fresh key: a read has no request id to replay)
  await ctx.store.once(`reports.expertContact:${actorId}:${person.id}:${now}:${Math.random().toString(36).slice(2, 8)}`, now, (tx) =>
    ctx.store.audit.write(tx, {
      at: now,
      actorId,
      action: 'contact.reveal',
      entity: 'person',
      entityId: person.id,
      before: null,
      after: { stationId: station.id },
      reason: '工作台联系未达标专家',
    }),
  );
  return { personId: person.id, name: person.name, mobile: person.mobile };
}
