import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type E2E, SCREENSHOT_DIR, startE2E } from '../support/e2e';

/**
 * City staff on the h5 build: open the stations dashboard, sort it by risk, open a station, see an
 * expert short of this quarter's days by N, and export the station's .xlsx (read back here) and the
 * dashboard's. The local host runs with the demo data (records seeded relative to its clock).
 */
// generous: every wait is on state, and the suite must also pass while other work keeps both cores busy
jest.setTimeout(300_000);

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ startTime: '2026-11-20T10:00:00+08:00' });
}, 180_000);
afterAll(async () => {
  await e?.close();
});

const rank = { red: 0, amber: 1, green: 2 } as Record<string, number>;

const risksShown = () => e.page.locator('[data-station]').evaluateAll((els) => els.map((el) => el.getAttribute('data-risk') ?? ''));
/** wait until the list shows exactly the stations of this dashboard answer, in its order */
async function listed(answer: { ok: boolean; data?: { rows: { stationId: string }[] } }) {
  expect(answer.ok).toBe(true);
  const ids = answer.data!.rows.map((r) => r.stationId);
  await e.until(
    (want) => JSON.stringify(Array.from(document.querySelectorAll('[data-station]'), (el) => el.getAttribute('data-station'))) === want,
    JSON.stringify(ids),
  );
}

async function download(selector: string) {
  const [d] = await Promise.all([e.page.waitForEvent('download'), e.page.locator(selector).click()]);
  const path = await d.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as any);
  return { wb, name: d.suggestedFilename() };
}

