import { programmes, stagesOf } from '../../shared/programmes';
import { materialsOf } from '../../shared/rules/materials';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, passStages, rid, staffFor } from './applications-support';

/**
 * The review workspace on the server (issue 15, findings 9, 10 and 13): comments on materials, the
 * score a staff-scored stage needs before passing, the decisions shown during 待公示/公示中, and the
 * pending work per staff member (the staff home's counts), scoped by the oversight model.
 */
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const station = programmes['yiyang-station-2023'];
const stationKind = station.kinds.find((k) => k.id === 'station')!;

async function submitted(unit = 0) {
  const call = callsOf(h);
  const { applicationId, personId } = await draftReady(h, station, stationKind, unit);
  ok(await call('submit', { applicationId, requestId: rid() }, personId));
  return { applicationId, personId };
}

const decide = (applicationId: string, decision: string, extra: Record<string, unknown> = {}) => ({
  applicationId,
  decision,
  comment: '',
  fieldComments: {},
  checklist: [],
  requestId: rid(),
  ...extra,
});

describe('a stage that asks for a 100-point score (finding 10)', () => {
  it('refuses 审核通过 without a score sheet, with a stable code and a Chinese message; passes once scored', async () => {
    const call = callsOf(h);
    const { applicationId } = await submitted();
    const view = await passStages(h, applicationId, { stopAt: (s) => s.id === station.rubric.stageId });
    expect(view.stageId).toBe(station.rubric.stageId);
    const stage = stagesOf(station, view.kindId).find((s) => s.id === view.stageId)!;
    const staff = staffFor(stage.role, view.castUnitId);
    const seen = ok(await call('get', { applicationId }, staff));
    expect(seen.scoreRequired).toBe(true);
    const before = await h.deps.store.applications.get(applicationId);
    const refused = await call('review', decide(applicationId, 'pass'), staff);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('APPLICATION.SCORE_REQUIRED');
    expect(refused.error?.message).toContain('评分');
    expect(refused.error?.message).toContain(stage.label);
    expect(await h.deps.store.applications.get(applicationId)).toEqual(before);
    ok(
      await call(
        'score',
        { applicationId, items: station.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 3 })), requestId: rid() },
        staff,
      ),
    );
    const passed = ok(await call('review', decide(applicationId, 'pass'), staff));
    expect(passed.stageId).not.toBe(stage.id);
  });

  it('an earlier stage needs no score', async () => {
    const { applicationId } = await submitted();
    const view = ok(await callsOf(h)('get', { applicationId }, 'p-heshan-staff'));
    expect(view.stageId).toBe('county-first-review');
    expect(view.scoreRequired).toBe(false);
  });
});

describe('comments on materials (finding 9)', () => {
  it('a return may comment on a material the programme lists; the applicant reads it under the material', async () => {
    const call = callsOf(h);
    const { applicationId, personId } = await submitted();
    const material = materialsOf(station, 'station')[0]!;
    ok(
      await call(
        'review',
        decide(applicationId, 'return', {
          fieldComments: { [`material:${material.id}`]: '请上传盖章版', stationName: '名称与协议不一致' },
        }),
        'p-heshan-staff',
      ),
    );
    const mine = ok(await call('get', { applicationId }, personId));
    expect(mine.status).toBe('returned');
    expect(mine.fieldComments).toEqual({ [`material:${material.id}`]: '请上传盖章版', stationName: '名称与协议不一致' });
    // the return's reason (audit) names the material by its label
    const audit = await h.deps.store.applications.auditOf(applicationId);
    expect(audit.at(-1)!.reason).toContain(`材料「${material.label}」：请上传盖章版`);
  });

  it('refuses a material key the programme does not list, and a malformed one; nothing changes', async () => {
    const call = callsOf(h);
    const { applicationId } = await submitted();
    const before = await h.deps.store.applications.get(applicationId);
    const unknown = await call(
      'review',
      decide(applicationId, 'return', { fieldComments: { 'material:no-such-thing': '请补充' } }),
      'p-heshan-staff',
    );
    expect(unknown.error?.code).toBe('INPUT.INVALID');
    expect(unknown.error?.issues).toEqual([{ path: 'fieldComments.material:no-such-thing', message: '本项目的申报材料中没有这一项' }]);
    const malformed = await call(
      'review',
      decide(applicationId, 'return', { fieldComments: { 'material:Bad Key': '请补充' } }),
      'p-heshan-staff',
    );
    expect(malformed.error?.code).toBe('INPUT.INVALID');
    expect(await h.deps.store.applications.get(applicationId)).toEqual(before);
  });
});

describe('decisions shown only when allowed (finding 10)', () => {
  it('待公示: no pass/return panel, a rejection stays possible', async () => {
    const { applicationId } = await submitted();
    const view = await passStages(h, applicationId);
    expect(view.status).toBe('in_review');
    expect(view.stageId).toBeNull();
    const can = ok(await callsOf(h)('get', { applicationId }, 'p-city-staff')).can;
    expect(can).toMatchObject({ review: false, pass: false, returnForRevision: false, reject: true, startPublicity: true });
  });
});

describe('pending work per staff member (finding 13), scoped by oversight', () => {
  const pendingOf = async (who: string) => {
    const rows = ok(await callsOf(h)('queue', { actionableOnly: true }, who)) as { id: string; pending: string }[];
    return rows;
  };
  it('the county that oversees the applicant counts it 待我审核; the other county and the city do not', async () => {
    const { applicationId } = await submitted();
    const heshan = await pendingOf('p-heshan-staff');
    expect(heshan.find((r) => r.id === applicationId)?.pending).toBe('review');
    expect((await pendingOf('p-taojiang-staff')).some((r) => r.id === applicationId)).toBe(false);
    expect((await pendingOf('p-city-staff')).some((r) => r.id === applicationId)).toBe(false);
    // the non-pending queue still lists it for the city (oversight), without a pending kind
    const cityAll = ok(await callsOf(h)('queue', {}, 'p-city-staff')) as { id: string; pending: string | null; societyName: string }[];
    expect(cityAll.find((r) => r.id === applicationId)).toMatchObject({ pending: null, societyName: '益阳市测试学会1' });
  });

  it('a reviewer-scored stage without reviewers counts 待分配 for the city; once assigned, 待我评分 for the reviewer', async () => {
    const cap = programmes['yiyang-capacity-2018'];
    const call = callsOf(h);
    const kind = cap.kinds.find((k) => stagesOf(cap, k.id).some((s) => s.scoredBy === 'reviewer'))!;
    const { applicationId, personId } = await draftReady(h, cap, kind);
    ok(await call('submit', { applicationId, requestId: rid() }, personId));
    const view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
    const stage = stagesOf(cap, kind.id).find((s) => s.id === view.stageId)!;
    const staff = staffFor(stage.role, view.castUnitId);
    expect((await pendingOf(staff)).find((r) => r.id === applicationId)?.pending).toBe('assign');
    expect((await pendingOf('p-reviewer-1')).some((r) => r.id === applicationId)).toBe(false);
    ok(
      await call(
        'assignReviewers',
        { applicationId, reviewerIds: ['p-reviewer-1'], requestId: rid(), expected: { status: view.status, stageId: view.stageId } },
        staff,
      ),
    );
    expect((await pendingOf(staff)).find((r) => r.id === applicationId)?.pending).toBe('review');
    expect((await pendingOf('p-reviewer-1')).find((r) => r.id === applicationId)?.pending).toBe('score');
    expect((await pendingOf('p-reviewer-2')).some((r) => r.id === applicationId)).toBe(false);
  });
});
