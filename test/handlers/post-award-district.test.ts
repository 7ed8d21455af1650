import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { getForm } from '../../shared/forms';
import { getProgramme, type Programme } from '../../shared/programmes';
import type { AwardDoc } from '../../shared/schemas/awards';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * A district-scoped programme after the award (issue 16 item 4 × issue 14): a programme issued by
 * 赫山区科协 (`scope.level: 'district'`) names its deciders `cityStaff` — the issuing association's staff —
 * which are 赫山区's county staff (shared/rules/oversight.ts `asIssued`). Every post-award decider
 * resolves through it: the check outcome, the payment (money is paid by the CAST that issues the
 * programme), misconduct findings and consequences. 赫山 county staff decide; the city's staff read but
 * are refused every decision; 桃江's staff are refused everything.
 *
 * The programme is the Wuhan award's post-award part (a mid-term check without opinions, a payment due on
 * the award, a misconduct penalty) re-issued by 赫山区 — registered here as a test programme.
 */
const base = getProgramme('wuhan-award')!;
const district = {
  ...JSON.parse(JSON.stringify(base)),
  id: 'heshan-district-award',
  title: '赫山区科技创新奖（测试）',
  city: '益阳市',
  issuer: ['赫山区科学技术协会'],
  provenance: { kind: 'document', title: '赫山区科技创新奖励办法（测试）', issuer: '赫山区科学技术协会', date: '2026-01-10' },
  scope: { level: 'district', district: '赫山区' },
  kinds: base.kinds.map((k) => ({ ...k, formId: `heshan-district-award/${k.id}` })),
} as Programme;
const forms = base.kinds.map((k) => ({ ...JSON.parse(JSON.stringify(getForm(k.formId))), id: `heshan-district-award/${k.id}` }));

const HESHAN = 'p-heshan-staff';
const CITY = 'p-city-staff';
const TAOJIANG = 'p-taojiang-staff';
const SEC = 'p-sec-agri';
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
let n = 0;
const req = () => `req-district-${++n}`;

const AWARD: AwardDoc = {
  id: 'aw_app-heshan-district',
  applicationId: 'app-heshan-district',
  programmeId: district.id,
  kindId: district.kinds[0]!.id,
  castUnitId: 'cast-heshan',
  applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
  title: '赫山区科技创新奖示范项目',
  awardedOn: '2026-02-01',
  amountFen: 1_500_000,
  amountReason: '',
  agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
  budgets: [],
  receiptProofs: [],
  revision: 1,
  createdAt: T,
  updatedAt: T,
};
const SUBJ = { type: 'award' as const, id: AWARD.id };

let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
  // installed by the city (as the sixth programme is: test/handlers/sixth-programme.test.ts)
  const installed = await h.call(
    'org',
    'installProgramme',
    { requestId: req(), definition: { programme: district, forms }, fileName: 'heshan-district-award.json', mode: 'commit' },
    CITY,
  );
  expect(installed.error).toBeUndefined();
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, AWARD);
  });
});
afterEach(async () => {
  await h.close();
});

/** Refused with AUTH.FORBIDDEN, and nothing written. */
async function refused(action: string, data: Record<string, unknown>, who: string) {
  const before = JSON.stringify(h.snapshot());
  const r = await h.call('awards', action, { ...data, requestId: req() }, who);
  expect([action, who, r.error?.code]).toEqual([action, who, 'AUTH.FORBIDDEN']);
  expect(JSON.stringify(h.snapshot())).toBe(before);
}

