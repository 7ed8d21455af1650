import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { getProgramme, type Programme } from '../../shared/programmes';
import type { AwardDoc } from '../../shared/schemas/awards';
import type { FileRef } from '../../shared/schemas/common';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The unit's receipt proof (资金到账凭据; Weihai 五(三) "提供资金到账凭据后一次性拨付", helper RECEIPT):
 * `awards.submitReceiptProof` appends the awarded unit's proof to the award, and the payment rule waiting for
 * `{ type: 'receiptProof' }` becomes due. Retried with the same request id it writes nothing twice; another
 * society's secretary is refused; a programme whose payments wait for no receipt proof refuses the step.
 */
let h: Harness;
afterEach(async () => {
  await h.close();
});
let n = 0;
const req = () => `req-receipt-${++n}`;
const T = Date.parse('2026-03-02T10:00:00+08:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

function award(programme: Programme): AwardDoc {
  const kind = programme.kinds.find((k) => k.funding.type !== 'none' && k.applicantType === 'society')!;
  return {
    id: `aw_app-${programme.id}`,
    applicationId: `app-${programme.id}`,
    programmeId: programme.id,
    kindId: kind.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: `${programme.title}示范项目`,
    awardedOn: '2026-02-01',
    amountFen: 2_000_000,
    amountReason: '',
    agreement: null,
    budgets: [],
    receiptProofs: [],
    revision: 1,
    createdAt: T,
    updatedAt: T,
  };
}
const insertAward = (a: AwardDoc) =>
  inTx(h.deps.db, async (tx) => {
    await tables.awards.insert(tx, a);
  });
const must = <D>(r: { ok: boolean; data?: D; error?: unknown }, what: string): D => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data as D;
};
const upload = async (awardId: string, who: string) =>
  must<FileRef>(
    await h.call(
      'awards',
      'uploadLedgerFile',
      { subject: { type: 'award', id: awardId }, name: '资金到账凭据.pdf', mime: 'application/pdf', base64: PDF, requestId: req() },
      who,
    ),
    'uploadLedgerFile',
  );
const grantLine = async (awardId: string) => {
  const m = must<{ view: { due: { paymentId: string; status: string; unmet: string[] }[] } }>(
    await h.call('awards', 'moneyView', { subject: { type: 'award', id: awardId } }, 'p-sec-agri'),
    'moneyView',
  );
  return m.view.due.find((d) => d.paymentId === 'grant');
};

describe('[weihai-2025:post-award.payment.grant] 五(三) the one-off grant waits for the unit’s receipt proof', () => {
  it('waits, the secretary files a proof, the grant is due; a retry does not duplicate; another society is refused', async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
    const a = award(getProgramme('weihai-2025')!);
    await insertAward(a);
    expect(await grantLine(a.id)).toMatchObject({ status: 'waiting', unmet: ['尚未上传资金到账凭据'] });

    const proof = await upload(a.id, 'p-sec-agri');
    // another society's secretary: not the awarded unit — refused, nothing written
    const other = await h.call(
      'awards',
      'submitReceiptProof',
      { awardId: a.id, proofs: [proof], revision: 1, requestId: req() },
      'p-sec-tea',
    );
    expect(other.error?.code).toBe('AUTH.FORBIDDEN');
    // county staff cannot file the unit's proof either (the router admits only the unit's side)
    const staff = await h.call(
      'awards',
      'submitReceiptProof',
      { awardId: a.id, proofs: [proof], revision: 1, requestId: req() },
      'p-heshan-staff',
    );
    expect(staff.error?.code).toBe('AUTH.FORBIDDEN');

    const input = { awardId: a.id, proofs: [proof], revision: 1, requestId: req() };
    const first = must<{ revision: number }>(await h.call('awards', 'submitReceiptProof', input, 'p-sec-agri'), 'submit');
    expect(first.revision).toBe(2);
    const again = must<{ revision: number }>(await h.call('awards', 'submitReceiptProof', input, 'p-sec-agri'), 'retry');
    expect(again.revision).toBe(2);
    const stored = (await h.deps.store.awards.get(a.id))!;
    expect(stored.receiptProofs.map((f) => f.fileId)).toEqual([proof.fileId]);
    expect(stored.revision).toBe(2);
    expect(await grantLine(a.id)).toMatchObject({ status: 'due', unmet: [] });

    // a stale revision is refused
    const stale = await h.call(
      'awards',
      'submitReceiptProof',
      { awardId: a.id, proofs: [await upload(a.id, 'p-sec-agri')], revision: 1, requestId: req() },
      'p-sec-agri',
    );
    expect(stale.error?.code).toBe('CONFLICT.VERSION');

    // the money page lists the proofs for both sides; only the unit may add
    const page = async (who: string) =>
      must<{ receiptProof: { clause: string; proofs: FileRef[]; canSubmit: boolean } | null }>(
        await h.call('awards', 'moneyView', { subject: { type: 'award', id: a.id } }, who),
        'moneyView',
      ).receiptProof;
    expect(await page('p-heshan-staff')).toMatchObject({ clause: '五(三)', proofs: [{ fileId: proof.fileId }], canSubmit: false });
    expect(await page('p-sec-agri')).toMatchObject({ proofs: [{ fileId: proof.fileId }], canSubmit: true });
    // staff open the proof through the post-award file URL
    const url = await h.call('awards', 'fileUrl', { fileId: proof.fileId }, 'p-heshan-staff');
    expect(url.ok).toBe(true);
  });

  it('a programme whose payments wait for no receipt proof refuses the step in Chinese', async () => {
    h = await makeDeps({ now: '2026-04-01T10:00:00+08:00' });
    const a = award(getProgramme('yiyang-capacity-2018')!);
    await insertAward(a);
    const proof = await upload(a.id, 'p-sec-agri');
    const r = await h.call('awards', 'submitReceiptProof', { awardId: a.id, proofs: [proof], revision: 1, requestId: req() }, 'p-sec-agri');
    expect(r.error).toMatchObject({ code: 'AWARD.STEP_NOT_ALLOWED', message: '本项目的拨付不需要提供资金到账凭据' });
    expect((await h.deps.store.awards.get(a.id))!.receiptProofs).toEqual([]);
    const m = must<{ receiptProof: unknown }>(
      await h.call('awards', 'moneyView', { subject: { type: 'award', id: a.id } }, 'p-sec-agri'),
      'moneyView',
    );
    expect(m.receiptProof).toBeNull();
  });
});
