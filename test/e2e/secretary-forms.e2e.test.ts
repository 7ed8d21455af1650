import type { Locator, Page } from 'playwright-core';
import { getForm } from '../../shared/forms';
import { appliesToKind, programmes } from '../../shared/programmes';
import { PDF, passingFacts, passingValues } from '../handlers/applications-support';
import { answerModal, pickDate as pickDateOn } from '../support/date-wheel';
import { type E2E, startE2E, WAIT_MS } from '../support/e2e';

/**
 * Issue 15, secretaries (findings 1–7) in the browser, one journey: the 建站单位 chooser opens where
 * she looks and prefills 申报单位名称; a capacity project's 成立时间 1985-06-12 is picked on the date
 * wheel; a 5,000-character paste into a 3,000-character field is kept whole with its warning; the
 * error summary, grouped by step, jumps to the field; a reload resumes at her step, 已同步; submitting
 * asks first; returned with comments, the comments sit at their fields and the step tabs are marked.
 */
const START = '2026-11-20T09:00:00+08:00';
const capacity = programmes['yiyang-capacity-2018'];
const academic = capacity.kinds.find((k) => k.id === 'academic')!;
const station = programmes['yiyang-station-2023'];

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

/** True when the element's box lies (at least partly, its top) inside the 390×844 viewport. */
async function inViewport(l: Locator) {
  const box = await l.boundingBox();
  expect(box).not.toBeNull();
  return box!.y >= 0 && box!.y < 844;
}

const pickDate = (key: string, date: string) => pickDateOn(page, key, date);
/** Wait until `read()` gives `want` (a state, polled until a deadline), then check it. */
async function eventually<T>(read: () => Promise<T>, want: T) {
  let got = await read();
  for (const end = Date.now() + WAIT_MS; Date.now() < end && got !== want; got = await read()) await new Promise((r) => setTimeout(r, 100));
  expect(got).toBe(want);
}
const synced = () => page.locator('#sync-state[data-state="synced"]').waitFor();
const fill = async (key: string, value: string) => {
  const box = page.locator(`#field-${key}`);
  await box.scrollIntoViewIfNeeded();
  await box.locator('input, textarea').first().fill(value);
};

let applicationId = '';

it('the 建站单位 chooser opens where she is looking, says what to do when a unit is missing, and prefills 申报单位名称', async () => {
  await e.signInAs('p-sec-mech');
  await page.locator('#home-secretary').waitFor();
  // a Yiyang secretary is offered Yiyang programmes only (finding 6)
  await page.locator(`#call-${station.id}`).waitFor();
  for (const p of Object.values(programmes).filter((x) => x.city !== '益阳市')) expect(await page.locator(`#call-${p.id}`).count()).toBe(0);

  const startButton = page.locator(`#start-${station.id}-${station.kinds[0]!.id}`);
  await startButton.scrollIntoViewIfNeeded();
  await startButton.click();
  const chooser = page.locator('#choose-unit');
  await chooser.waitFor();
  expect(await inViewport(chooser.locator('.subtitle').first())).toBe(true);
  await page.locator('#unit-not-listed').getByText('请联系').waitFor();
  await e.screenshot('secretary-forms-01-chooser');
  const calls = (await e.api('applications', 'openCalls', {}, 'p-sec-mech')).data as { hostUnits: { id: string; name: string }[] };
  const host = calls.hostUnits.find((u) => u.id === 'hu-yuanjiang-machine')!;
  await page.locator('#host-hu-yuanjiang-machine').click();
  await page.locator('#apply').waitFor();
  await eventually(() => page.locator('#field-applicantName input').inputValue(), host.name);
});

it('a capacity project: 1985 founding date on the wheel, an over-long paste kept with its warning, errors that jump to their field', async () => {
  await page.goto(`${e.baseUrl}/#/packages/secretary/pages/home/index`);
  const start = page.locator(`#start-${capacity.id}-${academic.id}`);
  await start.scrollIntoViewIfNeeded();
  await start.click();
  await page.locator('#apply').waitFor();

  // 成立时间 1985-06-12, picked on the date wheel: accepted, nothing red (finding 1)
  const foundedStep = getForm(academic.formId)!.steps.find((s) => s.fields.some((f) => f.key === 'foundedOn'))!;
  await page.locator(`#tab-${foundedStep.id}`).click();
  await pickDate('foundedOn', '1985-06-12');
  await synced();
  expect(await page.locator('#field-foundedOn').getAttribute('data-error')).toBe('no');
  await e.screenshot('secretary-forms-02-founding-date');

  // a 5,000-character paste into the 3,000-character 项目主要内容: kept whole, counted, explained (finding 4)
  await page.locator('#tab-project').click();
  await fill('projectName', '水稻绿色高产技术推广');
  const long = '稻'.repeat(5000);
  await fill('projectContent', long);
  expect((await page.locator('#field-projectContent textarea').inputValue()).length).toBe(5000);
  await page.locator('#field-projectContent [data-paste-note]').getByText('超出的 2000 字仍保留在框内').waitFor();
  await page.locator('#field-projectContent .counter[data-level="over"]').waitFor();
  await e.screenshot('secretary-forms-03-paste-warning');
  await synced();

  // the submit step: problems grouped by step; a tap opens the step and brings the field into view (finding 5)
  await page.locator('#tab-__submit').click();
  const item = page.locator('#error-summary [data-jump="projectContent"]');
  await item.waitFor();
  expect(await page.locator('#error-summary .error-group').count()).toBeGreaterThan(1);
  await eventually(() => page.locator('#error-summary [data-jump="foundedOn"]').count(), 0);
  await e.screenshot('secretary-forms-04-error-summary');
  await item.click();
  await page.locator('#step-project').waitFor();
  await eventually(() => inViewport(page.locator('#field-projectContent')), true);
  expect(await page.locator('#tab-project').getAttribute('data-errors')).not.toBe('0');
  await fill('projectContent', '稻'.repeat(1200));
  await synced();
});

