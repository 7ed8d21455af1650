import { randomInt } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi, InviteCreated, Me } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { inviteRefusal } from '../../../shared/rules/oversight';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph } from '../../_kernel/scope';
import { newId } from '../../_kernel/store/audit';
import { describeMe } from './me';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud over the phone
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export async function createInvite(
  ctx: Uses<'store' | 'clock' | 'contentCheck' | 'log' | 'caller'>,
  input: ParsedInputOf<IdentityApi['createInvite']>,
): Promise<InviteCreated> {
  if (input.personId !== undefined && !(await ctx.store.org.person(input.personId))) {
    throw new AppError('INPUT.INVALID', undefined, { issues: [{ path: 'personId', message: '人员不存在' }] });
  }
  // An invite for someone already known binds a new WeChat account to that person's identity: every
  // active binding the person holds must be one the inviter oversees too.
  const held =
    input.personId === undefined
      ? []
      : (await ctx.store.identity.allBindings()).filter((b) => b.personId === input.personId && b.revokedAt === null);
  const graph = await loadOrgGraph(ctx.store, [input.scope, ...held.map((b) => b.scope)]);
  const refused = inviteRefusal(ctx.caller, { role: input.role, scope: input.scope, personId: input.personId ?? null }, graph, held);
  if (refused?.code === 'INPUT.INVALID') throw new AppError('INPUT.INVALID', undefined, { issues: refused.issues });
  if (refused) throw new AppError('AUTH.FORBIDDEN', refused.message);
  const staff = ctx.caller.bindings.find((b) => b.role === 'cityStaff') ?? ctx.caller.bindings.find((b) => b.role === 'countyStaff')!;
  // a new person's name and title are shown to everyone who works with them (H8, issue 11 finding 5)
  if (input.newPerson) await requireSafeText(ctx, { 'newPerson.name': input.newPerson.name, 'newPerson.title': input.newPerson.title });
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

export async function redeemInvite(
  ctx: Uses<'store' | 'clock' | 'caller'>,
  input: ParsedInputOf<IdentityApi['redeemInvite']>,
): Promise<Me> {
  const now = ctx.clock.now();
  await ctx.store.identity.redeemInvite(input.code, ctx.caller.openid, now);
  return describeMe(ctx.store, await ctx.store.identity.activeBindings(ctx.caller.openid));
}
