import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { newInviteCode } from '../cloudfunctions/identity/actions/invites';
import { sanitiseFileName, sniffableTypes } from '../shared/rules/files';
import { movableClock, openLocalDeps, servedFilesPrefix } from './adapters';
import { demoBindings, demoPersons, localOpenidOf, seedDemo } from './demo/org';
import { secondCityBindings, secondCityPersons } from './demo/second-city';
import { readEnv } from './env';
import { localFunctions } from './functions';
import { demoSeeders } from './seeders';

/**
 * The local host (npm start): the h5 build and POST /api/<fn> on 127.0.0.1:8787, running the SAME
 * function entries as the cloud, with local adapters. Local identity: the X-Local-Openid header set
 * by the local sign-in page. This file is never part of a cloud bundle (checked by a test).
 */
const MAX_BODY = 100 * 1024; // callFunction payloads are ≤ 100 KB in the cloud too
/** An upload straight into storage (POST /api/_local/upload): the file limit of the `files` records. */
const MAX_UPLOAD = 50 * 1024 * 1024;
const tooLarge = Symbol.for('too-large');
/**
 * Where the h5 app may upload to: the folders `attach` / the evidence checks claim files from (shared/rules/files.ts),
 * and a staff member's import folder (org.importWorkbook reads only the caller's own: shared/rules/org-import.ts).
 */
const uploadFolder = /^(applications|evidence|imports)\/[A-Za-z0-9_-]{1,100}$/;

