import { chinaDateOf } from '../../../shared/calendar';
import { currentExpertIds } from '../../../shared/rules/org';
import type { CastUnit, HostUnit, Person, Society, Station } from '../../../shared/schemas/org';
import type { Db, Where } from '../db/port';
import type { AuditRepo } from './audit';
import type { Collection } from './collection';
import { findAll } from './paging';
import { tables } from './tables';
import type { Tx } from './tx';

/** The reference records the org function saves, by entity (shared/rules/org.ts OrgEntity). */
export interface OrgRecords {
  castUnit: CastUnit;
  society: Society;
  hostUnit: HostUnit;
  station: Station;
  person: Person;
}
const orgTables: { [K in keyof OrgRecords]: Collection<OrgRecords[K]> } = {
  castUnit: tables.castUnits,
  society: tables.societies,
  hostUnit: tables.hostUnits,
  station: tables.stations,
  person: tables.persons,
};

/**
 * Reference data: CAST units, societies, host units, persons, stations. The one writer of these
 * collections — seeding, the award that creates a station, team membership and the standing an
 * assessment sets all go through here.
 */
export function orgRepo(db: Db, audit: AuditRepo) {
  const getter =
    <T>(c: Collection<T>) =>
    (id: string) =>
      c.get(db, id);
  // every matching document, paged (never one capped query)
  const lister =
    <T>(c: Collection<T>) =>
    (where: Where = {}) =>
      findAll(db, c, where);
  const putter =
    <T>(c: Collection<T>) =>
    (x: T) =>
      c.put(db, x);
  return {
    castUnit: getter<CastUnit>(tables.castUnits),
    society: getter<Society>(tables.societies),
    hostUnit: getter<HostUnit>(tables.hostUnits),
    person: getter<Person>(tables.persons),
    station: getter<Station>(tables.stations),
    /** A person read inside the caller's transaction. */
    personTx: (tx: Tx, id: string) => tables.persons.get(tx, id),
    castUnits: lister<CastUnit>(tables.castUnits),
    societies: lister<Society>(tables.societies),
    hostUnits: lister<HostUnit>(tables.hostUnits),
    persons: lister<Person>(tables.persons),
    stations: lister<Station>(tables.stations),
    /** Seeding: write reference data as-is. */
    putCastUnit: putter<CastUnit>(tables.castUnits),
    putSociety: putter<Society>(tables.societies),
    putHostUnit: putter<HostUnit>(tables.hostUnits),
    putPerson: putter<Person>(tables.persons),
    putStation: putter<Station>(tables.stations),
    /** A station read inside the caller's transaction. */
    stationTx: (tx: Tx, id: string) => tables.stations.get(tx, id),
    /** A new person (named by an invite), inside the caller's transaction. */
    insertPerson: (tx: Tx, p: Person) => tables.persons.insert(tx, p),
    /** The station an award creates, inside the award's transaction. */
    insertStation: (tx: Tx, s: Station) => tables.stations.insert(tx, s),
    /** A reference record read inside the caller's transaction. */
    recordTx: <K extends keyof OrgRecords>(tx: Tx, kind: K, id: string): Promise<OrgRecords[K] | null> => orgTables[kind].get(tx, id),
    /**
     * Save a reference record (org.save*, deactivate), audited with who, when, before and after, inside
     * the caller's transaction (store.once): `before` null creates it (a taken id is a duplicate).
     */
    async saveRecord<K extends keyof OrgRecords>(
      tx: Tx,
      kind: K,
      next: OrgRecords[K],
      before: OrgRecords[K] | null,
      ev: { actorId: string; now: number; action: string; reason?: string },
    ): Promise<void> {
      const id = (next as { id: string }).id;
      await (before ? orgTables[kind].put(tx, next) : orgTables[kind].insert(tx, next));
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: ev.action,
        entity: kind,
        entityId: id,
        before,
        after: next,
        reason: ev.reason ?? '',
      });
    },
    /**
     * Add or remove a person on a station's expert team, audited, inside the caller's transaction. A
     * station with a team history (org.setTeam) gets a period opened or closed today (China date), and
     * its `expertIds` stay derived from that history.
     */
    async setTeamMember(tx: Tx, stationId: string, personId: string, member: boolean, actorId: string, now: number): Promise<void> {
      const st = await tables.stations.get(tx, stationId);
      if (!st || st.expertIds.includes(personId) === member) return;
      let expertIds = member ? [...st.expertIds, personId] : st.expertIds.filter((x) => x !== personId);
      let team = st.team;
      if (team) {
        const today = chinaDateOf(now);
        team = member
          ? [...team, { personId, from: today, to: null }]
          : team.map((m) => (m.personId === personId && m.to === null ? { ...m, to: today < m.from ? m.from : today } : m));
        expertIds = currentExpertIds(team);
      }
      await tables.stations.put(tx, { ...st, expertIds, ...(team ? { team } : {}) });
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
    },
    /** Set a station's standing (after a published assessment), audited, inside the caller's transaction. */
    async setStationStatus(
      tx: Tx,
      stationId: string,
      next: (current: Station['status']) => Station['status'],
      ev: { actorId: string; now: number; reason: (next: Station['status']) => string },
    ): Promise<void> {
      const st = await tables.stations.get(tx, stationId);
      if (!st) return;
      const status = next(st.status);
      if (status === st.status) return;
      await tables.stations.put(tx, { ...st, status });
      await audit.write(tx, {
        at: ev.now,
        actorId: ev.actorId,
        action: 'station.status',
        entity: 'station',
        entityId: stationId,
        before: { status: st.status },
        after: { status },
        reason: ev.reason(status),
      });
    },
  };
}
export type OrgRepo = ReturnType<typeof orgRepo>;
