/**
 * An award ready for money — award → task agreement → budget → money, every step through the real `awards` actions (no stored
 * shortcuts): a Yiyang 2018 project of 益阳市农学会 is imported as awarded, its amount set, its 项目责任书
 * approved and its budget approved by the city; then the payment falls due (实施方案五.5: after the
 * budget), is paid with a voucher, and the society reports expenses against the approved lines.
 * Used by the flow handler test (awards-money-flow.test.ts) and the browser journey
 * (test/e2e/award-money.e2e.test.ts).
 */
export async function awardReadyForMoney(
  call: (fn: string, action: string, data: unknown, who: string) => Promise<{ ok: boolean; data?: any; error?: any }>,
  rid: () => string,
): Promise<{ awardId: string; revision: number }> {
  const must = async (what: string, p: Promise<{ ok: boolean; data?: any; error?: any }>) => {
    const r = await p;
    if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
    return r.data;
  };
  const imported = await must(
    'importAward',
    call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: 'yiyang-capacity-2018',
          kindId: 'academic',
          societyId: 'soc-agri',
          awardedOn: '2026-03-01',
          title: '2026 年度农业科技学术交流',
          source: '资金台账测试',
        },
      },
      'p-city-staff',
    ),
  );
  const award = await must('get', call('awards', 'get', { applicationId: imported.id }, 'p-city-staff'));
  let rev = (
    await must(
      'setAmount',
      call('awards', 'setAmount', { awardId: award.id, amount: '30000', revision: award.revision, requestId: rid() }, 'p-city-staff'),
    )
  ).revision as number;
  const answers = {
    plan: { type: 'text', text: '举办年度学术交流会两次，编印论文集。' },
    targets: { type: 'yearlyTargets', targets: [{ year: 1, target: '学术交流会 2 次，论文集 1 册' }] },
    schedule: { type: 'schedule', milestones: [{ date: '2026-06-30', milestone: '第一次学术交流会' }] },
  };
  rev = (
    await must(
      'submitAgreement',
      call('awards', 'submitAgreement', { awardId: award.id, answers, revision: rev, requestId: rid() }, 'p-sec-agri'),
    )
  ).revision;
  rev = (
    await must(
      'decideAgreement',
      call(
        'awards',
        'decideAgreement',
        { awardId: award.id, decision: 'approve', comment: '同意', revision: rev, requestId: rid() },
        'p-city-staff',
      ),
    )
  ).revision;
  const lines = [
    { categoryId: 'meeting', amount: '20000', purpose: '学术交流会会务', justification: null },
    { categoryId: 'printing-publication', amount: '10000', purpose: '论文集印刷', justification: null },
  ];
  rev = (
    await must('submitBudget', call('awards', 'submitBudget', { awardId: award.id, lines, revision: rev, requestId: rid() }, 'p-sec-agri'))
  ).revision;
  rev = (
    await must(
      'decideBudget',
      call(
        'awards',
        'decideBudget',
        { awardId: award.id, decision: 'approve', comment: '同意', revision: rev, requestId: rid() },
        'p-city-staff',
      ),
    )
  ).revision;
  return { awardId: award.id as string, revision: rev };
}
