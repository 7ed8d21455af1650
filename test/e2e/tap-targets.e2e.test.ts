import type { Page } from 'playwright-core';
import { programmes } from '../../shared/programmes';
import { PDF, passingFacts, passingValues, rid } from '../handlers/applications-support';
import { awardReadyForMoney } from '../handlers/awards-money-support';
import { type E2E, startE2E } from '../support/e2e';

/**
 * Issue 15: every tappable element on every page, in its populated state and with its panels open, is at least
 * 44 × 44 CSS px at phone size (390 × 844), and no page scrolls sideways at 320 px. "Tappable" is found from
 * what the page really does, not from a list of classes: native controls and Taro's components (buttons,
 * pickers, inputs, checkboxes …) and every element React gave a tap handler (its `onClick`/`onTap` prop).
 *
 * At most five listed exceptions, each with its reason.
 */
const EXCEPTIONS: { match: RegExp; reason: string }[] = [
  // the agreement text links sit inside a sentence; making them 44 px tall would break the sentence they belong to
  { match: /^agreement-link/, reason: '协议正文中的行内链接（句子中的文字链接，整行可读）' },
];

const START = '2026-11-20T09:00:00+08:00';
jest.setTimeout(600_000);

let e: E2E;
let page: Page;
let submittedId = '';
let draftId = '';
// 项目执行 (issue 14) with money and a check: an award of 益阳市农学会 taken through agreement and budget (real actions)
let moneyAwardId = '';
let checkId = '';

interface Small {
  page: string;
  what: string;
  width: number;
  height: number;
}
const found: Small[] = [];
const overflow: string[] = [];
const unlabelled: string[] = [];

/** Every visible tappable element of the current page that is smaller than 44 × 44 CSS px. */
async function measure(label: string) {
  await page.waitForLoadState('networkidle');
  const small = await page.evaluate(() => {
    const NATIVE = new Set([
      'button',
      'a',
      'select',
      'taro-button-core',
      'taro-picker-core',
      'taro-checkbox-core',
      'taro-radio-core',
      'taro-switch-core',
      'taro-navigator-core',
      'taro-input-core',
      'taro-textarea-core',
    ]);
    const tappable = (el: Element) => {
      const tag = el.tagName.toLowerCase();
      if (NATIVE.has(tag)) return true;
      // inputs inside Taro's wrappers are measured as their wrapper
      if ((tag === 'input' || tag === 'textarea') && !el.parentElement?.tagName.toLowerCase().startsWith('taro-'))
        return (el as HTMLInputElement).type !== 'hidden';
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props: Record<string, unknown> | undefined = key ? Reflect.get(el, key) : undefined;
      return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function');
    };
    const out: { what: string; width: number; height: number }[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (!tappable(el)) continue;
      if (!(el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // an element inside a tappable element of its own is one target with it (e.g. a label in a button)
      let inner = false;
      for (let p = el.parentElement; p; p = p.parentElement) if (tappable(p)) inner = true;
      if (inner) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width >= 43.5 && r.height >= 43.5) continue;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
      const id = el.id || el.getAttribute('data-testid') || '';
      out.push({ what: `${id || el.tagName.toLowerCase()}「${text}」`, width: Math.round(r.width), height: Math.round(r.height) });
    }
    return out;
  });
  for (const s of small) if (!EXCEPTIONS.some((x) => x.match.test(s.what))) found.push({ page: label, ...s });
  // a button nobody can read is no target either (a Taro h5 Button given `loading`/`disabled` could lose its label)
  const blank = await page.evaluate(() =>
    Array.from(document.querySelectorAll('taro-button-core, button'))
      .filter((el) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }))
      .filter((el) => !(el.textContent ?? '').trim() && !el.getAttribute('aria-label'))
      .map((el) => el.id || el.tagName.toLowerCase()),
  );
  for (const b of blank) unlabelled.push(`${label}: ${b}`);
}

/** A fresh load of the page (a hash change alone would measure the previous page while the new one mounts). */
async function load(hash: string) {
  await page.goto('about:blank');
  await page.goto(`${e.baseUrl}/#${hash}`);
}

async function visit(label: string, hash: string, open: (() => Promise<void>)[] = []) {
  await load(hash);
  await page.waitForLoadState('networkidle');
  await page.locator('.page').first().waitFor();
  await measure(label);
  for (const [i, step] of open.entries()) {
    await step();
    await measure(`${label} (面板 ${i + 1})`);
  }
  await e.screenshot(`tap-${label.replace(/[^a-z0-9-]/gi, '_')}`);
}

/** Phone-narrow: the page must not scroll sideways at 320 px. */
async function noSideways(label: string, hash: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  await load(hash);
  await page.waitForLoadState('networkidle');
  await page.locator('.page').first().waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (wide > 1) overflow.push(`${label}: ${wide}px`);
  await page.setViewportSize({ width: 390, height: 844 });
}

