import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { movableClock, openLocalDeps } from './adapters';
import { demoBindings, demoPersons, localOpenidOf, seedDemo } from './demo/org';
import { readEnv } from './env';
import { localFunctions } from './functions';
import { demoSeeders } from './seeders';

/**
 * The local host (npm start): the h5 build and POST /api/<fn> on 127.0.0.1:8787, running the SAME
 * function entries as the cloud, with local adapters. Local identity: the X-Local-Openid header set
 * by the local sign-in page. This file is never part of a cloud bundle (checked by a test).
 */
const MAX_BODY = 100 * 1024; // callFunction payloads are ≤ 100 KB in the cloud too

export async function startLocalHost() {
  const env = readEnv();
  const clock = movableClock(env.LOCAL_START_TIME ? Date.parse(env.LOCAL_START_TIME) : undefined);
  const deps = openLocalDeps(resolve(env.DATA_DIR), clock);
  const seeded = await seedDemo(deps, demoSeeders);
  const serveStatic = sirv(resolve(env.STATIC_DIR), { single: true, dev: false, etag: true });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<unknown>((ok, fail) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          fail(new Error('too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        try {
          ok(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
        } catch {
          ok(Symbol.for('bad-json'));
        }
      });
      req.on('error', fail);
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    try {
      if (url.pathname === '/api/_local/people' && req.method === 'GET') {
        // The local sign-in page: demo people and their roles.
        const roles = new Map<string, string[]>();
        for (const b of demoBindings) roles.set(b.personId, [...(roles.get(b.personId) ?? []), b.role]);
        return send(res, 200, {
          ok: true,
          data: demoPersons.map((p) => ({
            personId: p.id,
            name: p.name,
            title: p.title,
            openid: localOpenidOf(p.id),
            roles: roles.get(p.id) ?? [],
          })),
        });
      }
      if (url.pathname === '/api/_local/clock' && req.method === 'POST') {
        if (env.LOCAL_TEST_CLOCK !== '1') return send(res, 404, { ok: false });
        const body = (await readBody(req)) as { advanceMs?: number; setMs?: number };
        if (typeof body.advanceMs === 'number') clock.advance(body.advanceMs);
        if (typeof body.setMs === 'number') clock.set(body.setMs);
        return send(res, 200, { ok: true, data: { now: clock.now() } });
      }
      if (url.pathname === '/api/_local/health') {
        // Cheap and answered to anyone (startup probes poll it): one by-id read proves the database
        // answers. Never SQLite's integrity_check — it reads the whole file, so anyone could make the
        // host do that in a loop (issue 11, finding 12); the crash test runs it on the file itself.
        await deps.db.get('requests', 'health-probe');
        return send(res, 200, { ok: true, data: { now: clock.now() } });
      }
      const m = /^\/api\/([a-zA-Z]+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '请使用 POST' } });
        // Own properties only: `constructor`, `toString` … are inherited from Object.prototype, not functions of ours.
        const fn = Object.hasOwn(localFunctions, m[1]!) ? localFunctions[m[1]!] : undefined;
        if (!fn) return send(res, 404, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '不存在的云函数' } });
        const body = await readBody(req);
        if (typeof body === 'symbol')
          return send(res, 400, { ok: false, error: { code: 'INPUT.INVALID', message: '请求不是合法的 JSON' } });
        const openid = req.headers['x-local-openid'];
        const answer = await fn(body, typeof openid === 'string' && openid ? openid : null, deps);
        return send(res, 200, answer);
      }
      serveStatic(req, res, () => send(res, 404, { ok: false }));
    } catch (e) {
      console.error(e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    }
  });
  await new Promise<void>((ok) => server.listen(env.PORT, env.HOST, ok));
  console.log(`本地服务已启动: http://${env.HOST}:${env.PORT}  (数据: ${resolve(env.DATA_DIR)}${seeded ? '，已写入演示数据' : ''})`);
  const stop = async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await deps.close();
  };
  return { server, deps, clock, stop };
}

if (require.main === module) {
  startLocalHost().then(({ stop }) => {
    const bye = () => stop().then(() => process.exit(0));
    process.on('SIGINT', bye);
    process.on('SIGTERM', bye);
  });
}
