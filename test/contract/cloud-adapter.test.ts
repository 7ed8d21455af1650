import {
  type CloudDbOptions,
  isConflict,
  isDuplicate,
  isNotFound,
  openCloudDb,
  TransactionConflictError,
  type WxDatabaseSubset,
} from '../../cloudfunctions/_kernel/db/cloud';
import { collectionNames } from '../../cloudfunctions/_kernel/db/collections';
import { DuplicateKeyError } from '../../cloudfunctions/_kernel/db/port';
import { createWxDatabaseStandIn, type WxDatabaseStandIn, type WxDatabaseStandInOptions } from '../support/wx-db-standin';

/**
 * What is specific to the cloud mapping (the shared behaviour is in db.contract.test.ts), checked
 * over the in-process wx-server-sdk stand-in — a TEST DOUBLE; no test here touches the real SDK.
 * The last block pins the stand-in's own fidelity to wx-server-sdk 4.0.2, since the adapter's
 * tests are only as good as the double.
 */
const setup = (standIn: WxDatabaseStandInOptions = {}, adapter: CloudDbOptions = {}) => {
  const sdb = createWxDatabaseStandIn({ collections: collectionNames, ...standIn });
  return { sdb, db: openCloudDb(sdb, adapter) };
};
const deferred = <T = void>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};
type Tally = { _id: string; n: number };

