import { readFileSync } from 'node:fs';
import { collections } from '../../cloudfunctions/_kernel/db/collections';

/** The database files shipped in the repository (database/collections.json) match the code's collection registry. */
describe('database files in the repository', () => {
  const shipped = JSON.parse(readFileSync('database/collections.json', 'utf8')) as Array<{
    name: string;
    permission: { read: boolean; write: boolean };
    indexes: unknown[];
  }>;
  it('list exactly the collections the code uses, with their indexes', () => {
    expect(shipped.map((c) => c.name).sort()).toEqual(collections.map((c) => c.name).sort());
    for (const c of collections) expect(shipped.find((s) => s.name === c.name)!.indexes).toHaveLength(c.indexes.length);
  });
  it('make every collection admin-only (no client reads or writes)', () => {
    for (const c of shipped) expect(c.permission).toEqual({ read: false, write: false });
  });
});
