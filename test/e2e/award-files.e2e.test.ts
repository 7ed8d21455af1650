import { type E2E, startE2E } from '../support/e2e';

/**
 * Post-award files open in the browser (helper FILES14): a station's expense receipt, filed by its host
 * contact, is a tappable link (≥ 44 px) on the money page of the county staff overseeing the station; tapping
 * it asks awards.fileUrl for a short-lived link that the local host serves with the stored bytes and type.
 * The station's 第十四条 change request shows its written application as the same kind of link.
 */
const START = '2026-11-20T10:00:00+08:00';
const STATION = 'st-tea-taojiang';
const HOST = 'p-host-tea';
const COUNTY = 'p-taojiang-staff';
const SUBJECT = { type: 'station', id: STATION };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ startTime: START });
}, 300_000);
afterAll(async () => {
  await e?.close();
});

let uploads = 0;
async function upload(name: string) {
  const r = await e.api(
    'awards',
    'uploadLedgerFile',
    { subject: SUBJECT, name, mime: 'application/pdf', base64: PDF.toString('base64'), requestId: `award-files-upload-000${++uploads}` },
    HOST,
  );
  expect(r.error).toBeUndefined();
  return r.data as { fileId: string; name: string; size: number; mime: string };
}

/** Tap a file link; the request it makes for the file is served with the PDF's bytes and type. */
async function opens(selector: string) {
  const { page } = e;
  const link = page.locator(selector).first();
  await link.waitFor();
  expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  const opened = e.context.waitForEvent('request', (r) => r.url().includes('/files/'));
  await link.click();
  const res = await fetch((await opened).url());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  for (const p of e.context.pages()) if (p !== page) await p.close();
  await page.bringToFront();
}

it('county staff open a station’s expense receipt and its change request’s written application', async () => {
  const { page } = e;
  const view = await e.api('awards', 'moneyView', { subject: SUBJECT }, HOST);
  expect(view.ok).toBe(true);
  const target = (view.data.expenseTargets as { categoryId: string; forbidden: boolean }[]).find((t) => !t.forbidden)!;
  const receipt = await upload('会议费发票.pdf');
  const spent = await e.api(
    'awards',
    'reportExpense',
    {
      subject: SUBJECT,
      categoryId: target.categoryId,
      amountFen: 12_345,
      date: '2026-11-18',
      purpose: '技术培训会场租',
      receipts: [receipt],
      requestId: 'award-files-expense',
    },
    HOST,
  );
  expect(spent.ok).toBe(true);

  await e.signInAs(COUNTY);
  await page.goto(`${e.baseUrl}/#/pages/awards/money/index?type=station&id=${STATION}`);
  await page.locator('#money').waitFor();
  await page.locator(`[data-entry="${spent.data.entryId}"] [data-file-link="票据 1：会议费发票.pdf"]`).waitFor();
  await e.screenshot('award-files-01-money-receipt-link');
  await opens(`[data-entry="${spent.data.entryId}"] [data-file-link]`);
  await e.screenshot('award-files-02-receipt-opened');

  // the change request's written application, on the station's lifecycle page
  const letter = await upload('撤站申请.pdf');
  const asked = await e.api(
    'awards',
    'requestStationChange',
    { requestId: 'award-files-change', stationId: STATION, type: 'reorganise', reason: '调整专家团队', attachments: [letter] },
    HOST,
  );
  expect(asked.ok).toBe(true);
  await page.goto(`${e.baseUrl}/#/pages/awards/station/index?id=${STATION}`);
  await page.locator(`[id="lc-change-${asked.data.id}"] [data-file-link="撤站申请.pdf"]`).waitFor();
  await e.screenshot('award-files-03-change-request-link');
  await opens(`[id="lc-change-${asked.data.id}"] [data-file-link]`);
}, 300_000);