/** Desktop (PC WeChat, a browser): staff pages are a readable column, not a blown-up phone, and do not scroll sideways. */
const desktop: string[] = [];
async function atDesktop(label: string, hash: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await load(hash);
  await page.waitForLoadState('networkidle');
  await page.locator('.page').first().waitFor();
  const m = await page.evaluate(() => ({
    wide: document.documentElement.scrollWidth - window.innerWidth,
    column: Math.max(...Array.from(document.querySelectorAll('.page')).map((p) => p.getBoundingClientRect().width)),
    font: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
  }));
  if (m.wide > 1 || m.column > 1000.5) desktop.push(`${label}: sideways ${m.wide}px, column ${Math.round(m.column)}px`);
  await e.screenshot(`desktop-${label}`);
  await page.setViewportSize({ width: 390, height: 844 });
}

beforeAll(async () => {
  e = await startE2E({ startTime: START });
  page = e.page;
  // populated state: one submitted capacity application (society secretary) and one draft
  const p = programmes['yiyang-capacity-2018'];
  const kind = p.kinds.find((k) => k.id === 'academic')!;
  const clock = { clock: { now: () => Date.parse(START) } };
  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data as T;
  };
  const save = async (who: string) =>
    ok(
      await e.api(
        'applications',
        'saveDraft',
        {
          programmeId: p.id,
          kindId: kind.id,
          roundId: `round-${p.id}-2026`,
          values: passingValues(p, kind),
          facts: passingFacts(clock, p, kind.id),
          baseVersion: 0,
          requestId: rid(),
        },
        who,
      ),
    ) as { applicationId: string };
  submittedId = (await save('p-sec-agri')).applicationId;
  for (const m of p.materials.filter((x) => x.required && (!x.kinds || x.kinds.includes(kind.id))))
    ok(
      await e.api(
        'applications',
        'uploadAttachment',
        { applicationId: submittedId, materialId: m.id, name: `${m.label}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        'p-sec-agri',
      ),
    );
  ok(await e.api('applications', 'submit', { applicationId: submittedId, requestId: rid() }, 'p-sec-agri'));
  draftId = (await save('p-sec-tea')).applicationId;
  moneyAwardId = (await awardReadyForMoney((fn, action, data, who) => e.api(fn, action, data, who), rid)).awardId;
  const checks = ok(await e.api('awards', 'listChecks', { awardId: moneyAwardId }, 'p-sec-agri')) as { items: { id: string }[] };
  checkId = checks.items[0]!.id;
});
afterAll(async () => {
  await e?.close();
});

it('every tappable element on every page is at least 44 × 44 px, and no page scrolls sideways at 320 px', async () => {
  // experts
  await e.signInAs('p-exp-agri-1');
  await visit('expert-home', '/packages/expert/pages/home/index', [() => page.locator('#log-today').click()]);
  await visit('expert-log', '/packages/expert/pages/log/index?kind=training&stationId=st-agri-heshan');
  await visit('expert-records', '/packages/expert/pages/records/index?stationId=st-agri-heshan');
  await visit('expert-progress', '/packages/expert/pages/progress/index?stationId=st-agri-heshan');
  await noSideways('expert-home', '/packages/expert/pages/home/index');

  // the host unit's contact confirms records
  await e.signInAs('p-host-heshan');
  await visit('host-home', '/packages/expert/pages/home/index');
  await visit('host-records', '/packages/expert/pages/records/index?mode=confirm&stationId=st-agri-heshan', [
    () => page.locator('#group-expert').click(),
  ]);
  // the station lifecycle page with the 第十四条 request form (merge: the station chips)
  await visit('host-station', '/pages/awards/station/index?id=st-agri-heshan', [() => page.locator('#lc-type-merge').click()]);

  // secretaries
  await e.signInAs('p-sec-tea');
  await visit('secretary-home', '/packages/secretary/pages/home/index', [
    // the 选择建站单位 sheet
    () => page.locator('#start-yiyang-station-2023-station').click(),
  ]);
  await visit('secretary-apply', `/packages/secretary/pages/apply/index?id=${draftId}`);
  await noSideways('secretary-apply', `/packages/secretary/pages/apply/index?id=${draftId}`);
  // 项目执行 (issue 14): the demo's award of 湖南省茶叶学会 (local/demo/awards.ts) — list, hub, agreement, budget with its category sheet
  const awardId = ((await e.api('awards', 'list', {}, 'p-sec-tea')).data as { items: { id: string }[] }).items[0]!.id;
  await visit('awards-list', '/pages/awards/index/index');
  await visit('awards-hub', `/pages/awards/hub/index?id=${awardId}`);
  await visit('awards-agreement', `/pages/awards/agreement/index?id=${awardId}`);
  await visit('awards-budget', `/pages/awards/budget/index?id=${awardId}`, [() => page.locator('#category-0').click()]);
  await noSideways('awards-budget', `/pages/awards/budget/index?id=${awardId}`);
  // then the 项目责任书 of its 益阳 award is submitted (as the society would), so the city's 审核 page below has something to decide
  const teaAwards = ((await e.api('awards', 'list', {}, 'p-sec-tea')).data as { items: { id: string; programmeId: string }[] }).items;
  const yiyangAwardId = teaAwards.find((a) => a.programmeId === 'yiyang-capacity-2018')!.id;
  const teaAward = (await e.api('awards', 'get', { awardId: yiyangAwardId }, 'p-sec-tea')).data as { revision: number };
  const submitted = await e.api(
    'awards',
    'submitAgreement',
    {
      awardId: yiyangAwardId,
      answers: {
        plan: { type: 'text', text: '开展茶叶科普与学术交流，完善学会组织建设。' },
        targets: { type: 'yearlyTargets', targets: [{ year: 1, target: '学术交流会 2 次' }] },
        schedule: { type: 'schedule', milestones: [{ date: '2027-06-30', milestone: '第一次学术交流会' }] },
      },
      revision: teaAward.revision,
      requestId: rid(),
    },
    'p-sec-tea',
  );
  if (!submitted.ok) throw new Error(`submitAgreement: ${JSON.stringify(submitted.error)}`);
  await e.signInAs('p-sec-agri');
  await visit('secretary-detail', `/packages/secretary/pages/detail/index?id=${submittedId}`);
  // the society's side of checks and money (issue 14): its checks, one check's materials, the ledger, 报告支出
  const money = `type=award&id=${encodeURIComponent(moneyAwardId)}`;
  await visit('awards-checks', `/pages/awards/checks/index?id=${encodeURIComponent(moneyAwardId)}`);
  await visit('awards-check-society', `/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await visit('awards-money-society', `/pages/awards/money/index?${money}`);
  await visit('awards-expense', `/pages/awards/expense/index?${money}`);
  await noSideways('awards-expense', `/pages/awards/expense/index?${money}`);
  // the society then submits its acceptance materials (through the actions), so the check is in the finance bureau's hands
  const must = async <T>(p: Promise<{ ok: boolean; data?: T; error?: unknown }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data as T;
  };
  const check = await must<{ revision: number; materials: { id: string; label: string }[] }>(
    e.api('awards', 'getCheck', { checkId }, 'p-sec-agri'),
  );
  const materials: Record<string, unknown[]> = {};
  for (const m of check.materials)
    materials[m.id] = [
      await must(
        e.api('awards', 'uploadCheckFile', { checkId, name: `${m.label}.pdf`, mime: 'application/pdf', base64: PDF }, 'p-sec-agri'),
      ),
    ];
  const saved = await must<{ revision: number }>(
    e.api('awards', 'saveCheckMaterials', { checkId, materials, revision: check.revision, requestId: rid() }, 'p-sec-agri'),
  );
  await must(e.api('awards', 'submitCheck', { checkId, revision: saved.revision, requestId: rid() }, 'p-sec-agri'));
  // 市财政局 (issue 14): its home, and the submitted check with its opinion form; then its opinion is given (through the action)
  await e.signInAs('p-finance');
  await visit('awards-finance', '/pages/awards/finance/index');
  await visit('awards-check-finance', `/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await must(
    e.api(
      'awards',
      'giveOpinion',
      { checkId, opinionId: 'finance-bureau', passed: true, text: '资金使用符合规定，同意通过验收。', requestId: rid() },
      'p-finance',
    ),
  );

  // staff
  await e.signInAs('p-city-staff');
  for (const name of ['home', 'people', 'queue', 'dashboard', 'assessment', 'outbox', 'sanctions'])
    await visit(
      `staff-${name}`,
      `/packages/staff/pages/${name}/index`,
      // the dashboard's filter chips are folded behind its 筛选 row: measured open too
      name === 'dashboard' ? [() => page.locator('#dashboard-filter-toggle').click()] : [],
    );
  await visit('staff-station', '/packages/staff/pages/station/index?id=st-agri-heshan');
  // consequences and the station lifecycle (issue 14, helper CONSEQ), the misconduct form open
  await visit('awards-consequences', '/pages/awards/consequences/index', [() => page.locator('#cq-report-open').click()]);
  await visit('awards-station', '/pages/awards/station/index?id=st-agri-heshan');
  // the city's side of issue 14: deciding an agreement, the check queue, one check, the ledger, 登记拨付, 登记退回, 年度资金汇总
  await visit('awards-decide', `/pages/awards/decide/index?id=${encodeURIComponent(yiyangAwardId)}&what=agreement`);
  await visit('awards-check-queue', '/pages/awards/check-queue/index?filter=all');
  // the check with the finance bureau's opinion given: the decision form is there
  await visit('awards-check-staff', `/pages/awards/check/index?id=${encodeURIComponent(checkId)}`);
  await page.locator('#decision-form').waitFor();
  await visit('awards-money-staff', `/pages/awards/money/index?${money}`);
  await visit('awards-payment', `/pages/awards/payment/index?${money}`);
  await visit('awards-refund', `/pages/awards/refund/index?${money}`);
  await visit('awards-money-summary', '/pages/awards/money-summary/index');
  await noSideways('awards-money-summary', '/pages/awards/money-summary/index');
  // the staff organisation pages (组织机构, 申报批次, 导入导出, 服务站与专家团队, 节假日, 项目定义), each with its form open
  await visit('staff-org', '/packages/staff/pages/org/index', [
    () => page.locator('#tab-hostUnit').click(),
    () => page.locator('#org-add-hostUnit').click(),
  ]);
  await visit('staff-rounds', '/packages/staff/pages/rounds/index', [() => page.locator('#round-add').click()]);
  await visit('staff-workbook', '/packages/staff/pages/workbook/index');
  await visit('staff-stations', '/packages/staff/pages/stations/index', [
    () => page.locator('[data-edit]').first().click(),
    () => page.locator('#station-form').waitFor(),
  ]);
  await visit('staff-stations-team', '/packages/staff/pages/stations/index', [() => page.locator('[data-team]').first().click()]);
  await visit('staff-holidays', '/packages/staff/pages/holidays/index', [
    () => page.locator('#holiday-edit-2027').click(),
    () => page.locator('#workday-add').click(),
  ]);
  await visit('staff-programmes', '/packages/staff/pages/programmes/index');
  // people: an invite made — the large code with 复制 — and the bulk codes for imported people
  await visit('staff-people-invite', '/packages/staff/pages/people/index', [
    async () => {
      await page.locator('#invite-unit').click();
      await page.locator('#invite-unit-sheet [data-pick-name]').first().waitFor();
    },
    async () => {
      await page.locator('#invite-unit-sheet [data-pick-name]').first().click();
      await page.locator('#invite-name input, input#invite-name').fill('钱新来');
      await page.locator('#invite-create').click();
      await page.locator('#invite-code-created').waitFor();
    },
    async () => {
      await page.locator('#bulk-create').click();
      await page.locator('#bulk-skipped, [data-bulk-person]').first().waitFor();
    },
  ]);
  await noSideways('staff-org', '/packages/staff/pages/org/index');
  await noSideways('staff-rounds', '/packages/staff/pages/rounds/index');
  await noSideways('staff-workbook', '/packages/staff/pages/workbook/index');
  await noSideways('staff-stations', '/packages/staff/pages/stations/index');
  await noSideways('staff-holidays', '/packages/staff/pages/holidays/index');
  await noSideways('staff-programmes', '/packages/staff/pages/programmes/index');
  // city staff hold this programme's first stage (市科协形式审查): a comment box opened next to a field
  await visit('staff-application', `/packages/staff/pages/application/index?id=${submittedId}`, [
    () => page.locator('[id^="comment-open-"]').first().click(),
  ]);
  await noSideways('staff-dashboard', '/packages/staff/pages/dashboard/index');
  await noSideways('staff-application', `/packages/staff/pages/application/index?id=${submittedId}`);
  await atDesktop('staff-queue', '/packages/staff/pages/queue/index');
  await atDesktop('staff-application', `/packages/staff/pages/application/index?id=${submittedId}`);
  await atDesktop('staff-dashboard', '/packages/staff/pages/dashboard/index');

  // county staff read it without a stage of theirs to act on (the read-only view)
  await e.signInAs('p-heshan-staff');
  await visit('county-application', `/packages/staff/pages/application/index?id=${submittedId}`);

  // somebody who is not bound yet
  await e.signInAs('p-newcomer');
  await visit('unbound', '/pages/unbound/index');

  const report = found.map((s) => `${s.page}: ${s.what} ${s.width}×${s.height}`);
  console.log(
    `tap targets under 44 px: ${found.length}\n${report.join('\n')}\nbuttons without a label: ${unlabelled.join(', ') || 'none'}\nsideways at 320 px: ${overflow.join(', ') || 'none'}\ndesktop: ${desktop.join(', ') || 'fine'}`,
  );
  expect(report).toEqual([]);
  expect(unlabelled).toEqual([]);
  expect(overflow).toEqual([]);
  expect(desktop).toEqual([]);
  expect(EXCEPTIONS.length).toBeLessThanOrEqual(5);
});
