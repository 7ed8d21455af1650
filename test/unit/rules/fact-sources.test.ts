import { type Programme, programmes } from '../../../shared/programmes';
import { factSources, gatherFacts, orgFactsOf } from '../../../shared/rules/facts';

/**
 * Where eligibility facts come from, generic over every definition: the organisation's records
 * (authoritative), a form cell with the fact's own key and a compatible type, else the applicant's
 * answer in 申报条件自查. Exercised on a definition whose facts reuse cells of the Wuhan form.
 */
const wuhan = programmes['wuhan-award'];
const fivestar = programmes['pingdingshan-five-star'];
const fact = (id: string, type: 'boolean' | 'number' | 'date' | 'string') => ({ id, label: id, type });
/** Wuhan's definition with facts that reuse its form's cells (secretaryGeneralKind is a choice there). */
const probe: Programme = {
  ...wuhan,
  facts: [
    fact('individualMembers', 'number'), // integer cell
    fact('councilApprovalDate', 'date'), // date cell
    fact('secretaryGeneralKind', 'string'), // select cell
    fact('bankName', 'string'), // text cell
    fact('bankAccount', 'number'), // text cell: not a number, so declared
    fact('hostUnitKind', 'string'), // org
    fact('societyLevel', 'string'), // org
    fact('hasFundedExpertWorkstation', 'boolean'), // org
    fact('somethingElse', 'boolean'), // declared
    fact('secretaryGeneral', 'boolean'), // a text cell cannot answer a yes/no fact
  ],
};
const kindId = wuhan.kinds[0]!.id;
/** Five-star's definition with a yes/no cell of its form (理事会是否建有党工组) as a boolean fact. */
const yesNoProbe: Programme = { ...fivestar, facts: [fact('partyWorkingGroup', 'boolean')] };

describe('factSources', () => {
  it('takes org facts from the records only when the record exists', () => {
    const withHost = factSources(probe, kindId, { hasHostUnit: true, hasSociety: true });
    expect(withHost).toMatchObject({ hostUnitKind: 'org', societyLevel: 'org', hasFundedExpertWorkstation: 'org' });
    const societyOnly = factSources(probe, kindId, { hasHostUnit: false, hasSociety: true });
    expect(societyOnly).toMatchObject({ hostUnitKind: 'declared', societyLevel: 'org', hasFundedExpertWorkstation: 'declared' });
    expect(factSources(probe, kindId, { hasHostUnit: false, hasSociety: false }).societyLevel).toBe('declared');
  });

  it('reads a fact off a form cell with the same key and a compatible type, else asks for it', () => {
    const s = factSources(probe, kindId, { hasHostUnit: false, hasSociety: true });
    expect(s).toMatchObject({
      individualMembers: 'form',
      councilApprovalDate: 'form',
      secretaryGeneralKind: 'form',
      bankName: 'form',
      bankAccount: 'declared',
      somethingElse: 'declared',
      secretaryGeneral: 'declared',
    });
    expect(factSources(yesNoProbe, fivestar.kinds[0]!.id, { hasHostUnit: false, hasSociety: true })).toEqual({ partyWorkingGroup: 'form' });
  });

  it('asks for everything when the kind is unknown (no form to read)', () => {
    expect(
      Object.values(factSources(probe, 'no-such-kind', { hasHostUnit: false, hasSociety: false })).every(
        (x) => x === 'declared' || x === 'org',
      ),
    ).toBe(true);
  });
});

describe('gatherFacts', () => {
  const gather = (values: Record<string, unknown>, declared: Record<string, boolean | number | string | null> = {}) =>
    gatherFacts(probe, kindId, {
      values,
      declared,
      org: { societyLevel: 'city', hostUnitKind: 'enterprise_cast', hasFundedExpertWorkstation: false },
      hasHostUnit: true,
      hasSociety: true,
    });

  it('converts form cells: numbers stay numbers, dates and choices stay strings; blanks are unknown', () => {
    const f = gather({ individualMembers: 120, councilApprovalDate: '2026-03-01', secretaryGeneralKind: 'fullTime', bankName: '' });
    expect(f).toMatchObject({ individualMembers: 120, councilApprovalDate: '2026-03-01', secretaryGeneralKind: 'fullTime' });
    expect(f.bankName).toBeUndefined();
    expect(gather({ individualMembers: '12x' }).individualMembers).toBeUndefined();
    expect(gather({ councilApprovalDate: null }).councilApprovalDate).toBeUndefined();
  });

  it('takes org facts from the records, never from the applicant', () => {
    const f = gather({}, { hostUnitKind: 'park_cast' });
    expect(f).toMatchObject({ hostUnitKind: 'enterprise_cast', societyLevel: 'city', hasFundedExpertWorkstation: false });
  });

  it('takes declared answers as given; an unanswered fact is unknown', () => {
    expect(gather({}, { somethingElse: true, bankAccount: 3 })).toMatchObject({ somethingElse: true, bankAccount: 3 });
    expect(gather({}).somethingElse).toBeUndefined();
  });

  it('reads a yes/no cell as a boolean fact', () => {
    const read = (v: unknown) =>
      gatherFacts(yesNoProbe, fivestar.kinds[0]!.id, {
        values: { partyWorkingGroup: v },
        declared: {},
        org: {},
        hasHostUnit: false,
        hasSociety: true,
      }).partyWorkingGroup;
    expect(read('yes')).toBe(true);
    expect(read('no')).toBe(false);
    expect(read('maybe')).toBeUndefined();
    expect(read('')).toBeUndefined();
  });
});

describe('orgFactsOf (what the records say, authoritative)', () => {
  const hostUnit = { kind: 'enterprise_cast' as const, hasFundedExpertWorkstation: true };
  it.each([
    [
      'both records',
      { hostUnit, society: { level: 'city' as const } },
      { hostUnitKind: 'enterprise_cast', hasFundedExpertWorkstation: true, societyLevel: 'city' },
    ],
    ['a host unit only', { hostUnit, society: null }, { hostUnitKind: 'enterprise_cast', hasFundedExpertWorkstation: true }],
    ['a society only', { hostUnit: null, society: { level: 'provincial' as const } }, { societyLevel: 'provincial' }],
    ['no record', { hostUnit: null, society: null }, {}],
  ])('%s', (_name, org, facts) => {
    expect(orgFactsOf(org)).toEqual(facts);
  });
});
