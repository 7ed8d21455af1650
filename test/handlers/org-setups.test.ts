import { appliesToKind, programmes, stagesOf } from '../../shared/programmes';
import { type Harness, makeDeps } from '../support/handlers';
import { ok, PDF, passingFacts, passingValues, passStages, rid, roundIdOf } from './applications-support';

/**
 * The set-ups the issue names that, before the org function, only an edit of the demo seeder could
 * make (issue 13): here every unit, the round and every applicant come from the app's own actions —
 * org.saveRound / saveSociety / saveHostUnit and identity.createInvite + redeemInvite — on the plain
 * demo city (no test seeder, no demo round).
 */
const p = programmes['yiyang-station-2023'];
const kind = p.kinds.find((k) => k.id === 'station')!;
const CITY = 'p-city-staff';

let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
});
afterEach(async () => {
  await h.close();
});

/** A society, a host unit in 赫山区 and its contact (invited and bound), all through the actions. */
async function applicantUnit(i: number, hostUnit: Record<string, unknown> = {}) {
  const soc = ok(await h.call('org', 'saveSociety', { requestId: rid(), society: { name: `益阳市新建学会${i}`, level: 'city' } }, CITY));
  const hu = ok(
    await h.call(
      'org',
      'saveHostUnit',
      { requestId: rid(), hostUnit: { name: `赫山区新建企业${i}科协`, kind: 'enterprise_cast', castUnitId: 'cast-heshan', ...hostUnit } },
      'p-heshan-staff',
    ),
  );
  const scope = { societyId: null, stationId: null, hostUnitId: hu.id, castUnitId: null };
  const inv = ok(
    await h.call('identity', 'createInvite', { role: 'hostContact', newPerson: { name: `联系人${i}`, title: '' }, scope }, CITY),
  );
  const openid = `o-new-host-contact-${i}`;
  ok(await h.call('identity', 'redeemInvite', { code: inv.code }, { openid }));
  return { societyId: soc.id as string, hostUnitId: hu.id as string, who: { openid } };
}

/** A station application of that unit at `level`, every required material uploaded. */
async function draft(unit: Awaited<ReturnType<typeof applicantUnit>>, level = 'city') {
  const saved = ok(
    await h.call(
      'applications',
      'saveDraft',
      {
        programmeId: p.id,
        kindId: kind.id,
        roundId: roundIdOf(h, p.id),
        values: { ...passingValues(p, kind), level },
        facts: passingFacts(h, p, kind.id),
        baseVersion: 0,
        requestId: rid(),
        societyId: unit.societyId,
      },
      unit.who,
    ),
  );
  for (const m of p.materials.filter((x) => x.required && appliesToKind(x, kind.id))) {
    ok(
      await h.call(
        'applications',
        'uploadAttachment',
        {
          applicationId: saved.applicationId,
          materialId: m.id,
          name: `${m.id}.pdf`,
          mime: 'application/pdf',
          base64: PDF,
          requestId: rid(),
        },
        unit.who,
      ),
    );
  }
  return saved.applicationId as string;
}

async function openRound() {
  const saved = ok(
    await h.call(
      'org',
      'saveRound',
      { requestId: rid(), round: { programmeId: p.id, year: 2026, opensOn: '2026-11-01', closesOn: '2026-12-31' } },
      CITY,
    ),
  );
  expect(saved.id).toBe(roundIdOf(h, p.id));
}

it('the 6th city-level station in one round: a round opened by saveRound, six applicants set up by org and invites; five approved, the sixth refused (第十二条)', async () => {
  expect(await h.deps.store.applications.round(roundIdOf(h, p.id))).toBeNull();
  await openRound();
  const approval = stagesOf(p, kind.id).find((s) => s.type === 'approval')!;
  const ids: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const unit = await applicantUnit(i);
    const id = await draft(unit);
    ids.push(id);
    const submitted = await h.call('applications', 'submit', { applicationId: id, requestId: rid() }, unit.who);
    expect(submitted.error).toBeUndefined();
    const view = await passStages(h, id, { stopAt: (s) => s.id === approval.id });
    expect(view.stageId).toBe(approval.id);
  }
  const approve = (applicationId: string) =>
    h.call(
      'applications',
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid() },
      'p-talent',
    );
  for (const id of ids.slice(0, 5)) expect((await approve(id)).error).toBeUndefined();
  const sixth = await approve(ids[5]!);
  expect(sixth.error?.code).toBe('APPLICATION.ROUND_LIMIT');
});

it('a host unit with a funded expert workstation (set by saveHostUnit) may apply for a national station only, at each level (第七条(七))', async () => {
  await openRound();
  const unit = await applicantUnit(1, { kind: 'city_county_cast', hasFundedExpertWorkstation: true });
  const plain = await applicantUnit(2, { kind: 'city_county_cast' });
  const status = async (u: typeof unit, level: string) => {
    const id = await draft(u, level);
    const pre = ok(await h.call('applications', 'precheck', { applicationId: id }, u.who));
    return pre.eligibility.criteria.find((c: { id: string }) => c.id === 'funded-workstation')?.status ?? 'not applicable';
  };
  expect(await status(unit, 'national')).toBe('met');
  expect(await status(unit, 'provincial')).toBe('not_met');
  expect(await status(unit, 'city')).toBe('not_met');
  // the same unit without the flag: the restriction does not bind
  expect(await status(plain, 'city')).not.toBe('not_met');
});
