import type { Facts } from '../../../shared/programmes';
import { checkEligibility, type EligibilityContext, type EligibilityResult } from '../../../shared/rules/eligibility';
import { chinaTime, fullContext, goodFacts, parseTag, programme, stationFacts, weihaiFacts, yiyang2018Facts } from './fixtures';

const station = programme('yiyang-station-2023');

function check(programmeId: string, kindId: string, facts: Facts, ctx: Partial<EligibilityContext> = {}): EligibilityResult {
  return checkEligibility(programme(programmeId), kindId, facts, fullContext(ctx));
}

/** The result line of a rule id, failing the test when the engine did not report it. */
function line(result: EligibilityResult, ruleId: string) {
  const found = result.criteria.find((c) => c.ruleId === ruleId);
  if (!found) throw new Error(`no result for ${ruleId}`);
  return found;
}
function vetoLine(result: EligibilityResult, ruleId: string) {
  const found = result.vetoes.find((v) => v.ruleId === ruleId);
  if (!found) throw new Error(`no veto result for ${ruleId}`);
  return found;
}

const allKinds: [string, string][] = [
  ['yiyang-station-2023', 'station'],
  ['yiyang-capacity-2018', 'demonstration'],
  ['yiyang-capacity-2018', 'academic'],
  ['yiyang-capacity-2018', 'social-service'],
  ['yiyang-capacity-2018', 'society-building'],
  ['wuhan-award', 'award'],
  ['pingdingshan-five-star', 'five-star'],
  ['weihai-2025', 'class-a'],
  ['weihai-2025', 'class-b'],
  ['weihai-2025', 'promotion'],
];

describe('when an applicant meets every condition', () => {
  it.each(allKinds)('%s/%s is eligible with nothing unknown or blocking', (pid, kind) => {
    const r = check(pid, kind, goodFacts[pid]!());
    expect(r.blocking).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.eligible).toBe(true);
    expect(r.criteria.every((c) => c.status === 'met')).toBe(true);
    expect(r.vetoes.every((v) => v.hit === false)).toBe(true);
  });
});

describe('when nothing is known about the applicant', () => {
  it.each(allKinds)('%s/%s is not blocked but every check is unknown', (pid, kind) => {
    const r = checkEligibility(programme(pid), kind, {}, { now: chinaTime('2025-06-01') });
    expect(r.eligible).toBe(true);
    expect(r.blocking).toEqual([]);
    expect(r.criteria.every((c) => c.status === 'unknown')).toBe(true);
    expect(r.vetoes.every((v) => v.hit === 'unknown')).toBe(true);
    expect(r.unknown.length).toBe(r.criteria.length + r.vetoes.length);
  });
});

