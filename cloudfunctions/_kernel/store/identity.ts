import { AppError } from '../../../shared/errors';
import type { Invite, Person, RoleBinding } from '../../../shared/schemas/org';
import type { Db } from '../db/port';
import { type AuditRepo, newId } from './audit';
import type { OrgRepo } from './org';
import { tables } from './tables';
import { inTx } from './tx';

/** Role bindings and invites (collections `bindings`, `invites`): their one writer. */
export function identityRepo(db: Db, audit: AuditRepo, org: OrgRepo) {
  const { setTeamMember } = org;
  return {
    async activeBindings(openid: string): Promise<RoleBinding[]> {
      return tables.bindings.find(db, { openid, revokedAt: null }, { limit: 100, orderBy: { field: 'createdAt', direction: 'asc' } });
    },
    async allBindings(limit = 1000): Promise<RoleBinding[]> {
      return tables.bindings.find(db, {}, { limit, orderBy: { field: 'createdAt', direction: 'asc' } });
    },
    async getBinding(id: string): Promise<RoleBinding | null> {
      return tables.bindings.get(db, id);
    },
    /** The invite, and the new person it names (if any), in one transaction. */
    async createInvite(invite: Invite, actorId: string, newPerson: Person | null = null): Promise<void> {
      const { code, ...rest } = invite;
      await inTx(db, async (tx) => {
        if (newPerson) await org.insertPerson(tx, newPerson);
        await tables.invites.insert(tx, invite);
        await audit.write(tx, {
          at: invite.createdAt,
          actorId,
          action: 'invite.create',
          entity: 'invite',
          entityId: code,
          before: null,
          after: rest,
          reason: '',
        });
      });
    },
    /**
     * Single use: the invite is marked used in the same transaction that creates the binding.
     * `boundPersonId`: the person the caller's OPENID is already bound to (active bindings), if any —
     * one WeChat account is one person, so an invite issued to someone else is refused.
     */
    async redeemInvite(code: string, openid: string, now: number, boundPersonId: string | null = null): Promise<RoleBinding> {
      return inTx(db, async (tx) => {
        const inv = await tables.invites.get(tx, code);
        if (!inv) throw new AppError('INVITE.NOT_FOUND');
        if (inv.usedAt !== null) throw new AppError('INVITE.USED');
        if (inv.expiresAt <= now) throw new AppError('INVITE.EXPIRED');
        if (boundPersonId !== null && inv.personId !== boundPersonId)
          throw new AppError('AUTH.FORBIDDEN', '该邀请码是发给其他人员的；您的微信已绑定本人身份，不能再绑定为他人');
        const binding: RoleBinding = {
          id: newId('bd', now),
          openid,
          personId: inv.personId,
          role: inv.role,
          scope: inv.scope,
          createdAt: now,
          createdBy: inv.createdBy,
          revokedAt: null,
          revokedBy: null,
        };
        await tables.invites.put(tx, { ...inv, usedAt: now, usedBy: openid });
        await tables.bindings.insert(tx, binding);
        // An expert invited to a station joins its expert team (第七条: the team the assessment counts).
        if (inv.role === 'expert' && inv.scope.stationId)
          await setTeamMember(tx, inv.scope.stationId, inv.personId, true, inv.personId, now);
        await audit.write(tx, {
          at: now,
          actorId: inv.personId,
          action: 'invite.redeem',
          entity: 'binding',
          entityId: binding.id,
          before: null,
          after: { ...binding, openid: '(hidden)' },
          reason: '',
        });
        return binding;
      });
    },
    async revokeBinding(id: string, actorId: string, now: number, reason: string): Promise<RoleBinding> {
      // Leaving the team: only when no other active expert binding of the same person for the same
      // station remains (a person re-bound on a new phone keeps their place). Read before the
      // transaction because transactions read by id only; two concurrent revocations of the same
      // person's two bindings would both see the other — harmless: both remove.
      const target = await tables.bindings.get(db, id);
      const stationId = target?.role === 'expert' ? target.scope.stationId : null;
      const others = stationId
        ? (await tables.bindings.find(db, { personId: target!.personId, revokedAt: null }, { limit: 100 })).filter(
            (x) => x.id !== id && x.role === 'expert' && x.scope.stationId === stationId,
          )
        : [];
      return inTx(db, async (tx) => {
        const b = await tables.bindings.get(tx, id);
        if (!b) throw new AppError('BINDING.NOT_FOUND');
        if (b.revokedAt !== null) throw new AppError('BINDING.ALREADY_REVOKED');
        const after = { ...b, revokedAt: now, revokedBy: actorId };
        await tables.bindings.put(tx, after);
        if (stationId && others.length === 0) await setTeamMember(tx, stationId, b.personId, false, actorId, now);
        await audit.write(tx, {
          at: now,
          actorId,
          action: 'binding.revoke',
          entity: 'binding',
          entityId: id,
          before: { revokedAt: null },
          after: { revokedAt: now },
          reason,
        });
        return after;
      });
    },
    /** Seeding only (local host demo and tests): a binding with a known id. */
    async seedBinding(b: RoleBinding): Promise<void> {
      await tables.bindings.put(db, b);
    },
  };
}
export type IdentityRepo = ReturnType<typeof identityRepo>;
