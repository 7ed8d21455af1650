import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { factSources } from '../../shared/api/applications';
import { appliesToKind, programmes } from '../../shared/programmes';
import { passingFacts } from '../handlers/applications-support';
import { answerModal, pickDate } from '../support/date-wheel';
import { type E2E, startE2E, WAIT_MS } from '../support/e2e';

/**
 * Issue 5 in the browser (h5 build, local host, Debian chromium): a demo secretary fills a station
 * application over several steps, reloads mid-way and finds everything, submits; county staff pass
 * it; city staff return one field; the secretary fixes and resubmits; review, publicity (the clock
 * moved through the local host's test clock, never by sleeping) and award; the station exists.
 * The .docx and .xlsx downloaded from the pages are read back and hold the entered values.
 */
const station = programmes['yiyang-station-2023'];
const kind = station.kinds[0]!;
const START = '2026-11-20T09:00:00+08:00'; // a Friday: 5 working days of publicity end on Thursday 26th
const DAY = 86_400_000;

const v = {
  stationName: '益阳市机械工程学会沅江船舶服务站',
  applicantName: '沅江市船舶制造企业科协',
  legalRepresentative: '李建华',
  applicationDate: '2026-11-18',
  address: '益阳市沅江市琼湖街道船舶产业园 9 号',
  postcode: '413100',
  contactName: '周晓明',
  contactMobile: '13907371234',
  unitDescription: '企业现有研发人员 36 名，年产值 2.3 亿元，建有省级企业技术中心。',
  industryDescription: '沅江船舶产业集群有配套企业 42 家，内河船舶市场份额全省第一。',
  societyName: '益阳市机械工程学会',
  societyLegalRepresentative: '陈国强',
  societyAddress: '益阳市桃花仑路 18 号',
  societyContactName: '彭涛',
  societyContactMobile: '13807370001',
  societyDescription: '学会聚焦装备制造，近三年开展学术交流 12 场，推广成果 5 项。',
  purposeAndPlan: '两年内攻关焊接变形难题 2 项，培训技术工人 300 人次。',
  fixedPlan: '两年内攻关焊接变形难题 2 项，培训技术工人 300 人次；第一年完成协议内容 50%，建立船舶焊接工艺数据库。',
};

// generous: every wait is on state, and the suite must also pass while other work keeps both cores busy
jest.setTimeout(300_000);

let e: E2E;
let page: Page;
beforeAll(async () => {
  e = await startE2E({ startTime: START });
  page = e.page;
});
afterAll(async () => {
  await e?.close();
});

const fill = async (key: string, value: string) => {
  const box = page.locator(`#field-${key}`);
  await box.scrollIntoViewIfNeeded();
  const input = box.locator('input, textarea').first();
  await input.fill(value);
};
const choose = async (key: string, option: string) => page.locator(`#field-${key} [data-option="${option}"]`).click();
const next = () => page.locator('#next-step').click();
const synced = () => page.locator('#sync-state[data-state="synced"]').waitFor();
const staffOpen = async (personId: string, applicationId: string) => {
  await e.signInAs(personId);
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/queue/index`);
  await page.locator(`#row-${applicationId}`).click();
  await page.locator('#staff-application').waitFor();
};
const statusIs = (stage: string) => page.locator(`#status[data-stage="${stage}"]`).waitFor();
/** Taro's h5 showModal: the confirmation of an irreversible step (issue 15, finding 10) — read it, then confirm. */
const confirmModal = async (says: string) => {
  await page.locator('.taro-modal__content').getByText(says).waitFor();
  await page.locator('.taro-model__confirm').click();
};
const decideAs = async (button: 'pass' | 'return' | 'reject', says = '不能撤销') => {
  await page.locator(`#bar-${button}`).click();
  await confirmModal(says);
};
async function saved(d: Download): Promise<Buffer> {
  const path = await d.path();
  return readFileSync(path!);
}

let applicationId = '';

