import { seedApplicationRounds } from '../../local/demo/applications';
import { demoBindings } from '../../local/demo/org';
import { appliesToKind, programmes } from '../../shared/programmes';
import { fileUrlTtlMs, fileViewRefusalMessage } from '../../shared/rules/files';
import { type PersonaKey, personas } from '../hardening/authz-matrix';
import { type Harness, makeDeps } from '../support/handlers';
import { PDF, passingFacts, passingValues, passStages, rid, roundIdOf, seedTestUnits } from './applications-support';
import { tinyPng } from './stations-support';

/**
 * Issue 15, finding 8: `applications.fileUrl` and `stations.fileUrl`, generated over every caller of
 * the authorization matrix (test/hardening/authz-matrix.ts personas) × every kind of file and the
 * application states that change who reads a material (a draft; at expert review with p-reviewer-1
 * assigned). The expected readers are the policy, written once below. An allowed caller gets a link the
 * local host serves with the stored bytes and type until it expires; anyone else gets AUTH.FORBIDDEN with
 * the one message — the same as for a file that does not exist — and nothing is written.
 */
const SEC = 'p-sec-agri';
const CITY = 'p-city-staff';
const EXPERT = 'p-exp-agri-1';
const AGRI = 'st-agri-heshan';
const CAP = programmes['yiyang-capacity-2018'];
const CAP_KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
const PDF_BYTES = Buffer.from(PDF, 'base64');

type FileClass = 'material of a draft' | 'material at expert review' | 'evidence photo';
const fn: Record<FileClass, 'applications' | 'stations'> = {
  'material of a draft': 'applications',
  'material at expert review': 'applications',
  'evidence photo': 'stations',
};
/** The policy: who may open each class of file (the uploader, the applicant / host contact, overseeing staff, assigned reviewers). */
const readers: Record<FileClass, PersonaKey[]> = {
  // a draft is the applicant's alone
  'material of a draft': ['secretaryHere'],
  // the applicant, the county and city overseeing 赫山区 (the talent office has no stage in the capacity programme), the assigned reviewer
  'material at expert review': ['secretaryHere', 'countyHere', 'city', 'reviewer'],
  // its author, the station's host contact, staff overseeing the station (county, city, talent office)
  'evidence photo': ['expertHere', 'hostHere', 'countyHere', 'city', 'talent'],
};

let h: Harness;
const files = {} as Record<FileClass, { fileId: string; bytes: Buffer; mime: string }>;
const must = (r: Awaited<ReturnType<Harness['call']>>, what: string) => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data;
};
let appId = '';

