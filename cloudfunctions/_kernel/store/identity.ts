import { AppError } from '../../../shared/errors';
import type { Invite, Person, RoleBinding } from '../../../shared/schemas/org';
import type { Db, TxOps } from '../db/port';
import { auditRepo, newId } from './audit';

type BindingDoc = Omit<RoleBinding, 'id'> & { _id: string };
type InviteDoc = Omit<Invite, 'code'> & { _id: string };

const toBinding = ({ _id, ...rest }: BindingDoc): RoleBinding => ({ id: _id, ...rest });

export function identityRepo(db: Db) {
  const audit = auditRepo(db);
  /** Add or remove a person on a station's expert team, audited, inside the caller's transaction. */
  const setTeamMember = async (tx: TxOps, stationId: string, personId: string, member: boolean, actorId: string, now: number) => {
    const st = await tx.get<{ _id: string; expertIds: string[] }>('stations', stationId);
    if (!st || st.expertIds.includes(personId) === member) return;
    const expertIds = member ? [...st.expertIds, personId] : st.expertIds.filter((x) => x !== personId);
    await tx.put('stations', { ...st, expertIds });
    await audit.write(tx, {
      at: now,
      actorId,
      action: member ? 'station.team.join' : 'station.team.leave',
      entity: 'station',
      entityId: stationId,
      before: { expertIds: st.expertIds },
      after: { expertIds },
      reason: '',
    });
  };
  return {
    async activeBindings(openid: string): Promise<RoleBinding[]> {
      const docs = await db.find<BindingDoc>(
        'bindings',
        { openid, revokedAt: null },
        { limit: 100, orderBy: { field: 'createdAt', direction: 'asc' } },
      );
      return docs.map(toBinding);
    },
    async allBindings(limit = 1000): Promise<RoleBinding[]> {
      const docs = await db.find<BindingDoc>('bindings', {}, { limit, orderBy: { field: 'createdAt', direction: 'asc' } });
      return docs.map(toBinding);
    },
    async getBinding(id: string): Promise<RoleBinding | null> {
      const d = await db.get<BindingDoc>('bindings', id);
      return d ? toBinding(d) : null;
    },
    /** The invite, and the new person it names (if any), in one transaction. */
    async createInvite(invite: Invite, actorId: string, newPerson: Person | null = null): Promise<void> {
      const { code, ...rest } = invite;
      await db.tx(async (tx) => {
        if (newPerson) {
          const { id, ...p } = newPerson;
          await tx.insert('persons', { _id: id, ...p });
        }
        await tx.insert('invites', { _id: code, ...rest } as InviteDoc);
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
      return db.tx(async (tx) => {
        const inv = await tx.get<InviteDoc>('invites', code);
        if (!inv) throw new AppError('INVITE.NOT_FOUND');
        if (inv.usedAt !== null) throw new AppError('INVITE.USED');
        if (inv.expiresAt <= now) throw new AppError('INVITE.EXPIRED');
        if (boundPersonId !== null && inv.personId !== boundPersonId)
          throw new AppError('AUTH.FORBIDDEN', '该邀请码是发给其他人员的；您的微信已绑定本人身份，不能再绑定为他人');
        const binding: BindingDoc = {
          _id: newId('bd', now),
          openid,
          personId: inv.personId,
          role: inv.role,
          scope: inv.scope,
          createdAt: now,
          createdBy: inv.createdBy,
          revokedAt: null,
          revokedBy: null,
        };
        await tx.put('invites', { ...inv, usedAt: now, usedBy: openid });
        await tx.insert('bindings', binding);
        // An expert invited to a station joins its expert team (第七条: the team the assessment counts).
        if (inv.role === 'expert' && inv.scope.stationId)
          await setTeamMember(tx, inv.scope.stationId, inv.personId, true, inv.personId, now);
        await audit.write(tx, {
          at: now,
          actorId: inv.personId,
          action: 'invite.redeem',
          entity: 'binding',
          entityId: binding._id,
          before: null,
          after: { ...binding, openid: '(hidden)' },
          reason: '',
        });
        return toBinding(binding);
      });
    },
    async revokeBinding(id: string, actorId: string, now: number, reason: string): Promise<RoleBinding> {
      // Leaving the team: only when no other active expert binding of the same person for the same
      // station remains (a person re-bound on a new phone keeps their place). Read before the
      // transaction because transactions read by id only; two concurrent revocations of the same
      // person's two bindings would both see the other — harmless: both remove.
      const target = await db.get<BindingDoc>('bindings', id);
      const stationId = target?.role === 'expert' ? target.scope.stationId : null;
      const others = stationId
        ? (await db.find<BindingDoc>('bindings', { personId: target!.personId, revokedAt: null }, { limit: 100 })).filter(
            (x) => x._id !== id && x.role === 'expert' && x.scope.stationId === stationId,
          )
        : [];
      return db.tx(async (tx) => {
        const b = await tx.get<BindingDoc>('bindings', id);
        if (!b) throw new AppError('BINDING.NOT_FOUND');
        if (b.revokedAt !== null) throw new AppError('BINDING.ALREADY_REVOKED');
        const after = { ...b, revokedAt: now, revokedBy: actorId };
        await tx.put('bindings', after);
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
        return toBinding(after);
      });
    },
    /** Seeding only (local host demo and tests): a binding with a known id. */
    async seedBinding(b: RoleBinding): Promise<void> {
      const { id, ...rest } = b;
      await db.put('bindings', { _id: id, ...rest });
    },
  };
}
export type IdentityRepo = ReturnType<typeof identityRepo>;