it('a secretary fills a station application over several steps, reloads mid-way, finds everything, submits', async () => {
  await e.signInAs('p-sec-mech');
  await page.locator('#home-secretary').waitFor();
  await page.locator(`#start-${station.id}-${kind.id}`).waitFor();
  await e.screenshot('applications-00-secretary-home');
  await page.locator(`#start-${station.id}-${kind.id}`).click();
  await page.locator('#host-hu-yuanjiang-machine').click();
  await page.locator('#apply').waitFor();
  await e.screenshot('applications-01-cover');

  // 封面
  for (const k of ['stationName', 'applicantName', 'legalRepresentative'] as const) await fill(k, v[k]);
  await pickDate(page, 'applicationDate', v.applicationDate); // a date wheel, not typed (issue 15)
  await synced();
  await next();
  // 申报单位
  for (const k of ['address', 'postcode', 'contactName', 'contactMobile'] as const) await fill(k, v[k]);
  await page
    .locator('#sync-state[data-state="local"], #sync-state[data-state="syncing"], #sync-state[data-state="synced"]')
    .first()
    .waitFor();
  await synced();
  await e.screenshot('applications-02-applicant-step');

  // reload mid-way: everything is still there (phone storage + the server draft)
  await page.reload();
  await page.locator('#apply').waitFor();
  await page.locator('#tab-applicant').click();
  await hasValue(page.locator('#field-address input'), v.address);
  await hasValue(page.locator('#field-contactMobile input'), v.contactMobile);
  await page.locator('#tab-cover').click();
  await hasValue(page.locator('#field-stationName input'), v.stationName);
  await synced();
  await e.screenshot('applications-03-after-reload');

  // another phone saves the same draft meanwhile: this phone's next save is refused, both are shown
  const mine = (await e.api('applications', 'mine', {}, 'p-sec-mech')).data as { id: string }[];
  const server = (await e.api('applications', 'get', { applicationId: mine[0]!.id }, 'p-sec-mech')).data;
  const other = await e.api(
    'applications',
    'saveDraft',
    {
      programmeId: server.programmeId,
      kindId: server.kindId,
      roundId: server.roundId,
      applicationId: server.id,
      baseVersion: server.version,
      values: { ...server.values, contactName: '另一台手机填的联系人' },
      facts: server.facts,
      requestId: 'other-phone-0001',
    },
    'p-sec-mech',
  );
  expect(other.ok).toBe(true);
  await page.locator('#tab-applicant').click();
  await fill('contactName', `${v.contactName} `);
  await page.locator('#conflict [data-conflict="contactName"]').waitFor();
  await page.locator('#sync-state[data-state="conflict"]').waitFor();
  await e.screenshot('applications-03b-conflict');
  await page.locator('#keep-mine').click();
  await synced();
  await fill('contactName', v.contactName);
  await synced();
  await page.locator('#tab-cover').click();

  await page.locator('#tab-category').click();
  await choose('unitKind', 'enterprise_cast');
  await choose('industryField', '装备制造');
  await choose('level', 'city');
  await next();
  await fill('unitDescription', v.unitDescription);
  await fill('industryDescription', v.industryDescription);
  await next();
  for (const k of [
    'societyName',
    'societyLegalRepresentative',
    'societyAddress',
    'societyContactName',
    'societyContactMobile',
    'societyDescription',
  ] as const)
    await fill(k, v[k]);
  await next();
  await fill('purposeAndPlan', v.purposeAndPlan);
  await next();

  // 申报条件自查: the programme's facts, answered so every criterion is met
  const facts = passingFacts({ clock: { now: () => Date.parse(START) } }, station, kind.id);
  const sources = factSources(station, kind.id, { hasHostUnit: true, hasSociety: true });
  for (const f of station.facts.filter((x) => sources[x.id] === 'declared')) {
    const answer = facts[f.id];
    const box = page.locator(`#fact-${f.id}`);
    await box.scrollIntoViewIfNeeded();
    if (typeof answer === 'boolean') await box.locator(`[data-option="${answer ? 'yes' : 'no'}"]`).click();
    else if (typeof answer === 'number') await box.locator('input').fill(String(answer === 1 ? 2 : answer));
  }
  await e.screenshot('applications-04-facts');
  await next();

  // 申报材料: every required material uploaded through the file chooser
  for (const m of station.materials.filter((x) => x.required && appliesToKind(x, kind.id))) {
    const chooser = page.waitForEvent('filechooser');
    await page.locator(`#upload-${m.id}`).click();
    await (await chooser).setFiles({
      name: `${m.label.slice(0, 12)}.pdf`,
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.4\n% ${m.id}\n%%EOF\n`),
    });
    await page.locator(`#material-${m.id} [data-file]`).waitFor();
  }
  await e.screenshot('applications-05-materials');
  await next();

  await page.locator('#precheck[data-can-submit="yes"]').waitFor();
  await e.screenshot('applications-06-precheck');
  await page.locator('#submit').click();
  await answerModal(page, '确定提交'); // submitting asks first (issue 15)
  await page.locator('#application-detail').waitFor();
  await page.locator('#status[data-status="in_review"]').waitFor();
  applicationId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(applicationId).toMatch(/^ap_/);
  await e.screenshot('applications-07-submitted');

  // the filled 申报书 as .docx, read back
  const download = page.waitForEvent('download');
  await page.locator('#export-docx').click();
  const docx = await JSZip.loadAsync(await saved(await download));
  const xml = await docx.file('word/document.xml')!.async('string');
  for (const value of [
    v.stationName,
    v.address,
    v.contactName,
    v.unitDescription,
    v.societyDescription,
    v.purposeAndPlan,
    '县市区委人才办意见',
    '（盖章）',
  ]) {
    expect(xml).toContain(value);
  }
});

it('county staff pass it; city staff return one field with a comment', async () => {
  await e.signInAs('p-heshan-staff');
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/queue/index`);
  await page.locator(`#row-${applicationId}`).getByText('待我审核').waitFor();
  await e.screenshot('applications-08a-county-queue');
  await page.locator(`#row-${applicationId}`).click();
  await statusIs('county-first-review');
  await e.screenshot('applications-08-county-review');
  await decideAs('pass');
  await page.locator('#notice').getByText('审核通过').waitFor();

  await staffOpen('p-city-staff', applicationId);
  await statusIs('city-review');
  await page.locator('#comment-open-purposeAndPlan').click();
  await page.locator('#comment-purposeAndPlan textarea').fill('请补充第一年的协议完成目标');
  await page.locator('#review-comment textarea').fill('请按逐项意见修改工作计划');
  await e.screenshot('applications-09-city-return');
  await decideAs('return');
  await page.locator('#status[data-status="returned"]').waitFor();
});

it('the secretary sees the comment at the field, fixes it and resubmits to the same stage', async () => {
  await e.signInAs('p-sec-mech');
  await page.locator(`#app-${applicationId}`).click();
  await page.locator('#apply').waitFor();
  await page.locator('#returned-banner').waitFor();
  await page.locator('#tab-plan').click();
  await page.locator('[data-comment="purposeAndPlan"]').getByText('请补充第一年的协议完成目标').waitFor();
  await e.screenshot('applications-10-returned-comment');
  await fill('purposeAndPlan', v.fixedPlan);
  await synced();
  await page.locator('#tab-__submit').click();
  await page.locator('#precheck[data-can-submit="yes"]').waitFor();
  await page.locator('#submit').click();
  await answerModal(page, '确定提交');
  await page.locator('#status[data-status="in_review"]').waitFor();
});

it('goes through review, publicity (clock moved by the test clock) and award; the station exists', async () => {
  await staffOpen('p-city-staff', applicationId);
  await statusIs('city-review');
  await page.locator('#check-all').click();
  await decideAs('pass');
  await statusIs('site-visit');
  await decideAs('pass');
  await statusIs('city-decision');
  // a stage that asks for a 100-point score: marked, and 审核通过 refused until a score is in
  await page.locator('#score-required').getByText('尚未评分').waitFor();
  await page.locator('#bar-pass').click();
  await page.locator('#notice').getByText('须先评分').waitFor();
  await statusIs('city-decision');
  for (const item of station.rubric.items) await page.locator(`#score-${item.id} input`).fill(String(item.maxPoints - 2));
  await page
    .locator('#score-total')
    .getByText(`合计：${100 - 2 * station.rubric.items.length} 分`)
    .waitFor();
  await e.screenshot('applications-11-scoring');
  await page.locator('#submit-score').click();
  await page.locator('#score-sheets').waitFor();
  await decideAs('pass');
  await statusIs('talent-office-approval');

  await staffOpen('p-talent', applicationId);
  await decideAs('pass');
  await page.locator('#status[data-status="in_review"][data-stage=""]').waitFor();

  await staffOpen('p-city-staff', applicationId);
  // 待公示: no pass/return on screen (only a rejection stays possible)
  expect(await page.locator('#bar-pass').count()).toBe(0);
  expect(await page.locator('#bar-return').count()).toBe(0);
  await page.locator('#start-publicity').click();
  await confirmModal('不能撤销');
  await page.locator('#publicity-info').getByText('2026-11-20 至 2026-11-26').waitFor();
  expect(await page.locator('#bar-pass').count()).toBe(0);
  await e.screenshot('applications-12-publicity');
  await page.locator('#close-publicity').click();
  await page.locator('#notice').getByText('尚未结束').waitFor();

  await e.advanceClock(7 * DAY);
  await page.reload();
  await page.locator('#close-publicity').click();
  await page.locator('#status[data-status="approved"]').waitFor();

  await staffOpen('p-talent', applicationId);
  await page.locator('#award').click();
  await confirmModal('不能撤销');
  await page.locator('#station-created').waitFor();
  await e.screenshot('applications-13-awarded');

  // the station record, in the local host's database
  const db = new Database(join(e.host.dataDir, 'kexie.sqlite'), { readonly: true });
  const row = db.prepare("SELECT doc FROM c_stations WHERE json_extract(doc, '$.applicationId') = ?").get(applicationId) as
    | { doc: string }
    | undefined;
  db.close();
  expect(row).toBeDefined();
  expect(JSON.parse(row!.doc)).toMatchObject({
    name: v.stationName,
    level: 'city',
    plaqueDate: '2026-11-27',
    societyId: 'soc-mech',
    hostUnitId: 'hu-yuanjiang-machine',
    expertIds: [],
    status: 'active',
  });

  // the secretary sees it too
  await e.signInAs('p-sec-mech');
  await page.locator(`#app-${applicationId}`).click();
  await page.locator('#station-created').waitFor();
  await page.locator('#history [data-action="award"]').waitFor();
  await e.screenshot('applications-14-secretary-awarded');
});

it("exports the round's applications and scores to .xlsx, read back", async () => {
  await staffOpen('p-city-staff', applicationId);
  const download = page.waitForEvent('download');
  await page.locator('#export-round').click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saved(await download)) as unknown as ArrayBuffer);
  const summary = JSON.stringify(wb.getWorksheet('汇总')!.getSheetValues());
  expect(summary).toContain(applicationId);
  expect(summary).toContain(v.stationName);
  expect(summary).toContain('已授牌');
  expect(summary).toContain(String(100 - 2 * station.rubric.items.length));
  const content = JSON.stringify(wb.worksheets[2]!.getSheetValues());
  expect(content).toContain(v.fixedPlan);
  expect(content).toContain(v.contactMobile);
});

/** Wait until an input shows `value` (inputs fill in after the page has loaded the draft), then check it. */
async function hasValue(locator: ReturnType<Page['locator']>, value: string) {
  // poll the state until a deadline (the draft may take long to load under load), never a fixed number of tries
  for (const end = Date.now() + WAIT_MS; Date.now() < end && (await locator.inputValue()) !== value; )
    await new Promise((r) => setTimeout(r, 100));
  expect(await locator.inputValue()).toBe(value);
}
