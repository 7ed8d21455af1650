import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { IdentityApi, InviteCreated, Me } from '../../../shared/api/identity';
import { AppError } from '../../../shared/errors';
import { inviteScopeFor } from '../../../shared/rules/invites';
import { bootstrapCity, nameKey, PLACEHOLDER_ADMIN } from '../../../shared/rules/org';
import { inviteRefusal } from '../../../shared/rules/oversight';
import { requireSafeText } from '../../_kernel/content';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph } from '../../_kernel/scope';
import { newId } from '../../_kernel/store/audit';
import { describeMe } from './me';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: read aloud over the phone
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
/** A fresh code in the invite format (the local host prints one as the first-administrator code). */
export const newInviteCode = newCode;

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
  // a reviewer is invited for a city: the inviter's, unless named (shared/rules/invites.ts)
  const scope = inviteScopeFor(input.role, input.scope, ctx.caller.bindings);
  const graph = await loadOrgGraph(ctx.store, [scope, ...held.map((b) => b.scope)]);
  const refused = inviteRefusal(ctx.caller, { role: input.role, scope, personId: input.personId ?? null }, graph, held);
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
        societyId: scope.societyId,
        hostUnitId: scope.hostUnitId,
        ...(input.role === 'reviewer' && scope.castUnitId ? { castUnitId: scope.castUnitId } : {}),
      }
    : null;
  const personId = newPerson?.id ?? input.personId!;
  await ctx.store.identity.createInvite(
    {
      code,
      role: input.role,
      personId,
      scope,
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
  ctx: Uses<'store' | 'clock' | 'caller' | 'bootstrap'>,
  input: ParsedInputOf<IdentityApi['redeemInvite']>,
): Promise<Me> {
  const now = ctx.clock.now();
  const boot = ctx.bootstrap?.current() ?? null;
  if (boot && sameCode(input.code, boot.code)) await redeemBootstrap(ctx, boot, now);
  else await ctx.store.identity.redeemInvite(input.code, ctx.caller.openid, now);
  return describeMe(ctx.store, await ctx.store.identity.activeBindings(ctx.caller.openid));
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
/** Constant-time comparison of two codes (their hashes), so timing tells nothing about the secret. */
const sameCode = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

/**
 * The first administrator (issue 13): the bootstrap code from the function's environment, entered like
 * an invite code, makes the caller city staff of the city it names (created when absent). Once per
 * code: the write runs in store.once keyed by the code's hash (the code itself is never stored), so a
 * second redemption — or the loser of two at once — finds the winner's record and is refused as a used
 * invite; the winner retrying gets its own answer back. A new code in the environment opens it again,
 * once (a lost phone, a second city's first administrator).
 */
async function redeemBootstrap(ctx: Uses<'store' | 'clock' | 'caller'>, boot: { code: string; city: string }, now: number) {
  const codeHash = sha256(`bootstrap:${boot.code}`).toString('hex');
  const units = await ctx.store.org.castUnits();
  const derived = `cu_${sha256(`city:${nameKey(boot.city || '')}`)
    .toString('hex')
    .slice(0, 24)}`;
  const city = bootstrapCity(units, boot.city, derived);
  const legacy = await ctx.store.identity.activeBindings(ctx.caller.openid);
  const done = await ctx.store.once(`identity.bootstrap:${codeHash}`, now, (tx) =>
    ctx.store.identity.bootstrapAdmin(tx, {
      codeHash,
      openid: ctx.caller.openid,
      now,
      city: { id: city.id, name: city.name, kind: 'city', parentId: null },
      cityExists: city.exists,
      newPerson: { id: newId('p', now), name: PLACEHOLDER_ADMIN, title: '', societyId: null, hostUnitId: null, castUnitId: city.id },
      legacy,
    }),
  );
  const binding = await ctx.store.identity.getBinding(done.bindingId);
  if (binding?.openid !== ctx.caller.openid) throw new AppError('INVITE.USED');
}
