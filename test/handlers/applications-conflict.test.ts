import { localOpenidOf } from '../../local/demo/org';
import { stagesOf } from '../../shared/programmes';
import type { Role, RoleBinding } from '../../shared/schemas/org';
import type { Harness } from '../support/handlers';
import { allKinds, callsOf, draftReady, harness, ok, passStages, rid, staffFor, TEST_UNITS } from './applications-support';

/**
 * Issue 11, finding 2: 回避 looks at ALL of a reviewer's bindings, not only the reviewer ones. A reviewer
 * who also holds a secretary binding for the applying society (a normal dual role) was shown as "no
 * conflict", could be assigned, and scored his own society's application.
 */
let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

const [, p, kind] = allKinds.find(([, p, k]) => stagesOf(p, k.id).some((s) => s.scoredBy === 'reviewer'))!;
const extra = (personId: string, role: Role, scope: Partial<RoleBinding['scope']>, n: string): RoleBinding => ({
  id: `bd-conflict-${n}`,
  openid: localOpenidOf(personId),
  personId,
  role,
  scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null, ...scope },
  createdAt: Date.UTC(2025, 8, 1),
  createdBy: 'p-city-staff',
  revokedAt: null,
  revokedBy: null,
});

async function atExpertReview(unit: number) {
  const call = callsOf(h);
  const { applicationId, personId } = await draftReady(h, p, kind, unit);
  ok(await call('submit', { applicationId, requestId: rid() }, personId));
  const view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
  const stage = stagesOf(p, kind.id).find((s) => s.id === view.stageId)!;
  return { applicationId, staff: staffFor(stage.role, view.castUnitId), expected: { status: view.status, stageId: view.stageId } };
}

describe(`${p.id}/${kind.id}: a reviewer's other roles (回避)`, () => {
  it('a reviewer who is also the applying society’s secretary is shown conflicted, cannot be assigned, and cannot score', async () => {
    const call = callsOf(h);
    const unit = TEST_UNITS[2]!;
    const { applicationId, staff, expected } = await atExpertReview(2);
    // p-reviewer-1 may review before the dual role exists: assign him
    ok(await call('assignReviewers', { applicationId, reviewerIds: ['p-reviewer-1'], requestId: rid(), expected }, staff));
    // … then he becomes the applying society's secretary as well (the society of the applicant in both kinds' tests)
    await h.deps.store.identity.seedBinding(extra('p-reviewer-1', 'secretary', { societyId: unit.societyId }, 'sec'));

    const candidates = ok(await call('reviewerCandidates', { applicationId }, staff)) as {
      personId: string;
      conflict: boolean;
      conflictReason: string;
    }[];
    const me = candidates.find((c) => c.personId === 'p-reviewer-1')!;
    expect(me.conflict).toBe(true);
    expect(me.conflictReason).toContain('兼任申报学会秘书长');

    const before = await h.snapshot();
    const scored = await call(
      'score',
      { applicationId, items: p.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints })), requestId: rid() },
      'p-reviewer-1',
    );
    expect(scored.error?.code).toBe('APPLICATION.CONFLICT_OF_INTEREST');
    expect(scored.error?.message).toContain('兼任申报学会秘书长');
    expect(await h.snapshot()).toEqual(before);

    const again = await call('assignReviewers', { applicationId, reviewerIds: ['p-reviewer-1'], requestId: rid(), expected }, staff);
    expect(again.error?.code).toBe('APPLICATION.CONFLICT_OF_INTEREST');
    expect(again.error?.issues?.[0]).toMatchObject({ path: 'reviewerIds.0' });
    expect(again.error?.issues?.[0]?.message).toContain('兼任申报学会秘书长');
  });

  it('a reviewer on the team of the applicant’s station (or its host contact) is conflicted; an unrelated one is not', async () => {
    const call = callsOf(h);
    const unit = TEST_UNITS[3]!;
    const { applicationId, staff } = await atExpertReview(3);
    // a station of the applying society, with p-newcomer on its expert team (no binding needed)
    await h.deps.store.org.putStation({
      id: 'st-conflict-t4',
      name: '测试学会4服务站',
      programmeId: 'yiyang-station-2023',
      level: 'city',
      societyId: unit.societyId,
      hostUnitId: 'hu-heshan',
      castUnitId: 'cast-heshan',
      industryField: '现代农业',
      plaqueDate: '2025-12-26',
      termYears: 2,
      agreementItems: [],
      expertIds: ['p-newcomer'],
      staffIds: [],
      status: 'active',
      applicationId: null,
    });
    // p-reviewer-2 becomes the host contact of that station
    await h.deps.store.identity.seedBinding(extra('p-reviewer-2', 'hostContact', { stationId: 'st-conflict-t4' }, 'hc'));
    const candidates = ok(await call('reviewerCandidates', { applicationId }, staff)) as {
      personId: string;
      conflict: boolean;
      conflictReason: string;
    }[];
    expect(candidates.find((c) => c.personId === 'p-newcomer')?.conflictReason).toContain('测试学会4服务站）专家团队成员');
    expect(candidates.find((c) => c.personId === 'p-reviewer-2')?.conflictReason).toContain('测试学会4服务站）联系人');
    expect(candidates.find((c) => c.personId === 'p-reviewer-1')).toMatchObject({ conflict: false, conflictReason: '' });
  });
});