describe('a district programme’s post-award decisions are the issuing county’s', () => {
  it('the check outcome: 赫山 county staff decide; the city reads but is refused; 桃江 is refused', async () => {
    const list = await h.call('awards', 'listChecks', { awardId: AWARD.id }, HESHAN);
    expect(list.error).toBeUndefined();
    const checkId = list.data.items[0].id as string;
    // the applicant submits its materials
    const view = (await h.call('awards', 'getCheck', { checkId }, SEC)).data;
    const materials: Record<string, unknown[]> = {};
    for (const m of view.materials)
      if (m.required) {
        const f = await h.call('awards', 'uploadCheckFile', { checkId, name: `${m.label}.pdf`, mime: 'application/pdf', base64: PDF }, SEC);
        materials[m.id] = [f.data];
      }
    const saved = await h.call('awards', 'saveCheckMaterials', { requestId: req(), checkId, revision: view.revision, materials }, SEC);
    const sub = await h.call('awards', 'submitCheck', { requestId: req(), checkId, revision: saved.data.revision }, SEC);
    expect(sub.error).toBeUndefined();
    const revision = sub.data.revision as number;

    // who decides, as each caller's check view says
    expect((await h.call('awards', 'getCheck', { checkId }, CITY)).data.decidedByLabel).toBe('县市区科协');
    const decide = { checkId, revision, decision: 'pass', reasons: ['材料齐全，达到中期目标'] };
    await refused('decideCheck', decide, CITY);
    await refused('decideCheck', decide, TAOJIANG);
    const ok = await h.call('awards', 'decideCheck', { ...decide, requestId: req() }, HESHAN);
    expect(ok.error).toBeUndefined();
    expect((await h.deps.store.checks.get(checkId))?.outcome).toMatchObject({ passed: true, by: HESHAN });
  });

  it('the payment: recorded by 赫山 county staff only (the city and 桃江 refused)', async () => {
    const voucher = (
      await h.call(
        'awards',
        'uploadLedgerFile',
        { subject: SUBJ, name: '凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: req() },
        HESHAN,
      )
    ).data;
    const paymentId = district.postAward!.payments[0]!.id;
    const pay = { subject: SUBJ, paymentId, amountFen: 100_000, date: '2026-03-20', vouchers: [voucher] };
    const cityView = await h.call('awards', 'moneyView', { subject: SUBJ }, CITY);
    expect(cityView.data.can.recordPayment).toBe(false);
    expect((await h.call('awards', 'moneyView', { subject: SUBJ }, HESHAN)).data.can.recordPayment).toBe(true);
    await refused('recordPayment', pay, CITY);
    await refused('recordPayment', pay, TAOJIANG);
    const ok = await h.call('awards', 'recordPayment', { ...pay, requestId: req() }, HESHAN);
    expect(ok.error).toBeUndefined();
  });

  it('misconduct and its consequence: found and confirmed by 赫山 county staff; the city and 桃江 refused', async () => {
    const finding = { subject: SUBJ, finding: '经查，项目结题材料中有虚报的参会人数。', foundOn: '2026-03-25' };
    // the county is offered the award to report on, the city is not
    const countyList = (await h.call('awards', 'listConsequences', {}, HESHAN)).data;
    expect(countyList.reportable.map((r: { subject: { id: string } }) => r.subject.id)).toContain(AWARD.id);
    const cityList = (await h.call('awards', 'listConsequences', {}, CITY)).data;
    expect(cityList.reportable.map((r: { subject: { id: string } }) => r.subject.id)).not.toContain(AWARD.id);
    await refused('reportMisconduct', finding, CITY);
    await refused('reportMisconduct', finding, TAOJIANG);
    const proposed = await h.call('awards', 'reportMisconduct', { ...finding, requestId: req() }, HESHAN);
    expect(proposed.error).toBeUndefined();
    expect(proposed.data.canDecide).toBe(true);
    // the city reads the proposal but may not decide it
    const cityView = (await h.call('awards', 'listConsequences', { subject: SUBJ }, CITY)).data;
    expect(cityView.items.find((v: { id: string }) => v.id === proposed.data.id)?.canDecide).toBe(false);
    const decision = { subject: SUBJ, consequenceId: proposed.data.id, decision: 'confirm', reason: '查实，按办法处理' };
    await refused('decideConsequence', decision, CITY);
    await refused('decideConsequence', decision, TAOJIANG);
    const confirmed = await h.call('awards', 'decideConsequence', { ...decision, requestId: req() }, HESHAN);
    expect(confirmed.error).toBeUndefined();
    expect(confirmed.data.status).toBe('confirmed');
  });
});
