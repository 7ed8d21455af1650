import { randomInt } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi, InviteCreated, Me } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { cityOnly, inviteScopeIssue } from '../../../shared/rules/invites';
import type { Uses } from '../../_kernel/router';
import { castUnitOfScope, oversees, requireOversight } from '../../_kernel/scope';
import { newId } from '../../_kernel/store/audit';
import { describeMe } from './me';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud over the phone
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export async function createInvite(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<IdentityApi['createInvite']>,
): Promise<InviteCreated> {
  const scopeIssue = inviteScopeIssue(input.role, input.scope);
  if (scopeIssue) throw new AppError('INPUT.INVALID', undefined, { issues: [scopeIssue] });
  if (input.personId !== undefined && !(await ctx.store.org.person(input.personId))) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'personId', message: '人员不存在' }] });
  }
  const target = (await castUnitOfScope(ctx.store, input.scope)) ?? (input.role === 'reviewer' ? null : undefined);
  if (target === undefined) throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'scope', message: '所属单位不存在' }] });
  const staff = cityOnly(input.role)
    ? ctx.caller.bindings.find((b) => b.role === 'cityStaff')
    : await requireOversight(ctx.store, ctx.caller, target, ['countyStaff', 'cityStaff']);
  if (!staff) throw new AppError('AUTH.FORBIDDEN', '只有市科协工作人员可以邀请该身份');
  if (target && staff.role === 'cityStaff') await requireOversight(ctx.store, ctx.caller, target, ['cityStaff']);
  if (input.personId !== undefined) await requireMayInvite(ctx, input.personId);
  const now = ctx.clock.now();
  const code = newCode();
  const expiresAt = now + input.validHours * 3600_000;
  const newPerson = input.newPerson
    ? {
        id: newId('p', now),
        name: input.newPerson.name,
        title: input.newPerson.title,
        ...(input.newPerson.mobile ? { mobile: input.newPerson.mobile } : {}),
        societyId: input.scope.societyId,
        hostUnitId: input.scope.hostUnitId,
      }
    : null;
  const personId = newPerson?.id ?? input.personId!;
  await ctx.store.identity.createInvite(
    {
      code,
      role: input.role,
      personId,
      scope: input.scope,
      createdBy: staff.personId,
      createdAt: now,
      expiresAt,
      usedAt: null,
      usedBy: null,
    },
    staff.personId,
    newPerson,
  );
  return { code, expiresAt, personId };
}

/**
 * An invite for someone already known binds a new WeChat account to that person's identity, so it
 * must not let county staff take over a person who works elsewhere: every active binding the
 * person holds must be one the inviter oversees (city staff oversee the whole city).
 */
async function requireMayInvite(ctx: Uses<'store' | 'caller'>, personId: string) {
  const held = (await ctx.store.identity.allBindings()).filter((b) => b.personId === personId && b.revokedAt === null);
  for (const b of held) {
    const unit = await castUnitOfScope(ctx.store, b.scope);
    const overseen = unit === null ? ctx.caller.bindings.some((x) => x.role === 'cityStaff') : await isOverseen(ctx, unit);
    if (!overseen) throw new AppError('AUTH.FORBIDDEN', '该人员已在其他单位绑定身份，请由其所在科协发放邀请码');
  }
}
const isOverseen = async (ctx: Uses<'store' | 'caller'>, unit: string) => {
  for (const b of ctx.caller.bindings)
    if ((b.role === 'countyStaff' || b.role === 'cityStaff') && (await oversees(ctx.store, b, unit))) return true;
  return false;
};

export async function redeemInvite(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<IdentityApi['redeemInvite']>,
): Promise<Me> {
  const now = ctx.clock.now();
  await ctx.store.identity.redeemInvite(input.code, ctx.caller.openid, now);
  return describeMe(ctx.store, await ctx.store.identity.activeBindings(ctx.caller.openid));
}
