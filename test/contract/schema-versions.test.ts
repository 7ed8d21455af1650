import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { collections } from '../../cloudfunctions/_kernel/db/collections';
import { currentVersion } from '../../cloudfunctions/_kernel/migrations';
import type { Collection } from '../../cloudfunctions/_kernel/store/collection';
import { tables } from '../../cloudfunctions/_kernel/store/tables';

/**
 * Every change of a stored shape ships its migration (issue 13 item 8). The snapshot holds, per
 * collection, its schema version and a fingerprint of its zod schema's JSON shape; a collection whose
 * shape changed while its version did not fails with what to do. After adding the migration (or for a
 * new collection), rewrite the snapshot: SCHEMA_SNAPSHOT_WRITE=1 npx jest test/contract/schema-versions.test.ts
 * (then `npx biome format --write test/contract/schema-versions.snapshot.json` for the linter).
 */
const FILE = join(__dirname, 'schema-versions.snapshot.json');

interface Entry {
  version: number;
  shape: string;
  /** the top-level fields, to make a diff of the snapshot readable */
  fields: string[];
}

function entryOf(name: string): Entry {
  const t = (tables as Record<string, Collection<unknown>>)[name]!;
  const json = z.toJSONSchema(t.schema, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown> };
  const shape = createHash('sha256').update(JSON.stringify(json)).digest('hex').slice(0, 16);
  return { version: currentVersion(name), shape, fields: Object.keys(json.properties ?? {}).sort() };
}

const now: Record<string, Entry> = Object.fromEntries(collections.map((c) => [c.name, entryOf(c.name)]));

if (process.env.SCHEMA_SNAPSHOT_WRITE === '1') writeFileSync(FILE, `${JSON.stringify(now, null, 2)}\n`);
const snapshot: Record<string, Entry> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};

/** What is wrong between the snapshot and the schemas now, in words a developer can act on. */
function shapeProblems(before: Record<string, Entry>, after: Record<string, Entry>): string[] {
  const out: string[] = [];
  for (const [name, e] of Object.entries(after)) {
    const was = before[name];
    if (!was) {
      out.push(`${name}: a new collection — record it (SCHEMA_SNAPSHOT_WRITE=1)`);
      continue;
    }
    if (was.shape !== e.shape && was.version === e.version)
      out.push(
        `${name}: its stored schema changed shape (fields ${was.fields.join(',')} → ${e.fields.join(',')}) but its version is still ${e.version}: ` +
          `add a migration { collection: '${name}', from: ${e.version}, to: ${e.version + 1}, up } in cloudfunctions/_kernel/migrations/index.ts ` +
          '(docs/ARCHITECTURE.md, "Changing a stored shape"), then rewrite the snapshot (SCHEMA_SNAPSHOT_WRITE=1)',
      );
    else if (was.version !== e.version || was.shape !== e.shape)
      out.push(`${name}: version ${was.version} → ${e.version}: rewrite the snapshot (SCHEMA_SNAPSHOT_WRITE=1)`);
  }
  for (const name of Object.keys(before)) if (!after[name]) out.push(`${name}: no longer in the registry — rewrite the snapshot`);
  return out;
}

describe('stored schema shapes and their versions', () => {
  it('no collection changed shape without a new migration', () => {
    expect(shapeProblems(snapshot, now)).toEqual([]);
  });

  it('a changed shape with an unchanged version is refused with what to do; with a new version it asks only for the snapshot', () => {
    const stations = now.stations!;
    const changed = { ...now, stations: { ...stations, shape: 'different', fields: [...stations.fields, 'nickname'] } };
    const [problem] = shapeProblems(now, changed);
    expect(problem).toContain('stations: its stored schema changed shape');
    expect(problem).toContain(`add a migration { collection: 'stations', from: ${stations.version}, to: ${stations.version + 1}`);
    const migrated = { ...changed, stations: { ...changed.stations, version: stations.version + 1 } };
    expect(shapeProblems(now, migrated)).toEqual([
      `stations: version ${stations.version} → ${stations.version + 1}: rewrite the snapshot (SCHEMA_SNAPSHOT_WRITE=1)`,
    ]);
  });

  it('the fingerprint follows the schema: a field added to a schema changes it', () => {
    const t = tables.holidayYears;
    const a = z.toJSONSchema(t.schema, { unrepresentable: 'any', io: 'input' });
    const b = z.toJSONSchema((t.schema as z.ZodObject).extend({ extra: z.string() }), { unrepresentable: 'any', io: 'input' });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });
});
