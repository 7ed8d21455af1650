import { appliesToKind, programmes } from '../../shared/programmes';
import { passingFacts, passingValues } from '../handlers/applications-support';
import { tinyPng } from '../handlers/stations-support';
import { answerModal } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';

/**
 * Issue 15, findings 8 and 15 on the h5 build: the secretary's materials. A cancelled file chooser frees
 * the button; a real 1.5 MB PDF uploads; a material opens through FileLink (its link answers 200 with
 * the same bytes, as application/pdf); 删除 is a full-size button that asks first; and, with no network,
 * a page never opened before still opens (no lazy JS/CSS chunk to fetch). Screenshots: files-*.png.
 */
const START = '2026-11-20T09:00:00+08:00';
const SEC = 'p-sec-agri';
const CAP = programmes['yiyang-capacity-2018'];
const KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
const PDF_NAME = '建站协议（盖章版）.pdf';

/** A structurally valid one-page PDF of about `size` bytes (a long content stream), as a scanner would make. */
function pdfOf(size: number): Buffer {
  const content = `BT /F1 24 Tf 72 760 Td (Jianzhan xieyi - gaizhang ban) Tj ET\n${'% scanned page data\n'.repeat(Math.ceil(size / 20))}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ startTime: START });
}, 300_000);
afterAll(async () => {
  await e?.close();
});

it('a secretary cancels the chooser and uploads again, uploads a 1.5 MB PDF, opens it, deletes it after confirming; offline a new page still opens', async () => {
  const { page } = e;
  const saved = await e.api(
    'applications',
    'saveDraft',
    {
      programmeId: CAP.id,
      kindId: KIND.id,
      roundId: `round-${CAP.id}-2026`,
      values: passingValues(CAP, KIND),
      facts: passingFacts({ clock: { now: () => Date.parse(START) } }, CAP, KIND.id),
      baseVersion: 0,
      requestId: 'files-e2e-draft-0001',
    },
    SEC,
  );
  expect(saved.ok).toBe(true);
  const id = saved.data.applicationId as string;
  const material = CAP.materials.find((m) => m.required && appliesToKind(m, KIND.id) && m.mimeTypes.includes('application/pdf'))!;
  const attachments = async () =>
    (await e.api('applications', 'get', { applicationId: id }, SEC)).data.attachments as Array<{
      file: { fileId: string; name: string; size: number };
    }>;

  await e.signInAs(SEC);
  // Offline first (finding 15): the apply page was never opened in this session; with lazy chunks its CSS
  // (and JS) chunk could not be fetched and the page never opened. One bundle: it opens.
  const chunkFailures: string[] = [];
  page.on('requestfailed', (r) => {
    if (/\/(chunk|css|js)\//.test(r.url())) chunkFailures.push(r.url());
  });
  await page.locator(`#app-${id}`).waitFor();
  await e.context.setOffline(true);
  await page.locator(`#app-${id}`).click();
  await page.locator('#apply').waitFor();
  expect(chunkFailures).toEqual([]);
  await e.screenshot('files-01-offline-page-opens');
  await e.context.setOffline(false);
  await page.reload();
  await page.locator('#apply').waitFor();

  await page.locator('#tab-__attachments').click();
  const upload = page.locator(`#upload-${material.id}`);
  await upload.waitFor();

  // 1. the chooser is cancelled: the button is free again (Chromium fires `cancel` at the input when the person
  //    closes the chooser; the test's intercepted chooser does the same)
  const first = page.waitForEvent('filechooser');
  await upload.click();
  await first;
  await page.locator(`input[type=file][data-material="${material.id}"]`).evaluate((input) => input.dispatchEvent(new Event('cancel')));
  await page.locator(`#upload-${material.id}`, { hasText: '上传文件' }).waitFor();
  expect(await upload.getAttribute('class')).not.toContain('is-disabled');
  await e.screenshot('files-02-chooser-cancelled');

  // 2. …and the next upload works: a real 1.5 MB PDF
  const pdf = pdfOf(1.5 * 1024 * 1024);
  expect(pdf.length).toBeGreaterThan(1.5 * 1024 * 1024);
  const second = page.waitForEvent('filechooser');
  await upload.click();
  await (await second).setFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf });
  await page.locator(`#material-${material.id} [data-file="${PDF_NAME}"]`).waitFor();
  const stored = (await attachments()).find((a) => a.file.name === PDF_NAME)!;
  expect(stored.file.size).toBe(pdf.length);
  await e.screenshot('files-03-pdf-uploaded');

  // 3. it opens through FileLink: a short-lived link the host serves with the same bytes
  const link = page.locator(`#material-${material.id} [data-file-link="${PDF_NAME}"]`);
  const box = await link.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  const opened = e.context.waitForEvent('request', (r) => r.url().includes('/files/'));
  await link.click();
  const url = (await opened).url();
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  for (const p of e.context.pages()) if (p !== page) await p.close();
  // the new tab took the foreground (a background page runs no animation frames: Taro's dialog would not show)
  await page.bringToFront();
  await e.screenshot('files-04-opened');

  // 4. 删除: a full-size button that asks first; 取消 keeps the file, 删除 removes it
  const remove = page.locator(`[data-remove="${PDF_NAME}"]`);
  const rb = await remove.boundingBox();
  expect(rb!.width).toBeGreaterThanOrEqual(44);
  expect(rb!.height).toBeGreaterThanOrEqual(44);
  await remove.click();
  await page.locator('.taro__modal .taro-modal__text', { hasText: PDF_NAME }).waitFor();
  await e.screenshot('files-05-delete-asks');
  await answerModal(page, '取消');
  expect((await attachments()).some((a) => a.file.name === PDF_NAME)).toBe(true);
  await remove.click();
  await answerModal(page, '删除');
  await page.locator(`#material-${material.id} [data-file="${PDF_NAME}"]`).waitFor({ state: 'detached' });
  expect((await attachments()).some((a) => a.file.name === PDF_NAME)).toBe(false);
  await e.screenshot('files-06-deleted');
}, 300_000);

it('the host contact opens an expert’s photo from the pending list (FileLink → the in-page image viewer)', async () => {
  const { page } = e;
  const png = tinyPng;
  const photo = await e.api(
    'stations',
    'uploadEvidence',
    {
      requestId: 'files-e2e-photo-0001',
      stationId: 'st-agri-heshan',
      name: '签到表.png',
      mime: 'image/png',
      dataBase64: png.toString('base64'),
    },
    'p-exp-agri-1',
  );
  expect(photo.ok).toBe(true);
  const logged = await e.api(
    'stations',
    'logTraining',
    {
      requestId: 'files-e2e-training-0001',
      stationId: 'st-agri-heshan',
      date: '2026-11-19',
      topic: '水稻病虫害绿色防控培训',
      place: '泥江口镇农技站',
      trainees: 60,
      note: '',
      evidence: [photo.data],
    },
    'p-exp-agri-1',
  );
  expect(logged.ok).toBe(true);
  const recordId = logged.data.record.id as string;
  await e.signInAs('p-host-heshan');
  await page.goto(`${e.baseUrl}/#/packages/expert/pages/records/index?mode=confirm&stationId=st-agri-heshan`);
  const link = page.locator(`#entry-${recordId} [data-file-link]`);
  await link.waitFor();
  expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await e.screenshot('files-07-host-pending-with-photo');
  await link.click();
  const img = page.locator('img[src*="/files/"]').first();
  await img.waitFor();
  const src = (await img.getAttribute('src'))!;
  const res = await fetch(new URL(src, e.baseUrl));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  await e.screenshot('files-08-host-photo-open');
}, 300_000);
