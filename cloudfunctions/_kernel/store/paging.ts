import { type Db, MAX_PAGE, type Where } from '../db/port';
import type { Collection } from './collection';

/**
 * Every document of `c` matching `where`, page by page — the one paging path of the store (issue 12).
 * A cloud query answers at most 1,000 documents (and 100 unless a limit is given); a single `find`
 * with `limit: 1000` silently drops the rest, so any "all of them" read goes through here.
 * Pages are `pageSize` (≤ MAX_PAGE; smaller where documents are large, the 1 MB answer limit) in a
 * stable order: `orderBy`, then `_id` (both adapters break ties by id), so skip-paging neither
 * repeats nor skips a document of an unchanged collection. A page shorter than `pageSize` is the last.
 */
export async function findAll<T>(
  db: Db,
  c: Collection<T>,
  where: Where = {},
  opts: { orderBy?: { field: string; direction: 'asc' | 'desc' }; pageSize?: number } = {},
): Promise<T[]> {
  const pageSize = opts.pageSize ?? MAX_PAGE;
  const orderBy = opts.orderBy ?? { field: '_id', direction: 'asc' as const };
  const out: T[] = [];
  for (let skip = 0; ; skip += pageSize) {
    const page = await c.find(db, where, { limit: pageSize, skip, orderBy });
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}
