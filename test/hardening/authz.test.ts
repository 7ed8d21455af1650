import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { inTx } from '../../cloudfunctions/_kernel/store/tx';
import { seedApplicationRounds } from '../../local/demo/applications';
import { demoBindings } from '../../local/demo/org';
import { apis } from '../../shared/api';
import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, programmes } from '../../shared/programmes';
import { importFolderOf } from '../../shared/rules/org-import';
import type { AwardDoc } from '../../shared/schemas/awards';
import { draftReady, PDF, passingFacts, passingValues, passStages, rid, roundIdOf, seedTestUnits } from '../handlers/applications-support';
import { day, research, write } from '../handlers/reports-fixtures';
import { tinyPng } from '../handlers/stations-support';
import { type Harness, makeDeps } from '../support/handlers';
import { type Expect, type MatrixRow, matrix, type PersonaKey, personas, renderMarkdown } from './authz-matrix';

/**
 * The authorization matrix (test/hardening/authz-matrix.ts), run cell by cell through the real
 * function entries: each cell gets a fresh world (SQLite in a temp dir, the demo organisation, the
 * application rounds and test units, p-exp-agri-5's expert binding revoked by the city), the row's
 * fixture for that caller, one call, and a check of the answer's class — for a refusal also that
 * nothing was written, for a scoped answer that the target is (✓) or is not (◐) in it.
 */

const ROOT = join(__dirname, '..', '..');
const AGRI = 'st-agri-heshan';
const AGRI_NAME = '益阳市农学会赫山服务站';
const SEC = 'p-sec-agri';
const CITY = 'p-city-staff';
const TODAY = '2026-11-20';
const DAY = 86_400_000;

type Who = string | null | { openid: string };
type Answer = Awaited<ReturnType<Harness['call']>>;
type Memo = Record<string, string>;
type Input = Record<string, unknown>;

