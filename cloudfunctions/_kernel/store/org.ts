import type { CastUnit, HostUnit, Person, Society, Station } from '../../../shared/schemas/org';
import type { Db } from '../db/port';

type WithDocId<T extends { id: string }> = Omit<T, 'id'> & { _id: string };
const fromDoc = <T extends { id: string }>(d: WithDocId<T> | null): T | null => {
  if (!d) return null;
  const { _id, ...rest } = d;
  return { id: _id, ...rest } as unknown as T;
};
const toDoc = <T extends { id: string }>({ id, ...rest }: T) => ({ _id: id, ...rest });

/** Reference data: CAST units, societies, host units, persons, stations. */
export function orgRepo(db: Db) {
  const getter =
    <T extends { id: string }>(coll: string) =>
    async (id: string) =>
      fromDoc<T>(await db.get<WithDocId<T>>(coll, id));
  const lister =
    <T extends { id: string }>(coll: string) =>
    async (where: Record<string, string | null> = {}, limit = 1000) =>
      (await db.find<WithDocId<T>>(coll, where, { limit })).map((d) => fromDoc<T>(d)!);
  return {
    castUnit: getter<CastUnit>('castUnits'),
    society: getter<Society>('societies'),
    hostUnit: getter<HostUnit>('hostUnits'),
    person: getter<Person>('persons'),
    station: getter<Station>('stations'),
    castUnits: lister<CastUnit>('castUnits'),
    societies: lister<Society>('societies'),
    hostUnits: lister<HostUnit>('hostUnits'),
    persons: lister<Person>('persons'),
    stations: lister<Station>('stations'),
    /** Seeding and award: write reference data as-is. */
    async putCastUnit(x: CastUnit) {
      await db.put('castUnits', toDoc(x));
    },
    async putSociety(x: Society) {
      await db.put('societies', toDoc(x));
    },
    async putHostUnit(x: HostUnit) {
      await db.put('hostUnits', toDoc(x));
    },
    async putPerson(x: Person) {
      await db.put('persons', toDoc(x));
    },
    async putStation(x: Station) {
      await db.put('stations', toDoc(x));
    },
  };
}
export type OrgRepo = ReturnType<typeof orgRepo>;
export { fromDoc, toDoc, type WithDocId };
