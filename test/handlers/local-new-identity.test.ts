import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHost } from '../../local/server';

/**
 * The local sign-in as a brand-new WeChat user (issue 13, item 9): the local host hands out a fresh local
 * OPENID no one holds; with it a newcomer redeems the first-administrator code, and the sign-in list then
 * offers that person (DEMO=0 lists no demo people, who do not exist there).
 */
const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

it('a new local identity is unbound, redeems the bootstrap code, and is listed on the sign-in page afterwards', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kexie-newid-'));
  const port = await freePort();
  Object.assign(process.env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATIC_DIR: dataDir,
    DEMO: '0',
    BOOTSTRAP_CODE: 'BOOT2345',
    BOOTSTRAP_CITY: '益阳市科协',
  });
  const host = await startLocalHost();
  try {
    const base = `http://127.0.0.1:${port}`;
    const people = async () =>
      ((await (await fetch(`${base}/api/_local/people`)).json()) as { data: { openid: string; roles: string[] }[] }).data;
    const fresh = async () =>
      ((await (await fetch(`${base}/api/_local/new-identity`, { method: 'POST' })).json()) as { data: { openid: string } }).data.openid;
    const call = async (openid: string, action: string, data: unknown) =>
      (await (
        await fetch(`${base}/api/identity`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-openid': openid },
          body: JSON.stringify({ action, data }),
        })
      ).json()) as { ok: boolean; data?: { bound: boolean; primaryRole: string | null } };
    expect(await people()).toEqual([]);
    const a = await fresh();
    const b = await fresh();
    expect(a).toMatch(/^local-new-[0-9a-f]{16}$/);
    expect(b).not.toBe(a);
    expect(await call(a, 'me', {})).toMatchObject({ ok: true, data: { bound: false } });
    expect(await call(a, 'redeemInvite', { code: 'BOOT2345' })).toMatchObject({ ok: true, data: { primaryRole: 'cityStaff' } });
    expect(await people()).toEqual([expect.objectContaining({ openid: a, roles: ['cityStaff'] })]);
    expect(await call(b, 'me', {})).toMatchObject({ ok: true, data: { bound: false } });
  } finally {
    await host.stop();
  }
}, 60_000);
