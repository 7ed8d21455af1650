import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, type Programme } from '../../shared/programmes';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import type { Harness } from '../support/handlers';
import { filled } from '../unit/forms/fill';
import { callsOf, DISTRICT_UNITS, districtHarness, enableAndOpenRound, ok, PDF, passingFacts, rid } from './applications-support';

/**
 * Issue 16 (remaining items 1 and 2), through the handlers on a variant of the sixth programme:
 *   - no publicity: the definition leaves `publicity` out, so passing the last stage leads to the
 *     outcome directly (approved, then the stars awarded) — no 待公示, no 公示;
 *   - the bands decide: a total in a band with `passes: false` (不评星) is not awarded; the history
 *     records the band and the reason in Chinese.
 */
const { publicity: _dropped, ...withoutPublicity } = JSON.parse(JSON.stringify(heshanSocietyStars)) as Record<string, unknown>;
const definition = { programme: withoutPublicity, forms: [JSON.parse(JSON.stringify(heshanSocietyStarsForm))] };
const p = withoutPublicity as unknown as Programme;
// issued by 赫山区科协 (scope district): the city installs it, the county enables it and runs it
const CITY = 'p-city-staff';
const STAFF = 'p-heshan-staff';

let h: Harness;
let roundId: string;
beforeAll(async () => {
  h = await districtHarness();
  ok(
    await h.call(
      'org',
      'installProgramme',
      { requestId: rid(), definition, fileName: 'heshan-society-stars-no-publicity.json', mode: 'commit' },
      CITY,
    ),
  );
  roundId = await enableAndOpenRound(h, p.id, STAFF, 'cast-heshan');
});
afterAll(async () => {
  await h.close();
});

const pass = (applicationId: string, stageId: string | null) => ({
  applicationId,
  decision: 'pass',
  comment: '',
  fieldComments: {},
  checklist: [],
  requestId: rid(),
  expected: { status: 'in_review', stageId },
});

/** Draft → submit → formal review passed → scored with these points; returns the application id. */
async function scoredApplication(unit: number, facts: Record<string, unknown>, points: Record<string, number>): Promise<string> {
  const call = callsOf(h);
  const secretary = DISTRICT_UNITS.heshan[unit]!.secretary;
  const values = { ...filled(heshanSocietyStarsForm as never), individualMembers: 30, unitMembers: 2 };
  const saved = ok(
    await call(
      'saveDraft',
      {
        programmeId: p.id,
        kindId: 'evaluation',
        roundId,
        values,
        facts: { ...passingFacts(h, p, 'evaluation'), ...facts },
        baseVersion: 0,
        requestId: rid(),
      },
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
  ok(await call('submit', { applicationId, requestId: rid() }, secretary));
  const view = ok(await call('get', { applicationId }, STAFF));
  const checklist = (view.checklist as { itemId: string }[]).map((i) => ({ ...i, checked: true }));
  ok(await call('review', { ...pass(applicationId, 'formal-review'), checklist }, STAFF));
  const items = Object.entries(points).map(([itemId, pts]) => ({ itemId, points: pts }));
  ok(await call('score', { applicationId, items, answers: { workRating: 'C', discretionaryDeduction: 0 }, requestId: rid() }, STAFF));
  return applicationId;
}

const weak = {
  inspectionPassed: true,
  financeAudited: false,
  councilOnTime: false,
  websiteUpdated: false,
  hasOffice: false,
  provincialAward: false,
  missedMeetings: 4,
  scienceEvents: 1,
};

describe('[heshan-society-stars:award] [heshan-society-stars:rubric.bands] the sixth programme without publicity; its bands decide the outcome', () => {
  it('a total in the band 不评星 (passes: false) is not awarded: rejected, with the band and the reason recorded in Chinese', async () => {
    // members 0, governance 0, conduct 9 − 3 − 2 = 4, popularisation 2.5, work rating C 2, discretionary 10, highlights 5 → 23.5
    const applicationId = await scoredApplication(0, weak, {
      members: 0,
      governance: 0,
      conduct: 4,
      popularisation: 2.5,
      'work-rating': 2,
      discretionary: 10,
      highlights: 5,
    });
    const call = callsOf(h);
    const out = ok(await call('review', pass(applicationId, 'evaluation'), STAFF));
    expect(out.status).toBe('rejected');
    const view = ok(await call('get', { applicationId }, STAFF));
    expect(view.status).toBe('rejected');
    expect(view.history.at(-1).note).toBe('评分 23.5 分，评定为“不评星”，未达到认定等级，不予认定');
    // the applicant reads the outcome (未通过); the score itself stays with the staff (issue 11, finding 3)
    const mine = ok(await call('get', { applicationId }, DISTRICT_UNITS.heshan[0]!.secretary));
    expect(mine.statusLabel).toBe('未通过');
  });

  it('a recognised band goes from the last stage to the outcome directly (no publicity): approved, then awarded', async () => {
    const strong = {
      ...weak,
      financeAudited: true,
      councilOnTime: true,
      websiteUpdated: true,
      hasOffice: true,
      provincialAward: true,
      missedMeetings: 0,
      scienceEvents: 12,
    };
    // members 0, governance 6, conduct 10 (cap), popularisation 7.5, C 2, discretionary 10, highlights 8.5 → 44 (三星)
    const applicationId = await scoredApplication(1, strong, {
      members: 0,
      governance: 6,
      conduct: 10,
      popularisation: 7.5,
      'work-rating': 2,
      discretionary: 10,
      highlights: 8.5,
    });
    const call = callsOf(h);
    const out = ok(await call('review', pass(applicationId, 'evaluation'), STAFF));
    expect(out.status).toBe('approved');
    let view = ok(await call('get', { applicationId }, STAFF));
    expect(view.stageId).toBeNull();
    expect(view.can.startPublicity).toBe(false);
    expect(view.history.at(-1).note).toBe('评分 44 分，评定为“三星”');
    // publicity cannot be started on a programme that has none
    const refused = await call(
      'startPublicity',
      { applicationId, startDate: chinaDateOf(h.clock.now()), note: '', requestId: rid(), expected: { status: 'approved', stageId: null } },
      STAFF,
    );
    expect(refused.error?.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
    const awarded = ok(await call('award', { applicationId, plaqueDate: chinaDateOf(h.clock.now()), requestId: rid() }, STAFF));
    expect(awarded.status).toBe('awarded');
    view = ok(await call('get', { applicationId }, STAFF));
    expect(view.history.map((e: { action: string }) => e.action)).not.toContain('startPublicity');
  });
});
