import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localOpenidOf } from '../../local/demo/org';
import { startLocalHost } from '../../local/server';
import { appliesToKind, programmes } from '../../shared/programmes';
import { fileUrlTtlMs } from '../../shared/rules/files';
import { passingFacts, passingValues } from './applications-support';

/**
 * Issue 15, findings 8 and 15, on the local host itself (in-process, a free port, a fresh data dir):
 * - a call over the 100 KB limit answered nothing (the connection was reset), which the app could only
 *   read as "网络不可用，已保存在手机上" — though nothing was saved; now a 413 with what happened;
 * - files go straight into storage (POST /api/_local/upload, like wx.cloud.uploadFile), so a 1.5 MB PDF
 *   uploads and is attached — before, h5 sent it base64 through a ≤ 70 KB / 100 KB call and it failed;
 * - the link fileUrl answers is served with the stored type until it expires.
 */
const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });

const START = '2026-11-20T10:00:00+08:00';
const SEC = localOpenidOf('p-sec-agri');
const CAP = programmes['yiyang-capacity-2018'];
const KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
let host: Awaited<ReturnType<typeof startLocalHost>>;
let baseUrl: string;
const saved = { ...process.env };
beforeAll(async () => {
  const port = await freePort();
  Object.assign(process.env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'kexie-localhost-files-')),
    STATIC_DIR: mkdtempSync(join(tmpdir(), 'kexie-static-')),
    LOCAL_START_TIME: START,
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

type Answer = { ok: boolean; data?: any; error?: { code: string; message: string; issues?: unknown[] } };
const call = async (fn: string, action: string, data: unknown, openid = SEC) => {
  const r = await fetch(`${baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': openid },
    body: JSON.stringify({ action, data }),
  });
  return { status: r.status, body: (await r.json()) as Answer };
};
const upload = async (query: Record<string, string>, body: Buffer, openid: string | null = SEC) => {
  const r = await fetch(`${baseUrl}/api/_local/upload?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(openid ? { 'x-local-openid': openid } : {}) },
    body: new Uint8Array(body),
  });
  return { status: r.status, body: (await r.json()) as Answer };
};
/** a PDF of `size` bytes: the signature, then filler */
const pdfOf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);

it('a call over 100 KB gets an answer saying so (413), not a reset connection', async () => {
  const r = await call('applications', 'uploadAttachment', { base64: 'A'.repeat(200 * 1024) });
  expect(r.status).toBe(413);
  expect(r.body).toEqual({ ok: false, error: { code: 'INPUT.INVALID', message: '请求内容超过 100 KB，未能发送' } });
});

it('a 1.5 MB PDF goes into storage, is attached, and opens through its link with the stored type until it expires', async () => {
  const draft = await call('applications', 'saveDraft', {
    programmeId: CAP.id,
    kindId: KIND.id,
    roundId: `round-${CAP.id}-2026`,
    values: passingValues(CAP, KIND),
    facts: passingFacts({ clock: { now: () => Date.parse(START) } }, CAP, KIND.id),
    baseVersion: 0,
    requestId: 'local-files-draft-1',
  });
  expect(draft.body.error).toBeUndefined();
  const applicationId = draft.body.data.applicationId as string;
  const material = CAP.materials.find((m) => m.required && appliesToKind(m, KIND.id) && m.mimeTypes.includes('application/pdf'))!;
  const pdf = pdfOf(1.5 * 1024 * 1024);
  const query = { folder: `applications/${applicationId}`, name: '建站协议（盖章版）.pdf', mime: 'application/pdf' };

  // who may put bytes where: a bound caller, into an application's or a station's folder, a type the sniffer knows
  expect((await upload(query, pdf, null)).status).toBe(401);
  expect((await upload(query, pdf, 'o-nobody')).status).toBe(401);
  expect((await upload({ ...query, folder: '../etc' }, pdf)).status).toBe(400);
  expect((await upload({ ...query, mime: 'text/html' }, pdf)).status).toBe(400);

  const up = await upload(query, pdf);
  expect(up.status).toBe(200);
  const ref = up.body.data as { fileId: string; name: string; size: number; mime: string };
  expect(ref).toMatchObject({ name: '建站协议（盖章版）.pdf', size: pdf.length, mime: 'application/pdf' });
  const attached = await call('applications', 'attach', {
    applicationId,
    materialId: material.id,
    file: ref,
    requestId: 'local-files-attach-1',
  });
  expect(attached.body.error).toBeUndefined();
  expect(attached.body.data).toMatchObject({ materialId: material.id, file: { fileId: ref.fileId, size: pdf.length } });

  const link = await call('applications', 'fileUrl', { fileId: ref.fileId });
  expect(link.body.error).toBeUndefined();
  const { url, expiresAt } = link.body.data as { url: string; expiresAt: number };
  expect(expiresAt).toBeGreaterThan(Date.parse(START));
  const got = await fetch(`${baseUrl}${url}`);
  expect(got.status).toBe(200);
  expect(got.headers.get('content-type')).toBe('application/pdf');
  expect(got.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
  // another society's secretary gets no link; an altered token is not served
  expect((await call('applications', 'fileUrl', { fileId: ref.fileId }, localOpenidOf('p-sec-tea'))).body.error?.code).toBe(
    'AUTH.FORBIDDEN',
  );
  expect((await fetch(`${baseUrl}${url.replace(/\.[A-Za-z0-9_-]+\//, '.AAAA/')}`)).status).toBe(403);
  // the host's clock moves past the expiry: the link is gone
  host.clock.advance(fileUrlTtlMs + 1000);
  expect((await fetch(`${baseUrl}${url}`)).status).toBe(410);
}, 60_000);