test('city staff: dashboard → sort by risk → station → expert short by N days → export .xlsx', async () => {
  // What the server says, to check the page against: the expert shortest of days this quarter.
  const detail = await e.api('reports', 'stationDetail', { stationId: 'st-agri-heshan' }, 'p-city-staff');
  expect(detail.ok).toBe(true);
  const short = detail.data.experts
    .filter((x: any) => x.current && x.current.short > 0)
    .sort((a: any, b: any) => b.current.short - a.current.short)[0];
  expect(short).toBeDefined(); // the demo data has a lagging expert (V4's seeder: diligence 0.15)

  await e.signInAs('p-city-staff');
  await e.page.goto(`${e.baseUrl}/#/packages/staff/pages/dashboard/index`);
  await e.seeText('#dashboard', '服务站考核看板');
  await e.page.locator('[data-station]').first().waitFor();
  expect(await e.page.locator('[data-station]').count()).toBe(2);
  await e.screenshot('dashboard-1-open');

  // issue 15, finding 13 — the filter chips no longer fill the first screen: folded behind one 筛选 row, above which
  // sits the search box; both are 44 px tall, and the first station card starts on the first screen
  expect(await e.page.locator('#dashboard-filters').count()).toBe(0);
  expect(await e.page.locator('#dashboard-filter-toggle').getAttribute('data-open')).toBe('0');
  for (const sel of ['#dashboard-search', '#dashboard-filter-toggle']) {
    const box = (await e.page.locator(sel).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(43.5);
  }
  expect((await e.page.locator('#dashboard-search').boundingBox())!.y).toBeLessThan(
    (await e.page.locator('#dashboard-filter-toggle').boundingBox())!.y,
  );
  expect((await e.page.locator('[data-station]').first().boundingBox())!.y).toBeLessThan(844);

  // search on the server (the list is paged there): typed without pausing, one request once typing stops
  const searches: string[] = [];
  const onRequest = (r: { url(): string; method(): string; postData(): string | null }) => {
    if (!r.url().endsWith('/api/reports') || r.method() !== 'POST') return;
    const body = JSON.parse(r.postData() ?? '{}') as { action?: string; data?: { filters?: { q?: string } } };
    if (body.action === 'dashboard') searches.push(body.data?.filters?.q ?? '');
  };
  e.page.on('request', onRequest);
  const bySociety = await e.calling('reports', 'dashboard', () =>
    e.page.locator('#dashboard-search input').pressSequentially('茶叶学会', { delay: 40 }),
  );
  await listed(bySociety);
  expect(searches).toEqual(['茶叶学会']);
  expect(bySociety.data.rows.map((r: { stationId: string }) => r.stationId)).toEqual(['st-tea-taojiang']);
  await e.seeText('#dashboard-total', '符合条件 1 个');
  await e.screenshot('dashboard-1b-search');
  // part of a station's name, with a space typed in it
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#dashboard-search input').fill('赫山 服务站')));
  expect(await e.page.locator('[data-station]').evaluateAll((els) => els.map((el) => el.getAttribute('data-station')))).toEqual([
    'st-agri-heshan',
  ]);
  await e.calling('reports', 'dashboard', () => e.page.locator('#dashboard-search input').fill('没有这个服务站'));
  await e.seeText('#dashboard-empty', '没有符合的服务站');
  expect(await e.page.locator('[data-station]').count()).toBe(0);
  await e.screenshot('dashboard-1c-search-empty');
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#dashboard-search input').fill('')));
  expect(await e.page.locator('[data-station]').count()).toBe(2);
  e.page.off('request', onRequest);

  // sort by name, then by risk: red before amber before green. Each click reloads the list from the server:
  // wait for that answer and for the list to show it, not for a fixed time.
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#sort-name').click()));
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#sort-risk').click()));
  const risks = await risksShown();
  expect(risks).toHaveLength(2);
  expect(risks.map((r) => rank[r])).toEqual([...risks.map((r) => rank[r])].sort());
  await e.screenshot('dashboard-2-sorted-by-risk');

  // the "at risk" filter keeps red and amber only; it sits behind the 筛选 row, which then says one filter is on
  await e.page.locator('#dashboard-filter-toggle').click();
  await e.page.locator('#dashboard-filters').waitFor();
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#filter-atrisk').click()));
  const atRisk = await risksShown();
  expect(atRisk.every((r) => r === 'red' || r === 'amber')).toBe(true);
  await e.seeText('#dashboard-filter-toggle', '筛选（已选 1 项）');
  for (const chip of await e.page.locator('#dashboard-filters .rp-chip').all())
    expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(43.5);
  await e.screenshot('dashboard-2b-filters-open');
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#filter-atrisk').click()));

  // the dashboard export
  const dash = await download('#export-dashboard');
  expect(dash.name).toBe('服务站看板_2026-11-20.xlsx');
  const dws = dash.wb.getWorksheet('服务站看板')!;
  expect(String(dws.getCell('A1').value)).toMatch(/共 2 个/);

  // issue 15, finding 11 — honest risk. A station awarded two days ago is 新建 (not "0 分 不合格 预计资助 0 元"),
  // and "只看有风险" leaves it out.
  const saved = await e.api(
    'org',
    'saveStation',
    {
      requestId: 'e2e-h3-new-station',
      station: {
        name: '赫山区新建测试服务站',
        programmeId: 'yiyang-station-2023',
        level: 'city',
        societyId: 'soc-agri',
        hostUnitId: 'hu-heshan',
        plaqueDate: '2026-11-18',
      },
    },
    'p-city-staff',
  );
  expect(saved.ok).toBe(true);
  const newId = saved.data.id as string;
  await e.page.reload();
  const newCard = e.page.locator(`[data-station="${newId}"]`);
  await newCard.waitFor();
  expect(await newCard.getAttribute('data-new')).toBe('1');
  expect(await newCard.getAttribute('data-risk')).toBe('green');
  await e.seeText(`[data-station="${newId}"]`, '新建');
  expect(await newCard.textContent()).not.toMatch(/不合格|不达标|0 分/);
  const shown = await e.page.locator('[data-station]').count();
  await e.page.locator('#dashboard-filter-toggle').click(); // folded again after the reload
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#filter-atrisk').click()));
  expect(await e.page.locator('[data-station]').count()).toBeLessThan(shown);
  expect(await e.page.locator(`[data-station="${newId}"]`).count()).toBe(0);
  await listed(await e.calling('reports', 'dashboard', () => e.page.locator('#filter-atrisk').click()));
  // shortfalls name the experts; figures of one kind per line; no long decimals anywhere
  const board = await e.api('reports', 'dashboard', { limit: 50 }, 'p-city-staff');
  for (const r of board.data.rows as Array<{ stationId: string; behindExperts: Array<{ name: string; daysShort: number }> }>)
    for (const x of r.behindExperts) await e.seeText(`#behind-${r.stationId}`, `${x.name}：本季度还差 ${x.daysShort} 天`);
  expect(await e.page.locator('#dashboard').textContent()).not.toMatch(/\d\.\d{3,}/);
  await e.screenshot('h3-after-dashboard');

  // open the agricultural station: its page gives the same working days left as its card (one function)
  const cardDays = await e.page.locator('[data-station="st-agri-heshan"] .rp-quarter').getAttribute('data-working-days-left');
  await e.page.locator('[data-station="st-agri-heshan"]').click();
  await e.page.locator('#station-detail').waitFor();
  expect(await e.page.locator('#working-days-left').getAttribute('data-working-days-left')).toBe(cardDays);
  expect(await e.page.locator('#station-detail').textContent()).not.toMatch(/\d\.\d{3,}/);
  const line = `还差 ${short.current.short} 天`;
  await e.seeText(`#short-${short.expertId}`, line);
  await e.seeText(`#expert-${short.expertId}`, short.name);
  await e.screenshot('dashboard-3-station');
  await e.screenshot('h3-after-station');
  await e.page.locator('#experts').screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-4a-experts.png') });
  await e.page.locator('#chart').screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-4b-chart.png') });
  await e.page.locator('#activity-training').screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-4c-trainings.png') });

  const st = await download('#export-station');
  expect(st.name).toBe('益阳市农学会赫山服务站_第1年_2026-11-20.xlsx');
  const ws = st.wb.getWorksheet('专家服务天数')!;
  const header = (ws.getRow(2).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  ws.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  const row = rows.find((r) => r[0] === short.name)!;
  expect(row).toBeDefined();
  expect(row[header.indexOf('本季度还差')]).toBe(short.current.short);
  expect(st.wb.worksheets.map((w) => w.name)).toEqual(['概况', '专家服务天数', '考核条款', '工作记录', '季度服务天数']);
});

test('city staff run year 1, adjust the tea station with a reason, and publish it', async () => {
  await e.signInAs('p-city-staff');
  await e.page.goto(`${e.baseUrl}/#/packages/staff/pages/assessment/index`);
  await e.page.locator('#run-assessment').click();
  await e.seeText('#run-result', '已计算 1 个服务站');
  await e.page.locator('[id="assessment-st-tea-taojiang"]').waitFor();
  await e.screenshot('dashboard-7-assessment-computed');
  await e.page.locator('#adjust-st-tea-taojiang').click();
  await e.page.locator('#adjust-score input').fill('88');
  await e.page.locator('[id="adjust-grade-合格"]').click();
  await e.page.locator('#adjust-save').click();
  await e.seeText('#adjust-form-st-tea-taojiang', '至少 5 个字'); // no reason yet: refused on the field
  await e.page.locator('#adjust-reason textarea').fill('实地考察发现部分培训签到不全，酌情调整');
  // issue 14: the computed year missed a 第十二条 minimum, so 88 points is still 不合格 by the grade rule;
  // 合格 is a deliberate override with its own reason (it used to be capped at 合格 without one)
  await e.page.locator('#adjust-grade-reason textarea').fill('经市科协研究，按合格认定');
  await e.page.locator('#adjust-save').click();
  await e.seeText('[id="assessment-st-tea-taojiang"]', '调整理由：实地考察发现部分培训签到不全，酌情调整');
  await e.page.locator('#select-st-tea-taojiang').click();
  await e.page.locator('#publish-selected').click();
  await e.page.locator('.taro-model__confirm').click();
  await e.page.waitForFunction(
    () => document.querySelector('[id="assessment-st-tea-taojiang"]')?.getAttribute('data-state') === 'published',
  );
  await e.screenshot('dashboard-8-assessment-published');
  const list = await e.api('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff');
  expect(list.data.items[0]).toMatchObject({
    state: 'published',
    score: 88,
    grade: '合格',
    adjusted: { reason: '实地考察发现部分培训签到不全，酌情调整' },
  });
  const x = await download('#export-assessments');
  expect(x.name).toBe('服务站第1年度考核结果.xlsx');
  const ws = x.wb.getWorksheet('考核结果')!;
  expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['湖南省茶叶学会桃江服务站', 88, '合格', '已发布']));
});

