import { AppError } from '../../../shared/errors';
import type { CastUnit, Invite, OpenidLock, Person, RoleBinding } from '../../../shared/schemas/org';
import type { Db } from '../db/port';
import { type AuditRepo, newId } from './audit';
import type { OrgRepo } from './org';
import { findAll } from './paging';
import { tables } from './tables';
import { inTx, type Tx } from './tx';

/**
 * "One OPENID, one person" (collection `openids`): the lock document of an OPENID, read and written
 * in the same transaction as the binding it guards, so two concurrent redeems on one OPENID
 * serialise on it (SQLite: one transaction at a time; the cloud: both write the same document, so
 * snapshot isolation makes the second writer conflict, and its retry reads the winner's lock —
 * db/cloud.ts).
 */
const openidLocks = {
  /** Who the OPENID is bound to in the transaction; `legacy`: its active bindings when it has no lock yet. */
  async holder(tx: Tx, openid: string, legacy: readonly RoleBinding[]): Promise<{ lock: OpenidLock | null; personId: string | null }> {
    const lock = await tables.openids.get(tx, openid);
    if (lock) return { lock, personId: lock.bindingIds.length > 0 ? lock.personId : null };
    return { lock: null, personId: legacy[0]?.personId ?? null };
  },
  /** Record a new active binding of `personId` on the OPENID (the holder was checked). */
  async bind(tx: Tx, openid: string, cur: OpenidLock | null, legacy: readonly RoleBinding[], b: RoleBinding, now: number) {
    const held = cur ? cur.bindingIds : legacy.map((x) => x.id);
    const next: OpenidLock = { openid, personId: b.personId, bindingIds: [...new Set([...held, b.id])], updatedAt: now };
    // insert when new: a concurrent first redeem on the same OPENID conflicts with it and, retried, reads it
    await (cur ? tables.openids.put(tx, next) : tables.openids.insert(tx, next));
  },
  /** A binding of the OPENID was revoked: it no longer holds the account. */
  async release(tx: Tx, openid: string, bindingId: string, now: number) {
    const lock = await tables.openids.get(tx, openid);
    if (!lock?.bindingIds.includes(bindingId)) return;
    await tables.openids.put(tx, { ...lock, bindingIds: lock.bindingIds.filter((x) => x !== bindingId), updatedAt: now });
  },
};

/** Role bindings, invites and the OPENID locks (collections `bindings`, `invites`, `openids`): their one writer. */
export function identityRepo(db: Db, audit: AuditRepo, org: OrgRepo) {
  const { setTeamMember } = org;
  return {
    async activeBindings(openid: string): Promise<RoleBinding[]> {
      return tables.bindings.find(db, { openid, revokedAt: null }, { limit: 100, orderBy: { field: 'createdAt', direction: 'asc' } });
    },
    async allBindings(): Promise<RoleBinding[]> {
      return findAll(db, tables.bindings, {}, { orderBy: { field: 'createdAt', direction: 'asc' } });
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
    /** An invite by its code (null when none). */
    async invite(code: string): Promise<Invite | null> {
      return tables.invites.get(db, code);
    },
    /** Several invites (a bulk invite), each audited, inside the caller's transaction (store.once). */
    async insertInvites(tx: Tx, invites: readonly Invite[], actorId: string): Promise<void> {
      for (const invite of invites) {
        const { code, ...rest } = invite;
        await tables.invites.insert(tx, invite);
        await audit.write(tx, {
          at: invite.createdAt,
          actorId,
          action: 'invite.create',
          entity: 'invite',
          entityId: code,
          before: null,
          after: rest,
          reason: '批量邀请',
        });
      }
    },
    /**
     * Single use: the invite is marked used in the same transaction that creates the binding.
     * One WeChat account is one person: when the OPENID already holds an active binding of someone
     * else, an invite issued to another person is refused. The person it holds is read from its lock
     * document inside the transaction (issue 11, finding 11); an OPENID bound before the lock
     * existed has none, and its active bindings (read before, as it always was) stand in for it.
     */
    async redeemInvite(code: string, openid: string, now: number): Promise<RoleBinding> {
      const legacy = await tables.bindings.find(db, { openid, revokedAt: null }, { limit: 100 });
      return inTx(db, async (tx) => {
        const inv = await tables.invites.get(tx, code);
        if (!inv) throw new AppError('INVITE.NOT_FOUND');
        if (inv.usedAt !== null) throw new AppError('INVITE.USED');
        if (inv.expiresAt <= now) throw new AppError('INVITE.EXPIRED');
        const holder = await openidLocks.holder(tx, openid, legacy);
        if (holder.personId !== null && inv.personId !== holder.personId)
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
        await openidLocks.bind(tx, openid, holder.lock, legacy, binding, now);
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
    /**
     * The first administrator (issue 13), inside the caller's store.once transaction keyed by the code's
     * hash — so the code is redeemed once, and two people redeeming it at once leave one winner: the
     * city CAST unit (created when absent), the person (new unless the OPENID is already someone's), the
     * city staff binding, the OPENID's lock, and the audit event naming who and when (never the code).
     */
    async bootstrapAdmin(
      tx: Tx,
      a: {
        codeHash: string;
        openid: string;
        now: number;
        city: CastUnit;
        cityExists: boolean;
        newPerson: Person;
        legacy: readonly RoleBinding[];
      },
    ): Promise<{ bindingId: string; personId: string; castUnitId: string; usedAt: number }> {
      const { legacy } = a;
      const holder = await openidLocks.holder(tx, a.openid, legacy);
      const personId = holder.personId ?? a.newPerson.id;
      if (holder.personId === null) await org.insertPerson(tx, a.newPerson);
      if (!a.cityExists && !(await org.recordTx(tx, 'castUnit', a.city.id)))
        await org.saveRecord(tx, 'castUnit', a.city, null, {
          actorId: personId,
          now: a.now,
          action: 'castUnit.create',
          reason: '首位管理员引导',
        });
      const binding: RoleBinding = {
        id: newId('bd', a.now),
        openid: a.openid,
        personId,
        role: 'cityStaff',
        scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: a.city.id },
        createdAt: a.now,
        createdBy: personId,
        revokedAt: null,
        revokedBy: null,
      };
      await tables.bindings.insert(tx, binding);
      await openidLocks.bind(tx, a.openid, holder.lock, legacy, binding, a.now);
      await audit.write(tx, {
        at: a.now,
        actorId: personId,
        action: 'bootstrap.redeem',
        entity: 'bootstrap',
        entityId: a.codeHash,
        before: null,
        after: { bindingId: binding.id, personId, castUnitId: a.city.id, openid: '(hidden)' },
        reason: '首位管理员引导码',
      });
      return { bindingId: binding.id, personId, castUnitId: a.city.id, usedAt: a.now };
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
        await openidLocks.release(tx, b.openid, b.id, now);
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
    /** Seeding only (local host demo and tests): a binding with a known id, and its OPENID's lock. */
    async seedBinding(b: RoleBinding): Promise<void> {
      await inTx(db, async (tx) => {
        await tables.bindings.put(tx, b);
        if (b.revokedAt !== null) return openidLocks.release(tx, b.openid, b.id, b.revokedAt);
        const holder = await openidLocks.holder(tx, b.openid, []);
        if (holder.personId !== null && holder.personId !== b.personId)
          throw new AppError('INTERNAL', `演示数据把同一微信账号绑定给了两个人员：${b.openid}`);
        await openidLocks.bind(tx, b.openid, holder.lock, [], b, b.createdAt);
      });
    },
  };
}
export type IdentityRepo = ReturnType<typeof identityRepo>;