function must(r: Answer, what: string) {
  if (!r.ok) throw new Error(`fixture step "${what}" failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

// ───────────────────────── the world and its fixtures ─────────────────────────

async function world(): Promise<Harness> {
  const h = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits] });
  const b = demoBindings.find((x) => x.personId === 'p-exp-agri-5' && x.role === 'expert')!;
  must(await h.call('identity', 'revokeBinding', { bindingId: b.id, reason: '调离专家团队' }, CITY), 'revoke p-exp-agri-5');
  return h;
}

const personOf = (p: PersonaKey): string => {
  const who = personas.find((x) => x.key === p)!.who;
  return typeof who === 'string' ? who : 'p-newcomer';
};

/** A record written through the stations repository (tallies, day lock, audit), as if logged earlier. */
async function seeded(h: Harness, r: Parameters<typeof write>[1][number]): Promise<string> {
  await write(h, [r]);
  return r.id;
}

const CAP = programmes['yiyang-capacity-2018'];
const CAP_KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
const ST = programmes['yiyang-station-2023'];
const ST_KIND = ST.kinds.find((k) => k.id === 'station')!;

/** 益阳市农学会's 学会能力提升 application (applicant society, overseen by 赫山区), every required material uploaded. */
async function capDraft(h: Harness, memo: Memo): Promise<string> {
  const saved = must(
    await h.call(
      'applications',
      'saveDraft',
      {
        programmeId: CAP.id,
        kindId: CAP_KIND.id,
        roundId: roundIdOf(h, CAP.id),
        values: passingValues(CAP, CAP_KIND),
        facts: passingFacts(h, CAP, CAP_KIND.id),
        baseVersion: 0,
        requestId: rid(),
      },
      SEC,
    ),
    'capacity draft',
  );
  const id = saved.applicationId as string;
  for (const m of CAP.materials.filter((x) => x.required && appliesToKind(x, CAP_KIND.id))) {
    must(
      await h.call(
        'applications',
        'uploadAttachment',
        { applicationId: id, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        SEC,
      ),
      `upload ${m.id}`,
    );
  }
  memo.applicationId = id;
  return id;
}

async function capSubmitted(h: Harness, memo: Memo): Promise<string> {
  const id = await capDraft(h, memo);
  must(await h.call('applications', 'submit', { applicationId: id, requestId: rid() }, SEC), 'submit');
  return id;
}

/** At 专家评审 (role: city staff, scored by reviewers); `assign`: p-reviewer-1 assigned. */
async function capAtExpertReview(h: Harness, memo: Memo, assign: boolean): Promise<string> {
  const id = await capSubmitted(h, memo);
  const view = await passStages(h, id, { stopAt: (s) => s.scoredBy === 'reviewer' });
  if (view.stageId !== 'expert-review') throw new Error(`expected expert-review, got ${view.stageId}`);
  memo.stageId = view.stageId;
  if (assign) {
    must(
      await h.call(
        'applications',
        'assignReviewers',
        { applicationId: id, reviewerIds: ['p-reviewer-1'], requestId: rid(), expected: { status: 'in_review', stageId: view.stageId } },
        CITY,
      ),
      'assign p-reviewer-1',
    );
  }
  return id;
}

async function capAwaitingPublicity(h: Harness, memo: Memo): Promise<string> {
  const id = await capSubmitted(h, memo);
  const view = await passStages(h, id);
  if (view.status !== 'in_review' || view.stageId !== null) throw new Error(`expected 待公示, got ${view.status}/${view.stageId}`);
  return id;
}

async function startPublicity(h: Harness, id: string) {
  must(
    await h.call(
      'applications',
      'startPublicity',
      {
        applicationId: id,
        startDate: chinaDateOf(h.clock.now()),
        note: '在市科协网站公示',
        requestId: rid(),
        expected: { status: 'in_review', stageId: null },
      },
      CITY,
    ),
    'start publicity',
  );
}

async function capInPublicity(h: Harness, memo: Memo): Promise<string> {
  const id = await capAwaitingPublicity(h, memo);
  await startPublicity(h, id);
  return id;
}

/** A station application of 测试学会1 for 赫山区测试企业1 (赫山区), at 县市区科协初审. */
async function stationAtCounty(h: Harness, memo: Memo): Promise<string> {
  const { applicationId, personId } = await draftReady(h, ST, ST_KIND, 0);
  const r = must(await h.call('applications', 'submit', { applicationId, requestId: rid() }, personId), 'submit station');
  if (r.stageId !== 'county-first-review') throw new Error(`expected county-first-review, got ${r.stageId}`);
  memo.applicationId = applicationId;
  return applicationId;
}

/** The station application approved by the talent office (市委人才办审定批准), awaiting 授牌. */
async function stationApproved(h: Harness, memo: Memo): Promise<string> {
  const id = await stationAtCounty(h, memo);
  await passStages(h, id);
  await startPublicity(h, id);
  h.clock.advance(16 * DAY);
  must(await h.call('applications', 'closePublicity', { applicationId: id, requestId: rid() }, CITY), 'close publicity');
  const view = await passStages(h, id);
  if (view.status !== 'approved') throw new Error(`expected approved, got ${view.status}`);
  return id;
}

/** Year 1 closed (2027-01-10, after the backfill window) and assessed by the city. */
async function assessed(h: Harness) {
  h.clock.set(Date.parse('2027-01-10T10:00:00+08:00'));
  const r = must(await h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: 1 }, CITY), 'run assessment');
  if (r.computed < 1) throw new Error('nothing assessed');
}

/** A week before st-agri-heshan's Q4 ends (2026-12-25): its experts are short of days; the tea station is outside its window. */
const reminderWeek = (h: Harness) => h.clock.set(Date.parse('2026-12-21T09:00:00+08:00'));

/** 益阳市农学会’s Yiyang 2018 award (赫山区), budget approved — stored as the awards repository would (the money rows' fixture). */
async function moneyAward(h: Harness): Promise<{ type: 'award'; id: string }> {
  const at = Date.parse('2026-06-01T10:00:00+08:00');
  const award: AwardDoc = {
    id: 'aw_app-authz-money',
    applicationId: 'app-authz-money',
    programmeId: CAP.id,
    kindId: CAP_KIND.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: '资金台账示范项目',
    awardedOn: '2026-05-01',
    amountFen: 1_000_000,
    amountReason: '',
    agreement: null,
    budgets: [
      {
        version: 1,
        status: 'approved',
        lines: [{ id: 'l-meet', categoryId: 'meeting', amountFen: 1_000_000, purpose: '学术年会', justification: null }],
        changeReason: null,
        submittedAt: at,
        decision: { by: CITY, at, comment: '' },
      },
    ],
    receiptProofs: [],
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await h.deps.store.ledger.award(award.id))) await inTx(h.deps.db, (tx) => tables.awards.insert(tx, award));
  return { type: 'award', id: award.id };
}
/** 益阳市农学会’s Weihai award (赫山区): its one-off grant waits for the unit’s receipt proof (五(三)). */
async function receiptAward(h: Harness): Promise<{ type: 'award'; id: string }> {
  const at = Date.parse('2026-06-01T10:00:00+08:00');
  const p = programmes['weihai-2025'];
  const award: AwardDoc = {
    id: 'aw_app-authz-receipt',
    applicationId: 'app-authz-receipt',
    programmeId: p.id,
    kindId: p.kinds.find((k) => k.funding.type !== 'none' && k.applicantType === 'society')!.id,
    castUnitId: 'cast-heshan',
    applicant: { type: 'society', societyId: 'soc-agri', hostUnitId: null },
    title: '到账凭据示范项目',
    awardedOn: '2026-05-01',
    amountFen: 2_000_000,
    amountReason: '',
    agreement: null,
    budgets: [],
    receiptProofs: [],
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await h.deps.store.ledger.award(award.id))) await inTx(h.deps.db, (tx) => tables.awards.insert(tx, award));
  return { type: 'award', id: award.id };
}
/** The money award’s Yiyang 2018 acceptance check, listed once (so it exists); `submitted`: materials attached and submitted. */
async function moneyCheck(h: Harness, step: 'listed' | 'submitted' | 'opinion' = 'listed'): Promise<{ checkId: string; revision: number }> {
  const { id } = await moneyAward(h);
  return checkOfAward(h, id, step);
}
async function checkOfAward(h: Harness, awardId: string, step: 'listed' | 'submitted' | 'opinion' | 'passed', year = 1) {
  const list = must(await h.call('awards', 'listChecks', { awardId }, CITY), 'list checks');
  const item = (list.items as { id: string; checkId: string; year: number }[]).find((i) => i.year === year)!;
  const view = () => h.call('awards', 'getCheck', { checkId: item.id }, SEC).then((r) => must(r, 'get check'));
  let v = await view();
  if (step === 'listed') return { checkId: item.id, revision: v.revision as number };
  const materials: Record<string, unknown[]> = {};
  for (const m of v.materials as { id: string; required: boolean }[]) {
    if (m.required)
      materials[m.id] = [
        must(
          await h.call('awards', 'uploadCheckFile', { checkId: item.id, name: '材料.pdf', mime: 'application/pdf', base64: PDF }, SEC),
          'upload',
        ),
      ];
  }
  must(await h.call('awards', 'saveCheckMaterials', { requestId: rid(), checkId: item.id, revision: v.revision, materials }, SEC), 'save');
  v = await view();
  must(await h.call('awards', 'submitCheck', { requestId: rid(), checkId: item.id, revision: v.revision }, SEC), 'submit');
  if (step === 'submitted') return { checkId: item.id, revision: (await view()).revision as number };
  for (const o of v.opinions as { id: string; roleLabel: string }[]) {
    const who = o.roleLabel === '市财政局' ? 'p-finance' : CITY;
    must(
      await h.call('awards', 'giveOpinion', { requestId: rid(), checkId: item.id, opinionId: o.id, passed: true, text: '同意' }, who),
      'opinion',
    );
  }
  if (step === 'opinion') return { checkId: item.id, revision: (await view()).revision as number };
  const rev = (await view()).revision as number;
  must(
    await h.call('awards', 'decideCheck', { requestId: rid(), checkId: item.id, revision: rev, decision: 'pass', reasons: ['合格'] }, CITY),
    'pass',
  );
  return { checkId: item.id, revision: (await view()).revision as number };
}
/** An award of another programme to 益阳市农学会 (赫山区), stored as the awards repository would. */
async function otherAward(h: Harness, programmeId: string, awardedOn: string): Promise<string> {
  const money = await moneyAward(h);
  const base = (await h.deps.store.awards.get(money.id))!;
  const p = Object.values(programmes).find((x) => x.id === programmeId)!;
  const award: AwardDoc = {
    ...base,
    id: `aw_app-authz-${programmeId}`,
    applicationId: `app-authz-${programmeId}`,
    programmeId,
    kindId: p.kinds[0]!.id,
    awardedOn,
  };
  await inTx(h.deps.db, (tx) => tables.awards.insert(tx, award));
  return award.id;
}
/** A voucher uploaded for the award by `who` (city staff by default). */
async function ledgerFile(h: Harness, subject: { type: 'award'; id: string }, who = CITY) {
  return must(
    await h.call('awards', 'uploadLedgerFile', { subject, name: '凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() }, who),
    'voucher',
  );
}
/** A confirmed fraud finding (clawback of everything paid), as the consequences repository stores it. */
async function moneyClawback(h: Harness, subject: { type: 'award'; id: string }) {
  await inTx(h.deps.db, (tx) =>
    tables.consequences.insert(tx, {
      id: 'cq_authz_fraud',
      subject,
      castUnitId: 'cast-heshan',
      programmeId: CAP.id,
      penaltyId: 'fraud',
      source: { type: 'misconduct', finding: '虚报业绩' },
      status: 'confirmed',
      effectiveOn: TODAY,
      deadline: null,
      refundFen: null,
      sanctionId: null,
      reason: '虚报业绩',
      decidedBy: CITY,
      at: h.clock.now(),
      liftedAt: null,
    }),
  );
}

async function xlsxText(h: Harness, data: unknown): Promise<string> {
  const bytes = await h.deps.files.read((data as { file: { fileId: string } }).file.fileId);
  if (!bytes) throw new Error('export file missing');
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => f.name.endsWith('.xml'))
      .map((f) => f.async('string')),
  );
  return parts.join('\n');
}

// ───────────────────────── what each row calls with ─────────────────────────

/**
 * 益阳市农学会's 学会能力提升 award (imported, 赫山区), its award file opened by city staff, brought to a step:
 * 'open' (file only), 'amount' (核定金额 set), 'agreement' (task agreement submitted), 'budget' (budget
 * submitted), 'approved' (budget approved). Answers the award id and its revision.
 */
async function capAward(
  h: Harness,
  step: 'open' | 'amount' | 'agreement' | 'budget' | 'approved',
): Promise<{ awardId: string; revision: number }> {
  const imported = must(
    await h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: CAP.id,
          kindId: CAP_KIND.id,
          societyId: 'soc-agri',
          stage: 1,
          awardedOn: '2026-06-01',
          title: '益阳市农学会能力提升项目',
          source: '测试导入',
        },
      },
      CITY,
    ),
    'import award',
  );
  const rev = async () => must(await h.call('awards', 'get', { applicationId: imported.id }, CITY), 'open award').revision as number;
  const awardId = `aw_${imported.id}`;
  let revision = await rev();
  if (step === 'open') return { awardId, revision };
  must(await h.call('awards', 'setAmount', { awardId, amount: '10000', requestId: rid(), revision }, CITY), 'set amount');
  revision = await rev();
  if (step === 'amount') return { awardId, revision };
  must(
    await h.call('awards', 'submitAgreement', { awardId, answers: capAgreementAnswers(), requestId: rid(), revision }, SEC),
    'submit agreement',
  );
  revision = await rev();
  if (step === 'agreement') return { awardId, revision };
  must(
    await h.call('awards', 'submitBudget', { awardId, lines: capBudgetLines('10000'), requestId: rid(), revision }, SEC),
    'submit budget',
  );
  revision = await rev();
  if (step === 'budget') return { awardId, revision };
  must(
    await h.call('awards', 'decideBudget', { awardId, decision: 'approve', comment: '同意', requestId: rid(), revision }, CITY),
    'approve budget',
  );
  return { awardId, revision: await rev() };
}
const capAgreementAnswers = () =>
  Object.fromEntries(
    CAP.postAward!.agreement!.sections.map((s) => [
      s.id,
      s.type === 'text'
        ? { type: 'text', text: `${s.label}：按计划推进` }
        : s.type === 'yearlyTargets'
          ? { type: 'yearlyTargets', targets: [{ year: 1, target: '完成年度目标' }] }
          : { type: 'schedule', milestones: [{ date: '2026-07-01', milestone: '启动' }] },
    ]),
  );
const capBudgetLines = (amount: string) => [
  { categoryId: CAP.expenses!.allowed.ids[0]!, amount, purpose: '开展学术交流', justification: null },
];

interface Spec {
  /** build the fixture in the fresh world and return the call's input (for this caller) */
  prepare: (h: Harness, p: PersonaKey, memo: Memo) => Promise<Input>;
  /** target marker: does the answer include the target? (✓ cells must, ◐ cells must not) */
  sees?: (data: unknown, memo: Memo, h: Harness) => boolean | Promise<boolean>;
  /** a read: an allowed call writes nothing to the database either */
  read?: boolean;
}

const stationLog = (fields: Input): Spec => ({
  prepare: async () => ({ requestId: rid(), stationId: AGRI, date: TODAY, note: '', evidence: [], ...fields }),
});
const rows = <T>(data: unknown, key: string) => (data as Record<string, T[]>)[key]!;
const hasStation = (key: string) => (data: unknown) => rows<{ stationId: string }>(data, key).some((x) => x.stationId === AGRI);
const hasApp = (data: unknown, memo: Memo) => (data as { id: string }[]).some((x) => x.id === memo.applicationId);

/** A pending service day of st-agri-heshan by p-exp-agri-1 (the revoked column: by the revoked expert, logged before revocation). */
const ownEntry = (h: Harness, p: PersonaKey) =>
  seeded(h, day(AGRI, p === 'revoked' ? 'p-exp-agri-5' : 'p-exp-agri-1', '2026-11-19', 'pending'));
const entryRead: Spec = {
  prepare: async (h) => ({ recordId: await seeded(h, day(AGRI, 'p-exp-agri-1', '2026-11-19', 'pending')) }),
  read: true,
};

// ───── consequences and the station lifecycle (helper CONSEQ): 益阳市农学会赫山服务站 (赫山区) ─────
const AGRI_SUBJECT = { type: 'station' as const, id: AGRI };
/** A published assessment of st-agri-heshan, stored as the assessments repository would. */
async function agriAssessment(h: Harness, yearIndex: number, grade: '合格' | '不合格', publishedAt: number, termEnd = false) {
  await inTx(h.deps.db, (tx) =>
    tables.assessments.put(tx, {
      id: `${AGRI}:${yearIndex}`,
      stationId: AGRI,
      castUnitId: 'cast-heshan',
      yearIndex,
      state: 'published',
      computed: { asOf: TODAY, score: grade === '合格' ? 80 : 40, grade, gradeReason: '', scoreAll: 80, gradeAll: grade, clauses: [] },
      adjusted: null,
      termEnd,
      year: { start: '2025-12-26', end: '2026-12-25' },
      funding: { amountYuan: null, caseByCase: false, reason: '', clause: '' },
      publishedAt,
      publishedBy: CITY,
      rectificationDeadline: null,
      delisting: false,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    }),
  );
}
/** A consequence of st-agri-heshan as the consequences repository stores it: a misconduct finding, or a confirmed rectification. */
async function agriConsequence(h: Harness, kind: 'finding' | 'rectification'): Promise<string> {
  const at = h.clock.now() - 10 * DAY;
  const doc =
    kind === 'finding'
      ? {
          id: 'cq_authz_mc_fund-misuse',
          penaltyId: 'fund-misuse',
          source: { type: 'misconduct' as const, finding: '经核查虚报服务天数' },
          status: 'reported' as const,
          deadline: null,
        }
      : {
          id: `cq_${AGRI}:1_assessment-failed`,
          penaltyId: 'assessment-failed',
          source: { type: 'assessment' as const, assessmentId: `${AGRI}:1`, termEnd: false },
          status: 'confirmed' as const,
          deadline: '2027-02-20',
        };
  await inTx(h.deps.db, (tx) =>
    tables.consequences.insert(tx, {
      ...doc,
      subject: AGRI_SUBJECT,
      castUnitId: 'cast-heshan',
      programmeId: ST.id,
      effectiveOn: '2026-11-10',
      refundFen: null,
      sanctionId: null,
      reason: '经审议',
      decidedBy: CITY,
      at,
      liftedAt: null,
    }),
  );
  return doc.id;
}
/** A written 第十四条 request file, uploaded for the station by city staff (the station's files). */
const agriChangeFile = async (h: Harness) =>
  must(
    await h.call(
      'awards',
      'uploadLedgerFile',
      { subject: AGRI_SUBJECT, name: '书面申请.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() },
      CITY,
    ),
    'change file',
  );

const specs: Record<string, Spec> = {
  // identity
  'identity.me': { prepare: async () => ({}), read: true },
  'identity.redeemInvite': {
    prepare: async (h, p) => {
      const invite =
        p === 'revoked'
          ? { role: 'expert', personId: 'p-exp-agri-5', scope: { societyId: null, stationId: AGRI, hostUnitId: null, castUnitId: null } }
          : { role: 'reviewer', personId: personOf(p), scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null } };
      const inv = must(await h.call('identity', 'createInvite', invite, CITY), 'create invite');
      return { code: inv.code };
    },
  },
  'identity.createInvite': {
    // a new person: an existing one may only be re-invited by staff overseeing all their bindings
    // (identity.test.ts covers that rule)
    prepare: async () => ({
      role: 'expert',
      newPerson: { name: '新专家', title: '' },
      scope: { societyId: null, stationId: AGRI, hostUnitId: null, castUnitId: null },
      validHours: 72,
    }),
  },
  'identity.createInvites': {
    // a new person on st-agri-heshan's team (as an import leaves them), made by the city
    prepare: async (h) => {
      const saved = must(
        await h.call(
          'org',
          'savePerson',
          { requestId: rid(), person: { name: '导入专家', societyId: 'soc-agri', castUnitId: 'cast-heshan' } },
          CITY,
        ),
        'save person',
      ) as { id: string };
      const experts = [1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}`, from: '2025-12-26' }));
      must(
        await h.call('org', 'setTeam', { requestId: rid(), stationId: AGRI, experts: [...experts, { personId: saved.id }] }, CITY),
        'set team',
      );
      return { requestId: rid(), personIds: [saved.id] };
    },
  },
  'identity.exportInvites': {
    // a bulk invite made by the caller (city, 赫山区) — for anyone else, by the city: not theirs to export
    prepare: async (h, p) => {
      const maker = p === 'city' || p === 'countyHere' ? personOf(p) : CITY;
      const saved = must(
        await h.call(
          'org',
          'savePerson',
          { requestId: rid(), person: { name: '导入专家', societyId: 'soc-agri', castUnitId: 'cast-heshan' } },
          CITY,
        ),
        'save person',
      ) as { id: string };
      const experts = [1, 2, 3, 4, 5].map((i) => ({ personId: `p-exp-agri-${i}`, from: '2025-12-26' }));
      must(
        await h.call('org', 'setTeam', { requestId: rid(), stationId: AGRI, experts: [...experts, { personId: saved.id }] }, CITY),
        'set team',
      );
      const requestId = rid();
      must(await h.call('identity', 'createInvites', { requestId, personIds: [saved.id] }, maker), 'create invites');
      return { requestIds: [requestId] };
    },
  },
  'identity.listBindings': {
    prepare: async () => ({ includeRevoked: false }),
    sees: (data) => (data as { personId: string }[]).some((b) => b.personId === 'p-exp-agri-1'),
    read: true,
  },
  'identity.revokeBinding': {
    prepare: async () => ({ bindingId: demoBindings.find((b) => b.personId === 'p-exp-agri-2')!.id, reason: '离开专家团队' }),
  },
  'identity.subscriptions': { prepare: async () => ({}), read: true },
  'identity.recordSubscriptions': {
    prepare: async (_h, p) => ({
      accepted: [p.startsWith('secretary') ? 'applicationOutcome' : p.startsWith('host') ? 'postAwardCheckDue' : 'stationDaysShort'],
      requestId: rid(),
    }),
  },
  'identity.reportProblem': {
    prepare: async () => ({
      fn: 'stations',
      action: 'logServiceDay',
      reason: 'timeout',
      code: '-504003',
      detail: 'Invoking task timed out after 3 seconds',
    }),
  },

  // stations
  'stations.myStations': { prepare: async () => ({}), sees: (data) => (data as { id: string }[]).some((s) => s.id === AGRI), read: true },
  'stations.logServiceDay': stationLog({ location: null }),
  'stations.logTraining': stationLog({ topic: '水稻绿色高产技术培训', place: '赫山区农技站', trainees: 60 }),
  'stations.logResearch': stationLog({ title: '赫山区稻虾共作产业调研' }),
  'stations.logResearchResult': {
    prepare: async (h) => ({
      requestId: rid(),
      recordId: await seeded(h, research(AGRI, 'p-exp-agri-1', '2026-11-10', '', 'pending')),
      result: '形成调研报告一份',
      resultDate: TODAY,
    }),
  },
  'stations.logTackling': stationLog({ title: '稻瘟病绿色防控技术攻关', partners: '益阳市农科所' }),
  'stations.logProblem': stationLog({ enterprise: '赫山区某米业公司', problem: '烘干稻谷爆腰率高', outcome: '调整烘干曲线' }),
  'stations.logAchievement': stationLog({ title: '再生稻高产栽培技术', recipient: '赫山区某合作社', method: '技术示范推广' }),
  'stations.logAgreementProgress': stationLog({ percent: 30 }),
  'stations.editEntry': {
    prepare: async (h, p) => ({
      requestId: rid(),
      recordId: await ownEntry(h, p),
      entry: { kind: 'serviceDay', date: '2026-11-18', note: '改为前一天', evidence: [] },
    }),
  },
  'stations.withdrawEntry': { prepare: async (h, p) => ({ requestId: rid(), recordId: await ownEntry(h, p), reason: '登记有误' }) },
  'stations.confirmEntry': {
    prepare: async (h) => ({ requestId: rid(), recordId: await ownEntry(h, 'expertHere'), decision: 'confirm', reason: '' }),
  },
  'stations.confirmMany': {
    prepare: async (h) => ({ requestId: rid(), recordIds: [await ownEntry(h, 'expertHere')] }),
  },
  'stations.undoConfirm': {
    prepare: async (h) => ({ requestId: rid(), recordId: await seeded(h, day(AGRI, 'p-exp-agri-1', '2026-11-19', 'confirmed')) }),
  },
  'stations.correctEntry': {
    prepare: async (h) => ({
      requestId: rid(),
      recordId: await ownEntry(h, 'expertHere'),
      entry: { kind: 'serviceDay', date: '2026-11-17', note: '经核实为 17 日', evidence: [] },
      reason: '经核实更正服务日期',
    }),
  },
  'stations.uploadEvidence': {
    prepare: async () => ({
      requestId: rid(),
      stationId: AGRI,
      name: '现场照片.png',
      mime: 'image/png',
      dataBase64: tinyPng.toString('base64'),
    }),
  },
  'stations.listEntries': {
    prepare: async (h) => {
      await ownEntry(h, 'expertHere');
      return { stationId: AGRI, scope: 'all' };
    },
    read: true,
  },
  'stations.getEntry': entryRead,
  'stations.fileUrl': {
    prepare: async (h) => {
      const photo = must(
        await h.call(
          'stations',
          'uploadEvidence',
          { requestId: rid(), stationId: AGRI, name: '现场照片.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
          'p-exp-agri-1',
        ),
        'upload photo',
      );
      return { fileId: photo.fileId };
    },
    read: true,
  },
  'stations.entryHistory': entryRead,
  'stations.myProgress': { prepare: async () => ({ stationId: AGRI }), read: true },

  // applications
  'applications.openCalls': { prepare: async () => ({}), read: true },
  'applications.mine': {
    prepare: async (h, _p, memo) => {
      await capDraft(h, memo);
      return {};
    },
    sees: hasApp,
    read: true,
  },
  'applications.get': {
    prepare: async (h, _p, memo) => ({ applicationId: await capAtExpertReview(h, memo, true) }),
    read: true,
  },
  'applications.saveDraft': {
    prepare: async (h, _p, memo) => {
      const id = await capDraft(h, memo);
      const doc = (await h.deps.store.applications.get(id))!;
      return {
        programmeId: CAP.id,
        kindId: CAP_KIND.id,
        roundId: roundIdOf(h, CAP.id),
        applicationId: id,
        baseVersion: doc.version,
        values: doc.values,
        facts: doc.facts,
        requestId: rid(),
      };
    },
  },
  'applications.precheck': { prepare: async (h, _p, memo) => ({ applicationId: await capDraft(h, memo) }), read: true },
  'applications.uploadAttachment': {
    prepare: async (h, _p, memo) => ({
      applicationId: await capDraft(h, memo),
      materialId: 'supporting-materials',
      name: '其他证明材料.pdf',
      mime: 'application/pdf',
      base64: PDF,
      requestId: rid(),
    }),
  },
  'applications.attach': {
    prepare: async (h, _p, memo) => {
      const applicationId = await capDraft(h, memo);
      // as the app does: straight into cloud storage, in the application's folder (no file record yet)
      const file = await h.deps.files.put({
        name: '其他证明材料.pdf',
        mime: 'application/pdf',
        bytes: new Uint8Array(Buffer.from(PDF, 'base64')),
        ownerOpenid: 'local-p-sec-agri',
        folder: `applications/${applicationId}`,
      });
      return { applicationId, materialId: 'supporting-materials', file, requestId: rid() };
    },
  },
  'applications.removeAttachment': {
    prepare: async (h, _p, memo) => {
      const id = await capDraft(h, memo);
      const doc = (await h.deps.store.applications.get(id))!;
      return { applicationId: id, fileId: doc.attachments[0]!.file.fileId, requestId: rid() };
    },
  },
  'applications.submit': { prepare: async (h, _p, memo) => ({ applicationId: await capDraft(h, memo), requestId: rid() }) },
  'applications.withdraw': {
    prepare: async (h, _p, memo) => ({ applicationId: await capSubmitted(h, memo), reason: '暂缓申报', requestId: rid() }),
  },
  'applications.queue': {
    prepare: async (h, _p, memo) => {
      await capAtExpertReview(h, memo, true);
      return {};
    },
    sees: (data, memo) => hasApp(data, memo),
    read: true,
  },
  'applications.review': {
    prepare: async (h, _p, memo) => ({
      applicationId: await stationAtCounty(h, memo),
      decision: 'pass',
      comment: '',
      fieldComments: {},
      checklist: [],
      requestId: rid(),
      expected: { status: 'in_review', stageId: 'county-first-review' },
    }),
  },
  'applications.reviewerCandidates': {
    prepare: async (h, _p, memo) => ({ applicationId: await capAtExpertReview(h, memo, false) }),
    read: true,
  },
  'applications.assignReviewers': {
    prepare: async (h, _p, memo) => ({
      applicationId: await capAtExpertReview(h, memo, false),
      reviewerIds: ['p-reviewer-1'],
      requestId: rid(),
      expected: { status: 'in_review', stageId: 'expert-review' },
    }),
  },
  'applications.score': {
    prepare: async (h, _p, memo) => ({
      applicationId: await capAtExpertReview(h, memo, true),
      items: CAP.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 2 })),
      requestId: rid(),
    }),
  },
  'applications.startPublicity': {
    prepare: async (h, _p, memo) => ({
      applicationId: await capAwaitingPublicity(h, memo),
      startDate: TODAY,
      note: '在市科协网站公示',
      requestId: rid(),
      expected: { status: 'in_review', stageId: null },
    }),
  },
  'applications.fileObjection': {
    prepare: async (h, _p, memo) => ({
      applicationId: await capInPublicity(h, memo),
      content: '群众来信反映申报材料中的人员情况与实际不符',
      requestId: rid(),
    }),
  },
  'applications.resolveObjection': {
    prepare: async (h, _p, memo) => {
      const id = await capInPublicity(h, memo);
      const o = must(
        await h.call('applications', 'fileObjection', { applicationId: id, content: '来信反映人员情况不符', requestId: rid() }, CITY),
        'file objection',
      );
      return { objectionId: o.objectionId, resolution: '经核实，人员情况属实，异议不成立', requestId: rid() };
    },
  },
  'applications.closePublicity': {
    prepare: async (h, _p, memo) => {
      const id = await capInPublicity(h, memo);
      h.clock.advance(16 * DAY);
      return { applicationId: id, requestId: rid() };
    },
  },
  'applications.award': {
    prepare: async (h, _p, memo) => ({
      applicationId: await stationApproved(h, memo),
      plaqueDate: chinaDateOf(h.clock.now()),
      requestId: rid(),
    }),
  },
  'applications.rounds': { prepare: async () => ({}), read: true },
  'applications.programmeDefinition': { prepare: async () => ({ programmeId: 'wuhan-award' }), read: true },
  'applications.fileUrl': {
    prepare: async (h, _p, memo) => {
      const id = await capAtExpertReview(h, memo, true);
      return { fileId: (await h.deps.store.applications.get(id))!.attachments[0]!.file.fileId };
    },
    read: true,
  },
  'applications.exportForm': { prepare: async (h, _p, memo) => ({ applicationId: await capAtExpertReview(h, memo, true) }), read: true },
  'applications.exportRound': {
    prepare: async (h, _p, memo) => {
      await capAtExpertReview(h, memo, true);
      return { roundId: roundIdOf(h, CAP.id) };
    },
    sees: async (data, memo, h) => (await xlsxText(h, data)).includes(memo.applicationId!),
    read: true,
  },
  'applications.imposeSanction': {
    prepare: async (h) => ({
      subject: { type: 'society', id: 'soc-agri' },
      programmeId: 'wuhan-award',
      penaltyId: 'fraud',
      imposedOn: chinaDateOf(h.clock.now()),
      reason: '申报材料弄虚作假，经核实',
      requestId: rid(),
    }),
  },
  'applications.listSanctions': {
    prepare: async (h) => {
      const imposed = await h.call(
        'applications',
        'imposeSanction',
        {
          subject: { type: 'society', id: 'soc-agri' },
          programmeId: 'wuhan-award',
          penaltyId: 'fraud',
          imposedOn: chinaDateOf(h.clock.now()),
          reason: '申报材料弄虚作假',
          requestId: rid(),
        },
        CITY,
      );
      must(imposed, 'impose a sanction');
      return {};
    },
    sees: (data) => (data as { sanctions: { subject: { id: string } }[] }).sanctions.some((x) => x.subject.id === 'soc-agri'),
    read: true,
  },

  // reports
  'reports.dashboard': { prepare: async () => ({}), sees: hasStation('rows'), read: true },
  'reports.stationDetail': { prepare: async () => ({ stationId: AGRI }), read: true },
  'reports.runAssessment': {
    prepare: async (h) => {
      h.clock.set(Date.parse('2027-01-10T10:00:00+08:00'));
      return { requestId: rid(), yearIndex: 1 };
    },
  },
  'reports.listAssessments': {
    prepare: async (h) => {
      await assessed(h);
      return { yearIndex: 1 };
    },
    sees: hasStation('items'),
    read: true,
  },
  'reports.assessmentHistory': {
    prepare: async (h) => {
      await assessed(h);
      return { assessmentId: `${AGRI}:1` };
    },
    read: true,
  },
  'reports.adjustAssessment': {
    prepare: async (h) => {
      await assessed(h);
      // the demo year misses 第十二条 minimums, so 75 points follow to 不合格 (failedClauseCap 'fail'): 合格 is an override with its reason
      return {
        requestId: rid(),
        assessmentId: `${AGRI}:1`,
        score: 75,
        grade: '合格',
        reason: '经实地核查，予以调整',
        gradeOverrideReason: '经实地核查，最低要求已补足',
      };
    },
  },
  'reports.publishAssessments': {
    prepare: async (h) => {
      await assessed(h);
      return { requestId: rid(), assessmentIds: [`${AGRI}:1`] };
    },
  },
  'reports.sendReminders': {
    prepare: async (h) => {
      reminderWeek(h);
      return {};
    },
    sees: hasStation('items'),
  },
  'reports.listOutbox': {
    prepare: async (h) => {
      reminderWeek(h);
      const sent = must(await h.call('reports', 'sendReminders', {}, CITY), 'send reminders');
      if (sent.sent < 1) throw new Error('no reminder sent');
      return {};
    },
    sees: hasStation('items'),
    read: true,
  },
  'reports.exportDashboard': {
    prepare: async () => ({}),
    sees: async (data, _m, h) => (await xlsxText(h, data)).includes(AGRI_NAME),
    read: true,
  },
  'reports.exportStation': { prepare: async () => ({ stationId: AGRI }), read: true },
  'reports.expertContact': {
    prepare: async (h) => {
      // the demo experts have no number on record: give this one a number to reveal
      const p = (await h.deps.store.org.person('p-exp-agri-1'))!;
      await h.deps.store.org.putPerson({ ...p, mobile: '13900001111' });
      return { stationId: AGRI, personId: 'p-exp-agri-1' };
    },
    sees: (data) => (data as { mobile: string }).mobile === '13900001111',
    // not a pure read: every look-up that answers writes its audit event (who asked for whose number)
    read: false,
  },
  'reports.exportAssessments': {
    prepare: async (h) => {
      await assessed(h);
      return { yearIndex: 1 };
    },
    sees: async (data, _m, h) => (await xlsxText(h, data)).includes(AGRI_NAME),
    read: true,
  },

  // org (issue 13)
  'org.listUnits': {
    prepare: async () => ({ kind: 'station' }),
    sees: (data) => (data as { items: { id: string }[] }).items.some((s) => s.id === AGRI),
    read: true,
  },
  'org.saveCastUnit': { prepare: async () => ({ requestId: rid(), castUnit: { id: 'cast-heshan', name: '益阳市赫山区科协' } }) },
  'org.saveSociety': {
    prepare: async () => ({ requestId: rid(), society: { name: '赫山区蔬菜协会', level: 'county', castUnitId: 'cast-heshan' } }),
  },
  'org.saveHostUnit': {
    prepare: async () => ({
      requestId: rid(),
      hostUnit: { name: '赫山区某农业公司科协', kind: 'enterprise_cast', castUnitId: 'cast-heshan' },
    }),
  },
  'org.saveStation': {
    prepare: async () => ({
      requestId: rid(),
      station: {
        name: '益阳市农学会赫山第二服务站',
        programmeId: 'yiyang-station-2023',
        level: 'city',
        societyId: 'soc-agri',
        hostUnitId: 'hu-heshan',
        plaqueDate: '2024-06-01',
      },
    }),
  },
  'org.setTeam': {
    prepare: async () => ({
      requestId: rid(),
      stationId: AGRI,
      experts: [1, 2, 3, 4].map((i) => ({ personId: `p-exp-agri-${i}`, from: '2025-12-26' })),
    }),
  },
  'org.savePriorResult': {
    prepare: async (h) => {
      const st = (await h.deps.store.org.station(AGRI))!;
      if (!st.goLiveDate) await h.deps.store.org.putStation({ ...st, goLiveDate: '2026-12-26' });
      return { requestId: rid(), stationId: AGRI, result: { year: 2026, grade: '合格', score: 82, source: '2026 年度考核通报' } };
    },
  },
  'org.importAward': {
    prepare: async () => ({
      requestId: rid(),
      award: {
        programmeId: 'pingdingshan-five-star',
        kindId: 'five-star',
        societyId: 'soc-agri',
        stage: 2,
        awardedOn: '2025-06-01',
        title: '益阳市农学会五星学会',
        source: '2025 年五星学会授予通知',
      },
    }),
  },
  'org.savePerson': {
    prepare: async () => ({ requestId: rid(), person: { name: '新专家', societyId: 'soc-agri', castUnitId: 'cast-heshan' } }),
  },
  'org.saveRound': {
    prepare: async () => ({
      requestId: rid(),
      round: { programmeId: 'yiyang-station-2023', year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-30' },
    }),
  },
  'org.installProgramme': {
    prepare: async () => ({
      requestId: rid(),
      definition: JSON.parse(readFileSync(join(__dirname, '../fixtures/programmes/runtime-sample.json'), 'utf8')),
      fileName: 'runtime-sample.json',
      mode: 'commit',
    }),
  },
  // awards: the money ledger (helper MONEY)
  'awards.moneyView': { prepare: async (h) => ({ subject: await moneyAward(h) }), read: true },
  'awards.recordPayment': {
    prepare: async (h) => {
      const subject = await moneyAward(h);
      return { subject, paymentId: 'grant', amountFen: 100, date: TODAY, vouchers: [await ledgerFile(h, subject)], requestId: rid() };
    },
  },
  'awards.reportExpense': {
    prepare: async (h) => {
      const subject = await moneyAward(h);
      return {
        subject,
        budgetLineId: 'l-meet',
        amountFen: 10,
        date: TODAY,
        purpose: '会场茶水',
        receipts: [await ledgerFile(h, subject, SEC)],
        requestId: rid(),
      };
    },
  },
  'awards.recordRefund': {
    prepare: async (h) => {
      const subject = await moneyAward(h);
      const voucher = await ledgerFile(h, subject);
      must(
        await h.call(
          'awards',
          'recordPayment',
          { subject, paymentId: 'grant', amountFen: 1000, date: TODAY, vouchers: [voucher], requestId: rid() },
          CITY,
        ),
        'payment',
      );
      await moneyClawback(h, subject);
      return { subject, settles: 'cq_authz_fraud', amountFen: 100, date: TODAY, vouchers: [voucher], requestId: rid() };
    },
  },
  'awards.reverseLedgerEntry': {
    prepare: async (h) => {
      const subject = await moneyAward(h);
      const voucher = await ledgerFile(h, subject);
      const r = must(
        await h.call(
          'awards',
          'recordPayment',
          { subject, paymentId: 'grant', amountFen: 1000, date: TODAY, vouchers: [voucher], requestId: rid() },
          CITY,
        ),
        'payment',
      );
      return { entryId: r.entryId, reason: '金额录入错误', requestId: rid() };
    },
  },
  'awards.setCaseByCaseAmount': {
    prepare: async (h) => {
      const st = (await h.deps.store.org.station(AGRI))!;
      await inTx(h.deps.db, (tx) => tables.stations.put(tx, { ...st, level: 'national' }));
      return { stationId: AGRI, paymentId: 'year-one', amountFen: 8_000_000, reason: '市科协会议纪要', requestId: rid() };
    },
  },
  'awards.fileUrl': {
    prepare: async (h) => {
      const subject = await moneyAward(h);
      const voucher = await ledgerFile(h, subject);
      must(
        await h.call(
          'awards',
          'recordPayment',
          { subject, paymentId: 'grant', amountFen: 100, date: TODAY, vouchers: [voucher], requestId: rid() },
          CITY,
        ),
        'payment',
      );
      return { fileId: voucher.fileId };
    },
    read: true,
  },
  'awards.uploadLedgerFile': {
    prepare: async (h) => ({ subject: await moneyAward(h), name: '凭证.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() }),
  },
  'awards.submitReceiptProof': {
    prepare: async (h) => {
      const subject = await receiptAward(h);
      return { awardId: subject.id, proofs: [await ledgerFile(h, subject, SEC)], revision: 1, requestId: rid() };
    },
  },
  'awards.exportFundingSummary': {
    prepare: async (h) => {
      await moneyAward(h);
      return { year: 2026 };
    },
    sees: async (data, _m, h) => (await xlsxText(h, data)).includes('资金台账示范项目'),
    read: true,
  },
  'org.listProgrammeDefinitions': { prepare: async () => ({}), read: true },

  // awards: consequences and the station lifecycle (helper CONSEQ)
  'awards.listConsequences': {
    prepare: async (h, _p, memo) => {
      memo.consequenceId = await agriConsequence(h, 'rectification');
      return {};
    },
    sees: (data, memo) => (data as { items: { id: string }[] }).items.some((i) => i.id === memo.consequenceId),
    read: true,
  },
  'awards.decideConsequence': {
    prepare: async (h) => ({
      requestId: rid(),
      subject: AGRI_SUBJECT,
      consequenceId: await agriConsequence(h, 'finding'),
      decision: 'dismiss',
      reason: '经核查不属实',
    }),
  },
  'awards.reportMisconduct': {
    prepare: async () => ({ requestId: rid(), subject: AGRI_SUBJECT, finding: '经核查虚报服务天数', foundOn: TODAY }),
  },
  'awards.liftConsequence': {
    prepare: async (h) => {
      await agriAssessment(h, 1, '不合格', h.clock.now() - 20 * DAY);
      const consequenceId = await agriConsequence(h, 'rectification');
      await agriAssessment(h, 2, '合格', h.clock.now() - DAY);
      return { requestId: rid(), consequenceId, reason: '整改到位' };
    },
  },
  'awards.recheckRectification': {
    prepare: async (h) => ({
      requestId: rid(),
      consequenceId: await agriConsequence(h, 'rectification'),
      passed: true,
      reason: '复查合格',
    }),
  },
  'awards.stationLifecycle': {
    prepare: async () => ({ stationId: AGRI }),
    sees: (data) => (data as { station: { id: string } }).station.id === AGRI,
    read: true,
  },
  'awards.startRenewal': {
    prepare: async (h) => {
      // the term (2 years from 2023-06-01) passed and its term-end year passed: 第十三条
      const st = (await h.deps.store.org.station(AGRI))!;
      await inTx(h.deps.db, (tx) => tables.stations.put(tx, { ...st, plaqueDate: '2023-06-01' }));
      await agriAssessment(h, 2, '合格', h.clock.now() - 30 * DAY, true);
      return { requestId: rid(), stationId: AGRI };
    },
  },
  'awards.requestStationChange': {
    prepare: async (h) => ({
      requestId: rid(),
      stationId: AGRI,
      type: 'close',
      reason: '建站单位经营调整，申请撤销',
      attachments: [await agriChangeFile(h)],
    }),
  },
  'awards.decideStationChange': {
    prepare: async (h) => {
      const r = must(
        await h.call(
          'awards',
          'requestStationChange',
          { requestId: rid(), stationId: AGRI, type: 'close', reason: '申请撤销', attachments: [await agriChangeFile(h)] },
          'p-host-heshan',
        ),
        'change request',
      );
      return { requestId: rid(), stationId: AGRI, changeId: r.id, approve: false, comment: '暂不撤销' };
    },
  },
  // awards: checks (helper CHECKS)
  'awards.listChecks': {
    prepare: async (h, _p, memo) => {
      memo.check = (await moneyCheck(h)).checkId;
      return { awardId: 'aw_app-authz-money' };
    },
    sees: (data, memo) => (data as { items: { id: string }[] }).items.some((x) => x.id === memo.check),
    read: true,
  },
  'awards.checkQueue': {
    prepare: async (h, _p, memo) => {
      memo.check = (await moneyCheck(h)).checkId;
      return { filter: 'all' };
    },
    sees: (data, memo) => (data as { items: { id: string }[] }).items.some((x) => x.id === memo.check),
    read: true,
  },
  'awards.getCheck': { prepare: async (h) => ({ checkId: (await moneyCheck(h)).checkId }), read: true },
  'awards.uploadCheckFile': {
    prepare: async (h) => ({ checkId: (await moneyCheck(h)).checkId, name: '总结.pdf', mime: 'application/pdf', base64: PDF }),
  },
  'awards.saveCheckMaterials': {
    prepare: async (h) => {
      const c = await moneyCheck(h);
      const f = must(
        await h.call('awards', 'uploadCheckFile', { checkId: c.checkId, name: '总结.pdf', mime: 'application/pdf', base64: PDF }, SEC),
        'upload',
      );
      return { ...c, requestId: rid(), materials: { summary: [f] } };
    },
  },
  'awards.submitCheck': {
    prepare: async (h) => {
      const c = await moneyCheck(h);
      const up = async () =>
        must(
          await h.call('awards', 'uploadCheckFile', { checkId: c.checkId, name: '材料.pdf', mime: 'application/pdf', base64: PDF }, SEC),
          'upload',
        );
      const saved = must(
        await h.call(
          'awards',
          'saveCheckMaterials',
          { ...c, requestId: rid(), materials: { summary: [await up()], spending: [await up()] } },
          SEC,
        ),
        'save',
      );
      return { checkId: c.checkId, revision: saved.revision, requestId: rid() };
    },
  },
  'awards.giveOpinion': {
    prepare: async (h) => {
      const c = await checkOfAward(h, await otherAward(h, 'weihai-2025', '2026-04-10'), 'submitted');
      return { checkId: c.checkId, opinionId: 'party-building', passed: true, text: '同意', requestId: rid() };
    },
  },
  'awards.decideCheck': {
    prepare: async (h) => ({ ...(await moneyCheck(h, 'opinion')), decision: 'pass', reasons: ['项目目标完成'], requestId: rid() }),
  },
  'awards.recordObjection': {
    prepare: async (h) => {
      const c = await checkOfAward(h, await otherAward(h, 'pingdingshan-five-star', '2025-05-20'), 'passed', 2);
      return { checkId: c.checkId, text: '年度目标完成情况与实际不符', receivedOn: TODAY, requestId: rid() };
    },
  },
  'awards.decideObjection': {
    prepare: async (h) => {
      const c = await checkOfAward(h, await otherAward(h, 'pingdingshan-five-star', '2025-05-20'), 'passed', 2);
      must(
        await h.call(
          'awards',
          'recordObjection',
          { checkId: c.checkId, text: '年度目标完成情况与实际不符', receivedOn: TODAY, requestId: rid() },
          CITY,
        ),
        'objection',
      );
      return { checkId: c.checkId, index: 0, upheld: true, reason: '经核查属实', requestId: rid() };
    },
  },
  'awards.exportAcceptanceReport': { prepare: async (h) => ({ checkId: (await moneyCheck(h, 'opinion')).checkId }), read: true },

  // awards (issue 14): the award file, task agreement, budget
  'awards.list': {
    prepare: async (h, _p, memo) => {
      memo.award = (await capAward(h, 'open')).awardId;
      return {};
    },
    sees: (data, memo) => (data as { items: { id: string }[] }).items.some((x) => x.id === memo.award),
    read: true,
  },
  'awards.get': { prepare: async (h) => ({ awardId: (await capAward(h, 'open')).awardId }), read: true },
  'awards.setAmount': { prepare: async (h) => ({ ...(await capAward(h, 'open')), amount: '12345.67', requestId: rid() }) },
  'awards.saveAgreement': {
    prepare: async (h) => ({
      ...(await capAward(h, 'open')),
      answers: { [CAP.postAward!.agreement!.sections[0]!.id]: { type: 'text', text: '草稿' } },
      requestId: rid(),
    }),
  },
  'awards.submitAgreement': {
    prepare: async (h) => ({ ...(await capAward(h, 'open')), answers: capAgreementAnswers(), requestId: rid() }),
  },
  'awards.decideAgreement': {
    prepare: async (h) => ({ ...(await capAward(h, 'agreement')), decision: 'approve', comment: '同意', requestId: rid() }),
  },
  'awards.saveBudget': { prepare: async (h) => ({ ...(await capAward(h, 'amount')), lines: capBudgetLines('5000'), requestId: rid() }) },
  'awards.submitBudget': {
    prepare: async (h) => ({ ...(await capAward(h, 'agreement')), lines: capBudgetLines('10000'), requestId: rid() }),
  },
  'awards.decideBudget': {
    prepare: async (h) => ({ ...(await capAward(h, 'budget')), decision: 'approve', comment: '同意', requestId: rid() }),
  },
  'awards.proposeBudgetChange': {
    prepare: async (h) => ({
      ...(await capAward(h, 'approved')),
      changeReason: '活动调整',
      lines: capBudgetLines('9000'),
      requestId: rid(),
    }),
  },
  'awards.exportAgreement': { prepare: async (h) => ({ awardId: (await capAward(h, 'agreement')).awardId }), read: true },
  'org.setProgrammeEnabled': { prepare: async () => ({ requestId: rid(), programmeId: 'wuhan-award', enabled: true }) },
  'org.cityProgrammes': { prepare: async () => ({}), read: true },
  'org.listHolidays': { prepare: async () => ({ fromYear: 2026, toYear: 2027 }), read: true },
  'org.saveHolidays': {
    prepare: async () => ({
      requestId: rid(),
      schedule: { year: 2027, holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-12' }], workdays: ['2027-02-20'] },
    }),
  },
  'org.runMigrations': { prepare: async () => ({}) },
  'org.deactivate': { prepare: async () => ({ requestId: rid(), entity: 'society', id: 'soc-agri', reason: '学会已合并' }) },
  'org.exportTemplate': { prepare: async () => ({}), read: true },
  'org.exportOrg': {
    prepare: async () => ({}),
    sees: async (data, _m, h) => (await xlsxText(h, data)).includes(AGRI_NAME),
    read: true,
  },
  'org.importWorkbook': {
    prepare: async (h, p) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('学会').addRows([
        ['学会名称', '级别', '所属科协'],
        ['赫山区蔬菜协会', '县级', '赫山区科协'],
      ]);
      const ref = await h.deps.files.put({
        name: '名录.xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: new Uint8Array(await wb.xlsx.writeBuffer()),
        ownerOpenid: 'o-authz',
        folder: importFolderOf(personOf(p)),
      });
      return { requestId: rid(), fileId: ref.fileId, mode: 'preview' };
    },
    sees: (data) => (data as { sheets: { create: number[] }[] }).sheets.some((s) => s.create.includes(2)),
    read: true,
  },
};

// ───────────────────────── running a cell ─────────────────────────

const denyCodes = new Set(['AUTH.FORBIDDEN', 'STATION.NOT_MEMBER', 'STATION.NOT_HOST_CONTACT']);
const classOf = (r: Answer): string =>
  r.ok
    ? 'allow'
    : r.error?.code === 'AUTH.UNAUTHENTICATED'
      ? 'unauthenticated'
      : denyCodes.has(r.error?.code ?? '')
        ? 'deny'
        : `error ${r.error?.code}`;

interface Cell {
  row: string;
  persona: PersonaKey;
  expected: Expect;
  got: string;
  code: string | null;
  problem: string | null;
}

async function runCell(row: MatrixRow, persona: (typeof personas)[number]): Promise<Cell> {
  const spec = specs[row.key]!;
  const expected = row.expect[persona.key];
  const h = await world();
  try {
    const memo: Memo = {};
    const input = await spec.prepare(h, persona.key, memo);
    const before = JSON.stringify(h.snapshot());
    const r = await h.call(row.fn, row.action, input, persona.who as Who);
    const unchanged = JSON.stringify(h.snapshot()) === before;
    const got = classOf(r);
    const cell = { row: row.key, persona: persona.key, expected, got, code: r.ok ? null : (r.error?.code ?? null) };
    const problem = await (async (): Promise<string | null> => {
      if (expected === 'deny' || expected === 'unauthenticated') {
        if (got !== expected) return `expected ${expected}, got ${got}${r.ok ? '' : `: ${r.error?.message}`}`;
        if (!unchanged) return `${expected}, but the database changed`;
        return null;
      }
      if (got !== 'allow') return `expected allow, got ${got}: ${r.error?.message}`;
      if (spec.read && !unchanged) return 'a read changed the database';
      if (expected === 'scoped' && !spec.sees) return 'a ◐ cell needs a target marker (sees) in the runner';
      if (spec.sees) {
        const seen = await spec.sees(r.data, memo, h);
        if (expected === 'allow' && !seen) return 'allowed, but the target is missing from the answer';
        if (expected === 'scoped' && seen) return 'own scope only, but the answer includes the target';
      }
      return null;
    })();
    return { ...cell, problem };
  } finally {
    await h.close();
    rmSync(h.dir, { recursive: true, force: true });
  }
}

// ───────────────────────── the tests ─────────────────────────

const results: Cell[] = [];

describe('authorization matrix', () => {
  it('has one row for every action of every function, and a fixture for every row', () => {
    const actions = Object.entries(apis).flatMap(([fn, api]) => Object.keys(api).map((a) => `${fn}.${a}`));
    const rowKeys = matrix.map((r) => r.key);
    expect(rowKeys.filter((k) => !actions.includes(k))).toEqual([]);
    expect(actions.filter((k) => !rowKeys.includes(k))).toEqual([]);
    expect(new Set(rowKeys).size).toBe(rowKeys.length);
    expect(Object.keys(specs).sort()).toEqual([...rowKeys].sort());
    for (const r of matrix) expect([r.key, r.note.length > 0]).toEqual([r.key, true]);
    // no OPENID is refused before anything else, for every action
    for (const r of matrix) expect([r.key, r.expect.none]).toEqual([r.key, 'unauthenticated']);
  });

  it('docs/AUTHZ.md is the table, rendered (regenerate with AUTHZ_WRITE_DOC=1)', () => {
    const md = renderMarkdown();
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test-artifacts', 'AUTHZ.md'), md);
    const doc = join(ROOT, 'docs', 'AUTHZ.md');
    if (process.env.AUTHZ_WRITE_DOC === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(doc, md);
    }
    let committed = '';
    try {
      committed = readFileSync(doc, 'utf8');
    } catch {
      committed = '(missing)';
    }
    if (committed !== md)
      throw new Error('docs/AUTHZ.md differs from test/hardening/authz-matrix.ts — regenerate it with AUTHZ_WRITE_DOC=1');
  });

  it.each(matrix.map((r) => [r.key, r] as const))('%s', async (_key, row) => {
    const cells: Cell[] = [];
    for (const p of personas) cells.push(await runCell(row, p));
    results.push(...cells);
    const wrong = cells.filter((c) => c.problem).map((c) => `${c.persona}: ${c.problem}`);
    expect(wrong).toEqual([]);
  });

  afterAll(() => {
    if (results.length === 0) return;
    const mismatches = results.filter((c) => c.problem).length;
    const allow = results.filter((c) => c.expected === 'allow' || c.expected === 'scoped').length;
    const deny = results.length - allow;
    const actions = new Set(results.map((c) => c.row)).size;
    const line = `authorization matrix: ${results.length} cells (${actions} actions × ${personas.length} personas), ${allow} allow, ${deny} deny, ${mismatches} mismatches`;
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test-artifacts', 'authz-results.json'), `${JSON.stringify({ summary: line, cells: results }, null, 1)}\n`);
    process.stdout.write(`\n${line}\n`);
  });
});