// Yes/no conditions: met when true, blocking when false, unknown (not blocking) when missing.
const yesNoCriteria: [string, string, string][] = [
  ['[yiyang-station-2023:eligibility.service-body]', 'station', 'hasDedicatedServiceBody'],
  ['[yiyang-station-2023:eligibility.registered-in-city]', 'station', 'registeredInCity'],
  ['[yiyang-station-2023:eligibility.legal-person]', 'station', 'independentLegalPerson'],
  ['[yiyang-station-2023:eligibility.good-standing]', 'station', 'goodStanding'],
  ['[yiyang-station-2023:eligibility.rd-team]', 'station', 'hasRdTeam'],
  ['[yiyang-station-2023:eligibility.agreement-signed]', 'station', 'agreementSigned'],
  ['[yiyang-station-2023:eligibility.agreement-content]', 'station', 'agreementHasProjectsAndGoals'],
  ['[yiyang-station-2023:eligibility.stable-funding]', 'station', 'stableFunding'],
  ['[yiyang-station-2023:eligibility.rules-and-plan]', 'station', 'hasRulesAndPlan'],
  ['[yiyang-capacity-2018:eligibility.sound-management]', 'academic', 'managementSound'],
  ['[yiyang-capacity-2018:eligibility.capable-secretary]', 'social-service', 'hasCapableSecretary'],
  ['[yiyang-capacity-2018:eligibility.finance-rules]', 'society-building', 'financeRulesAndStaff'],
  ['[yiyang-capacity-2018:eligibility.own-bank-account]', 'demonstration', 'hasOwnBankAccount'],
  ['[yiyang-capacity-2018:eligibility.party-working-group]', 'demonstration', 'hasCouncilPartyWorkingGroup'],
  ['[wuhan-award:eligibility.summary-and-plan]', 'award', 'summaryAndPlanOnTime'],
  ['[wuhan-award:eligibility.sound-management]', 'award', 'managementSound'],
  ['[wuhan-award:eligibility.secretary-and-staff]', 'award', 'hasSecretaryAndStaff'],
  ['[wuhan-award:eligibility.own-bank-account]', 'award', 'hasOwnBankAccount'],
  ['[wuhan-award:eligibility.council-approval]', 'award', 'councilApproved'],
  ['[pingdingshan-five-star:eligibility.city-society]', 'five-star', 'isCitySociety'],
  ['[pingdingshan-five-star:eligibility.three-year-plan]', 'five-star', 'hasThreeYearPlan'],
  ['[weihai-2025:eligibility.party-plan]', 'class-a', 'hasYearlyPartyPlan'],
  ['[weihai-2025:eligibility.party-facilities]', 'class-b', 'partyFacilities'],
  ['[weihai-2025:eligibility.governance-bodies]', 'promotion', 'governanceBodiesSound'],
  ['[weihai-2025:eligibility.fixed-office]', 'class-a', 'hasFixedOffice'],
  ['[weihai-2025:eligibility.independent-accounting]', 'class-a', 'independentAccounting'],
  ['[weihai-2025:eligibility.new-media]', 'class-b', 'activeOnNewMedia'],
  ['[weihai-2025:eligibility.serves-innovation]', 'class-a', 'servesInnovation'],
  ['[weihai-2025:eligibility.cast-tasks]', 'promotion', 'undertakesCastTasks'],
];
describe.each(yesNoCriteria)('%s yes/no condition', (tag, kind, fact) => {
  const { programmeId, ruleId } = parseTag(tag);
  const facts = (v: Facts[string]) => goodFacts[programmeId]!({ [fact]: v });

  it('is met when the answer is yes', () => {
    const r = check(programmeId, kind, facts(true));
    expect(line(r, ruleId).status).toBe('met');
    expect(r.eligible).toBe(true);
  });
  it('blocks with a Chinese reason when the answer is no', () => {
    const r = check(programmeId, kind, facts(false));
    const l = line(r, ruleId);
    expect(l.status).toBe('not_met');
    expect(l.reason).toMatch(/否/);
    expect(r.eligible).toBe(false);
    expect(r.blocking).toEqual([expect.objectContaining({ type: 'criterion', id: ruleId.replace('eligibility.', ''), clause: l.clause })]);
  });
  it('is unknown, and does not block, when not answered', () => {
    const r = check(programmeId, kind, facts(undefined));
    expect(line(r, ruleId).status).toBe('unknown');
    expect(r.unknown).toContain(ruleId.replace('eligibility.', ''));
    expect(r.eligible).toBe(true);
  });
  it('is unknown when the answer has the wrong type', () => {
    const r = check(programmeId, kind, facts('是'));
    expect(line(r, ruleId)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('数据类型') });
  });
});

// Number thresholds: one below, exactly at, one above.
const thresholds: [string, string, string, number, number | null, number][] = [
  // tag, kind, fact, value, ... → expected: met at `at` and above, not met at `at - 1`
  ['[yiyang-station-2023:eligibility.staff-1]', 'station', 'staffCount', 1, 0, 2],
  ['[yiyang-station-2023:eligibility.experts-5]', 'station', 'expertTeamSize', 5, 4, 6],
  ['[yiyang-capacity-2018:eligibility.inspection-2y]', 'academic', 'consecutiveInspectionYearsPassed', 2, 1, 3],
  ['[wuhan-award:eligibility.inspection-2y]', 'award', 'consecutiveInspectionYearsPassed', 2, 1, 3],
  ['[weihai-2025:eligibility.party-activity-quarterly]', 'class-a', 'minPartyActivitiesPerQuarter', 1, 0, 2],
];
describe.each(thresholds)('%s threshold on %s', (tag, kind, fact, at, below, above) => {
  const { programmeId, ruleId } = parseTag(tag);
  const status = (v: number) => line(check(programmeId, kind, goodFacts[programmeId]!({ [fact]: v })), ruleId).status;
  it(`is met exactly at ${at}`, () => expect(status(at)).toBe('met'));
  it(`is met above (${above})`, () => expect(status(above)).toBe('met'));
  it(`is not met one below (${below})`, () => {
    expect(status(below!)).toBe('not_met');
    const r = check(programmeId, kind, goodFacts[programmeId]!({ [fact]: below }));
    expect(line(r, ruleId).reason).toContain(`不少于 ${at}`);
    expect(r.eligible).toBe(false);
  });
});

