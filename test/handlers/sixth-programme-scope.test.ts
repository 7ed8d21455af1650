import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, type Programme } from '../../shared/programmes';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../fixtures/programmes/heshan-society-stars';
import type { Harness } from '../support/handlers';
import { filled } from '../unit/forms/fill';
import { callsOf, DISTRICT_UNITS, districtHarness, ok, PDF, passingFacts, rid, TEST_UNITS } from './applications-support';

/**
 * Issue 16 item 4: the issuing association's scope decides who runs a programme, through the city and
 * oversight model. The sixth programme is issued by 赫山区科协 (`scope: { level: 'district', district:
 * '赫山区' }`):
 *   - the 赫山 county unit enables it (the city and 桃江 are refused, and 赫山 may not enable a city programme);
 *   - its rounds are 赫山's (opened by p-heshan-staff; the city and 桃江 refused; one per unit, programme, year);
 *   - only applicants under 赫山 are offered it and may file (a 桃江 society and a city-registered one: neither);
 *   - its stages (`cityStaff` in the definition: the issuing association's staff) are run by 赫山's county
 *     staff; 桃江's staff see nothing of it; DECISION: the city's staff read it (oversight: queue, the
 *     application) but hold none of its stages.
 */
const definition = JSON.parse(JSON.stringify({ programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] }));
const p = definition.programme as Programme;
const CITY = 'p-city-staff';
const HESHAN = 'p-heshan-staff';
const TAOJIANG = 'p-taojiang-staff';
const HS_SEC = DISTRICT_UNITS.heshan[0]!.secretary;
const TJ_SEC = DISTRICT_UNITS.taojiang[0]!.secretary;
const CITY_SEC = TEST_UNITS[0]!.secretary;

let h: Harness;
beforeAll(async () => {
  h = await districtHarness();
  ok(
    await h.call('org', 'installProgramme', { requestId: rid(), definition, fileName: 'heshan-society-stars.json', mode: 'commit' }, CITY),
  );
});
afterAll(async () => {
  await h.close();
});

const enable = (who: string, castUnitId: string, programmeId = p.id) =>
  h.call('org', 'setProgrammeEnabled', { castUnitId, programmeId, enabled: true, requestId: rid() }, who);
const today = () => chinaDateOf(h.clock.now());
const year = () => Number(today().slice(0, 4));
const saveRound = (who: string, title?: string) =>
  h.call(
    'org',
    'saveRound',
    {
      requestId: rid(),
      round: { programmeId: p.id, year: year(), opensOn: today(), closesOn: `${year()}-12-31`, limits: {}, ...(title ? { title } : {}) },
    },
    who,
  );
const refusal = (r: { ok: boolean; error?: { code: string; message: string } }) => (r.ok ? 'ok' : `${r.error!.code} ${r.error!.message}`);