it('a reload resumes at her step, 已同步; submitting asks first, then sends', async () => {
  // everything else filled in on the server (values, answers, materials), as if typed on another visit
  const mine = (await e.api('applications', 'mine', {}, 'p-sec-mech')).data as { id: string; programmeId: string }[];
  applicationId = mine.find((r) => r.programmeId === capacity.id)!.id;
  const cur = (await e.api('applications', 'get', { applicationId }, 'p-sec-mech')).data;
  const values = { ...passingValues(capacity, academic), ...cur.values };
  const saved = await e.api(
    'applications',
    'saveDraft',
    {
      programmeId: capacity.id,
      kindId: academic.id,
      roundId: cur.roundId,
      applicationId,
      baseVersion: cur.version,
      values,
      facts: passingFacts({ clock: { now: () => Date.parse(START) } }, capacity, academic.id),
      requestId: 'secretary-forms-fill-0001',
    },
    'p-sec-mech',
  );
  expect(saved.ok).toBe(true);
  for (const m of capacity.materials.filter((x) => x.required && appliesToKind(x, academic.id))) {
    const up = await e.api(
      'applications',
      'uploadAttachment',
      {
        applicationId,
        materialId: m.id,
        name: `${m.id}.pdf`,
        mime: 'application/pdf',
        base64: PDF,
        requestId: `sf-up-${m.id}`.slice(0, 60),
      },
      'p-sec-mech',
    );
    expect(up.ok).toBe(true);
  }

  await page.reload();
  await page.locator('#apply').waitFor();
  await page.locator('#step-project').waitFor(); // the step she was on, not step 1
  await synced();
  await eventually(() => page.locator('#field-foundedOn').count(), 0);
  await e.screenshot('secretary-forms-05-resumed');

  await page.locator('#tab-__submit').click();
  await page.locator('#precheck[data-can-submit="yes"]').waitFor();
  await page.locator('#submit').click();
  const modal = page.locator('.taro__modal');
  await modal.getByText('审核期间不能修改').waitFor();
  await e.screenshot('secretary-forms-06-confirm-submit');
  await answerModal(page, '返回检查');
  expect(page.url()).toContain('/apply/');
  await page.locator('#submit').click();
  await answerModal(page, '确定提交');
  await page.locator('#status[data-status="in_review"]').waitFor();
  // the whole path, 公示 and the award included (finding 6)
  await page.locator('#stages [data-stage="__publicity"]').waitFor();
  await page.locator('#stages [data-stage="__award"]').waitFor();
});

it('returned with comments: each at its field with its name, step tabs marked, the detail page grouped by step', async () => {
  const view = (await e.api('applications', 'get', { applicationId }, 'p-city-staff')).data;
  const material = capacity.materials.find((x) => x.required && appliesToKind(x, academic.id))!;
  const fieldComments: Record<string, string> = { projectContent: '请压缩到 800 字以内并写明受益人数', foundedOn: '请与登记证书一致' };
  let r = await e.api(
    'applications',
    'review',
    {
      applicationId,
      decision: 'return',
      comment: '请按逐项意见修改',
      fieldComments: { ...fieldComments, [`material:${material.id}`]: '请上传盖章版' },
      checklist: [],
      requestId: 'secretary-forms-return-01',
      expected: { status: view.status, stageId: view.stageId },
    },
    'p-city-staff',
  );
  if (!r.ok && JSON.stringify(r.error).includes('material:')) {
    // material comments arrive with the review workspace (H5); without them, field comments only
    r = await e.api(
      'applications',
      'review',
      {
        applicationId,
        decision: 'return',
        comment: '请按逐项意见修改',
        fieldComments,
        checklist: [],
        requestId: 'secretary-forms-return-02',
        expected: { status: view.status, stageId: view.stageId },
      },
      'p-city-staff',
    );
  }
  expect(r.ok).toBe(true);

  await page.goto(`${e.baseUrl}/#/packages/secretary/pages/detail/index?id=${applicationId}`);
  await page.locator('#status[data-status="returned"]').waitFor();
  await page.locator('#comments-by-step [data-comment="projectContent"]').getByText('项目主要内容').waitFor();
  await page.locator('#comments-by-step [data-comment="foundedOn"]').getByText('成立时间').waitFor();
  await e.screenshot('secretary-forms-07-returned-detail');

  await page.locator('#edit').click();
  await page.locator('#returned-banner').waitFor();
  await eventually(() => page.locator('#tab-project').getAttribute('data-comments'), '1');
  await page.locator('#returned-banner [data-comment-step="project"]').click();
  await page.locator('#step-project').waitFor();
  // the comment sits above its field, named, not below the long text box
  const comment = page.locator('#field-projectContent [data-comment="projectContent"]');
  await comment.getByText('审核意见 · 项目主要内容').waitFor();
  // both boxes read in one frame: the page may still be scrolling to the step (two separate reads raced in CI)
  const above = await page.evaluate(() => {
    const c = document.querySelector('#field-projectContent [data-comment="projectContent"]')?.getBoundingClientRect();
    const t = document.querySelector('#field-projectContent textarea')?.getBoundingClientRect();
    return !!c && !!t && c.top < t.top;
  });
  expect(above).toBe(true);
  await e.screenshot('secretary-returned-after');
});
