import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHost } from '../../local/server';

/**
 * Issue 11, finding 12: the local host looked a function up by name without an own-property check,
 * so POST /api/constructor echoed the body (Object(body)) and /api/toString and friends answered
 * 500; GET /api/_local/health ran SQLite's full integrity_check for anyone who asked. Unknown
 * function names answer ACTION.UNKNOWN like any other unknown name; health is a cheap by-id read.
 * Started in-process on a free port with a fresh data directory.
 */
const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });

let host: Awaited<ReturnType<typeof startLocalHost>>;
let baseUrl: string;
const saved = { ...process.env };
beforeAll(async () => {
  const port = await freePort();
  Object.assign(process.env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'kexie-localhost-')),
    STATIC_DIR: mkdtempSync(join(tmpdir(), 'kexie-static-')),
  });
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  host = await startLocalHost();
  baseUrl = `http://127.0.0.1:${port}`;
}, 120_000);
afterAll(async () => {
  await host?.stop();
  process.env = saved;
  jest.restoreAllMocks();
});

const post = async (path: string, body: unknown, openid?: string) => {
  const r = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
};

describe('POST /api/<fn> with a name that is not a function', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'nosuch'])(
    '/api/%s answers ACTION.UNKNOWN (404), never the body and never a 500',
    async (name) => {
      const r = await post(`/api/${name}`, { action: 'me', data: { canary: 'echo-me' } }, 'local-p-city-staff');
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ ok: false, error: { code: 'ACTION.UNKNOWN', message: '不存在的云函数' } });
      expect(JSON.stringify(r.body)).not.toContain('echo-me');
    },
  );

  it('a real function still answers', async () => {
    const r = await post('/api/identity', { action: 'me', data: {} }, 'local-p-city-staff');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, data: { bound: true } });
  });
});

describe('GET /api/_local/health', () => {
  it('answers without running the database integrity check', async () => {
    const integrity = jest.spyOn(host.deps, 'integrityCheck');
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${baseUrl}/api/_local/health`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ ok: true, data: { now: expect.any(Number) } });
    }
    expect(integrity).not.toHaveBeenCalled();
  });
});