describe('[yiyang-station-2023:eligibility.agreement-2y] agreement term (第七条(三): 2年，特殊情况可另议)', () => {
  it.each([
    [2, 'met', true],
    [1, 'not_met', true],
    [3, 'not_met', true],
  ] as const)('a %i-year agreement is %s and the applicant stays eligible (advisory)', (years, status, eligible) => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ agreementTermYears: years }));
    expect(line(r, 'eligibility.agreement-2y')).toMatchObject({ status, severity: 'advisory' });
    expect(r.eligible).toBe(eligible);
    expect(r.blocking).toEqual([]);
  });
});

describe('[yiyang-station-2023:eligibility.society-level] the host society must be national, provincial or city level (第七条)', () => {
  it.each([
    ['national', 'met'],
    ['provincial', 'met'],
    ['city', 'met'],
    ['county', 'not_met'],
  ])('a %s society is %s', (societyLevel, status) => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ societyLevel }));
    expect(line(r, 'eligibility.society-level').status).toBe(status);
  });
  it('names the allowed levels in Chinese when not met', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ societyLevel: 'county' }));
    expect(line(r, 'eligibility.society-level').reason).toContain('县级学会');
  });
});

describe('[yiyang-station-2023:eligibility.national-society] a national station is signed by a national society (第5条)', () => {
  const base = { level: 'national', hostUnitKind: 'city_county_cast', hasOwnCast: true };
  it('is met for a national society', () => {
    expect(
      line(check('yiyang-station-2023', 'station', stationFacts({ ...base, societyLevel: 'national' })), 'eligibility.national-society')
        .status,
    ).toBe('met');
  });
  it('is not met for a provincial society applying for a national station', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ ...base, societyLevel: 'provincial' }));
    expect(line(r, 'eligibility.national-society').status).toBe('not_met');
    expect(r.eligible).toBe(false);
  });
  it('does not apply to a city-level station', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ level: 'city', societyLevel: 'city' }));
    expect(r.criteria.find((c) => c.id === 'national-society')).toBeUndefined();
  });
  it('is unknown while the level is not chosen', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ level: undefined }));
    expect(line(r, 'eligibility.national-society')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('国家级') });
  });
});

describe('[yiyang-station-2023:eligibility.level-offered] the level applied for', () => {
  it.each([
    ['national', 'met'],
    ['provincial', 'met'],
    ['city', 'met'],
    ['county', 'not_met'],
  ])('%s is %s', (level, status) => {
    expect(line(check('yiyang-station-2023', 'station', stationFacts({ level })), 'eligibility.level-offered').status).toBe(status);
  });
  it('is unknown when not chosen', () => {
    expect(line(check('yiyang-station-2023', 'station', stationFacts({ level: null })), 'eligibility.level-offered').status).toBe(
      'unknown',
    );
  });
  it('is not reported for kinds without levels', () => {
    expect(check('wuhan-award', 'award', goodFacts['wuhan-award']!()).criteria.some((c) => c.id === 'level-offered')).toBe(false);
  });
});