beforeAll(async () => {
  h = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits] });
  const b = demoBindings.find((x) => x.personId === 'p-exp-agri-5' && x.role === 'expert')!;
  must(await h.call('identity', 'revokeBinding', { bindingId: b.id, reason: '调离专家团队' }, CITY), 'revoke');
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
    'draft',
  );
  appId = saved.applicationId;
  for (const m of CAP.materials.filter((x) => x.required && appliesToKind(x, CAP_KIND.id))) {
    const a = must(
      await h.call(
        'applications',
        'uploadAttachment',
        { applicationId: appId, materialId: m.id, name: `${m.id}（盖章版）.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
        SEC,
      ),
      `upload ${m.id}`,
    );
    files['material of a draft'] ??= { fileId: a.file.fileId, bytes: PDF_BYTES, mime: 'application/pdf' };
  }
  const photo = must(
    await h.call(
      'stations',
      'uploadEvidence',
      { requestId: rid(), stationId: AGRI, name: '现场照片.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
      EXPERT,
    ),
    'photo',
  );
  files['evidence photo'] = { fileId: photo.fileId, bytes: tinyPng, mime: 'image/png' };
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function expectClass(cls: FileClass) {
  const problems: string[] = [];
  const f = files[cls];
  for (const p of personas) {
    const before = h.deps.changes();
    const t0 = h.clock.now();
    const r = await h.call(fn[cls], 'fileUrl', { fileId: f.fileId }, p.who);
    const t1 = h.clock.now();
    if (h.deps.changes() !== before) problems.push(`${p.key}: a read wrote`);
    if (p.key === 'none') {
      if (r.error?.code !== 'AUTH.UNAUTHENTICATED') problems.push(`none: ${JSON.stringify(r)}`);
      continue;
    }
    if (readers[cls].includes(p.key)) {
      if (!r.ok) {
        problems.push(`${p.key}: expected a link, got ${r.error?.code} ${r.error?.message}`);
        continue;
      }
      if (r.data.expiresAt < t0 + fileUrlTtlMs || r.data.expiresAt > t1 + fileUrlTtlMs)
        problems.push(`${p.key}: expiresAt ${r.data.expiresAt}`);
      const served = await h.deps.files.served(r.data.url);
      if (!served.ok || !Buffer.from(served.bytes).equals(f.bytes) || served.mime !== f.mime)
        problems.push(`${p.key}: the link does not serve the file (${JSON.stringify(served.ok ? served.mime : served)})`);
    } else if (r.ok || r.error?.code !== 'AUTH.FORBIDDEN' || JSON.stringify(r).includes(f.fileId.slice(-20))) {
      problems.push(`${p.key}: expected AUTH.FORBIDDEN without the file, got ${JSON.stringify(r)}`);
    }
  }
  expect(problems).toEqual([]);
}

describe('fileUrl: every persona × every class of file', () => {
  it('a material of a draft: its applicant only', async () => {
    await expectClass('material of a draft');
  });

  it('an evidence photo: its author, the host contact, overseeing staff', async () => {
    await expectClass('evidence photo');
  });

  it('a material at expert review: the applicant, overseeing staff, the assigned reviewer', async () => {
    must(await h.call('applications', 'submit', { applicationId: appId, requestId: rid() }, SEC), 'submit');
    const view = await passStages(h, appId, { stopAt: (s) => s.scoredBy === 'reviewer' });
    must(
      await h.call(
        'applications',
        'assignReviewers',
        { applicationId: appId, reviewerIds: ['p-reviewer-1'], requestId: rid(), expected: { status: 'in_review', stageId: view.stageId } },
        CITY,
      ),
      'assign',
    );
    files['material at expert review'] = files['material of a draft'];
    await expectClass('material at expert review');
  });
});

describe('fileUrl: what is nobody’s, and the link itself', () => {
  it('a file asked for through the other function, or one that does not exist, gets the same refusal as a forbidden one', async () => {
    const photo = files['evidence photo'].fileId;
    const material = files['material of a draft'].fileId;
    const answers = [
      // the host contact may call applications.fileUrl (an applicant role), and sees the photo through stations.fileUrl only
      await h.call('applications', 'fileUrl', { fileId: photo }, 'p-host-heshan'),
      await h.call('stations', 'fileUrl', { fileId: material }, SEC),
      await h.call('applications', 'fileUrl', { fileId: `${material}x` }, SEC),
      await h.call('stations', 'fileUrl', { fileId: 'cloud://env.bucket/evidence/st-agri-heshan/none.png' }, EXPERT),
    ];
    for (const r of answers) expect(r).toEqual({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: fileViewRefusalMessage } });
  });

  it('a link expires with the host clock; a forged or altered token is refused', async () => {
    const r = must(await h.call('stations', 'fileUrl', { fileId: files['evidence photo'].fileId }, EXPERT), 'link');
    expect((await h.deps.files.served(r.url)).ok).toBe(true);
    const [, , token] = r.url.split('/') as [string, string, string];
    const [payload, sig] = token.split('.') as [string, string];
    // another file named in the payload, the same signature
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), f: files['material of a draft'].fileId }),
    ).toString('base64url');
    expect(await h.deps.files.served(`/files/${other}.${sig}/x.pdf`)).toEqual({ ok: false, status: 403 });
    expect(await h.deps.files.served('/files/nothing/x.pdf')).toEqual({ ok: false, status: 403 });
    h.clock.advance(fileUrlTtlMs + 1000);
    expect(await h.deps.files.served(r.url)).toEqual({ ok: false, status: 410 });
  });
});