describe('cloud adapter: recognising SDK failures', () => {
  const wx = (errMsg: string, errCode = -501001) => Object.assign(new Error(errMsg), { errMsg, errCode });
  it.each([
    [
      'the wx-wrapped not-found of doc.get',
      wx('document.get:fail document with _id a does not exist', -1),
      { notFound: true, duplicate: false, conflict: false },
    ],
    [
      'a collection that does not exist (not a missing document)',
      wx('collection.get:fail -502005 database collection not exists. Db or Table not exist'),
      { notFound: false, duplicate: false, conflict: false },
    ],
    [
      'an E11000 from add',
      wx('collection.add:fail -502001 database request fail. E11000 duplicate key error'),
      { notFound: false, duplicate: true, conflict: false },
    ],
    [
      'a wrapped write conflict',
      wx('document.set:fail -501001 resource system error. database transaction conflict'),
      { notFound: false, duplicate: false, conflict: true },
    ],
    [
      'the raw commit conflict',
      { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' },
      { notFound: false, duplicate: false, conflict: true },
    ],
    ['a Chinese conflict message', wx('事务冲突'), { notFound: false, duplicate: false, conflict: true }],
    ['a thrown string', 'document with _id a does not exist', { notFound: true, duplicate: false, conflict: false }],
    ['a thrown number', 42, { notFound: false, duplicate: false, conflict: false }],
    ['undefined', undefined, { notFound: false, duplicate: false, conflict: false }],
    ['a timeout', wx('collection.get:fail -501002 resource server timeout'), { notFound: false, duplicate: false, conflict: false }],
  ])('classifies %s', (_label, error, expected) => {
    expect({ notFound: isNotFound(error), duplicate: isDuplicate(error), conflict: isConflict(error) }).toEqual(expected);
  });
});

/** The stand-in, except that add inside a transaction answers with `addError` (a server-side race the stand-in's snapshot rules never produce). */
const withTxAddFailing = (sdb: WxDatabaseStandIn, addError: unknown): WxDatabaseSubset => ({
  command: sdb.command,
  collection: (name) => sdb.collection(name),
  runTransaction: (callback, times) =>
    sdb.runTransaction(
      (t) =>
        callback({
          collection: (name) => ({ doc: (id) => t.collection(name).doc(id), add: () => Promise.reject(addError) }),
        }),
      times,
    ),
});

describe('cloud adapter: failures of writes inside a transaction', () => {
  it('maps an E11000 from add inside a transaction to DuplicateKeyError', async () => {
    const sdb = createWxDatabaseStandIn({ collections: collectionNames });
    const db = openCloudDb(
      withTxAddFailing(
        sdb,
        Object.assign(new Error('collection.add:fail -502001 database request fail. E11000 duplicate key error'), { errCode: -502001 }),
      ),
    );
    await expect(db.tx((tx) => tx.insert('dayLocks', { _id: 'l1' }))).rejects.toEqual(new DuplicateKeyError('dayLocks', 'l1'));
  });

  it('passes any other write failure through unchanged and does not retry it', async () => {
    const sdb = createWxDatabaseStandIn({ collections: collectionNames });
    const timeout = Object.assign(new Error('collection.add:fail -501002 resource server timeout'), { errCode: -501002 });
    const db = openCloudDb(withTxAddFailing(sdb, timeout));
    await expect(db.tx((tx) => tx.insert('dayLocks', { _id: 'l1' }))).rejects.toBe(timeout);
    await expect(db.tx((tx) => tx.put('notDeployed', { _id: 'x', a: 1 }))).rejects.toMatchObject({ errCode: -502005 });
    expect(sdb.calls.runTransaction).toBe(2);
  });
});

describe('cloud adapter: reading a missing document', () => {
  it('maps the SDK rejection ("document with _id … does not exist") to null, outside and inside a transaction', async () => {
    const { sdb, db } = setup();
    await expect(sdb.collection('records').doc('nope').get()).rejects.toThrow(/document with _id nope does not exist/);
    expect(await db.get('records', 'nope')).toBeNull();
    expect(await db.tx((tx) => tx.get('records', 'nope'))).toBeNull();
  });

  it('maps { data: null } to null when the database was made with throwOnNotFound: false', async () => {
    const { sdb, db } = setup({ throwOnNotFound: false });
    await expect(sdb.collection('records').doc('nope').get()).resolves.toMatchObject({ data: null });
    expect(await db.get('records', 'nope')).toBeNull();
    expect(await db.tx((tx) => tx.get('records', 'nope'))).toBeNull();
  });

  it('does not swallow other failures: an undeployed collection is an error, not null', async () => {
    const { db } = setup();
    await expect(db.get('notDeployed', 'x')).rejects.toThrow(/-502005/);
    await expect(db.tx((tx) => tx.get('notDeployed', 'x'))).rejects.toThrow(/-502005/);
  });
});

describe('cloud adapter: duplicates', () => {
  it('maps the E11000 rejection of add to DuplicateKeyError', async () => {
    const { sdb, db } = setup();
    await db.insert('records', { _id: 'r1', a: 1 });
    await expect(sdb.collection('records').add({ data: { _id: 'r1', a: 2 } })).rejects.toThrow(/E11000 duplicate key/);
    await expect(db.insert('records', { _id: 'r1', a: 3 })).rejects.toEqual(new DuplicateKeyError('records', 'r1'));
  });

  it('does not mistake other add failures for duplicates', async () => {
    const { db } = setup();
    const err = await db.insert('notDeployed', { _id: 'x', a: 1 }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(DuplicateKeyError);
    expect(String(err)).toMatch(/-502005/);
  });

  // issue 12: an insert inside a transaction is ONE create-only request (collection.add with the
  // transaction id), no read first; the failed write ends the attempt (callers never carry on in it)
  it('inside a transaction inserts create-only: one add, no read, a taken id is DuplicateKeyError', async () => {
    const { sdb, db } = setup();
    await db.insert('dayLocks', { _id: 'l1', recordId: 'r0' });
    await expect(db.tx((tx) => tx.insert('dayLocks', { _id: 'l1', recordId: 'r1' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(sdb.calls['transaction.doc.get']).toBe(0);
    expect(sdb.calls['transaction.doc.set']).toBe(0);
    expect(sdb.calls['transaction.add']).toBe(1);
    await db.tx((tx) => tx.insert('dayLocks', { _id: 'l2', recordId: 'r2' }));
    expect(sdb.calls['transaction.add']).toBe(2);
    expect(sdb.calls['transaction.doc.get']).toBe(0);
    expect(await db.get('dayLocks', 'l2')).toEqual({ _id: 'l2', recordId: 'r2' });
  });
});

describe('cloud adapter: writing', () => {
  it('sends set data without _id (the SDK refuses it) and still stores the id', async () => {
    const { sdb, db } = setup();
    await expect(
      sdb
        .collection('records')
        .doc('r1')
        .set({ data: { _id: 'r1', a: 1 } }),
    ).rejects.toThrow(/不能更新_id的值/);
    await db.put('records', { _id: 'r1', a: 1 });
    expect(sdb.dump('records')).toEqual([{ _id: 'r1', a: 1 }]);
  });

  it('writes a document with no field besides _id through a transaction, since set refuses empty data', async () => {
    const { sdb, db } = setup();
    await expect(sdb.collection('dayLocks').doc('l1').set({ data: {} })).rejects.toThrow(/must not be empty/);
    await db.put('dayLocks', { _id: 'l1' });
    expect(sdb.calls.runTransaction).toBe(1);
    expect(sdb.dump('dayLocks')).toEqual([{ _id: 'l1' }]);
  });
});

describe('cloud adapter: find', () => {
  it('fetches a page of up to 1000 with exactly one query and pages on with skip', async () => {
    const { sdb, db } = setup();
    for (let i = 0; i < 1200; i++) await db.insert('records', { _id: `r${String(i).padStart(4, '0')}`, i });
    const queriesBefore = sdb.calls['query.get'];
    const tripsBefore = db.roundTrips;
    const page1 = await db.find('records', {}, { limit: 1000 });
    expect(page1).toHaveLength(1000);
    expect(sdb.calls['query.get'] - queriesBefore).toBe(1);
    expect(db.roundTrips - tripsBefore).toBe(1);
    const page2 = await db.find('records', {}, { limit: 1000, skip: 1000 });
    expect(page2.map((d) => d._id)).toEqual(Array.from({ length: 200 }, (_, i) => `r${1000 + i}`));
  }, 30_000);

  it('refuses a limit above 1000 itself, because the SDK would silently cap it', async () => {
    const { sdb, db } = setup();
    for (let i = 0; i < 3; i++) await db.insert('records', { _id: `r${i}` });
    await expect(db.find('records', {}, { limit: 1001 })).rejects.toThrow(/limit/);
    await expect(db.find('records', {}, { limit: 2.5 })).rejects.toThrow(/limit/);
    await expect(db.find('records', {}, { limit: 10, skip: -1 })).rejects.toThrow(/skip/);
    expect(sdb.calls['query.get']).toBe(0);
  });

  it('translates $in into db.command.in and nested paths stay dotted', async () => {
    const { sdb, db } = setup();
    const spy = jest.spyOn(sdb.command, 'in');
    await db.insert('applications', { _id: 'a1', status: 'draft', applicant: { societyId: 's1' } });
    await db.insert('applications', { _id: 'a2', status: 'submitted', applicant: { societyId: 's1' } });
    await db.insert('applications', { _id: 'a3', status: 'submitted', applicant: { societyId: 's2' } });
    const found = await db.find('applications', { status: { $in: ['submitted', 'approved'] }, 'applicant.societyId': 's1' }, { limit: 10 });
    expect(found.map((d) => d._id)).toEqual(['a2']);
    expect(spy).toHaveBeenCalledWith(['submitted', 'approved']);
    expect(await db.count('applications', { status: { $in: ['submitted'] } })).toBe(2);
  });

  it('passes the cloud result-size limit (1 MB) through as an error instead of returning part of a page', async () => {
    const { db } = setup();
    const big = 'x'.repeat(200_000);
    for (let i = 0; i < 6; i++) await db.insert('applications', { _id: `a${i}`, big });
    await expect(db.find('applications', {}, { limit: 10 })).rejects.toThrow(/-602001/);
    expect(await db.find('applications', {}, { limit: 4 })).toHaveLength(4);
  });
});

describe('cloud adapter: transactions', () => {
  it('counts start, each operation and commit as round trips; start, operations and abort on failure', async () => {
    const { db } = setup();
    let before = db.roundTrips;
    await db.tx(async (tx) => {
      await tx.get('records', 'r1');
      await tx.put('records', { _id: 'r1', a: 1 });
    });
    expect(db.roundTrips - before).toBe(4);
    before = db.roundTrips;
    await expect(
      db.tx(async (tx) => {
        await tx.get('records', 'r1');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(db.roundTrips - before).toBe(3);
  });

  it('a conflict found at commit is retried by the SDK loop itself: the callback runs again inside one runTransaction', async () => {
    const { sdb, db } = setup();
    await db.insert('stationTallies', { _id: 't', n: 0 });
    sdb.failNextCommits(1);
    let runs = 0;
    await db.tx(async (tx) => {
      runs++;
      const t = (await tx.get<Tally>('stationTallies', 't')) as Tally;
      await tx.put('stationTallies', { ...t, n: t.n + 1 });
    });
    expect(runs).toBe(2);
    expect(sdb.calls.runTransaction).toBe(1);
    expect(sdb.dump('stationTallies')).toEqual([{ _id: 't', n: 1 }]);
  });

  it('a write that meets another transaction’s lock fails inside the callback; the SDK does not retry that, the adapter does', async () => {
    const { sdb } = setup();
    const aLocked = deferred();
    const aMayCommit = deferred();
    let sleeps = 0;
    let aDone: Promise<void> = Promise.resolve();
    const db = openCloudDb(sdb, {
      backoffMs: () => 0,
      sleep: async () => {
        sleeps++;
        aMayCommit.resolve();
        await aDone;
      },
    });
    await db.insert('stationTallies', { _id: 't', n: 0 });
    const bump = async (tx: Parameters<Parameters<typeof db.tx>[0]>[0]) => {
      const t = (await tx.get<Tally>('stationTallies', 't')) as Tally;
      await tx.put('stationTallies', { ...t, n: t.n + 1 });
    };
    let aRuns = 0;
    let bRuns = 0;
    aDone = db.tx(async (tx) => {
      aRuns++;
      await bump(tx);
      aLocked.resolve();
      await aMayCommit.promise;
    });
    await aLocked.promise;
    await db.tx(async (tx) => {
      bRuns++;
      await bump(tx);
    });
    await aDone;
    expect({ aRuns, bRuns, sleeps, runTransaction: sdb.calls.runTransaction }).toEqual({
      aRuns: 1,
      bRuns: 2,
      sleeps: 1,
      runTransaction: 3,
    });
    expect(sdb.dump('stationTallies')).toEqual([{ _id: 't', n: 2 }]);
    expect(sdb.openTransactions()).toBe(0);
  });

  it('gives up after maxAttempts, rethrowing the conflict and writing nothing', async () => {
    const { sdb, db } = setup({}, { maxAttempts: 2, sdkTimes: 3, backoffMs: () => 0 });
    sdb.failNextCommits(100);
    let runs = 0;
    const err = await db
      .tx(async (tx) => {
        runs++;
        await tx.put('records', { _id: 'r1', a: 1 });
      })
      .catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect(runs).toBe(8); // 2 adapter attempts × (1 + 3 SDK retries)
    expect(sdb.dump('records')).toEqual([]);
  });

  it('marks a lost write as TransactionConflictError when it escapes the callback', async () => {
    const { sdb } = setup();
    const db = openCloudDb(sdb, { maxAttempts: 1 });
    const locked = deferred();
    const release = deferred();
    const holder = db.tx(async (tx) => {
      await tx.put('records', { _id: 'r1', a: 1 });
      locked.resolve();
      await release.promise;
    });
    await locked.promise;
    const err = await db.tx((tx) => tx.put('records', { _id: 'r1', a: 2 })).catch((e: unknown) => e);
    release.resolve();
    await holder;
    expect(err).toBeInstanceOf(TransactionConflictError);
    expect(String((err as Error).message)).toMatch(/database transaction conflict/);
    expect(sdb.dump('records')).toEqual([{ _id: 'r1', a: 1 }]);
  });

  it('does not retry other errors: the callback runs once and its error comes out unchanged', async () => {
    const { sdb, db } = setup();
    const boom = Object.assign(new Error('邀请码已使用'), { code: 'INVITE.USED' });
    let runs = 0;
    const err = await db
      .tx(async () => {
        runs++;
        throw boom;
      })
      .catch((e: unknown) => e);
    expect(err).toBe(boom);
    expect(runs).toBe(1);
    expect(sdb.calls.runTransaction).toBe(1);
    expect(sdb.openTransactions()).toBe(0);
  });

  it('50 concurrent increments of one counter conflict, re-run their callbacks, and still end at exactly 50', async () => {
    const { sdb, db } = setup();
    await db.insert('stationTallies', { _id: 't', n: 0 });
    let runs = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.tx(async (tx) => {
          runs++;
          const t = (await tx.get<Tally>('stationTallies', 't')) as Tally;
          await tx.put('stationTallies', { ...t, n: t.n + 1 });
        }),
      ),
    );
    expect(sdb.dump('stationTallies')).toEqual([{ _id: 't', n: 50 }]);
    expect(runs).toBeGreaterThan(50);
    expect(sdb.openTransactions()).toBe(0);
  }, 30_000);
});

describe('the stand-in itself keeps to wx-server-sdk 4.0.2 behaviour (test double fidelity)', () => {
  let sdb: WxDatabaseStandIn;
  beforeEach(() => {
    sdb = createWxDatabaseStandIn({ collections: ['c', 'd'] });
  });

  it('rejects calls on collections that were not deployed', async () => {
    await expect(sdb.collection('x').where({ a: 1 }).get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(sdb.collection('x').count()).rejects.toMatchObject({ errCode: -502005 });
    await expect(sdb.collection('x').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await expect(
      sdb
        .collection('x')
        .doc('1')
        .set({ data: { a: 1 } }),
    ).rejects.toMatchObject({ errCode: -502005 });
    await expect(sdb.collection('x').doc('1').remove()).rejects.toMatchObject({ errCode: -502005 });
  });

  it('creates collections on first use when no list is given', async () => {
    const free = createWxDatabaseStandIn();
    await free.collection('anything').add({ data: { _id: 'a', v: 1 } });
    expect(free.dump('anything')).toEqual([{ _id: 'a', v: 1 }]);
  });

  it('rejects a missing document on get with errCode -1 and the SDK message', async () => {
    await expect(sdb.collection('c').doc('1').get()).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id 1 does not exist',
    });
  });

  it('rejects set data that holds _id, is empty, or is not an object', async () => {
    const ref = sdb.collection('c').doc('1');
    await expect(ref.set({ data: { _id: '1' } })).rejects.toMatchObject({ errCode: -501007 });
    await expect(ref.set({ data: {} })).rejects.toThrow(/must not be empty/);
    await expect(ref.set({ data: 'x' as unknown as Record<string, unknown> })).rejects.toMatchObject({ errCode: -501007 });
    await expect(sdb.collection('c').add({ data: 'x' as unknown as Record<string, unknown> })).rejects.toMatchObject({ errCode: -501007 });
  });

  it('add generates an id when none is given, and set replaces the whole document', async () => {
    const res = (await sdb.collection('c').add({ data: { a: 1 } })) as { _id: string };
    expect(res._id).toMatch(/^[0-9a-f]+$/);
    await sdb
      .collection('c')
      .doc(res._id)
      .set({ data: { b: 2 } });
    expect(await sdb.collection('c').doc(res._id).get()).toMatchObject({ data: { _id: res._id, b: 2 } });
    await expect(sdb.collection('c').doc(res._id).remove()).resolves.toMatchObject({ stats: { removed: 1 } });
    await expect(sdb.collection('c').doc(res._id).remove()).resolves.toMatchObject({ stats: { removed: 0 } });
  });

  it('returns 100 documents when no limit is set and caps a larger limit at 1000 silently', async () => {
    for (let i = 0; i < 1100; i++) await sdb.collection('c').add({ data: { _id: `k${i}` } });
    expect((await sdb.collection('c').get()).data).toHaveLength(100);
    expect((await sdb.collection('c').limit(5000).get()).data).toHaveLength(1000);
    expect((await sdb.collection('c').skip(1050).limit(1000).get()).data).toHaveLength(50);
  }, 30_000);

  it('validates query building synchronously, as the SDK does', () => {
    const q = sdb.collection('c');
    expect(() => q.limit(1.5)).toThrow(/integer/);
    expect(() => q.skip(0.5)).toThrow(/integer/);
    expect(() => q.orderBy('a', 'up' as 'asc')).toThrow(/direction/);
    expect(() => q.where([] as unknown as Record<string, unknown>)).toThrow(/object/);
    expect(() => q.where({ a: undefined })).toThrow(/undefined/);
  });

  it('matches like MongoDB: nested objects as dotted paths, array fields by element, null as missing, $in', async () => {
    const c = sdb.collection('c');
    await c.add({ data: { _id: '1', a: { b: 1 }, tags: ['x', 'y'], n: null } });
    await c.add({ data: { _id: '2', a: { b: 2 }, tags: ['z'], list: [{ b: 1 }] } });
    const idsOf = async (cond: Record<string, unknown>) => (await c.where(cond).get()).data.map((d) => (d as { _id: string })._id);
    expect(await idsOf({ a: { b: 1 } })).toEqual(['1']);
    expect(await idsOf({ 'a.b': 2 })).toEqual(['2']);
    expect(await idsOf({ tags: 'y' })).toEqual(['1']);
    expect(await idsOf({ 'list.b': 1 })).toEqual(['2']);
    expect(await idsOf({ n: null })).toEqual(['1', '2']);
    expect(await idsOf({ tags: sdb.command.in(['z', 'q']) })).toEqual(['2']);
    expect(await idsOf({ 'a.b.c': null })).toEqual(['1', '2']);
  });

  it('sorts in MongoDB type order with strings by UTF-8 bytes, and a repeated orderBy keeps its first position', async () => {
    const c = sdb.collection('c');
    const values: Array<[string, unknown]> = [
      ['b', true],
      ['s2', 'é'],
      ['n', 2],
      ['z', null],
      ['o', { k: 1 }],
      ['a', [1]],
      ['s1', 'e'],
      ['m', undefined],
    ];
    for (const [id, v] of values) await c.add({ data: v === undefined ? { _id: id } : { _id: id, v } });
    const sorted = (await c.orderBy('v', 'asc').orderBy('_id', 'asc').limit(100).get()).data.map((d) => (d as { _id: string })._id);
    expect(sorted).toEqual(['m', 'z', 'n', 's1', 's2', 'o', 'a', 'b']);
    const desc = (await c.orderBy('v', 'asc').orderBy('_id', 'asc').orderBy('v', 'desc').limit(100).get()).data.map(
      (d) => (d as { _id: string })._id,
    );
    expect(desc).toEqual(['b', 'a', 'o', 's2', 's1', 'n', 'm', 'z']);
    // Equal sort keys keep the stored (insertion) order when nothing else is asked.
    const ties = (await c.where({ v: null }).orderBy('v', 'desc').get()).data.map((d) => (d as { _id: string })._id);
    expect(ties).toEqual(['z', 'm']);
  });

  it('copies on write and on read', async () => {
    const data = { _id: '1', nested: { v: 1 } };
    await sdb.collection('c').add({ data });
    data.nested.v = 2;
    const got = (await sdb.collection('c').doc('1').get()).data as typeof data;
    got.nested.v = 3;
    expect(sdb.dump('c')).toEqual([{ _id: '1', nested: { v: 1 } }]);
  });

  it('gives a transaction a snapshot: it keeps reading the old version after an outside write, and its own write then conflicts', async () => {
    await sdb.collection('c').add({ data: { _id: '1', v: 1 } });
    const read = deferred();
    const outsideDone = deferred();
    const attempt = sdb.runTransaction(async (t) => {
      const first = (await t.collection('c').doc('1').get()).data;
      read.resolve();
      await outsideDone.promise;
      const again = (await t.collection('c').doc('1').get()).data;
      expect(again).toEqual(first);
      await t
        .collection('c')
        .doc('1')
        .set({ data: { v: 3 } });
    });
    await read.promise;
    await sdb
      .collection('c')
      .doc('1')
      .set({ data: { v: 2 } });
    outsideDone.resolve();
    await expect(attempt).rejects.toMatchObject({ errCode: -501001, errMsg: expect.stringMatching(/transaction conflict/) });
    expect(sdb.dump('c')).toEqual([{ _id: '1', v: 2 }]);
    expect(sdb.openTransactions()).toBe(0);
  });

  it('blocks an ordinary write to a locked document until the transaction ends, then applies it', async () => {
    await sdb.collection('c').add({ data: { _id: '1', v: 1 } });
    const locked = deferred();
    const commit = deferred();
    const tx = sdb.runTransaction(async (t) => {
      await t
        .collection('c')
        .doc('1')
        .set({ data: { v: 'tx' } });
      locked.resolve();
      await commit.promise;
    });
    await locked.promise;
    let outsideDone = false;
    const outside = sdb
      .collection('c')
      .doc('1')
      .set({ data: { v: 'outside' } })
      .then(() => {
        outsideDone = true;
      });
    await new Promise((r) => setTimeout(r, 20));
    expect(outsideDone).toBe(false);
    commit.resolve();
    await tx;
    await outside;
    expect(sdb.dump('c')).toEqual([{ _id: '1', v: 'outside' }]);
  });

  it('rolls back on a thrown error, releasing locks, and refuses use of a finished transaction', async () => {
    let leaked: Parameters<Parameters<WxDatabaseStandIn['runTransaction']>[0]>[0] | undefined;
    await expect(
      sdb.runTransaction(async (t) => {
        leaked = t;
        await t.collection('c').add({ data: { _id: 'n', v: 1 } });
        await t.collection('d').doc('m').remove();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(sdb.calls['transaction.rollback']).toBe(1);
    expect(sdb.dump('c')).toEqual([]);
    await sdb.runTransaction(async (t) => {
      await t
        .collection('c')
        .doc('n')
        .set({ data: { v: 2 } });
    });
    expect(sdb.dump('c')).toEqual([{ _id: 'n', v: 2 }]);
    await expect((leaked as NonNullable<typeof leaked>).collection('c').doc('n').get()).rejects.toThrow(/not active/);
  });

  it('inside a transaction: add of a visible id is a duplicate, remove reports what it removed, a missing doc may read as null', async () => {
    const lenient = createWxDatabaseStandIn({ throwOnNotFound: false });
    await lenient.collection('c').add({ data: { _id: '1' } });
    const out = await lenient.runTransaction(async (t) => {
      await expect(t.collection('c').add({ data: { _id: '1' } })).rejects.toThrow(/E11000/);
      const generated = (await t.collection('c').add({ data: { v: 1 } })) as { _id: string };
      const missing = await t.collection('c').doc('nope').get();
      const removed = await t.collection('c').doc('1').remove();
      return { generated, missing, removed };
    });
    expect(out.missing).toMatchObject({ data: null });
    expect(out.removed).toMatchObject({ stats: { removed: 1 } });
    expect(lenient.dump('c')).toEqual([{ _id: out.generated._id, v: 1 }]);
    await expect(
      lenient.runTransaction(async (t) => t.collection('c').add({ data: 'x' as unknown as Record<string, unknown> })),
    ).rejects.toMatchObject({ errCode: -501007 });
  });

  it('counts every request by method', async () => {
    await sdb.collection('c').add({ data: { _id: '1' } });
    await sdb.collection('c').doc('1').get();
    await sdb.collection('c').count();
    await sdb.runTransaction(async (t) => {
      await t.collection('c').doc('1').get();
    });
    expect(sdb.calls).toMatchObject({
      'collection.add': 1,
      'doc.get': 1,
      'query.count': 1,
      runTransaction: 1,
      'transaction.start': 1,
      'transaction.doc.get': 1,
      'transaction.commit': 1,
    });
    expect(sdb.totalCalls()).toBe(7);
  });
});