test('a county only sees its own station; the outbox page sends reminders in the window', async () => {
  await e.signInAs('p-taojiang-staff');
  await e.page.goto(`${e.baseUrl}/#/packages/staff/pages/dashboard/index`);
  await e.page.locator('[data-station]').first().waitFor();
  expect(await e.page.locator('[data-station]').evaluateAll((els) => els.map((el) => el.getAttribute('data-station')))).toEqual([
    'st-tea-taojiang',
  ]);
  await e.screenshot('dashboard-5-county');

  // move the clock into the reminder window of the tea station's quarter (ends 2027-01-14, a Thursday)
  await e.advanceClock(Date.parse('2027-01-11T09:00:00+08:00') - Date.parse('2026-11-20T10:00:00+08:00'));
  await e.page.goto(`${e.baseUrl}/#/packages/staff/pages/outbox/index`);
  await e.page.locator('#send-reminders').click();
  await e.seeText('#send-result', '个处于提醒期');
  await e.page.locator('[data-person]').first().waitFor();
  const people = await e.page.locator('[data-person]').evaluateAll((els) => els.map((el) => el.getAttribute('data-person')));
  expect(people.length).toBeGreaterThan(0);
  expect(people).toContain('p-sec-tea');
  await e.screenshot('dashboard-6-outbox');
  // sending again adds nothing
  await e.page.locator('#send-reminders').click();
  await e.seeText('#send-result', '这次没有新的提醒');
  expect(await e.page.locator('[data-person]').count()).toBe(people.length);

  await e.page.goto(`${e.baseUrl}/#/packages/staff/pages/dashboard/index`);
  await e.page.locator('[data-station]').first().waitFor();
  // experts behind are named, each with a tap to call (issue 15, finding 11): the number is asked for only on the tap (reports.expertContact, audited); a demo
  // expert has no number on record, which the staff member is told — and the tap does not open the station
  const behind = (
    (await e.api('reports', 'dashboard', { limit: 50 }, 'p-taojiang-staff')).data.rows as Array<{
      stationId: string;
      behindExperts: Array<{ expertId: string; name: string }>;
    }>
  ).flatMap((r) => r.behindExperts.map((x) => ({ stationId: r.stationId, ...x })));
  expect(behind.length).toBeGreaterThan(0);
  const first = behind[0]!;
  const callButton = e.page.locator(`#call-${first.stationId}-${first.expertId}`);
  await e.seeText(`#call-${first.stationId}-${first.expertId}`, `致电${first.name}`);
  const before = e.page.url();
  const asked = await e.calling('reports', 'expertContact', () => callButton.click());
  expect(asked.error?.message).toMatch(/没有登记手机号码/);
  await e.page
    .getByText(/没有登记手机号码/)
    .first()
    .waitFor();
  expect(e.page.url()).toBe(before);
  await e.screenshot('dashboard-9-call-expert');
});
