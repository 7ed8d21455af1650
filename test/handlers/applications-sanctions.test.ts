import { addDays, addMonthsClamped, chinaDateOf } from '../../shared/calendar';
import { programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, rid, TEST_UNITS } from './applications-support';

/**
 * Penalty decisions (Wuhan 五(二): 弄虚作假 → 连续3年取消申报资格) are recorded by city staff and read
 * by every later eligibility check of that society: a ban running today blocks submission with the
 * clause and the last day; a ban that ended yesterday does not.
 */
const p = programmes['wuhan-award'];
const kind = p.kinds[0]!;
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => h.close());

const today = () => chinaDateOf(h.clock.now());
const impose = (imposedOn: string, who = 'p-city-staff', extra: Record<string, unknown> = {}) =>
  h.call(
    'applications',
    'imposeSanction',
    {
      subject: { type: 'society', id: TEST_UNITS[4]!.societyId },
      programmeId: p.id,
      penaltyId: 'fraud',
      imposedOn,
      reason: '申报材料弄虚作假，经核实',
      requestId: rid(),
      ...extra,
    },
    who,
  );

describe('[wuhan-award:penalty.fraud] a 3-year ban blocks applying', () => {
  it.each([
    ['imposed 3 years ago less one day: the ban runs until today', -1, false],
    ['imposed exactly 3 years ago: the ban ended yesterday', 0, true],
  ])('%s', async (_label, shiftDays, canSubmit) => {
    const imposedOn = addDays(addMonthsClamped(today(), -36), shiftDays === -1 ? 1 : 0);
    const s = ok(await impose(imposedOn));
    expect(s).toMatchObject({ penaltyId: 'fraud', consequences: expect.arrayContaining(['连续 3 年取消申报资格']) });
    const { applicationId, personId } = await draftReady(h, p, kind, 4);
    const pre = ok(await callsOf(h)('precheck', { applicationId }, personId));
    const ban = pre.eligibility.criteria.find((c: { id: string }) => c.id === 'not-banned');
    expect(ban.status).toBe(canSubmit ? 'met' : 'not_met');
    const r = await callsOf(h)('submit', { applicationId, requestId: rid() }, personId);
    if (canSubmit) expect(r.ok).toBe(true);
    else {
      expect(r.ok).toBe(false);
      expect(ban.reason).toContain(`至 ${addDays(addMonthsClamped(imposedOn, 36), -1)} 止`);
    }
  });
  it('another society is not affected', async () => {
    ok(await impose(today()));
    const { applicationId, personId } = await draftReady(h, p, kind, 5);
    expect((await callsOf(h)('submit', { applicationId, requestId: rid() }, personId)).ok).toBe(true);
  });
});

describe('recording a sanction', () => {
  it('only city staff record one; county staff and secretaries are refused and nothing is written', async () => {
    for (const who of ['p-heshan-staff', 'p-sec-agri', 'p-talent']) {
      const before = h.snapshot();
      expect((await impose(today(), who)).error?.code).toBe('AUTH.FORBIDDEN');
      expect(h.snapshot()).toEqual(before);
    }
  });
  it('refuses an unknown penalty, a future date and an empty reason, naming the field', async () => {
    expect((await impose(today(), 'p-city-staff', { penaltyId: 'no-such' })).error?.issues?.[0]?.path).toBe('penaltyId');
    expect((await impose(addDays(today(), 1))).error?.issues?.[0]?.path).toBe('imposedOn');
    expect((await impose(today(), 'p-city-staff', { reason: ' ' })).error?.issues?.[0]?.path).toBe('reason');
  });
  it('is idempotent, audited, and listed to staff who oversee the society', async () => {
    const requestId = rid();
    const [a, b] = await Promise.all([impose(today(), 'p-city-staff', { requestId }), impose(today(), 'p-city-staff', { requestId })]);
    expect(ok(a).id).toBe(ok(b).id);
    const list = ok(await h.call('applications', 'listSanctions', { subjectId: TEST_UNITS[4]!.societyId }, 'p-talent'));
    expect(list.sanctions).toHaveLength(1);
    // the units a decision can name: the city sees every society; a county only its own
    const cityView = ok(await h.call('applications', 'listSanctions', {}, 'p-city-staff'));
    const countyView = ok(await h.call('applications', 'listSanctions', {}, 'p-heshan-staff'));
    expect(cityView.subjects.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['soc-agri', 'soc-tea', 'hu-heshan']));
    expect(countyView.subjects.map((x: { id: string }) => x.id)).toContain('soc-agri');
    expect(countyView.subjects.map((x: { id: string }) => x.id)).not.toContain('soc-tea');
    const audit = await h.deps.store.audit.forEntity('society', TEST_UNITS[4]!.societyId);
    expect(audit.filter((e) => e.action === 'sanction.impose')).toHaveLength(1);
  });
});
