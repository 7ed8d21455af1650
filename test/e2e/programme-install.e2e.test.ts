import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inputFields } from '../../shared/forms';
import { appliesToKind, programmeIds } from '../../shared/programmes';
import { checkDefinitionFile } from '../../shared/rules/definitions';
import { PDF, passingFacts } from '../handlers/applications-support';
import { answerModal } from '../support/date-wheel';
import { type E2E, startE2E } from '../support/e2e';
import { filled } from '../unit/forms/fill';

/**
 * Issue 16 item 6, acceptance: a definition file installed at run time on the local host — the h5
 * app and the functions built before it existed, nothing rebuilt — is installed by city staff on the
 * 项目定义 page (choose → preview with its rules → 确认安装), opens a round, renders its form in the
 * secretary's app from the served definition, is submitted there and scored by staff.
 */
const START = '2026-11-20T09:00:00+08:00';
const FILE = join(__dirname, '../fixtures/programmes/runtime-sample.json');
const checked = checkDefinitionFile(JSON.parse(readFileSync(FILE, 'utf8')), programmeIds);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const p = checked.file.programme;
const kind = p.kinds[0]!;
const form = checked.file.forms[0]!;
const SECRETARY = 'p-sec-mech';

jest.setTimeout(400_000);

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
const rid = () => `e2e-install-${n++}-${Date.now().toString(36)}`;
async function ok<T = any>(r: Promise<unknown>): Promise<T> {
  const a = (await r) as { ok: boolean; data?: T; error?: unknown };
  if (!a.ok) throw new Error(JSON.stringify(a.error));
  return a.data as T;
}

it('city staff install the definition file on 项目定义: preview with its rules, then v1 in the list', async () => {
  // the app and the functions do not know it
  expect((await e.api('applications', 'programmeDefinition', { programmeId: p.id }, SECRETARY)).error?.code).toBe('NOT_FOUND');
  await e.signInAs('p-city-staff');
  await page.locator('#nav-programmes').click();
  await page.locator('#definitions .definition-row[data-version="builtin"]').first().waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#choose-definition').click();
  await (await chooser).setFiles(FILE);
  await page.locator('#definition-preview').waitFor();
  await e.seeText('#definition-preview', '将安装为 v1');
  await e.seeText('#definition-preview', '申报前连续两年社团年检合格');
  await e.seeText('#definition-preview', form.title);
  await e.screenshot('programme-install-01-preview');
  await page.locator('#install-definition').click();
  await page.locator(`#definitions .definition-row[data-programme="${p.id}"][data-version="v1"]`).waitFor();
  await e.seeText('#notice', '已安装');
  await e.screenshot('programme-install-02-installed');
});

let roundId = '';
it('the city enables it and opens a round, which pins v1', async () => {
  const enabled = await e.api(
    'org',
    'setProgrammeEnabled',
    { castUnitId: 'cast-yiyang', programmeId: p.id, enabled: true, requestId: rid() },
    'p-city-staff',
  );
  if (enabled.error?.code !== 'ACTION.UNKNOWN') expect(enabled.ok).toBe(true);
  const saved = await ok<{ id: string }>(
    e.api(
      'org',
      'saveRound',
      {
        requestId: rid(),
        round: { programmeId: p.id, year: 2026, opensOn: '2026-11-20', closesOn: '2026-12-31', limits: { 'award-quota': 5 } },
      },
      'p-city-staff',
    ),
  );
  roundId = saved.id;
  const served = await ok<{ version: string }>(e.api('applications', 'programmeDefinition', { programmeId: p.id, roundId }, SECRETARY));
  expect(served.version).toBe('v1');
});

let applicationId = '';
it('the secretary is offered it and sees its form rendered from the served definition; submits', async () => {
  await e.signInAs(SECRETARY);
  const start = page.locator(`#start-${p.id}-${kind.id}`);
  await start.scrollIntoViewIfNeeded();
  await e.screenshot('programme-install-03-offered');
  await start.click();
  await page.locator('#apply').waitFor();
  // the first step's fields, as the installed file names them
  const first = form.steps[0]!;
  for (const f of first.fields.filter((x) => x.type !== 'opinion').slice(0, 3)) await page.locator(`#field-${f.key}`).waitFor();
  await e.seeText('#apply', first.fields[0]!.label);
  await e.screenshot('programme-install-04-form');

  // her answers to the other steps, then she opens the application and submits it in the app
  const saved = await ok<{ applicationId: string }>(
    e.api(
      'applications',
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId,
        values: filled(form),
        facts: passingFacts({ clock: { now: () => Date.parse(START) } }, p, kind.id),
        baseVersion: 0,
        requestId: rid(),
      },
      SECRETARY,
    ),
  );
  applicationId = saved.applicationId;
  for (const m of p.materials.filter((x) => x.required && appliesToKind(x, kind.id)))
    await ok(
      e.api(
        'applications',
        'uploadAttachment',
        { applicationId, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        SECRETARY,
      ),
    );
  await page.goto(`${e.baseUrl}/#/packages/secretary/pages/apply/index?id=${applicationId}`);
  await page.locator('#apply #sync-state').waitFor();
  const someText = inputFields(form).find((x) => x.field.type === 'text')!.field;
  await page.locator(`#field-${someText.key}`).waitFor();
  await page.locator('#tab-__submit').click();
  await page.locator('#precheck[data-can-submit="yes"]').waitFor();
  await e.screenshot('programme-install-05-ready-to-submit');
  await page.locator('#submit').click();
  await answerModal(page, '确定提交');
  await page.locator('#status[data-status="in_review"]').waitFor();
});

it('city staff pass the formal review and score it on the staff page', async () => {
  const view = await ok<{ checklist: { itemId: string; label: string }[]; stageId: string; status: string }>(
    e.api('applications', 'get', { applicationId }, 'p-city-staff'),
  );
  expect(view.stageId).toBe('formal-review');
  await ok(
    e.api(
      'applications',
      'review',
      {
        applicationId,
        decision: 'pass',
        comment: '',
        fieldComments: {},
        checklist: view.checklist.map((i) => ({ ...i, checked: true })),
        requestId: rid(),
        expected: { status: view.status, stageId: view.stageId },
      },
      'p-city-staff',
    ),
  );
  await e.signInAs('p-city-staff');
  await page.goto(`${e.baseUrl}/#/packages/staff/pages/application/index?id=${applicationId}`);
  await page.locator('#staff-application').waitFor();
  await page.locator(`#status[data-stage="${p.rubric.stageId}"]`).waitFor();
  for (const item of p.rubric.items) await page.locator(`#score-${item.id} input`).fill(String(item.maxPoints - 1));
  await page.locator('#submit-score').click();
  await page.locator('#score-sheets').waitFor();
  const total = p.rubric.items.reduce((s, i) => s + i.maxPoints - 1, 0);
  await e.seeText('#score-sheets', String(total));
  await e.screenshot('programme-install-06-scored');
  const after = await ok<{ scoreSheets: { total: number }[] }>(e.api('applications', 'get', { applicationId }, 'p-city-staff'));
  expect(after.scoreSheets.map((s) => s.total)).toEqual([total]);
});
