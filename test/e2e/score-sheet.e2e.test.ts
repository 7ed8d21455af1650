import type { Page } from 'playwright-core';
import { appliesToKind, type Programme } from '../../shared/programmes';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import { PDF, passingFacts } from '../handlers/applications-support';
import { type E2E, startE2E } from '../support/e2e';
import { filled } from '../unit/forms/fill';

/**
 * Issue 16 item 8: the staff score sheet of the sixth programme (installed at run time): computed items
 * pre-filled with the rule's points and how they were reached, the scorer's judgements (A/B/C, a
 * discretionary deduction), a half-point item typed, an override with its reason, the total and the band.
 */
const START = '2026-11-20T09:00:00+08:00';
const definition = JSON.parse(JSON.stringify({ programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] }));
const p = definition.programme as Programme;
// issued by 赫山区科协 (scope district, issue 16): the city installs it, the county enables it, opens its round and
// runs every stage; a 赫山 society (益阳市农学会, registered with 赫山区科协) files
const CITY = 'p-city-staff';
const SECRETARY = 'p-sec-agri';
const STAFF = 'p-heshan-staff';

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

let n = 0;
const rid = () => `e2e-score-${n++}-${Date.now().toString(36)}`;
async function ok<T = any>(r: Promise<unknown>): Promise<T> {
  const a = (await r) as { ok: boolean; data?: T; error?: unknown };
  if (!a.ok) throw new Error(JSON.stringify(a.error));
  return a.data as T;
}

it('staff score the sixth programme: suggestions, judgements, half points, an override with its reason, the band', async () => {
  await ok(e.api('org', 'installProgramme', { requestId: rid(), definition, fileName: 'heshan-society-stars.json', mode: 'commit' }, CITY));
  const enabled = await e.api(
    'org',
    'setProgrammeEnabled',
    { castUnitId: 'cast-heshan', programmeId: p.id, enabled: true, requestId: rid() },
    STAFF,
  );
  if (enabled.error && enabled.error.code !== 'ACTION.UNKNOWN') throw new Error(JSON.stringify(enabled.error));
  const round = await ok(
    e.api(
      'org',
      'saveRound',
      { requestId: rid(), round: { programmeId: p.id, year: 2026, opensOn: '2026-11-20', closesOn: '2026-12-31', limits: {} } },
      STAFF,
    ),
  );
  const facts = {
    ...passingFacts({ clock: { now: () => Date.parse(START) } }, p, 'evaluation'),
    inspectionPassed: true,
    financeAudited: true,
    councilOnTime: true,
    websiteUpdated: false,
    hasOffice: true,
    provincialAward: false,
    missedMeetings: 2,
    scienceEvents: 6,
  };
  const values = { ...filled(heshanSocietyStarsForm), individualMembers: 180, unitMembers: 12 };
  const saved = await ok(
    e.api(
      'applications',
      'saveDraft',
      { programmeId: p.id, kindId: 'evaluation', roundId: round.id, values, facts, baseVersion: 0, requestId: rid() },
      SECRETARY,
    ),
  );
  const applicationId = saved.applicationId as string;
  for (const m of p.materials.filter((x) => x.required && appliesToKind(x, 'evaluation')))
    await ok(
      e.api(
        'applications',
        'uploadAttachment',
        { applicationId, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        SECRETARY,
      ),
    );
  await ok(e.api('applications', 'submit', { applicationId, requestId: rid() }, SECRETARY));
  const view = await ok(e.api('applications', 'get', { applicationId }, STAFF));
  await ok(
    e.api(
      'applications',
      'review',
      {
        applicationId,
        decision: 'pass',
        comment: '',
        fieldComments: {},
        checklist: view.checklist.map((i: object) => ({ ...i, checked: true })),
        requestId: rid(),
        expected: { status: view.status, stageId: view.stageId },
      },
      STAFF,
    ),
  );

  await e.signInAs(STAFF);
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/application/index?id=${applicationId}`);
  await page.locator('#score-panel').waitFor({ state: 'attached' });
  await e.screenshot('score-sheet-00-opened');
  await page.locator('#score-panel').waitFor();
  // computed: 180 ≥ 100 → 4; 3 of 4 → 4; 9 − 1 = 8; 6 ≥ 5 → 5 — pre-filled, with the reason
  await e.seeText('#score-members', '个人会员不少于 100 人或单位会员不少于 20 家：4 分');
  await e.seeText('#score-conduct', '缺席区科协工作会议 2 次 -1');
  expect(await page.locator('#score-members input').first().inputValue()).toBe('4');
  // judgements: rating B → 6; deduction 1 → 10 − 2 = 8; highlights typed in half points
  await page.locator('#judge-workRating-B').click();
  await page.locator('#judge-discretionaryDeduction input').fill('1');
  await page.locator('#score-highlights input').first().fill('6.5');
  // an override needs a reason
  await page.locator('#score-governance input').first().fill('3');
  await page.locator('#reason-governance input, input#reason-governance').first().fill('理事会会议记录不全');
  // 4 + 3 + 8 + 5 + 6 + 8 + 6.5 = 40.5 → 二星
  await e.seeText('#score-total', '合计：40.5 分　等级：二星');
  await page.locator('#score-judgements').scrollIntoViewIfNeeded();
  await e.screenshot('score-sheet-01-judgements-and-suggestions');
  await page.locator('#score-governance').scrollIntoViewIfNeeded();
  await e.screenshot('score-sheet-02-override-with-reason');
  await page.locator('#score-total').scrollIntoViewIfNeeded();
  await e.screenshot('score-sheet-03-half-points-total-band');
  await page.locator('#submit-score').click();
  await page.locator('#score-sheets').waitFor();
  const after = await ok(e.api('applications', 'get', { applicationId }, STAFF));
  expect(after.scoreSheets).toEqual([
    expect.objectContaining({ total: 40.5, band: '二星', answers: { workRating: 'B', discretionaryDeduction: 1 } }),
  ]);
  expect(after.scoreSheets[0].items).toContainEqual({ itemId: 'governance', points: 3, reason: '理事会会议记录不全' });
  await e.seeText('#score-sheets', '40.5 分（二星）');
  await e.seeText('#score-sheets', '改分：规范治理 3 分，理由：理事会会议记录不全');
  await page.locator('#score-sheets').scrollIntoViewIfNeeded();
  await e.screenshot('score-sheet-04-scored');
});
