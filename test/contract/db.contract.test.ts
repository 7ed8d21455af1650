import { type Db, type Doc, DuplicateKeyError, MAX_PAGE } from '../../cloudfunctions/_kernel/db/port';
import { adapterSubjects } from '../support/adapters';

/**
 * One contract for the document port, run against both adapters: whatever a domain repository may
 * rely on must hold on the local default (SQLite) and on the cloud adapter. The cloud adapter runs
 * over an in-process stand-in for the wx-server-sdk database (a TEST DOUBLE — tests never call the
 * real SDK), created with the product's collection list, so using an undeployed collection fails.
 */
const subjects = adapterSubjects;

// Fixtures: schemaless documents in real collections (the stand-in only knows deployed ones).
type Rec = Doc & {
  kind: string;
  stationId: string;
  days: number;
  ok: boolean;
  note: string | null;
  applicant: { societyId: string; name: string };
  tags: string[];
};
const rec = (id: string, over: Partial<Rec> = {}): Rec => ({
  _id: id,
  kind: 'training',
  stationId: 's1',
  days: 1,
  ok: true,
  note: null,
  applicant: { societyId: 'soc1', name: '市农学会' },
  tags: ['a'],
  ...over,
});
const ids = (docs: Doc[]) => docs.map((d) => d._id);
const all = { limit: MAX_PAGE };