export async function startLocalHost() {
  const env = readEnv();
  const clock = movableClock(env.LOCAL_START_TIME ? Date.parse(env.LOCAL_START_TIME) : undefined);
  const deps = openLocalDeps(resolve(env.DATA_DIR), clock);
  // Schema migrations (issue 13 item 8): a database written by an older version is upgraded at start, to the end.
  for (let step = await deps.store.migrations.run({ now: () => clock.now() }); !step.done; ) {
    step = await deps.store.migrations.run({ now: () => clock.now() });
  }
  const seeded = env.DEMO === '1' ? await seedDemo(deps, demoSeeders) : false;
  // The first administrator (issue 13): BOOTSTRAP_CODE when set; else, started without the demo and with
  // no city staff yet, a code generated now and printed once (a later start with staff prints none).
  const noStaff = !(await deps.store.identity.allBindings()).some((b) => b.role === 'cityStaff' && b.revokedAt === null);
  const bootCode = env.BOOTSTRAP_CODE?.trim().toUpperCase() || (env.DEMO === '0' && noStaff ? newInviteCode() : null);
  const boot = bootCode ? { code: bootCode, city: env.BOOTSTRAP_CITY.trim() } : null;
  deps.bootstrap = { current: () => boot };
  if (boot && !env.BOOTSTRAP_CODE) console.log(`首位管理员引导码（在“输入邀请码”处输入，仅可使用一次）: ${boot.code}`);
  const serveStatic = sirv(resolve(env.STATIC_DIR), { single: true, dev: false, etag: true });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };
  /**
   * The body, up to `limit` bytes. Over it, the rest is read and dropped and the answer is `tooLarge`,
   * so the caller gets a real answer (413) — not a reset connection, which the app can only read as
   * "no network" (issue 15, finding 15).
   */
  const readRaw = (req: IncomingMessage, limit: number) =>
    new Promise<Buffer | typeof tooLarge>((ok, fail) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= limit) chunks.push(c);
        // never hold more than the limit; a client sending far more than that is cut off
        else if (size > limit * 4 + 1024 * 1024) req.destroy();
      });
      req.on('end', () => ok(size > limit ? tooLarge : Buffer.concat(chunks)));
      req.on('error', fail);
    });
  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    const raw = await readRaw(req, MAX_BODY);
    if (raw === tooLarge) return tooLarge;
    try {
      return raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return Symbol.for('bad-json');
    }
  };
  const refuse = (res: ServerResponse, status: number, message: string) =>
    send(res, status, { ok: false, error: { code: 'INPUT.INVALID', message } });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    try {
      if (url.pathname === '/api/_local/people' && req.method === 'GET') {
        // The local sign-in page: demo people and their roles (with the demo), then everyone else bound on
        // this host — e.g. a new local user who redeemed the first-administrator code or an invite.
        const roles = new Map<string, string[]>();
        for (const b of [...demoBindings, ...secondCityBindings]) roles.set(b.personId, [...(roles.get(b.personId) ?? []), b.role]);
        const listed =
          env.DEMO === '1'
            ? [...demoPersons, ...secondCityPersons].map((p) => ({
                personId: p.id,
                name: p.name,
                title: p.title,
                openid: localOpenidOf(p.id),
                roles: roles.get(p.id) ?? [],
              }))
            : [];
        const others = new Map<string, { personId: string; openid: string; roles: string[] }>();
        for (const b of await deps.store.identity.allBindings()) {
          if (b.revokedAt !== null || !b.openid.startsWith('local-') || listed.some((x) => x.openid === b.openid)) continue;
          const o = others.get(b.openid) ?? { personId: b.personId, openid: b.openid, roles: [] };
          o.roles.push(b.role);
          others.set(b.openid, o);
        }
        const more = await Promise.all(
          [...others.values()].map(async (o) => {
            const p = await deps.store.org.person(o.personId);
            return { ...o, name: p?.name ?? '（未命名）', title: p?.title ?? '' };
          }),
        );
        return send(res, 200, { ok: true, data: [...listed, ...more] });
      }
      if (url.pathname === '/api/_local/new-identity' && req.method === 'POST') {
        // "以新微信用户身份进入": a fresh local OPENID no one holds yet (in WeChat the platform gives one)
        return send(res, 200, { ok: true, data: { openid: `local-new-${randomBytes(8).toString('hex')}` } });
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
      if (url.pathname.startsWith(servedFilesPrefix) && (req.method === 'GET' || req.method === 'HEAD')) {
        // a temporary file link minted by a fileUrl action (local/adapters.ts localFiles.tempUrl)
        const file = await deps.files.served(url.pathname);
        if (!file.ok) {
          const text = file.status === 410 ? '链接已过期，请返回重新打开文件' : '链接无效';
          res.writeHead(file.status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          return res.end(text);
        }
        res.writeHead(200, {
          'content-type': file.mime,
          'content-length': file.bytes.byteLength,
          'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          'cache-control': 'private, max-age=300',
          // the type is a stored, sniffed one (PDF, images, Office): never one a browser runs
          'x-content-type-options': 'nosniff',
        });
        return res.end(req.method === 'HEAD' ? undefined : Buffer.from(file.bytes));
      }
      if (url.pathname === '/api/_local/upload' && req.method === 'POST') {
        // The browser's wx.cloud.uploadFile: bytes straight into storage under the target's folder; the
        // app then calls `attach` (or logs evidence) with the fileId, which checks the caller, the type
        // against the bytes, and records the file — the same path as in WeChat.
        const openid = req.headers['x-local-openid'];
        const folder = url.searchParams.get('folder') ?? '';
        const name = sanitiseFileName(url.searchParams.get('name') ?? '');
        const mime = url.searchParams.get('mime') ?? '';
        const raw = await readRaw(req, MAX_UPLOAD);
        if (typeof openid !== 'string' || !openid || (await deps.store.identity.activeBindings(openid)).length === 0)
          return send(res, 401, { ok: false, error: { code: 'AUTH.UNAUTHENTICATED', message: '未能识别您的身份，请重新登录' } });
        if (raw === tooLarge) return refuse(res, 413, '文件超过 50 MB，请压缩后重新上传');
        if (!uploadFolder.test(folder) || !name || !sniffableTypes.includes(mime)) return refuse(res, 400, '上传的文件信息不完整');
        if (raw.length === 0) return refuse(res, 400, '文件为空');
        const ref = await deps.files.put({ name, mime, bytes: new Uint8Array(raw), ownerOpenid: openid, folder });
        return send(res, 200, { ok: true, data: ref });
      }
      const m = /^\/api\/([a-zA-Z]+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '请使用 POST' } });
        // Own properties only: `constructor`, `toString` … are inherited from Object.prototype, not functions of ours.
        const fn = Object.hasOwn(localFunctions, m[1]!) ? localFunctions[m[1]!] : undefined;
        if (!fn) return send(res, 404, { ok: false, error: { code: 'ACTION.UNKNOWN', message: '不存在的云函数' } });
        const body = await readBody(req);
        if (body === tooLarge) return refuse(res, 413, '请求内容超过 100 KB，未能发送');
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