describe('[yiyang-station-2023:placement] which host units may host which level (第5条)', () => {
  // The full matrix of 第5条: level × host-unit kind.
  const matrix: Record<string, string[]> = {
    national: ['city_county_cast', 'city_county_society'],
    provincial: [
      'city_county_society',
      'city_county_cast',
      'park_cast',
      'university_cast',
      'enterprise_cast',
      'enterprise_cast_federation',
    ],
    city: ['city_county_cast', 'township_cast', 'enterprise_cast', 'enterprise_cast_federation'],
  };
  const kinds = [
    'city_county_cast',
    'park_cast',
    'city_county_society',
    'university_cast',
    'enterprise_cast',
    'township_cast',
    'enterprise_cast_federation',
  ];
  const rows = Object.keys(matrix).flatMap((level) =>
    kinds.map((k) => [level, k, matrix[level]!.includes(k) ? 'met' : 'not_met'] as const),
  );
  it.each(rows)('a %s station at a %s is %s', (level, hostUnitKind, status) => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ level, hostUnitKind, societyLevel: 'national' }));
    expect(line(r, 'placement').status).toBe(status);
  });
  it('explains a refusal with the allowed unit kinds in Chinese', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ level: 'city', hostUnitKind: 'university_cast' }));
    expect(line(r, 'placement').reason).toBe('市级服务站原则上建在市县级科协、乡镇科协、企业科协、企业科协联合会，不能建在高校科协');
    expect(r.eligible).toBe(false);
  });
  it('refuses a host-unit kind it does not know, naming it', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ hostUnitKind: 'spaceship' }));
    expect(line(r, 'placement')).toMatchObject({ status: 'not_met', reason: expect.stringContaining('不能建在spaceship') });
  });
  it('is unknown without a level or a host-unit kind', () => {
    expect(line(check('yiyang-station-2023', 'station', stationFacts({ level: undefined })), 'placement').status).toBe('unknown');
    expect(line(check('yiyang-station-2023', 'station', stationFacts({ hostUnitKind: undefined })), 'placement').status).toBe('unknown');
  });
  it('is met for a level the placement rules leave open', () => {
    const open = { ...station, placement: { ...station.placement!, rules: station.placement!.rules.filter((r) => r.level !== 'city') } };
    const r = checkEligibility(open, 'station', stationFacts({ hostUnitKind: 'university_cast' }), fullContext());
    expect(line(r, 'placement')).toMatchObject({ status: 'met', reason: '市级服务站对建站单位性质无限制' });
  });
});

describe('[yiyang-station-2023:level-restriction.funded-workstation] a unit with a funded city-level expert workstation may apply national only (第七条(七))', () => {
  const national = { level: 'national', hostUnitKind: 'city_county_cast', societyLevel: 'national' };
  it.each([
    ['funded, applying city', { hasFundedExpertWorkstation: true }, 'not_met'],
    ['funded, applying provincial', { hasFundedExpertWorkstation: true, level: 'provincial' }, 'not_met'],
    ['funded, applying national', { hasFundedExpertWorkstation: true, ...national }, 'met'],
    ['not funded, applying city', { hasFundedExpertWorkstation: false }, 'met'],
    ['unknown, applying city', { hasFundedExpertWorkstation: undefined }, 'unknown'],
    ['unknown, applying national', { hasFundedExpertWorkstation: undefined, ...national }, 'met'],
    ['funded, level not chosen', { hasFundedExpertWorkstation: true, level: undefined }, 'unknown'],
  ] as const)('%s → %s', (_name, over, status) => {
    expect(line(check('yiyang-station-2023', 'station', stationFacts(over)), 'level-restriction.funded-workstation').status).toBe(status);
  });
  it('says which level is allowed', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ hasFundedExpertWorkstation: true }));
    expect(line(r, 'level-restriction.funded-workstation').reason).toBe('该单位只能申报国家级学会服务站，不能申报市级');
  });
});

describe('[yiyang-station-2023:limit.city-per-round] at most 5 city-level stations per round (第十二条)', () => {
  const withApproved = (city: number | undefined, level = 'city') =>
    check('yiyang-station-2023', 'station', stationFacts({ level, hostUnitKind: 'city_county_cast', societyLevel: 'national' }), {
      approvedInRound: { byLevel: city === undefined ? {} : { city } },
    });
  it('accepts a 5th city-level station when 4 are recognised', () => {
    expect(line(withApproved(4), 'limit.city-per-round').status).toBe('met');
  });
  it('refuses a 6th city-level station when 5 are recognised', () => {
    const r = withApproved(5);
    expect(line(r, 'limit.city-per-round')).toMatchObject({ status: 'not_met', reason: '本批次已认定 5 个，已达上限 5 个' });
    expect(r.eligible).toBe(false);
  });
  it('is unknown when the count is not given', () => {
    expect(line(withApproved(undefined), 'limit.city-per-round').status).toBe('unknown');
  });
  it('does not limit provincial or national stations', () => {
    expect(withApproved(9, 'provincial').criteria.some((c) => c.id === 'city-per-round')).toBe(false);
    expect(withApproved(9, 'national').criteria.some((c) => c.id === 'city-per-round')).toBe(false);
  });
  it('is unknown while the level is not chosen', () => {
    const r = check('yiyang-station-2023', 'station', stationFacts({ level: undefined }));
    expect(line(r, 'limit.city-per-round').status).toBe('unknown');
  });
});