describe.each(subjects)('document port contract — $name', (subject) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeEach(() => {
    ({ db, dispose } = subject.open());
  });
  afterEach(async () => {
    await dispose();
  });

  describe('get', () => {
    it('reads a missing id as null', async () => {
      expect(await db.get('records', 'nope')).toBeNull();
    });

    it('returns an inserted document exactly as written (booleans, nulls, nesting, arrays, numbers, Chinese text)', async () => {
      const doc = {
        _id: 'r:全部类型',
        yes: true,
        no: false,
        nothing: null,
        zero: 0,
        negative: -42,
        fraction: 0.1 + 0.2,
        epochMs: 1767196799999,
        empty: '',
        text: '学会服务站：专家服务天数',
        list: [1, 'two', false, null, { deep: [{ deeper: '深' }] }],
        emptyList: [],
        emptyObject: {},
        nested: { a: { b: { c: 3, d: [true] } } },
      };
      await db.insert('records', doc);
      expect(await db.get('records', doc._id)).toStrictEqual(doc);
    });

    it('never shares objects with the caller: mutating the written or the read object changes nothing stored', async () => {
      const doc = rec('r1');
      await db.insert('records', doc);
      doc.applicant.name = 'changed after write';
      const read = await db.get<Rec>('records', 'r1');
      (read as Rec).tags.push('changed after read');
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1'));
    });
  });

  describe('insert', () => {
    it('refuses an id that exists with DuplicateKeyError naming collection and id, and leaves the stored document as it was', async () => {
      await db.insert('records', rec('r1', { days: 1 }));
      const err = await db.insert('records', rec('r1', { days: 9 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(err).toMatchObject({ coll: 'records', id: 'r1' });
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1', { days: 1 }));
    });

    it('lets exactly one of 10 concurrent inserts of the same id win', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => db.insert('dayLocks', { _id: 'e1:2025-03-01', recordId: `r${i}` })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(DuplicateKeyError);
    });

    it('stores a document that has no field besides _id (a pure lock)', async () => {
      await db.insert('dayLocks', { _id: 'e1:2025-03-02' });
      expect(await db.get('dayLocks', 'e1:2025-03-02')).toStrictEqual({ _id: 'e1:2025-03-02' });
      await expect(db.insert('dayLocks', { _id: 'e1:2025-03-02' })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('keeps collections apart: the same id may exist in two collections', async () => {
      await db.insert('records', rec('same'));
      await db.insert('requests', { _id: 'same', result: 1, at: 0 });
      expect(await db.get('records', 'same')).toStrictEqual(rec('same'));
      expect(await db.get('requests', 'same')).toStrictEqual({ _id: 'same', result: 1, at: 0 });
    });
  });

  describe('put', () => {
    it('creates the document when the id is new', async () => {
      await db.put('records', rec('r1'));
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1'));
    });

    it('replaces the whole document: fields left out are gone', async () => {
      await db.insert('records', rec('r1'));
      await db.put('records', { _id: 'r1', days: 5 });
      expect(await db.get('records', 'r1')).toStrictEqual({ _id: 'r1', days: 5 });
    });

    it('can replace a document with one that has no field besides _id', async () => {
      await db.insert('dayLocks', { _id: 'l1', recordId: 'r1' });
      await db.put('dayLocks', { _id: 'l1' });
      expect(await db.get('dayLocks', 'l1')).toStrictEqual({ _id: 'l1' });
    });
  });

  describe('remove', () => {
    it('deletes by id, and removing a missing id is not an error', async () => {
      await db.insert('dayLocks', { _id: 'l1', recordId: 'r1' });
      await db.remove('dayLocks', 'l1');
      expect(await db.get('dayLocks', 'l1')).toBeNull();
      await expect(db.remove('dayLocks', 'l1')).resolves.toBeUndefined();
      await db.insert('dayLocks', { _id: 'l1', recordId: 'r2' });
      expect(await db.get('dayLocks', 'l1')).toStrictEqual({ _id: 'l1', recordId: 'r2' });
    });
  });

  describe('find', () => {
    // Inserted out of _id order, so any order seen below comes from the query, not from storage.
    beforeEach(async () => {
      const { note: _dropped, ...noNote } = rec('r4', { kind: 'tackling', days: 3, ok: false });
      await db.insert('records', noNote);
      await db.insert(
        'records',
        rec('r2', { kind: 'research', days: 1, ok: false, note: null, applicant: { societyId: 'soc2', name: '乙' } }),
      );
      await db.insert('records', rec('r5', { kind: 'serviceDay', days: 2, ok: true, stationId: 's2' }));
      await db.insert(
        'records',
        rec('r1', { kind: 'training', days: 3, ok: true, note: 'x', applicant: { societyId: 'soc1', name: '甲' } }),
      );
      await db.insert('records', rec('r3', { kind: 'training', days: 2, ok: true, applicant: { societyId: 'soc2', name: '丙' } }));
    });

    it.each([
      ['a top-level string', { kind: 'training' }, ['r1', 'r3']],
      ['a number', { days: 3 }, ['r1', 'r4']],
      ['boolean true', { ok: true }, ['r1', 'r3', 'r5']],
      ['boolean false', { ok: false }, ['r2', 'r4']],
      ['null (matches null and a missing field)', { note: null }, ['r2', 'r3', 'r4', 'r5']],
      ['a dotted path', { 'applicant.societyId': 'soc2' }, ['r2', 'r3']],
      ['_id', { _id: 'r4' }, ['r4']],
      ['two fields together (AND)', { kind: 'training', 'applicant.societyId': 'soc2' }, ['r3']],
      ['$in of strings', { kind: { $in: ['research', 'tackling'] } }, ['r2', 'r4']],
      ['$in of numbers', { days: { $in: [1, 2] } }, ['r2', 'r3', 'r5']],
      ['$in of ids', { _id: { $in: ['r5', 'r1', 'missing'] } }, ['r1', 'r5']],
      ['an empty $in (matches nothing)', { kind: { $in: [] } }, []],
      ['a value nobody has', { kind: 'agreement' }, []],
      ['no condition (everything)', {}, ['r1', 'r2', 'r3', 'r4', 'r5']],
    ] as const)('filters by equality on %s', async (_label, where, expected) => {
      expect(ids(await db.find('records', where as Parameters<Db['find']>[1], all))).toEqual(expected);
      expect(await db.count('records', where as Parameters<Db['count']>[1])).toBe(expected.length);
    });

    it('orders by a field ascending, ties broken by _id ascending', async () => {
      const docs = await db.find<Rec>('records', {}, { ...all, orderBy: { field: 'days', direction: 'asc' } });
      expect(docs.map((d) => `${d.days}:${d._id}`)).toEqual(['1:r2', '2:r3', '2:r5', '3:r1', '3:r4']);
    });

    it('orders by a field descending, ties still broken by _id ascending', async () => {
      const docs = await db.find<Rec>('records', {}, { ...all, orderBy: { field: 'days', direction: 'desc' } });
      expect(docs.map((d) => `${d.days}:${d._id}`)).toEqual(['3:r1', '3:r4', '2:r3', '2:r5', '1:r2']);
    });

    it('orders by a dotted path, Chinese text by code point (丙 < 乙 < 市 < 甲)', async () => {
      const docs = await db.find<Rec>('records', {}, { ...all, orderBy: { field: 'applicant.name', direction: 'desc' } });
      expect(docs.map((d) => `${d.applicant.name}:${d._id}`)).toEqual(['甲:r1', '市农学会:r4', '市农学会:r5', '乙:r2', '丙:r3']);
    });

    it('orders by _id descending', async () => {
      expect(ids(await db.find('records', {}, { ...all, orderBy: { field: '_id', direction: 'desc' } }))).toEqual([
        'r5',
        'r4',
        'r3',
        'r2',
        'r1',
      ]);
    });

    it('returns _id order when no order is asked for, so pages are stable', async () => {
      await db.insert('records', rec('r0'));
      expect(ids(await db.find('records', {}, all))).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    });

    it('pages with skip and limit: the pages put together are the whole ordered result', async () => {
      const orderBy = { field: 'days', direction: 'desc' } as const;
      const whole = ids(await db.find('records', {}, { ...all, orderBy }));
      const pages = [];
      for (let skip = 0; skip < 6; skip += 2) pages.push(...ids(await db.find('records', {}, { limit: 2, skip, orderBy })));
      expect(pages).toEqual(whole);
      expect(await db.find('records', {}, { limit: 2, skip: 5 })).toEqual([]);
      expect(ids(await db.find('records', { ok: true }, { limit: 1, skip: 1 }))).toEqual(['r3']);
    });

    it.each([MAX_PAGE + 1, 5000, 0])('refuses limit %d without touching the database', async (limit) => {
      const before = db.roundTrips;
      await expect(db.find('records', {}, { limit })).rejects.toThrow(/limit/);
      expect(db.roundTrips).toBe(before);
    });

    it(`accepts limit exactly ${MAX_PAGE}`, async () => {
      expect(await db.find('records', {}, { limit: MAX_PAGE })).toHaveLength(5);
    });

    it('returns copies: changing a found document changes nothing stored', async () => {
      const [first] = await db.find<Rec>('records', { _id: 'r1' }, all);
      (first as Rec).days = 99;
      expect((await db.get<Rec>('records', 'r1'))?.days).toBe(3);
    });
  });

  describe('count', () => {
    it('is 0 on an empty collection and follows inserts and removes', async () => {
      expect(await db.count('outbox', {})).toBe(0);
      await db.insert('outbox', { _id: 'o1', personId: 'p1' });
      await db.insert('outbox', { _id: 'o2', personId: 'p2' });
      expect(await db.count('outbox', {})).toBe(2);
      expect(await db.count('outbox', { personId: 'p2' })).toBe(1);
      await db.remove('outbox', 'o2');
      expect(await db.count('outbox', { personId: 'p2' })).toBe(0);
    });
  });

  describe('tx', () => {
    it('commits every write together and returns the callback value', async () => {
      await db.insert('records', rec('r1'));
      const out = await db.tx(async (tx) => {
        await tx.insert('records', rec('r2'));
        await tx.put('records', rec('r1', { days: 7 }));
        await tx.insert('audit', { _id: 'a1', entity: 'record', entityId: 'r2' });
        return 'done';
      });
      expect(out).toBe('done');
      expect(await db.get('records', 'r2')).toStrictEqual(rec('r2'));
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1', { days: 7 }));
      expect(await db.get('audit', 'a1')).toStrictEqual({ _id: 'a1', entity: 'record', entityId: 'r2' });
    });

    it('reads its own writes, including removals', async () => {
      await db.insert('dayLocks', { _id: 'l1', recordId: 'r1' });
      const seen = await db.tx(async (tx) => {
        await tx.put('records', rec('r1', { days: 4 }));
        await tx.remove('dayLocks', 'l1');
        return [await tx.get<Rec>('records', 'r1'), await tx.get('dayLocks', 'l1')] as const;
      });
      expect(seen[0]).toStrictEqual(rec('r1', { days: 4 }));
      expect(seen[1]).toBeNull();
      expect(await db.get('dayLocks', 'l1')).toBeNull();
    });

    it('writes nothing when the callback throws, and rethrows that same error', async () => {
      await db.insert('records', rec('r1'));
      const boom = new Error('规则不满足');
      const err = await db
        .tx(async (tx) => {
          await tx.insert('records', rec('r2'));
          await tx.put('records', rec('r1', { days: 7 }));
          await tx.remove('records', 'r1');
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(err).toBe(boom);
      expect(await db.get('records', 'r2')).toBeNull();
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1'));
    });

    it('rolls back the earlier writes when an insert inside meets a taken id', async () => {
      await db.insert('dayLocks', { _id: 'e1:2025-03-03', recordId: 'r0' });
      await db.insert('records', rec('r1'));
      const err = await db
        .tx(async (tx) => {
          await tx.insert('records', rec('r2'));
          await tx.put('records', rec('r1', { days: 7 }));
          await tx.insert('dayLocks', { _id: 'e1:2025-03-03', recordId: 'r2' });
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(err).toMatchObject({ coll: 'dayLocks', id: 'e1:2025-03-03' });
      expect(await db.get('records', 'r2')).toBeNull();
      expect(await db.get('records', 'r1')).toStrictEqual(rec('r1'));
      expect(await db.get('dayLocks', 'e1:2025-03-03')).toStrictEqual({ _id: 'e1:2025-03-03', recordId: 'r0' });
    });

    it('stays usable after a duplicate insert is caught inside it', async () => {
      await db.insert('requests', { _id: 'k1', result: 'first', at: 1 });
      const out = await db.tx(async (tx) => {
        try {
          await tx.insert('requests', { _id: 'k1', result: 'second', at: 2 });
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
        }
        await tx.insert('records', rec('r9'));
        return tx.get<{ _id: string; result: string }>('requests', 'k1');
      });
      expect(out?.result).toBe('first');
      expect(await db.get('records', 'r9')).toStrictEqual(rec('r9'));
    });

    it('supports a pure lock document (only _id) inside a transaction', async () => {
      await db.tx(async (tx) => {
        await tx.insert('dayLocks', { _id: 'e2:2025-03-04' });
        await tx.put('dayLocks', { _id: 'e2:2025-03-05' });
      });
      expect(await db.get('dayLocks', 'e2:2025-03-04')).toStrictEqual({ _id: 'e2:2025-03-04' });
      expect(await db.get('dayLocks', 'e2:2025-03-05')).toStrictEqual({ _id: 'e2:2025-03-05' });
    });

    it('ends at exactly 50 when 50 concurrent transactions each read a counter and write it +1', async () => {
      await db.insert('stationTallies', { _id: 's1:2025', stationId: 's1', n: 0 });
      await Promise.all(
        Array.from({ length: 50 }, () =>
          db.tx(async (tx) => {
            const t = await tx.get<{ _id: string; stationId: string; n: number }>('stationTallies', 's1:2025');
            if (!t) throw new Error('tally missing');
            await tx.put('stationTallies', { ...t, n: t.n + 1 });
          }),
        ),
      );
      expect(await db.get('stationTallies', 's1:2025')).toStrictEqual({ _id: 's1:2025', stationId: 's1', n: 50 });
    }, 30_000);

    it('lets exactly one of 10 concurrent transactions claim the same lock id; the losers write nothing', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          db.tx(async (tx) => {
            await tx.insert('records', rec(`claim${i}`));
            await tx.insert('dayLocks', { _id: 'e3:2025-03-06', recordId: `claim${i}` });
          }),
        ),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateKeyError);
      expect(ids(await db.find('records', {}, all))).toEqual([`claim${won[0]}`]);
      expect(await db.get('dayLocks', 'e3:2025-03-06')).toStrictEqual({ _id: 'e3:2025-03-06', recordId: `claim${won[0]}` });
    }, 30_000);
  });

  describe('roundTrips', () => {
    it('counts one round trip for each get, insert, put, remove, find and count', async () => {
      const steps: Array<() => Promise<unknown>> = [
        () => db.get('records', 'r1'),
        () => db.insert('records', rec('r1')),
        () => db.put('records', rec('r1', { days: 2 })),
        () => db.find('records', { kind: 'training' }, { limit: 10, orderBy: { field: 'days', direction: 'asc' } }),
        () => db.count('records', { kind: 'training' }),
        () => db.remove('records', 'r1'),
      ];
      for (const step of steps) {
        const before = db.roundTrips;
        await step();
        expect(db.roundTrips).toBe(before + 1);
      }
    });

    it('counts at least one round trip per operation inside a transaction', async () => {
      const before = db.roundTrips;
      await db.tx(async (tx) => {
        await tx.get('records', 'r1');
        await tx.put('records', rec('r1'));
        await tx.remove('records', 'r0');
      });
      expect(db.roundTrips - before).toBeGreaterThanOrEqual(3);
    });
  });
});
