import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, type Programme, stagesOf } from '../../shared/programmes';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import type { Harness } from '../support/handlers';
import { filled } from '../unit/forms/fill';
import { callsOf, DISTRICT_UNITS, districtHarness, enableAndOpenRound, ok, PDF, passingFacts, rid } from './applications-support';

/**
 * Issue 16 acceptance: the sixth programme (test/fixtures/programmes/heshan-society-stars.ts, a
 * definition no code knows) runs draft → review → outcome through the real handlers. The score sheet
 * is pre-filled from the facts; the scorer answers the judgements (A/B/C, a discretionary deduction),
 * types the one free item in half points, and may change a computed item only with a reason.
 * It is issued by 赫山区科协 (`scope: district 赫山区`, issue 16 item 4): the city installs the file, the
 * county enables it and opens its round, a 赫山 society files and the county's staff run every stage.
 */
const definition = JSON.parse(JSON.stringify({ programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] }));
const p = definition.programme as Programme;
const CITY = 'p-city-staff';
const STAFF = 'p-heshan-staff';
const DAY = 86_400_000;

let h: Harness;
beforeAll(async () => {
  h = await districtHarness();
  // the one registration line: install the definition as city staff would
  ok(
    await h.call('org', 'installProgramme', { requestId: rid(), definition, fileName: 'heshan-society-stars.json', mode: 'commit' }, CITY),
  );
});
afterAll(async () => {
  await h.close();
});