describe('[yiyang-station-2023:limit.one-per-society] one station per society in the city (第七条(七))', () => {
  it.each([
    [0, 'met'],
    [1, 'not_met'],
    [2, 'not_met'],
  ] as const)('a society with %i active station(s) → %s', (n, status) => {
    expect(
      line(check('yiyang-station-2023', 'station', stationFacts(), { societyActiveStations: n }), 'limit.one-per-society').status,
    ).toBe(status);
  });
  it('is unknown when not checked', () => {
    expect(
      line(check('yiyang-station-2023', 'station', stationFacts(), { societyActiveStations: undefined }), 'limit.one-per-society').status,
    ).toBe('unknown');
  });
});

describe('round quotas the seed leaves to each round', () => {
  it.each([
    ['[yiyang-capacity-2018:limit.demonstration-quota]', 'demonstration'],
    ['[wuhan-award:limit.award-quota]', 'award'],
    ['[weihai-2025:limit.class-a-quota]', 'class-a'],
    ['[weihai-2025:limit.class-b-quota]', 'class-b'],
    ['[weihai-2025:limit.promotion-quota]', 'promotion'],
  ])('%s: below the quota met, at the quota refused, without a quota unknown', (tag, kind) => {
    const { programmeId, ruleId } = parseTag(tag);
    const id = ruleId.replace('limit.', '');
    const facts = goodFacts[programmeId]!();
    const run = (total: number | undefined, quota: number | undefined) =>
      line(
        check(programmeId, kind, facts, {
          approvedInRound: total === undefined ? {} : { total },
          roundQuotas: quota === undefined ? {} : { [id]: quota },
        }),
        ruleId,
      ).status;
    expect(run(2, 3)).toBe('met');
    expect(run(3, 3)).toBe('not_met');
    expect(run(2, undefined)).toBe('unknown');
    expect(run(undefined, 3)).toBe('unknown');
  });
  it('does not apply a kind quota to another kind', () => {
    const r = check('weihai-2025', 'class-b', weihaiFacts(), {
      approvedInRound: { total: 99 },
      roundQuotas: { 'class-a-quota': 1, 'class-b-quota': 100 },
    });
    expect(r.criteria.some((c) => c.id === 'class-a-quota')).toBe(false);
    expect(line(r, 'limit.class-b-quota').status).toBe('met');
  });
});

describe('[yiyang-capacity-2018:eligibility.commendation-3y] a city commendation within 3 years (实施方案六(二)1)', () => {
  // today 2025-06-01: the window opens on 2022-06-01
  it.each([
    ['2022-06-01', 'met'],
    ['2022-05-31', 'not_met'],
    ['2025-06-01', 'met'],
    ['2024-01-01', 'met'],
  ])('commended on %s → %s', (date, status) => {
    expect(
      line(
        check('yiyang-capacity-2018', 'demonstration', yiyang2018Facts({ lastCityCommendationDate: date })),
        'eligibility.commendation-3y',
      ).status,
    ).toBe(status);
  });
  it('is not met when never commended (null)', () => {
    const r = check('yiyang-capacity-2018', 'demonstration', yiyang2018Facts({ lastCityCommendationDate: null }));
    expect(line(r, 'eligibility.commendation-3y')).toMatchObject({ status: 'not_met', reason: expect.stringContaining('无记录') });
  });
  it('is unknown for a date after today', () => {
    const r = check('yiyang-capacity-2018', 'demonstration', yiyang2018Facts({ lastCityCommendationDate: '2025-06-02' }));
    expect(line(r, 'eligibility.commendation-3y')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('晚于今天') });
  });
  it('counts in China time: at 23:59 on 31 May 2025 a 2022-05-31 commendation still counts, at 00:00 on 1 June it does not', () => {
    const facts = yiyang2018Facts({ lastCityCommendationDate: '2022-05-31' });
    expect(
      line(check('yiyang-capacity-2018', 'demonstration', facts, { now: chinaTime('2025-05-31', '23:59') }), 'eligibility.commendation-3y')
        .status,
    ).toBe('met');
    expect(
      line(check('yiyang-capacity-2018', 'demonstration', facts, { now: chinaTime('2025-06-01', '00:00') }), 'eligibility.commendation-3y')
        .status,
    ).toBe('not_met');
  });
  it('applies to 综合示范学会 only, not to key projects', () => {
    const r = check(
      'yiyang-capacity-2018',
      'academic',
      yiyang2018Facts({ lastCityCommendationDate: null, hasOwnBankAccount: false, hasCouncilPartyWorkingGroup: false }),
    );
    expect(r.criteria.map((c) => c.id)).not.toEqual(expect.arrayContaining(['commendation-3y']));
    expect(r.criteria.some((c) => c.id === 'own-bank-account' || c.id === 'party-working-group')).toBe(false);
    expect(r.eligible).toBe(true);
  });
  it('treats 29 February as 28 February three years on', () => {
    const facts = yiyang2018Facts({ lastCityCommendationDate: '2021-02-28' });
    expect(
      line(check('yiyang-capacity-2018', 'demonstration', facts, { now: chinaTime('2024-02-29') }), 'eligibility.commendation-3y').status,
    ).toBe('met');
    expect(
      line(
        check('yiyang-capacity-2018', 'demonstration', yiyang2018Facts({ lastCityCommendationDate: '2021-02-27' }), {
          now: chinaTime('2024-02-29'),
        }),
        'eligibility.commendation-3y',
      ).status,
    ).toBe('not_met');
  });
});

