import fc from 'fast-check';
import { libraryCalendar } from '../../../shared/calendar/holidays';
import type { Facts, Programme } from '../../../shared/programmes';
import { programmeIds } from '../../../shared/programmes';
import {
  applicationStatuses,
  availableActions,
  isValidState,
  stateLabel,
  type TransitionResult,
  transition,
  type WorkflowAction,
  type WorkflowContext,
  type WorkflowState,
  workflowActionTypes,
  workflowStates,
} from '../../../shared/rules/workflow';
import { applicationStatuses as schemaStatuses } from '../../../shared/schemas/application';
import type { Role } from '../../../shared/schemas/org';
import { roles } from '../../../shared/schemas/org';
import { chinaTime, fullContext, goodFacts, programme, stationFacts, weihaiFacts } from './fixtures';

const station = programme('yiyang-station-2023');
const draft: WorkflowState = { status: 'draft', stageId: null };
const atStage = (stageId: string): WorkflowState => ({ status: 'in_review', stageId });
const awaitingPublicity: WorkflowState = { status: 'in_review', stageId: null };
const inPublicity: WorkflowState = { status: 'publicity', stageId: null };
const approved: WorkflowState = { status: 'approved', stageId: null };

const act = (type: WorkflowAction['type'], actorRole: Role, extra: Partial<WorkflowAction> = {}): WorkflowAction => ({
  type,
  actorRole,
  ...extra,
});

function ctxFor(programmeId: string, over: Partial<WorkflowContext> = {}, facts: Facts = goodFacts[programmeId]!()): WorkflowContext {
  const { now, ...eligibility } = fullContext();
  return { now, applicantFacts: facts, eligibility, objectionsOpen: 0, calendar: libraryCalendar, ...over };
}