describe('[heshan-society-stars:scope] a district programme is its county’s', () => {
  let roundId: string;
  let applicationId: string;

  it('enabled by the 赫山 county unit only: the city, 桃江 and a city programme at the county are refused in Chinese, nothing changes', async () => {
    const before = await h.snapshot();
    expect(refusal(await enable(CITY, 'cast-yiyang'))).toBe('AUTH.FORBIDDEN 该项目由赫山区科协发布，应由赫山区科协启用，市科协不能启用');
    expect(refusal(await enable(TAOJIANG, 'cast-taojiang'))).toBe('AUTH.FORBIDDEN 该项目由赫山区科协发布，只有赫山区科协可以启用');
    // the city's staff cannot enable it on the county's behalf, 桃江's staff not on 赫山's unit
    expect(refusal(await enable(CITY, 'cast-heshan'))).toBe('AUTH.FORBIDDEN 只有本区县科协工作人员可以启用或停用该项目');
    expect(refusal(await enable(TAOJIANG, 'cast-heshan'))).toBe('AUTH.FORBIDDEN 只有本区县科协工作人员可以启用或停用该项目');
    expect(refusal(await enable(HESHAN, 'cast-heshan', 'wuhan-award'))).toBe(
      'AUTH.FORBIDDEN 该项目由市科协发布，应由市科协启用，县区科协不能启用',
    );
    expect(await h.snapshot()).toEqual(before);
    // no round before it is enabled
    expect((await saveRound(HESHAN)).error?.code).toBe('ROUND.PROGRAMME_NOT_ENABLED');
    expect(ok(await enable(HESHAN, 'cast-heshan')).changed).toBe(true);
    expect((await h.deps.store.org.castUnit('cast-heshan'))?.programmeIds).toEqual([p.id]);
    // the city's list of programmes no longer carries it; the county's entry does, changeable by the county only
    const asCity = ok(await h.call('org', 'cityProgrammes', {}, CITY)).cities;
    expect(
      asCity.find((c: { castUnitId: string }) => c.castUnitId === 'cast-yiyang').programmes.map((x: { id: string }) => x.id),
    ).not.toContain(p.id);
    expect(asCity.find((c: { castUnitId: string }) => c.castUnitId === 'cast-heshan')).toEqual({
      castUnitId: 'cast-heshan',
      name: '赫山区科协',
      programmes: [{ id: p.id, title: p.title, enabled: true }],
      mayChange: false,
      level: 'county',
    });
    const asCounty = ok(await h.call('org', 'cityProgrammes', {}, HESHAN)).cities;
    expect(asCounty.map((c: { castUnitId: string; mayChange: boolean }) => [c.castUnitId, c.mayChange])).toEqual([
      ['cast-yiyang', false],
      ['cast-heshan', true],
    ]);
    const asTaojiang = ok(await h.call('org', 'cityProgrammes', {}, TAOJIANG)).cities;
    expect(asTaojiang.map((c: { castUnitId: string }) => c.castUnitId)).toEqual(['cast-yiyang']);
  });

  it('its round is 赫山’s: opened by 赫山’s staff (one per unit, programme and year); the city and 桃江 refused', async () => {
    const before = await h.snapshot();
    expect(refusal(await saveRound(CITY))).toBe('AUTH.FORBIDDEN 该项目由赫山区科协发布，申报批次由赫山区科协开启');
    expect(refusal(await saveRound(TAOJIANG))).toBe('AUTH.FORBIDDEN 该项目由赫山区科协发布，申报批次由赫山区科协开启');
    expect(await h.snapshot()).toEqual(before);
    const first = ok(await saveRound(HESHAN));
    expect(first.created).toBe(true);
    roundId = first.id;
    expect((await h.deps.store.applications.round(roundId))?.castUnitId).toBe('cast-heshan');
    // the same unit, programme and year again: the same round, changed
    const again = ok(await saveRound(HESHAN, '2026年度星级评估'));
    expect([again.id, again.created]).toEqual([roundId, false]);
    // 赫山 county staff still cannot open a city programme's round
    expect(
      (
        await h.call(
          'org',
          'saveRound',
          {
            requestId: rid(),
            round: { programmeId: 'yiyang-station-2023', year: year(), opensOn: today(), closesOn: `${year()}-12-31`, limits: {} },
          },
          HESHAN,
        )
      ).error?.code,
    ).toBe('AUTH.FORBIDDEN');
    // who sees the round: 赫山 and the city; not 桃江
    const seen = async (who: string) =>
      ok(await h.call('applications', 'rounds', { programmeId: p.id }, who)).map((r: { id: string }) => r.id);
    expect(await seen(HESHAN)).toEqual([roundId]);
    expect(await seen(CITY)).toEqual([roundId]);
    expect(await seen(TAOJIANG)).toEqual([]);
    expect(await seen(TJ_SEC)).toEqual([]);
  });

  it('offered to 赫山’s societies only: a 桃江 society and a society registered at the city are not offered it and cannot file', async () => {
    const call = callsOf(h);
    const offered = async (who: string) =>
      ok(await call('openCalls', {}, who)).calls.find((c: { programmeId: string }) => c.programmeId === p.id) ?? null;
    expect((await offered(HS_SEC))?.rounds.map((r: { id: string }) => r.id)).toEqual([roundId]);
    expect(await offered(TJ_SEC)).toBeNull();
    expect(await offered(CITY_SEC)).toBeNull();
    const draft = (who: string) =>
      call(
        'saveDraft',
        {
          programmeId: p.id,
          kindId: 'evaluation',
          roundId,
          values: filled(heshanSocietyStarsForm),
          facts: passingFacts(h, p, 'evaluation'),
          baseVersion: 0,
          requestId: rid(),
        },
        who,
      );
    const before = await h.snapshot();
    expect((await draft(TJ_SEC)).error?.code).toBe('NOT_FOUND');
    expect((await draft(CITY_SEC)).error?.code).toBe('NOT_FOUND');
    expect(await h.snapshot()).toEqual(before);
    applicationId = ok(await draft(HS_SEC)).applicationId;
    for (const m of p.materials.filter((x) => x.required && appliesToKind(x, 'evaluation')))
      ok(
        await call(
          'uploadAttachment',
          { applicationId, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
          HS_SEC,
        ),
      );
    ok(await call('submit', { applicationId, requestId: rid() }, HS_SEC));
    expect((await h.deps.store.applications.get(applicationId))?.castUnitId).toBe('cast-heshan');
  });

  it('its stages are run by 赫山’s county staff; 桃江 sees nothing; the city reads it but holds no stage', async () => {
    const call = callsOf(h);
    const expected = { status: 'in_review', stageId: 'formal-review' };
    const view = (who: string) => call('get', { applicationId }, who);
    const review = async (who: string) => {
      const checklist = (ok(await view(HESHAN)).checklist as { itemId: string }[]).map((i) => ({ ...i, checked: true }));
      return call(
        'review',
        { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist, requestId: rid(), expected },
        who,
      );
    };
    const queue = async (who: string) =>
      ok(await call('queue', { programmeId: p.id }, who)).map((r: { id: string; actionable: boolean; pending: string | null }) => [
        r.id,
        r.actionable,
        r.pending,
      ]);

    // 桃江: not overseen at all
    expect((await view(TAOJIANG)).error?.code).toBe('AUTH.FORBIDDEN');
    expect(await queue(TAOJIANG)).toEqual([]);
    // the city: reads it (oversight), may do nothing at its stages
    const cityView = ok(await view(CITY));
    expect(cityView.stageId).toBe('formal-review');
    expect([cityView.can.review, cityView.can.pass, cityView.can.returnForRevision, cityView.can.reject]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(await queue(CITY)).toEqual([[applicationId, false, null]]);
    const before = await h.snapshot();
    expect(refusal(await review(CITY))).toBe('AUTH.FORBIDDEN 审核通过应由县市区科协（区科协材料审查）办理，市科协不能办理');
    expect((await review(TAOJIANG)).error?.code).toBe('AUTH.FORBIDDEN');
    expect(await h.snapshot()).toEqual(before);
    // 赫山's county staff: the stage is theirs
    const mine = ok(await view(HESHAN));
    expect([mine.can.review, mine.can.pass]).toEqual([true, true]);
    expect(await queue(HESHAN)).toEqual([[applicationId, true, 'review']]);
    expect(ok(await review(HESHAN)).stageId).toBe('evaluation');
    // the scoring stage: the county scores; the city may not
    // computed items as the rule gives them (none where a fact is missing); the judgements typed by the scorer
    const judged: Record<string, number> = { 'work-rating': 10, discretionary: 10, highlights: 8 };
    const sheet = ok(await view(HESHAN)).rubric.items as { id: string; suggested: number | null }[];
    const items = sheet.map((i) => ({ itemId: i.id, points: i.suggested ?? judged[i.id] ?? 0 }));
    const score = (who: string) =>
      call('score', { applicationId, items, answers: { workRating: 'A', discretionaryDeduction: 0 }, requestId: rid() }, who);
    const scored = await score(CITY);
    expect(scored.error?.code).toBe('AUTH.FORBIDDEN');
    expect(ok(await view(CITY)).can.score).toBe(false);
    expect(ok(await view(HESHAN)).can.score).toBe(true);
    expect(ok(await score(HESHAN)).total).toBe(items.reduce((t, i) => t + i.points, 0));
  });
});