// 不予受理 / 一票否决 items on a yes/no fact.
const yesNoVetoes: [string, string, string, boolean][] = [
  // tag, kind, fact, the answer that hits
  ['[yiyang-capacity-2018:veto.law-violation]', 'demonstration', 'hasLawOrDisciplineViolation', true],
  ['[yiyang-capacity-2018:veto.criticised-or-penalised]', 'academic', 'criticisedOrPenalised', true],
  ['[yiyang-capacity-2018:veto.cast-tasks-undone]', 'society-building', 'castTasksUndone', true],
  ['[wuhan-award:veto.law-violation]', 'award', 'hasLawOrDisciplineViolation', true],
  ['[wuhan-award:veto.criticised-or-penalised]', 'award', 'criticisedOrPenalised', true],
  ['[wuhan-award:veto.cast-tasks-undone]', 'award', 'castTasksUndone', true],
  ['[weihai-2025:veto.term-not-renewed]', 'class-a', 'termRenewalOverdue', true],
  ['[weihai-2025:veto.inspection-failed]', 'class-b', 'annualInspectionPassed', false],
  ['[weihai-2025:veto.no-party-organisation]', 'promotion', 'hasPartyOrganisation', false],
  ['[weihai-2025:veto.repeatedly-absent]', 'class-a', 'repeatedlyAbsent', true],
];
describe.each(yesNoVetoes)('%s veto', (tag, kind, fact, hitting) => {
  const { programmeId, ruleId } = parseTag(tag);
  const run = (v: Facts[string]) => check(programmeId, kind, goodFacts[programmeId]!({ [fact]: v }));
  it('blocks submission when it applies, even if every criterion is met', () => {
    const r = run(hitting);
    expect(vetoLine(r, ruleId).hit).toBe(true);
    expect(vetoLine(r, ruleId).reason).toMatch(/^存在否决情形/);
    expect(r.eligible).toBe(false);
    expect(r.blocking[0]).toMatchObject({ type: 'veto', id: ruleId.replace('veto.', '') });
  });
  it('does not block when it does not apply', () => {
    const r = run(!hitting);
    expect(vetoLine(r, ruleId).hit).toBe(false);
    expect(r.eligible).toBe(true);
  });
  it('is reported as unknown when not answered', () => {
    const r = run(undefined);
    expect(vetoLine(r, ruleId).hit).toBe('unknown');
    expect(vetoLine(r, ruleId).reason).toContain('无法判断');
    expect(r.eligible).toBe(true);
  });
});

