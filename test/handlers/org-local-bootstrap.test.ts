import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHost } from '../../local/server';

/**
 * `DEMO=0` (issue 13): the local host starts empty and prints a first-administrator code once; entered
 * as an invite code it makes the caller city staff of BOOTSTRAP_CITY; a restart with staff prints none.
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
  jest.restoreAllMocks();
});

it('prints a code once, which binds its first redeemer as city staff of the named city; the next start prints none', async () => {
  const lines: string[] = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  const dataDir = mkdtempSync(join(tmpdir(), 'kexie-demo0-'));
  const start = async () => {
    const port = await freePort();
    Object.assign(process.env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: dataDir,
      DEMO: '0',
      BOOTSTRAP_CITY: '益阳市科协',
    });
    delete process.env.BOOTSTRAP_CODE;
    return { host: await startLocalHost(), port };
  };
  const { host, port } = await start();
  const printed = lines.filter((l) => l.includes('首位管理员引导码'));
  expect(printed).toHaveLength(1);
  const code = /([A-Z0-9]{8})\s*$/.exec(printed[0]!)![1]!;
  expect(await host.deps.store.org.castUnits()).toEqual([]);
  const post = async (openid: string, data: unknown) =>
    (await (
      await fetch(`http://127.0.0.1:${port}/api/identity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': openid },
        body: JSON.stringify({ action: 'redeemInvite', data }),
      })
    ).json()) as { ok: boolean; data?: { primaryRole: string }; error?: { code: string } };
  expect(await post('local-newcomer-1', { code })).toMatchObject({ ok: true, data: { primaryRole: 'cityStaff' } });
  expect((await post('local-newcomer-2', { code })).error?.code).toBe('INVITE.USED');
  expect((await host.deps.store.org.castUnits()).map((u) => u.name)).toEqual(['益阳市科协']);
  await host.stop();
  lines.length = 0;
  const again = await start();
  expect(lines.filter((l) => l.includes('首位管理员引导码'))).toEqual([]);
  await again.host.stop();
}, 60_000);
