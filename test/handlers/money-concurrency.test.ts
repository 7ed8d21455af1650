import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { getProgramme } from '../../shared/programmes';
import type { AwardDoc } from '../../shared/schemas/awards';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Money written concurrently (helper FILES14, MONEY's note): "not above what is due", "not above the
 * budget line's remainder" and "not above what must be refunded" are decided inside the write's
 * transaction over the subject's entries re-read there — two requests fired together, each within the
 * limit alone and above it together, leave one entry and one refusal with the Chinese message.
 */
let h: Harness;
afterEach(async () => {
  await h.close();
});
let n = 0;
const req = () => `req-conc-${++n}`;
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
const P = () => getProgramme('yiyang-capacity-2018')!;
const SUBJ = { type: 'award' as const, id: 'aw_app-yiyang-capacity-2018' };
const STAFF = 'p-heshan-staff';
const SEC = 'p-sec-agri';

function award(): AwardDoc {
  const p = P();
  const kind = p.kinds.find((k) => k.funding.type !== 'none' && k.applicantType === 'society') ?? p.kinds[0]!;
  return {
    id: SUBJ.id,
    applicationId: `app-${p.id}`,
    programmeId: p.id,
    kindId: kind.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: `${p.title}示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 1_500_000,
    amountReason: '',
    agreement: { status: 'accepted', answers: {}, submittedAt: T, decision: null },
    budgets: [
      {
        version: 1,
        status: 'approved',
        lines: [
          { id: 'l-meet', categoryId: 'meeting', amountFen: 1_000_000, purpose: '学术年会', justification: null },
          { id: 'l-train', categoryId: 'speaker-fees', amountFen: 500_000, purpose: '会员培训', justification: null },
        ],
        changeReason: null,
        submittedAt: T,
        decision: { by: 'p-city-staff', at: T, comment: '' },
      },
    ],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
  };
}

async function upload(who: string) {
  const r = await h.call(
    'awards',
    'uploadLedgerFile',
    { subject: SUBJ, name: '凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: req() },
    who,
  );
  expect(r.error).toBeUndefined();
  return r.data as { fileId: string; name: string; size: number; mime: string };
}
const entries = async () => (await h.deps.store.ledger.ofSubject(SUBJ)).filter((e) => e.reversedBy === null);

/** Both answers, sorted: the one that was written first, then the refused one. */
async function race(a: Promise<{ ok: boolean }>, b: Promise<{ ok: boolean }>) {
  const rs = (await Promise.all([a, b])) as { ok: boolean; data?: unknown; error?: { code: string; message: string } }[];
  return [rs.find((r) => r.ok), rs.find((r) => !r.ok)] as const;
}

beforeEach(async () => {
  h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
  await inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, award());
  });
});

describe('[yiyang-capacity-2018:post-award.payment.grant] concurrent money writes are decided inside the transaction', () => {
  it('two payments fired together, each within what is due and together above it: one is recorded, the other refused', async () => {
    const voucher = await upload(STAFF);
    const pay = (amountFen: number) =>
      h.call(
        'awards',
        'recordPayment',
        { subject: SUBJ, paymentId: 'grant', amountFen, date: '2026-03-20', vouchers: [voucher], requestId: req() },
        STAFF,
      );
    const [ok, refused] = await race(pay(1_000_000), pay(1_000_000));
    expect(ok).toBeDefined();
    expect(refused?.error).toEqual({ code: 'LEDGER.OVER_DUE', message: '拨付金额超过应拨付金额（下达项目资金尚可拨付 5000.00 元）' });
    expect((await entries()).map((e) => [e.kind, e.amountFen])).toEqual([['payment', 1_000_000]]);
    // what remains due can still be paid afterwards, and the ledger keeps both entries in order
    const rest = await pay(500_000);
    expect(rest.ok).toBe(true);
    expect((await entries()).map((e) => e.amountFen)).toEqual([1_000_000, 500_000]);
  });

  it('two expenses fired together against one budget line, together above its remainder: one is recorded, the other refused', async () => {
    const receipt = await upload(SEC);
    const spend = (amountFen: number) =>
      h.call(
        'awards',
        'reportExpense',
        {
          subject: SUBJ,
          budgetLineId: 'l-meet',
          amountFen,
          date: '2026-03-25',
          purpose: '年会场地',
          receipts: [receipt],
          requestId: req(),
        },
        SEC,
      );
    const [ok, refused] = await race(spend(600_000), spend(600_000));
    expect(ok).toBeDefined();
    expect(refused?.error).toMatchObject({
      code: 'LEDGER.OVER_BUDGET_LINE',
      message: '支出金额超过该预算科目的批复金额：会议费（会务费）尚余 4000.00 元；如需超支，请先申请调整预算',
    });
    expect((await entries()).map((e) => [e.kind, e.amountFen])).toEqual([['expense', 600_000]]);
  });

  it('two refunds fired together, together above what the unit holds: one is recorded, the other refused', async () => {
    const voucher = await upload(STAFF);
    const paid = await h.call(
      'awards',
      'recordPayment',
      { subject: SUBJ, paymentId: 'grant', amountFen: 1_500_000, date: '2026-03-20', vouchers: [voucher], requestId: req() },
      STAFF,
    );
    expect(paid.ok).toBe(true);
    const refund = (amountFen: number) =>
      h.call(
        'awards',
        'recordRefund',
        { subject: SUBJ, settles: 'unspent', amountFen, date: '2026-03-30', vouchers: [voucher], note: '退回', requestId: req() },
        STAFF,
      );
    const [ok, refused] = await race(refund(1_000_000), refund(1_000_000));
    expect(ok).toBeDefined();
    expect(refused?.error).toMatchObject({ code: 'LEDGER.OVER_REFUND', message: '退回金额超过应退回金额（尚应退回 5000.00 元）' });
    expect((await entries()).map((e) => [e.kind, e.amountFen])).toEqual([
      ['payment', 1_500_000],
      ['refund', 1_000_000],
    ]);
  });
});