describe('[weihai-2025:veto.violations-2y] violations in the last two years (四(二)5(3))', () => {
  // today 2025-03-10: the window opens on 2023-03-10
  const run = (lastViolationDate: Facts[string], now = chinaTime('2025-03-10')) =>
    check('weihai-2025', 'class-a', weihaiFacts({ lastViolationDate }), { now });
  it.each([
    ['2023-03-10', true],
    ['2023-03-09', false],
    ['2025-03-10', true],
    ['2020-01-01', false],
  ] as const)('a violation on %s → hit %s', (date, hit) => {
    const r = run(date);
    expect(vetoLine(r, 'veto.violations-2y').hit).toBe(hit);
    expect(r.eligible).toBe(!hit);
  });
  it('is not hit when there never was a violation (null)', () => {
    expect(vetoLine(run(null), 'veto.violations-2y').hit).toBe(false);
  });
  it('is unknown when not answered', () => {
    expect(vetoLine(run(undefined), 'veto.violations-2y').hit).toBe('unknown');
  });
  it('moves with China midnight: 2023-03-09 is still within two years at 23:59 on 2025-03-09', () => {
    expect(vetoLine(run('2023-03-09', chinaTime('2025-03-09', '23:59')), 'veto.violations-2y').hit).toBe(true);
    expect(vetoLine(run('2023-03-09', chinaTime('2025-03-10', '00:00')), 'veto.violations-2y').hit).toBe(false);
  });
});

describe('bans after a penalty (连续n年取消申报资格)', () => {
  it.each([
    // tag, kind, penalty, imposed on, today, banned?
    ['[yiyang-capacity-2018:eligibility.not-banned]', 'academic', 'fraud', '2022-06-01', '2025-05-31', true],
    ['[yiyang-capacity-2018:eligibility.not-banned]', 'academic', 'fraud', '2022-06-01', '2025-06-01', false],
    ['[yiyang-capacity-2018:eligibility.not-banned]', 'demonstration', 'acceptance-failed', '2023-06-01', '2025-05-31', true],
    ['[yiyang-capacity-2018:eligibility.not-banned]', 'demonstration', 'acceptance-failed', '2023-06-01', '2025-06-01', false],
    ['[yiyang-capacity-2018:eligibility.not-banned]', 'academic', 'unspent-after-year', '2025-01-01', '2025-06-01', false],
    ['[wuhan-award:eligibility.not-banned]', 'award', 'fraud', '2022-06-01', '2025-05-31', true],
    ['[wuhan-award:eligibility.not-banned]', 'award', 'fraud', '2022-06-01', '2025-06-01', false],
    ['[weihai-2025:eligibility.not-banned]', 'class-a', 'unfinished', '2024-12-15', '2025-12-14', true],
    ['[weihai-2025:eligibility.not-banned]', 'class-a', 'unfinished', '2024-12-15', '2025-12-15', false],
  ] as const)('%s %s: %s imposed %s, on %s banned=%s', (tag, kind, penaltyId, imposedOn, today, banned) => {
    const { programmeId, ruleId } = parseTag(tag);
    const r = check(programmeId, kind, goodFacts[programmeId]!(), { now: chinaTime(today), sanctions: [{ penaltyId, imposedOn }] });
    expect(line(r, ruleId).status).toBe(banned ? 'not_met' : 'met');
    expect(r.eligible).toBe(!banned);
    if (banned) expect(line(r, ruleId).reason).toMatch(/取消申报资格，至 \d{4}-\d{2}-\d{2} 止$/);
  });
  it('is unknown when the penalty records were not checked', () => {
    const r = check('wuhan-award', 'award', goodFacts['wuhan-award']!(), { sanctions: undefined });
    expect(line(r, 'eligibility.not-banned').status).toBe('unknown');
  });
  it('ignores a sanction imposed under another programme', () => {
    const r = check('wuhan-award', 'award', goodFacts['wuhan-award']!(), {
      sanctions: [{ penaltyId: 'fraud', imposedOn: '2025-01-01', programmeId: 'yiyang-capacity-2018' }],
    });
    expect(line(r, 'eligibility.not-banned').status).toBe('met');
  });
  it('is not checked by programmes without bans', () => {
    expect(
      check('pingdingshan-five-star', 'five-star', goodFacts['pingdingshan-five-star']!()).criteria.some((c) => c.id === 'not-banned'),
    ).toBe(false);
  });
});

describe('several problems at once', () => {
  it('lists vetoes before criteria in the blocking list and keeps advisory items out', () => {
    const r = check('weihai-2025', 'class-a', weihaiFacts({ repeatedlyAbsent: true, hasFixedOffice: false }));
    expect(r.blocking.map((b) => `${b.type}:${b.id}`)).toEqual(['veto:repeatedly-absent', 'criterion:fixed-office']);
  });
  it('refuses an unknown kind as a programming error', () => {
    expect(() => checkEligibility(station, 'workstation', {}, fullContext())).toThrow(RangeError);
  });
});
