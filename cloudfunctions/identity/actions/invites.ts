import { randomInt } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi, InviteCreated, Me } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/schemas/org';
import type { Ctx } from '../../_kernel/router';
import { castUnitOfScope, requireOversight } from '../../_kernel/scope';
import { describeMe } from './me';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud over the phone
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** What each role's binding must be attached to. */
const requiredScope: Record<Role, 'societyId' | 'stationId' | 'hostUnitId' | 'castUnitId' | null> = {
  secretary: 'societyId',
  expert: 'stationId',
  hostContact: 'stationId',
  countyStaff: 'castUnitId',
  cityStaff: 'castUnitId',
  talentOffice: 'castUnitId',
  reviewer: null,
};
/** Only city staff may create staff bindings; county staff invite people within their county. */
const cityOnlyRoles: Role[] = ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer'];

export async function createInvite(ctx: Ctx, input: ParsedInputOf<IdentityApi['createInvite']>): Promise<InviteCreated> {
  const key = requiredScope[input.role];
  if (key && !input.scope[key]) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: `scope.${key}`, message: '请选择该身份所属的单位' }] });
  }
  const person = await ctx.store.org.person(input.personId);
  if (!person) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'personId', message: '人员不存在' }] });
  const target = (await castUnitOfScope(ctx.store, input.scope)) ?? (input.role === 'reviewer' ? null : undefined);
  if (target === undefined) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'scope', message: '所属单位不存在' }] });
  const staff = cityOnlyRoles.includes(input.role)
    ? ctx.caller.bindings.find((b) => b.role === 'cityStaff')
    : await requireOversight(ctx.store, ctx.caller, target, ['countyStaff', 'cityStaff']);
  if (!staff) throw new AppError('AUTH.FORBIDDEN', '只有市科协工作人员可以邀请该身份');
  if (target && staff.role === 'cityStaff') await requireOversight(ctx.store, ctx.caller, target, ['cityStaff']);
  const now = ctx.clock.now();
  const code = newCode();
  const expiresAt = now + input.validHours * 3600_000;
  await ctx.store.identity.createInvite(
    {
      code,
      role: input.role,
      personId: input.personId,
      scope: input.scope,
      createdBy: staff.personId,
      createdAt: now,
      expiresAt,
      usedAt: null,
      usedBy: null,
    },
    staff.personId,
  );
  return { code, expiresAt };
}

export async function redeemInvite(ctx: Ctx, input: ParsedInputOf<IdentityApi['redeemInvite']>): Promise<Me> {
  const now = ctx.clock.now();
  await ctx.store.identity.redeemInvite(input.code, ctx.caller.openid, now, ctx.caller.personId);
  return describeMe(ctx.store, await ctx.store.identity.activeBindings(ctx.caller.openid));
}
