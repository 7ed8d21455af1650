/**
 * Bulk seeding of a local SQLite store for the benchmark: documents are inserted directly through
 * better-sqlite3 in large transactions (the adapter's own tables and indexes, created by opening it
 * with openSqliteDb), and each station's tally docs are computed with sumContributions — the code the
 * stations repository's rebuild uses. Not written: the audit events of the seeded records (one per
 * record in real use; the dashboard never reads them).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteDb } from '../cloudfunctions/_kernel/db/sqlite';
import { chinaDayStart } from '../shared/calendar';
import type { RoleBinding } from '../shared/schemas/org';
import { orgOf, type Profile, recordsOf, talliesOf, toDoc } from './generate';

export interface SeedStats {
  stations: number;
  records: number;
  serviceDays: number;
  tallyDocs: number;
  ms: number;
  bytes: number;
}

/** Seed `<dir>/kexie.sqlite` (the file openLocalDeps opens). `scale` multiplies the days logged. */
export function seedStore(
  dir: string,
  p: Profile,
  scale: number,
  extraBindings: RoleBinding[] = [],
  log: (s: string) => void = () => undefined,
): SeedStats {
  const t0 = performance.now();
  const file = join(dir, 'kexie.sqlite');
  const db = openSqliteDb({ file });
  const raw = db.raw;
  raw.pragma('synchronous = OFF');
  const ins = (coll: string) => raw.prepare(`INSERT OR REPLACE INTO c_${coll} (id, doc) VALUES (?, ?)`);
  const put = {
    castUnits: ins('castUnits'),
    societies: ins('societies'),
    hostUnits: ins('hostUnits'),
    persons: ins('persons'),
    stations: ins('stations'),
    bindings: ins('bindings'),
    records: ins('records'),
    dayLocks: ins('dayLocks'),
    stationTallies: ins('stationTallies'),
    requests: ins('requests'),
  };
  const json = (d: { _id: string } & Record<string, unknown>) => {
    const { _id, ...rest } = d;
    return [_id, JSON.stringify({ _id, ...rest })] as const;
  };
  const now = chinaDayStart(p.today) + 9 * 3600_000;
  const org = orgOf(p);
  raw.transaction(() => {
    for (const u of org.castUnits) put.castUnits.run(...json(toDoc(u)));
    for (const s of org.societies) put.societies.run(...json(toDoc(s)));
    for (const s of org.stations)
      put.hostUnits.run(
        ...json({
          _id: s.hostUnitId,
          name: `${s.name}建站单位`,
          kind: 'enterprise_cast',
          castUnitId: s.castUnitId,
          address: '',
          location: null,
          hasFundedExpertWorkstation: false,
        }),
      );
    for (const x of org.persons) put.persons.run(...json(toDoc(x)));
    for (const b of [org.staffBinding, ...extraBindings]) put.bindings.run(...json(toDoc(b)));
    // the demo marker: a local host opened on this file does not seed the demo organisation on top
    put.requests.run(...json({ _id: 'seed:demo', result: true, at: now }));
  })();

  let records = 0;
  let serviceDays = 0;
  let tallyDocs = 0;
  const BATCH = 25; // stations a transaction (~40 k records)
  for (let i = 0; i < org.stations.length; i += BATCH) {
    raw.transaction(() => {
      for (let j = i; j < Math.min(org.stations.length, i + BATCH); j++) {
        const s = org.stations[j]!;
        put.stations.run(...json(toDoc(s)));
        const rs = recordsOf(p, s, j, scale);
        for (const r of rs) {
          put.records.run(...json(toDoc(r)));
          if (r.kind === 'serviceDay') {
            serviceDays++;
            if (r.status !== 'withdrawn')
              put.dayLocks.run(
                ...json({ _id: `${r.expertId}:${r.date}`, expertId: r.expertId, date: r.date, recordId: r.id, stationId: r.stationId }),
              );
          }
        }
        records += rs.length;
        for (const t of talliesOf(s, rs, now)) {
          put.stationTallies.run(...json(t));
          tallyDocs++;
        }
      }
    })();
    if ((i / BATCH) % 8 === 0)
      log(`  … ${Math.min(org.stations.length, i + BATCH)}/${org.stations.length} 个服务站，${records.toLocaleString('en-US')} 条记录`);
  }
  raw.pragma('synchronous = NORMAL');
  const bytes = (raw.pragma('page_count', { simple: true }) as number) * (raw.pragma('page_size', { simple: true }) as number);
  raw.close();
  return { stations: org.stations.length, records, serviceDays, tallyDocs, ms: performance.now() - t0, bytes };
}