function ok(r: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.reason}`);
  return r;
}

const applicantRole = (p: Programme, kindId: string) => p.kinds.find((k) => k.id === kindId)!.applicantRoles[0]!;

/** Drives an application of `kindId` from draft to awarded with the right roles; returns each state visited. */
function walk(p: Programme, kindId: string, ctx: WorkflowContext, publicityDays: { start: string; after: string }): WorkflowState[] {
  const seen: WorkflowState[] = [];
  let s = ok(transition(p, kindId, draft, act('submit', applicantRole(p, kindId)), ctx)).next;
  seen.push(s);
  let publicityEnd: string | undefined;
  for (let guard = 0; guard < 20 && s.status !== 'awarded'; guard++) {
    let r: TransitionResult;
    if (s.status === 'in_review' && s.stageId) {
      const stage = p.stages.find((x) => x.id === s.stageId)!;
      r = transition(p, kindId, s, act('pass', stage.role), ctx);
    } else if (s.status === 'in_review') {
      r = transition(p, kindId, s, act('startPublicity', p.publicity!.role), { ...ctx, now: chinaTime(publicityDays.start) });
      publicityEnd = ok(r).effects.publicityEnd;
    } else if (s.status === 'publicity') {
      r = transition(p, kindId, s, act('endPublicity', p.publicity!.role), { ...ctx, now: chinaTime(publicityDays.after), publicityEnd });
    } else {
      r = transition(p, kindId, s, act('award', p.award.role), ctx);
    }
    s = ok(r).next;
    seen.push(s);
  }
  return seen;
}

describe('the whole route of each programme, built from its stages', () => {
  it('[yiyang-station-2023:stage.county-first-review] [yiyang-station-2023:stage.city-review] [yiyang-station-2023:stage.site-visit] [yiyang-station-2023:stage.city-decision] [yiyang-station-2023:stage.talent-office-approval] [yiyang-station-2023:award] a station goes county → city review → site visit → decision → talent office → publicity → plaque', () => {
    const states = walk(station, 'station', ctxFor('yiyang-station-2023'), { start: '2025-09-29', after: '2025-10-12' });
    expect(states).toEqual([
      atStage('county-first-review'),
      atStage('city-review'),
      atStage('site-visit'),
      atStage('city-decision'),
      atStage('talent-office-approval'),
      awaitingPublicity,
      inPublicity,
      approved,
      { status: 'awarded', stageId: null },
    ]);
  });
  it('[yiyang-capacity-2018:stage.formal-review] [yiyang-capacity-2018:stage.expert-review] [yiyang-capacity-2018:stage.joint-approval] [yiyang-capacity-2018:award] a Yiyang 2018 key project goes formal review → expert review → joint approval → publicity → funds', () => {
    const p = programme('yiyang-capacity-2018');
    const states = walk(p, 'academic', ctxFor('yiyang-capacity-2018'), { start: '2025-06-02', after: '2025-06-07' });
    expect(states.map((s) => s.stageId ?? s.status)).toEqual([
      'formal-review',
      'expert-review',
      'joint-approval',
      'in_review',
      'publicity',
      'approved',
      'awarded',
    ]);
  });
  it('[wuhan-award:stage.formal-review] [wuhan-award:stage.expert-review] [wuhan-award:award] a Wuhan award goes formal review → expert review → publicity → commendation', () => {
    const p = programme('wuhan-award');
    const states = walk(p, 'award', ctxFor('wuhan-award'), { start: '2025-06-02', after: '2025-06-12' });
    expect(states.map((s) => s.stageId ?? s.status)).toEqual([
      'formal-review',
      'expert-review',
      'in_review',
      'publicity',
      'approved',
      'awarded',
    ]);
  });
  it('[pingdingshan-five-star:stage.committee-review] [pingdingshan-five-star:award] a five-star application goes committee → publicity → commendation', () => {
    const p = programme('pingdingshan-five-star');
    // 2025-06-02 is 端午节 (a holiday): 5 working days run 06-03 … 06-09
    const states = walk(p, 'five-star', ctxFor('pingdingshan-five-star'), { start: '2025-06-02', after: '2025-06-10' });
    expect(states.map((s) => s.stageId ?? s.status)).toEqual(['committee-review', 'in_review', 'publicity', 'approved', 'awarded']);
  });
  it('[weihai-2025:stage.formal-review] [weihai-2025:stage.expert-review] [weihai-2025:stage.party-group-decision] [weihai-2025:award] a Weihai project is decided by the party group AFTER publicity (五(二))', () => {
    const p = programme('weihai-2025');
    const states = walk(p, 'class-a', ctxFor('weihai-2025'), { start: '2025-06-02', after: '2025-06-10' });
    expect(states.map((s) => s.stageId ?? s.status)).toEqual([
      'formal-review',
      'expert-review',
      'in_review',
      'publicity',
      'party-group-decision',
      'approved',
      'awarded',
    ]);
  });
});

describe('[yiyang-station-2023:stage.county-first-review.skip] units with their own CAST and city societies may apply to the city CAST directly (第八条(一))', () => {
  it.each([
    ['chooses direct and has its own CAST', { applyDirectToCity: true, hasOwnCast: true, isCitySociety: false }, 'city-review'],
    ['chooses direct and is a city society', { applyDirectToCity: true, hasOwnCast: false, isCitySociety: true }, 'city-review'],
    ['chooses direct but is neither', { applyDirectToCity: true, hasOwnCast: false, isCitySociety: false }, 'county-first-review'],
    ['has its own CAST but goes through the county', { applyDirectToCity: false, hasOwnCast: true }, 'county-first-review'],
    [
      'chooses direct, own CAST unknown',
      { applyDirectToCity: true, hasOwnCast: undefined, isCitySociety: undefined },
      'county-first-review',
    ],
  ] as const)('an applicant who %s starts at %s', (_name, over, expected) => {
    const r = ok(
      transition(station, 'station', draft, act('submit', 'hostContact'), ctxFor('yiyang-station-2023', {}, stationFacts(over))),
    );
    expect(r.next).toEqual(atStage(expected));
    expect(r.effects.skippedStages.map((s) => s.stageId)).toEqual(expected === 'city-review' ? ['county-first-review'] : []);
  });
  it('says why the stage was skipped', () => {
    const r = ok(
      transition(
        station,
        'station',
        draft,
        act('submit', 'hostContact'),
        ctxFor('yiyang-station-2023', {}, stationFacts({ applyDirectToCity: true })),
      ),
    );
    expect(r.effects.skippedStages[0]!.reason).toContain('可直接向市科协申报');
  });
});

describe('who may act', () => {
  it.each([
    ['county-first-review', 'cityStaff'],
    ['county-first-review', 'talentOffice'],
    ['city-review', 'countyStaff'],
    ['talent-office-approval', 'cityStaff'],
    ['site-visit', 'reviewer'],
    ['city-decision', 'hostContact'],
  ] as const)('at %s a %s cannot pass', (stageId, role) => {
    const r = transition(station, 'station', atStage(stageId), act('pass', role), ctxFor('yiyang-station-2023'));
    expect(r).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    if (!r.ok) expect(r.reason).toMatch(/应由.+办理/);
  });
  it('a station application is submitted by the secretary or the host unit contact, never by an expert or staff', () => {
    for (const role of ['secretary', 'hostContact'] as const) {
      expect(transition(station, 'station', draft, act('submit', role), ctxFor('yiyang-station-2023')).ok).toBe(true);
    }
    for (const role of ['expert', 'countyStaff', 'cityStaff'] as const) {
      expect(transition(station, 'station', draft, act('submit', role), ctxFor('yiyang-station-2023'))).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    }
  });
  it('only the society secretary submits a society application', () => {
    const p = programme('wuhan-award');
    expect(transition(p, 'award', draft, act('submit', 'hostContact'), ctxFor('wuhan-award'))).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(transition(p, 'award', draft, act('submit', 'secretary'), ctxFor('wuhan-award')).ok).toBe(true);
  });
  it('staff cannot withdraw an application', () => {
    expect(
      transition(station, 'station', atStage('city-review'), act('withdraw', 'cityStaff'), ctxFor('yiyang-station-2023')),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
  it('only the talent office awards a station plaque (第八条(四))', () => {
    expect(transition(station, 'station', approved, act('award', 'cityStaff'), ctxFor('yiyang-station-2023'))).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(ok(transition(station, 'station', approved, act('award', 'talentOffice'), ctxFor('yiyang-station-2023'))).next.status).toBe(
      'awarded',
    );
  });
  it('lists the actions a role may take', () => {
    expect(availableActions(station, 'station', atStage('city-review'), 'cityStaff')).toEqual(['pass', 'return', 'reject']);
    expect(availableActions(station, 'station', atStage('city-review'), 'hostContact')).toEqual(['withdraw']);
    expect(availableActions(station, 'station', awaitingPublicity, 'cityStaff')).toEqual(['startPublicity', 'reject']);
    expect(availableActions(station, 'station', approved, 'talentOffice')).toEqual(['award']);
    expect(availableActions(station, 'station', { status: 'awarded', stageId: null }, 'talentOffice')).toEqual([]);
    expect(availableActions(station, 'station', atStage('nowhere'), 'cityStaff')).toEqual([]);
  });
});

describe('submitting', () => {
  it('refuses an ineligible applicant with the first reason', () => {
    const r = transition(
      station,
      'station',
      draft,
      act('submit', 'hostContact'),
      ctxFor('yiyang-station-2023', {}, stationFacts({ expertTeamSize: 4 })),
    );
    expect(r).toMatchObject({ ok: false, code: 'APPLICATION.INELIGIBLE' });
    if (!r.ok) expect(r.reason).toContain('不少于 5');
  });
  it('refuses a veto hit with APPLICATION.VETO', () => {
    const p = programme('weihai-2025');
    const r = transition(
      p,
      'class-a',
      draft,
      act('submit', 'secretary'),
      ctxFor('weihai-2025', {}, weihaiFacts({ repeatedlyAbsent: true })),
    );
    expect(r).toMatchObject({ ok: false, code: 'APPLICATION.VETO' });
  });
  it('accepts with unknowns and hands back the eligibility result', () => {
    const r = ok(transition(station, 'station', draft, act('submit', 'hostContact'), { now: chinaTime('2025-06-01') }));
    expect(r.effects.eligibility?.unknown.length).toBeGreaterThan(0);
    expect(r.next).toEqual(atStage('county-first-review'));
  });
  it('checks required materials when they are given (第九条)', () => {
    const all = station.materials.map((m) => ({ materialId: m.id, mime: 'application/pdf' }));
    const missing = all.filter((m) => m.materialId !== 'agreement');
    expect(
      transition(station, 'station', draft, act('submit', 'hostContact'), ctxFor('yiyang-station-2023', { materials: missing })),
    ).toMatchObject({
      ok: false,
      code: 'APPLICATION.MISSING_MATERIAL',
    });
    expect(transition(station, 'station', draft, act('submit', 'hostContact'), ctxFor('yiyang-station-2023', { materials: all })).ok).toBe(
      true,
    );
  });
  it('cannot submit twice', () => {
    expect(
      transition(station, 'station', atStage('city-review'), act('submit', 'hostContact'), ctxFor('yiyang-station-2023')),
    ).toMatchObject({
      ok: false,
      code: 'APPLICATION.ILLEGAL_TRANSITION',
    });
  });
});

describe('returning for revision', () => {
  it('returns to the applicant and comes back to the same stage on resubmit', () => {
    const ctx = ctxFor('yiyang-station-2023');
    const returned = ok(
      transition(station, 'station', atStage('site-visit'), act('return', 'cityStaff', { reason: '请补充研发团队名单' }), ctx),
    );
    expect(returned.next).toEqual({ status: 'returned', stageId: 'site-visit' });
    expect(returned.effects.reason).toBe('请补充研发团队名单');
    expect(ok(transition(station, 'station', returned.next, act('resubmit', 'hostContact'), ctx)).next).toEqual(atStage('site-visit'));
  });
  it('requires a reason to return or reject', () => {
    for (const type of ['return', 'reject'] as const) {
      expect(
        transition(station, 'station', atStage('city-review'), act(type, 'cityStaff', { reason: '  ' }), ctxFor('yiyang-station-2023')),
      ).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
      });
    }
  });
  it('re-checks eligibility on resubmit', () => {
    const r = transition(
      station,
      'station',
      { status: 'returned', stageId: 'city-review' },
      act('resubmit', 'hostContact'),
      ctxFor('yiyang-station-2023', {}, stationFacts({ staffCount: 0 })),
    );
    expect(r).toMatchObject({ ok: false, code: 'APPLICATION.INELIGIBLE' });
  });
});

describe('rejecting and withdrawing', () => {
  it('a stage may reject, ending the application', () => {
    expect(
      ok(
        transition(
          station,
          'station',
          atStage('city-review'),
          act('reject', 'cityStaff', { reason: '不符合第5条' }),
          ctxFor('yiyang-station-2023'),
        ),
      ).next,
    ).toEqual({
      status: 'rejected',
      stageId: null,
    });
  });
  it('an upheld objection during publicity rejects (publicity role)', () => {
    expect(
      ok(transition(station, 'station', inPublicity, act('reject', 'cityStaff', { reason: '异议属实' }), ctxFor('yiyang-station-2023')))
        .next.status,
    ).toBe('rejected');
  });
  it.each([draft, atStage('city-review'), { status: 'returned', stageId: 'city-review' } as WorkflowState, awaitingPublicity, inPublicity])(
    'the applicant may withdraw from %o',
    (from) => {
      expect(ok(transition(station, 'station', from, act('withdraw', 'hostContact'), ctxFor('yiyang-station-2023'))).next).toEqual({
        status: 'withdrawn',
        stageId: null,
      });
    },
  );
  it.each([approved, { status: 'awarded', stageId: null } as WorkflowState, { status: 'rejected', stageId: null } as WorkflowState])(
    'nobody may withdraw from %o',
    (from) => {
      expect(transition(station, 'station', from, act('withdraw', 'hostContact'), ctxFor('yiyang-station-2023'))).toMatchObject({
        ok: false,
        code: 'APPLICATION.ILLEGAL_TRANSITION',
      });
    },
  );
});

describe('publicity', () => {
  const start = (programmeId: string, kindId: string, today: string, startDate?: string) =>
    transition(
      programme(programmeId),
      kindId,
      awaitingPublicity,
      act('startPublicity', 'cityStaff', startDate ? { startDate } : {}),
      ctxFor(programmeId, { now: chinaTime(today) }),
    );
  const end = (
    programmeId: string,
    kindId: string,
    today: string,
    publicityEnd: string,
    objections: { objectionsOpen?: number } = { objectionsOpen: 0 },
  ) =>
    transition(programme(programmeId), kindId, inPublicity, act('endPublicity', 'cityStaff'), {
      ...ctxFor(programmeId, { now: chinaTime(today), publicityEnd }),
      objectionsOpen: objections.objectionsOpen,
    });

  it.each([
    // ≥5 working days over National Day 2025 (10-01..10-08 off, Saturday 10-11 a 调休 working day)
    ['[yiyang-station-2023:publicity]', 'station', '2025-09-29', '2025-10-11'],
    // 2025-06-02 is 端午节: counting starts on 06-03
    ['[yiyang-station-2023:publicity]', 'station', '2025-06-02', '2025-06-09'],
    ['[yiyang-station-2023:publicity]', 'station', '2025-06-09', '2025-06-13'],
    // 5 calendar days (实施方案五.4)
    ['[yiyang-capacity-2018:publicity]', 'academic', '2025-09-29', '2025-10-03'],
    // 十天 (四(二))
    ['[wuhan-award:publicity]', 'award', '2025-09-29', '2025-10-08'],
    // chosen: 5 working days
    ['[pingdingshan-five-star:publicity]', 'five-star', '2025-09-29', '2025-10-11'],
    ['[weihai-2025:publicity]', 'class-b', '2025-06-09', '2025-06-13'],
  ])('%s started on %s runs to %s and cannot end before the day after', (tag, kindId, startDay, lastDay) => {
    const programmeId = tag.slice(1, tag.indexOf(':'));
    const started = ok(start(programmeId, kindId, startDay));
    expect(started.next).toEqual(inPublicity);
    expect(started.effects).toMatchObject({ publicityStart: startDay, publicityEnd: lastDay });
    const early = end(programmeId, kindId, lastDay, lastDay);
    expect(early).toMatchObject({ ok: false, code: 'APPLICATION.PUBLICITY_NOT_OVER' });
    const dayAfter = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(ok(end(programmeId, kindId, dayAfter, lastDay)).next.status).toMatch(/approved|in_review/);
  });
  it('ends at China midnight, not UTC midnight', () => {
    // 2025-06-06 23:59 China is still the last day; 2025-06-07 00:00 China (= 06-06 16:00 UTC) is after it
    const p = programme('yiyang-station-2023');
    const ctx = (now: number) => ctxFor('yiyang-station-2023', { now, publicityEnd: '2025-06-06' });
    expect(transition(p, 'station', inPublicity, act('endPublicity', 'cityStaff'), ctx(chinaTime('2025-06-06', '23:59')))).toMatchObject({
      ok: false,
    });
    expect(transition(p, 'station', inPublicity, act('endPublicity', 'cityStaff'), ctx(chinaTime('2025-06-07', '00:00'))).ok).toBe(true);
  });
  it('may be scheduled to start later, not earlier', () => {
    expect(ok(start('yiyang-station-2023', 'station', '2025-06-01', '2025-06-09')).effects).toMatchObject({
      publicityStart: '2025-06-09',
      publicityEnd: '2025-06-13',
    });
    expect(start('yiyang-station-2023', 'station', '2025-06-10', '2025-06-09')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(start('yiyang-station-2023', 'station', '2025-06-10', '2025-02-30')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
  it('cannot end while objections are open', () => {
    expect(end('yiyang-station-2023', 'station', '2025-06-20', '2025-06-06', { objectionsOpen: 1 })).toMatchObject({
      ok: false,
      code: 'APPLICATION.OBJECTION_OPEN',
    });
  });
  it('needs the objection count and the end date', () => {
    expect(end('yiyang-station-2023', 'station', '2025-06-20', '2025-06-06', {})).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const p = programme('yiyang-station-2023');
    expect(
      transition(p, 'station', inPublicity, act('endPublicity', 'cityStaff'), ctxFor('yiyang-station-2023', { publicityEnd: null })),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
  it('cannot start before every review stage has passed', () => {
    expect(
      transition(station, 'station', atStage('talent-office-approval'), act('startPublicity', 'cityStaff'), ctxFor('yiyang-station-2023')),
    ).toMatchObject({
      ok: false,
      code: 'APPLICATION.ILLEGAL_TRANSITION',
    });
  });
});

describe('[yiyang-station-2023:limit.city-per-round] the talent office cannot approve a 6th city-level station in a round', () => {
  const approve = (city: number | undefined, level = 'city') =>
    transition(station, 'station', atStage('talent-office-approval'), act('pass', 'talentOffice'), {
      ...ctxFor('yiyang-station-2023', {}, stationFacts({ level, hostUnitKind: 'city_county_cast', societyLevel: 'national' })),
      eligibility: { approvedInRound: { byLevel: city === undefined ? {} : { city } } },
    });
  it('approves the 5th', () => expect(ok(approve(4)).next).toEqual(awaitingPublicity));
  it('refuses the 6th', () => {
    const r = approve(5);
    expect(r).toMatchObject({ ok: false, code: 'APPLICATION.ROUND_LIMIT' });
    if (!r.ok) expect(r.reason).toContain('5');
  });
  it('refuses when the count is not known', () => expect(approve(undefined)).toMatchObject({ ok: false, code: 'INPUT.INVALID' }));
  it('does not limit a provincial station', () => expect(approve(7, 'provincial').ok).toBe(true));
  it('cannot check the limit without the applicant facts and counts', () => {
    expect(
      transition(station, 'station', atStage('talent-office-approval'), act('pass', 'talentOffice'), { now: chinaTime('2025-06-01') }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
  it('does not check the limit at earlier stages', () => {
    const r = transition(station, 'station', atStage('city-decision'), act('pass', 'cityStaff'), {
      ...ctxFor('yiyang-station-2023'),
      eligibility: { approvedInRound: { byLevel: { city: 9 } } },
    });
    expect(ok(r).next).toEqual(atStage('talent-office-approval'));
  });
});

describe('round quotas of programmes without an approval stage are checked on the way to approved', () => {
  it('[wuhan-award:limit.award-quota] the award quota stops the end of publicity once reached', () => {
    const p = programme('wuhan-award');
    const run = (total: number) =>
      transition(p, 'award', inPublicity, act('endPublicity', 'cityStaff'), {
        ...ctxFor('wuhan-award', { now: chinaTime('2025-07-01'), publicityEnd: '2025-06-20' }),
        eligibility: { approvedInRound: { total }, roundQuotas: { 'award-quota': 10 } },
      });
    expect(ok(run(9)).next).toEqual(approved);
    expect(run(10)).toMatchObject({ ok: false, code: 'APPLICATION.ROUND_LIMIT' });
  });
  it('[weihai-2025:limit.class-a-quota] the class-A quota stops the party-group decision once reached', () => {
    const p = programme('weihai-2025');
    const run = (total: number) =>
      transition(p, 'class-a', atStage('party-group-decision'), act('pass', 'cityStaff'), {
        ...ctxFor('weihai-2025'),
        eligibility: { approvedInRound: { total }, roundQuotas: { 'class-a-quota': 3 } },
      });
    expect(ok(run(2)).next).toEqual(approved);
    expect(run(3)).toMatchObject({ ok: false, code: 'APPLICATION.ROUND_LIMIT' });
  });
});

describe('stages that apply to some kinds only', () => {
  // e.g. a programme where only 综合示范学会 goes through a site visit
  const base = programme('yiyang-capacity-2018');
  const withVisit: Programme = {
    ...base,
    stages: [
      base.stages[0]!,
      {
        id: 'site-visit',
        label: '实地考察',
        role: 'cityStaff',
        type: 'siteVisit',
        clause: '实施方案五.2',
        phase: 'beforePublicity',
        kinds: ['demonstration'],
      },
      ...base.stages.slice(1),
    ],
  };
  it('routes the kind it names through it and the others past it', () => {
    const ctx = ctxFor('yiyang-capacity-2018');
    expect(ok(transition(withVisit, 'demonstration', atStage('formal-review'), act('pass', 'cityStaff'), ctx)).next).toEqual(
      atStage('site-visit'),
    );
    expect(ok(transition(withVisit, 'academic', atStage('formal-review'), act('pass', 'cityStaff'), ctx)).next).toEqual(
      atStage('expert-review'),
    );
    expect(isValidState(withVisit, 'academic', atStage('site-visit'))).toBe(false);
  });
});

describe('states', () => {
  it('are the statuses of the application schema', () => {
    expect(applicationStatuses).toBe(schemaStatuses);
  });
  it('lists every state a station application can be in', () => {
    expect(workflowStates(station, 'station').map((s) => `${s.status}${s.stageId ? `:${s.stageId}` : ''}`)).toEqual([
      'draft',
      'in_review:county-first-review',
      'in_review:city-review',
      'in_review:site-visit',
      'in_review:city-decision',
      'in_review:talent-office-approval',
      'in_review',
      'returned:county-first-review',
      'returned:city-review',
      'returned:site-visit',
      'returned:city-decision',
      'returned:talent-office-approval',
      'publicity',
      'approved',
      'awarded',
      'rejected',
      'withdrawn',
    ]);
  });
  it('refuses to move from a state the programme does not have', () => {
    for (const bad of [
      atStage('expert-review'),
      { status: 'returned', stageId: null } as WorkflowState,
      { status: 'draft', stageId: 'city-review' } as WorkflowState,
    ]) {
      expect(isValidState(station, 'station', bad)).toBe(false);
      expect(transition(station, 'station', bad, act('pass', 'cityStaff'), ctxFor('yiyang-station-2023'))).toMatchObject({
        ok: false,
        code: 'APPLICATION.ILLEGAL_TRANSITION',
      });
    }
  });
  it('names states in Chinese', () => {
    expect(stateLabel(station, 'station', atStage('site-visit'))).toBe('审核中：市科协实地考察');
    expect(stateLabel(station, 'station', awaitingPublicity)).toBe('待公示');
    expect(stateLabel(station, 'station', { status: 'returned', stageId: 'site-visit' })).toBe('退回修改（市科协实地考察）');
    expect(stateLabel(station, 'station', approved)).toBe('已批准');
  });
  it('explains an action the state does not allow', () => {
    const r = transition(station, 'station', approved, act('pass', 'talentOffice'), ctxFor('yiyang-station-2023'));
    expect(r).toEqual({ ok: false, code: 'APPLICATION.ILLEGAL_TRANSITION', reason: '“已批准”状态下不能审核通过' });
  });
});

describe('properties over random action sequences', () => {
  const kinds = programmeIds.flatMap((pid) => programme(pid).kinds.map((k) => [pid, k.id] as const));
  const actionArb = fc.record({
    type: fc.constantFrom(...workflowActionTypes),
    actorRole: fc.constantFrom(...roles),
    reason: fc.option(fc.constantFrom('', '材料不全', '异议属实'), { nil: undefined }),
  });
  const ctxArb = fc.record({
    day: fc.integer({ min: 0, max: 40 }),
    objectionsOpen: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    approved: fc.integer({ min: 0, max: 6 }),
    goodFacts: fc.boolean(),
    direct: fc.boolean(),
  });

  it('never reaches a state the programme does not have, and a refusal never changes the state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.tuple(actionArb, ctxArb), { maxLength: 40 }), ([pid, kindId], steps) => {
        const p = programme(pid);
        const states = workflowStates(p, kindId);
        let s: WorkflowState = draft;
        let publicityEnd: string | undefined;
        for (const [action, c] of steps) {
          const now = chinaTime('2025-06-02') + c.day * 86_400_000;
          const facts = c.goodFacts ? goodFacts[pid]!({ applyDirectToCity: c.direct }) : {};
          const { now: _n, ...eligibility } = fullContext();
          const r = transition(p, kindId, s, action, {
            now,
            applicantFacts: facts,
            eligibility: { ...eligibility, approvedInRound: { total: c.approved, byLevel: { city: c.approved } } },
            objectionsOpen: c.objectionsOpen,
            publicityEnd,
          });
          if (r.ok) {
            expect(states).toContainEqual(r.next);
            if (r.effects.publicityEnd) publicityEnd = r.effects.publicityEnd;
            s = r.next;
          } else {
            expect(r.reason.length).toBeGreaterThan(0);
            expect(isValidState(p, kindId, s)).toBe(true);
          }
        }
        return isValidState(p, kindId, s);
      }),
      { numRuns: 300 },
    );
  });

  it('every ok transition is one availableActions offers to that role', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(actionArb, { maxLength: 30 }), ([pid, kindId], actions) => {
        const p = programme(pid);
        let s: WorkflowState = draft;
        for (const a of actions) {
          const offered = availableActions(p, kindId, s, a.actorRole);
          const r = transition(p, kindId, s, a, { ...ctxFor(pid, { now: chinaTime('2025-12-31'), publicityEnd: '2025-06-30' }) });
          if (r.ok) {
            expect(offered).toContain(a.type);
            s = r.next;
          } else if (r.code === 'AUTH.FORBIDDEN' || r.code === 'APPLICATION.ILLEGAL_TRANSITION') {
            expect(offered).not.toContain(a.type);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('terminal states accept no action at all', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom('awarded', 'rejected', 'withdrawn'), actionArb, ([pid, kindId], status, a) => {
        const r = transition(programme(pid), kindId, { status, stageId: null }, a, ctxFor(pid));
        expect(r).toMatchObject({ ok: false, code: 'APPLICATION.ILLEGAL_TRANSITION' });
      }),
    );
  });
});