describe('[heshan-society-stars:materials] [heshan-society-stars:stage.formal-review] [heshan-society-stars:stage.evaluation] [heshan-society-stars:publicity] [heshan-society-stars:award] the sixth programme through the handlers', () => {
  it('draft → submit → review → scored from its facts (band 五星) → publicity → stars awarded', async () => {
    const round = { id: await enableAndOpenRound(h, p.id, STAFF, 'cast-heshan') };
    const call = callsOf(h);
    const secretary = DISTRICT_UNITS.heshan[0]!.secretary;
    const values = { ...filled(heshanSocietyStarsForm), individualMembers: 520, unitMembers: 10 };
    const facts = {
      ...passingFacts(h, p, 'evaluation'),
      inspectionPassed: true,
      financeAudited: true,
      councilOnTime: true,
      websiteUpdated: true,
      hasOffice: true,
      provincialAward: true,
      missedMeetings: 1,
      scienceEvents: 12,
    };
    const saved = ok(
      await call(
        'saveDraft',
        { programmeId: p.id, kindId: 'evaluation', roundId: round.id, values, facts, baseVersion: 0, requestId: rid() },
        secretary,
      ),
    );
    const applicationId = saved.applicationId as string;
    for (const m of p.materials.filter((x) => x.required && appliesToKind(x, 'evaluation')))
      ok(
        await call(
          'uploadAttachment',
          { applicationId, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
          secretary,
        ),
      );
    // the scorer's judgements are never asked of the applicant
    const pre = ok(await call('precheck', { applicationId }, secretary));
    expect(JSON.stringify(pre)).not.toContain('区科协对学会年度工作的评价');
    ok(await call('submit', { applicationId, requestId: rid() }, secretary));

    const [formal, evaluation] = stagesOf(p, 'evaluation');
    let view = ok(await call('get', { applicationId }, STAFF));
    const checklist = (view.checklist as { itemId: string; label: string }[]).map((i) => ({ ...i, checked: true }));
    ok(
      await call(
        'review',
        {
          applicationId,
          decision: 'pass',
          comment: '',
          fieldComments: {},
          checklist,
          requestId: rid(),
          expected: { status: 'in_review', stageId: formal!.id },
        },
        STAFF,
      ),
    );

    // the sheet as staff see it: computed items with their suggestion, judgements to answer, the bands
    view = ok(await call('get', { applicationId }, STAFF));
    expect(view.stageId).toBe(evaluation!.id);
    expect(view.rubric.items.map((i: { id: string; kind: string; suggested: number | null }) => [i.id, i.kind, i.suggested])).toEqual([
      ['members', 'computed', 8],
      ['governance', 'computed', 6],
      ['conduct', 'computed', 10],
      ['popularisation', 'computed', 7.5],
      ['work-rating', 'judgement', null],
      ['discretionary', 'judgement', null],
      ['highlights', 'judgement', null],
    ]);
    expect(view.rubric.staffFacts.map((f: { id: string }) => f.id)).toEqual(['workRating', 'discretionaryDeduction']);
    expect(view.rubric.bands[0]).toEqual({ min: 54, label: '五星', passes: true });

    const items = (over: Record<string, { points: number; reason?: string }> = {}) =>
      [
        ['members', 8],
        ['governance', 6],
        ['conduct', 10],
        ['popularisation', 7.5],
        ['work-rating', 10],
        ['discretionary', 9],
        ['highlights', 8],
      ].map(([itemId, points]) => ({ itemId: itemId as string, points: points as number, ...over[itemId as string] }));
    const answers = { workRating: 'A', discretionaryDeduction: 0.5 };
    const refused = async (data: Record<string, unknown>) => {
      const r = await call('score', { applicationId, requestId: rid(), ...data }, STAFF);
      expect(r.error?.code).toBe('INPUT.INVALID');
      return JSON.stringify(r.error);
    };
    expect(await refused({ items: items({ highlights: { points: 0.3 } }), answers })).toContain(
      '“特色亮点”的得分应为 0 到 8.5 之间、0.5 的整数倍',
    );
    expect(await refused({ items: items({ members: { points: 4 } }), answers })).toContain(
      '“会员规模”按规则应得 8 分，改为 4 分须填写理由',
    );
    expect(await refused({ items: items() })).toContain('请评定“区科协对学会年度工作的评价”');
    expect(await refused({ items: items(), answers: { ...answers, discretionaryDeduction: 0.3 } })).toContain(
      '“酌情扣分”应为 0.5 的整数倍',
    );

    // an override with its reason is kept, shown and audited
    const scored = ok(
      await call(
        'score',
        { applicationId, items: items({ members: { points: 7, reason: '单位会员名册有 3 家重复' } }), answers, requestId: rid() },
        STAFF,
      ),
    );
    expect(scored.total).toBe(57.5);
    view = ok(await call('get', { applicationId }, STAFF));
    expect(view.scoreSheets).toEqual([expect.objectContaining({ total: 57.5, band: '五星', answers })]);
    expect(view.scoreSheets[0].items[0]).toEqual({ itemId: 'members', points: 7, reason: '单位会员名册有 3 家重复' });
    expect(view.history.at(-1).note).toBe('评分 57.5 分（五星）');
    const audit = await h.deps.store.audit.forEntity('application', applicationId);
    expect(audit.find((a: { action: string }) => a.action === 'application.score')?.after).toMatchObject({
      total: 57.5,
      answers,
      items: expect.arrayContaining([{ itemId: 'members', points: 7, reason: '单位会员名册有 3 家重复' }]),
    });

    // outcome: publicity, then the stars awarded
    ok(
      await call(
        'review',
        {
          applicationId,
          decision: 'pass',
          comment: '',
          fieldComments: {},
          checklist: [],
          requestId: rid(),
          expected: { status: 'in_review', stageId: evaluation!.id },
        },
        STAFF,
      ),
    );
    const publicity = ok(
      await call(
        'startPublicity',
        {
          applicationId,
          startDate: chinaDateOf(h.clock.now()),
          note: '',
          requestId: rid(),
          expected: { status: 'in_review', stageId: null },
        },
        STAFF,
      ),
    );
    expect(publicity.publicity).toMatchObject({ days: 5, dayKind: 'working' });
    h.clock.advance(10 * DAY);
    ok(await call('closePublicity', { applicationId, requestId: rid() }, STAFF));
    const awarded = ok(await call('award', { applicationId, plaqueDate: chinaDateOf(h.clock.now()), requestId: rid() }, STAFF));
    expect(awarded.status).toBe('awarded');
  });
});
