import JSZip from 'jszip';
import { z } from 'zod';
import { seedApplicationRounds } from '../../local/demo/applications';
import { seedSecondCity } from '../../local/demo/second-city';
import { apis } from '../../shared/api';
import { getForm, inputFields } from '../../shared/forms';
import { type Programme, programmes, stagesOf } from '../../shared/programmes';
import {
  allKinds,
  applicantFor,
  callsOf,
  draftReady,
  ok,
  passStages,
  rid,
  seedTestUnits,
  staffFor,
  TEST_UNITS,
} from '../handlers/applications-support';
import { tinyPng } from '../handlers/stations-support';
import { siblingCheck } from '../support/award-checks';
import { type Harness, makeDeps } from '../support/handlers';
import { WRITES_WITHOUT_REQUEST_ID } from '../support/write-actions';

/**
 * The redaction suite (issue 11): distinctive canary values planted in every sensitive field — a
 * reviewer's name and mobile, an individual score, an objection and its resolution, the name of the
 * staff member who returned an application, the applicant's contact mobile, an expert's check-in
 * coordinates — then EVERY read action of the api registry (shared/api/index.ts: every action whose
 * input has no request id, so an action added later joins) is called as every persona, and every answer
 * AND every exported file's contents (.xlsx/.docx unzipped, every XML part) is searched for the canaries
 * that persona must not see. Free-text notes are searched as they are (history notes, audit rows).
 */

const C = {
  reviewerName: '评审甲CANARYRV',
  reviewerMobile: '19911112222',
  returnAuthor: '退回人CANARYRT',
  objection: '异议内容CANARYOB',
  resolution: '异议处理CANARYRS',
  appMobile: '19987654321',
  /** the mobile of a person city staff invite in bulk (identity.createInvites / exportInvites) */
  inviteeMobile: '19955556666',
  lat: '28.56871234',
  lng: '112.37371234',
} as const;
type Canary = keyof typeof C;
/** An individual score: the sheet's total, as the answers and the history would carry it. */
const SCORE = 73;
const scorePatterns = [`"total":${SCORE}`, `评分 ${SCORE} 分`, `"points":`];
/** Every demo and test person's OPENID is "local-<personId>" (local/demo/org.ts localOpenidOf): no answer names one. */
const OPENID = 'local-p-';

const personas = {
  applicant: '', // set from the kind (a test unit's secretary or host contact)
  otherSecretary: 'p-sec-tea',
  assignedReviewer: 'p-reviewer-1',
  unassignedReviewer: 'p-newcomer',
  author: 'p-exp-agri-1',
  teammate: 'p-exp-agri-2',
  hostContact: 'p-host-heshan',
  stationSecretary: 'p-sec-agri',
  heshanStaff: 'p-heshan-staff',
  taojiangStaff: 'p-taojiang-staff',
  cityStaff: 'p-city-staff',
  talentOffice: 'p-talent',
  // 湖南省科协: reads every city of the province (local/demo/second-city.ts), never more personal data than city staff
  provincialStaff: 'p-province-staff',
};
type Persona = keyof typeof personas;
const staffPersonas: Persona[] = ['heshanStaff', 'taojiangStaff', 'cityStaff', 'talentOffice'];

const [kindName, programme, kind] = allKinds.find(([, p, k]) => stagesOf(p, k.id).some((s) => s.scoredBy === 'reviewer'))!;

/** Staff with a say over this application: the programme's stage, publicity and award roles, for its unit. */
function overseers(p: Programme, castUnitId: string): Persona[] {
  const roles = new Set([...stagesOf(p, kind.id).map((s) => s.role), p.publicity!.role, p.award.role]);
  const out: Persona[] = [];
  if (roles.has('cityStaff')) out.push('cityStaff');
  if (roles.has('talentOffice')) out.push('talentOffice');
  if (roles.has('countyStaff') && castUnitId === 'cast-heshan') out.push('heshanStaff');
  if (roles.has('countyStaff') && castUnitId === 'cast-taojiang') out.push('taojiangStaff');
  return out;
}

let h: Harness;
const ids = {
  applicationId: '',
  reviewingId: '',
  roundId: '',
  recordId: '',
  castUnitId: '',
  assessmentId: '',
  materialId: '',
  photoId: '',
  /** city staff's bulk invite (createInvites request id) and the code it minted */
  inviteBatch: '',
  inviteCode: '',
  /** an award of the applicant (issue 14) */
  awardId: '',
  /** a check of an award of the applicant (issue 14) */
  checkId: '',
  /** a material filed on that check (awards.fileUrl) */
  postAwardFileId: '',
};
let maySee: Record<Canary | 'score' | 'openid' | 'inviteCode', Set<Persona>>;

beforeAll(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00', seeders: [seedApplicationRounds, seedTestUnits, seedSecondCity] });
  const call = callsOf(h);
  const rename = async (id: string, name: string, mobile?: string) => {
    const p = (await h.deps.store.org.person(id))!;
    await h.deps.store.org.putPerson({ ...p, name, ...(mobile ? { mobile } : {}) });
  };
  // an expert's check-in, with coordinates only its author may read
  const logged = await h.call(
    'stations',
    'logServiceDay',
    { requestId: rid(), stationId: 'st-agri-heshan', date: '2026-11-20', note: '', location: { lat: Number(C.lat), lng: Number(C.lng) } },
    personas.author,
  );
  ids.recordId = ok(logged).record.id;
  // an evidence photo of its author (stations.fileUrl)
  ids.photoId = ok(
    await h.call(
      'stations',
      'uploadEvidence',
      { requestId: rid(), stationId: 'st-agri-heshan', name: '现场.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
      personas.author,
    ),
  ).fileId;

  // an application of test unit 1, every mobile field of its form carrying the canary
  personas.applicant = applicantFor(kind, 0).personId;
  const mobiles = Object.fromEntries(
    inputFields(getForm(kind.formId)!)
      .filter((f) => f.field.type === 'mobile')
      .map((f) => [f.field.key, C.appMobile]),
  );
  const { applicationId } = await draftReady(h, programme, kind, 0, { values: mobiles });
  ids.applicationId = applicationId;
  // one of its materials (applications.fileUrl)
  ids.materialId = (await h.deps.store.applications.get(applicationId))!.attachments[0]!.file.fileId;
  ok(await call('submit', { applicationId, requestId: rid() }, personas.applicant));
  let view = ok(await call('get', { applicationId }, 'p-city-staff'));
  ids.roundId = view.roundId;
  ids.castUnitId = view.castUnitId;
  // returned once by a staff member whose name is a canary, then resubmitted
  const first = stagesOf(programme, kind.id).find((s) => s.id === view.stageId)!;
  const returner = staffFor(first.role, view.castUnitId);
  await rename(returner, C.returnAuthor);
  ok(
    await call(
      'review',
      {
        applicationId,
        decision: 'return',
        comment: '请补充近三年的培训记录',
        fieldComments: {},
        checklist: [],
        requestId: rid(),
        expected: { status: view.status, stageId: view.stageId },
      },
      returner,
    ),
  );
  // resubmitted (a returned application is submitted again)
  ok(await call('submit', { applicationId, requestId: rid() }, personas.applicant));

  // expert review: a canary-named reviewer with a canary mobile, an individual score of SCORE
  await rename(personas.assignedReviewer, C.reviewerName, C.reviewerMobile);
  view = await passStages(h, applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
  const stage = stagesOf(programme, kind.id).find((s) => s.id === view.stageId)!;
  const staff = staffFor(stage.role, view.castUnitId);
  const expected = { status: view.status, stageId: view.stageId };
  ok(await call('assignReviewers', { applicationId, reviewerIds: [personas.assignedReviewer], requestId: rid(), expected }, staff));
  let left = SCORE;
  const items = programme.rubric.items.map((i, n) => {
    const points = n === programme.rubric.items.length - 1 ? left : Math.min(i.maxPoints, Math.max(0, left - 1));
    left -= points;
    return { itemId: i.id, points };
  });
  expect(ok(await call('score', { applicationId, items, requestId: rid() }, personas.assignedReviewer)).total).toBe(SCORE);
  ok(
    await call(
      'review',
      { applicationId, decision: 'pass', comment: '', fieldComments: {}, checklist: [], requestId: rid(), expected },
      staff,
    ),
  );
  view = await passStages(h, applicationId);

  // publicity with an objection and its resolution
  const publicityStaff = staffFor(programme.publicity!.role, view.castUnitId);
  ok(
    await call(
      'startPublicity',
      {
        applicationId,
        startDate: '2026-11-20',
        note: '在市科协网站公示',
        requestId: rid(),
        expected: { status: 'in_review', stageId: null },
      },
      publicityStaff,
    ),
  );
  const objection = ok(await call('fileObjection', { applicationId, content: C.objection, requestId: rid() }, publicityStaff));
  ok(await call('resolveObjection', { objectionId: objection.objectionId, resolution: C.resolution, requestId: rid() }, publicityStaff));

  // a second application (test unit 2), left at expert review with the canary reviewer's score in
  const second = await draftReady(h, programme, kind, 1, { values: mobiles });
  ids.reviewingId = second.applicationId;
  ok(await call('submit', { applicationId: second.applicationId, requestId: rid() }, applicantFor(kind, 1).personId));
  const v2 = await passStages(h, second.applicationId, { stopAt: (s) => s.scoredBy === 'reviewer' });
  const staff2 = staffFor(stagesOf(programme, kind.id).find((s) => s.id === v2.stageId)!.role, v2.castUnitId);
  ok(
    await call(
      'assignReviewers',
      {
        applicationId: second.applicationId,
        reviewerIds: [personas.assignedReviewer],
        requestId: rid(),
        expected: { status: v2.status, stageId: v2.stageId },
      },
      staff2,
    ),
  );
  ok(await call('score', { applicationId: second.applicationId, items, requestId: rid() }, personas.assignedReviewer));

  // an award of the applicant (issue 14) whose task agreement the canary-named staff member returned:
  // the applicant reads the award hub and the .docx, which must name the role, not the person
  const cap = programmes['yiyang-capacity-2018'];
  const capKind = cap.kinds.find((k) => k.applicantType === 'society')!;
  const imported = ok(
    await h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: cap.id,
          kindId: capKind.id,
          societyId: TEST_UNITS[0]!.societyId,
          stage: 1,
          awardedOn: '2026-06-01',
          title: '能力提升项目',
          source: '测试导入',
        },
      },
      'p-city-staff',
    ),
  );
  const award = ok(await h.call('awards', 'get', { applicationId: imported.id }, 'p-city-staff'));
  ids.awardId = award.id;
  ids.checkId = await siblingCheck(h, award.id, 'p-city-staff');
  {
    // a material the applicant files on that check (awards.fileUrl answers for post-award files)
    const sec = TEST_UNITS[0]!.secretary;
    const cv = ok(await h.call('awards', 'getCheck', { checkId: ids.checkId }, sec));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    const f = ok(
      await h.call('awards', 'uploadCheckFile', { checkId: ids.checkId, name: '总结.pdf', mime: 'application/pdf', base64: pdf }, sec),
    );
    const m = cv.materials[0]!.id;
    ok(
      await h.call(
        'awards',
        'saveCheckMaterials',
        { requestId: rid(), checkId: ids.checkId, revision: cv.revision, materials: { [m]: [f] } },
        sec,
      ),
    );
    ids.postAwardFileId = f.fileId;
  }
  const answers = Object.fromEntries(
    cap.postAward!.agreement!.sections.map((s) => [
      s.id,
      s.type === 'text'
        ? { type: 'text', text: '按计划推进' }
        : s.type === 'yearlyTargets'
          ? { type: 'yearlyTargets', targets: [{ year: 1, target: '年度目标' }] }
          : { type: 'schedule', milestones: [{ date: '2026-07-01', milestone: '启动' }] },
    ]),
  );
  ok(
    await h.call(
      'awards',
      'submitAgreement',
      { awardId: award.id, answers, requestId: rid(), revision: award.revision },
      TEST_UNITS[0]!.secretary,
    ),
  );
  ok(
    await h.call(
      'awards',
      'decideAgreement',
      { awardId: award.id, decision: 'return', comment: '请细化年度目标', requestId: rid(), revision: award.revision + 1 },
      returner,
    ),
  );

  // an assessment (the tea station's first year is over), for the assessment reads
  ok(await h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: 1, stationIds: ['st-tea-taojiang'] }, 'p-city-staff'));
  ids.assessmentId = ok(await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).items?.[0]?.id ?? '';

  // a bulk invite by city staff (identity.exportInvites reads it back): an imported expert with a canary mobile
  const invitee = ok(
    await h.call(
      'org',
      'savePerson',
      { requestId: rid(), person: { name: '导入专家', mobile: C.inviteeMobile, societyId: 'soc-agri', castUnitId: 'cast-heshan' } },
      'p-city-staff',
    ),
  ).id as string;
  const team = (await h.deps.store.org.station('st-agri-heshan'))!.expertIds.map((personId) => ({ personId }));
  ok(
    await h.call(
      'org',
      'setTeam',
      { requestId: rid(), stationId: 'st-agri-heshan', experts: [...team, { personId: invitee }] },
      'p-city-staff',
    ),
  );
  ids.inviteBatch = rid();
  const minted = ok(await h.call('identity', 'createInvites', { requestId: ids.inviteBatch, personIds: [invitee] }, 'p-city-staff'));
  ids.inviteCode = minted.invites[0].code as string;

  // the provincial reader reads what the city's staff read of the city's records, and no more
  const withProvince = (roles: Persona[]) => new Set<Persona>(roles.includes('cityStaff') ? [...roles, 'provincialStaff'] : roles);
  const insiders = withProvince([...overseers(programme, ids.castUnitId), 'assignedReviewer']);
  const staffOnly = withProvince(staffPersonas);
  maySee = {
    reviewerName: insiders,
    score: insiders,
    objection: insiders,
    resolution: insiders,
    // who returned it: staff may know their colleagues; the applicant sees the role only
    returnAuthor: new Set([...staffOnly, 'assignedReviewer']),
    // a person's own mobile is returned by no list or detail, to no one (the reviewer here is on no station team;
    // reports.expertContact gives staff one station member's number at a time, audited — test/handlers/reports.contact)
    reviewerMobile: new Set(),
    appMobile: new Set([...insiders, 'applicant']),
    lat: new Set(['author']),
    lng: new Set(['author']),
    openid: new Set(),
    // an imported person's mobile is in no list or export (the invite list names the person, not the number)
    inviteeMobile: new Set(),
    // a bulk invite's codes: only the staff member who made them reads them back
    inviteCode: new Set(['cityStaff']),
  };
  // the provincial reader is given no personal datum city staff are not (asserted on the table itself)
  for (const c of Object.keys(maySee) as (keyof typeof maySee)[])
    if (maySee[c].has('provincialStaff') && !maySee[c].has('cityStaff')) throw new Error(`provincial may see ${c} and city staff not`);
});
afterAll(() => h?.close());

// ───────────────────────── searching ─────────────────────────

/** The text of every exported file an answer names (zip parts unzipped, XML as it is). */
async function exportedText(data: unknown): Promise<string> {
  const refs: string[] = [];
  const walk = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    if ('fileId' in x && typeof (x as { fileId: unknown }).fileId === 'string' && 'mime' in x) refs.push((x as { fileId: string }).fileId);
    for (const v of Object.values(x)) walk(v);
  };
  walk(data);
  const out: string[] = [];
  for (const id of refs) {
    const bytes = await h.deps.files.read(id);
    if (!bytes) continue;
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      const zip = await JSZip.loadAsync(bytes);
      for (const f of Object.values(zip.files)) if (!f.dir) out.push(await f.async('string'));
    } else out.push(Buffer.from(bytes).toString('utf8'));
  }
  return out.join('\n');
}

const found = (text: string, c: Canary | 'score' | 'openid' | 'inviteCode'): boolean =>
  c === 'score'
    ? scorePatterns.some((p) => text.includes(p))
    : c === 'openid'
      ? text.includes(OPENID)
      : c === 'inviteCode'
        ? text.includes(ids.inviteCode)
        : text.includes(C[c]);

/** Every read action of the registry: no request id in its input. */
interface ReadAction {
  fn: string;
  action: string;
  keys: string[];
  /** the options of each enum-valued input (scope, kind, state, status …): each is tried once */
  enums: Record<string, string[]>;
}
/** The options of an enum input, through optional/default wrappers; null for any other input. */
function enumOptions(schema: unknown): string[] | null {
  let s = schema as { options?: unknown; unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  for (let depth = 0; s && depth < 5; depth++) {
    if (Array.isArray(s.options) && s.options.every((o) => typeof o === 'string')) return s.options as string[];
    s = (s.def?.innerType ?? (typeof s.unwrap === 'function' ? s.unwrap() : undefined)) as typeof s;
  }
  return null;
}
function readActions(): ReadAction[] {
  const out: ReadAction[] = [];
  for (const [fn, contract] of Object.entries(apis)) {
    for (const [action, c] of Object.entries(contract)) {
      const shape: Record<string, unknown> = c.input instanceof z.ZodObject ? c.input.shape : {};
      const keys = Object.keys(shape);
      if (keys.includes('requestId') || WRITES_WITHOUT_REQUEST_ID.includes(`${fn}.${action}`)) continue;
      const enums: Record<string, string[]> = {};
      for (const k of keys) {
        const options = enumOptions(shape[k]);
        if (options) enums[k] = options;
      }
      out.push({ fn, action, keys, enums });
    }
  }
  return out;
}

/**
 * The inputs a read action gets: the planted ids for the keys it names (each application: the one in
 * publicity and the one at expert review), defaults for the rest.
 */
function inputsFor({ keys, enums }: ReadAction): Record<string, unknown>[] {
  const apps = keys.includes('applicationId') ? [ids.applicationId, ids.reviewingId] : [null];
  // a file: a material of the application, an evidence photo and a post-award file (each fileUrl answers for its own kind)
  const fileIds = keys.includes('fileId') ? [ids.materialId, ids.photoId, ids.postAwardFileId] : [null];
  const base = apps.flatMap((applicationId) =>
    fileIds.map((fileId) => ({ ...inputFor(keys), ...(applicationId ? { applicationId } : {}), ...(fileId ? { fileId } : {}) })),
  );
  // each option of each enum input once (e.g. listEntries scope mine / pending / all), on the first base input
  const variants = Object.entries(enums).flatMap(([k, options]) => options.map((o) => ({ ...base[0], [k]: o })));
  return [...base, ...variants];
}
function inputFor(keys: string[]): Record<string, unknown> {
  const known: Record<string, unknown> = {
    assessmentId: ids.assessmentId,
    recordId: ids.recordId,
    stationId: 'st-agri-heshan',
    roundId: ids.roundId,
    programmeId: programme.id,
    yearIndex: 1,
    includeRevoked: true,
    requestIds: [ids.inviteBatch],
    awardId: ids.awardId,
    checkId: ids.checkId,
    // the money view of the award (awards.moneyView) and the yearly funding summary
    subject: { type: 'award', id: ids.awardId },
    year: 2026,
  };
  return Object.fromEntries(keys.filter((k) => k in known).map((k) => [k, known[k]]));
}

describe(`redaction (canaries) on ${kindName}`, () => {
  it('the canaries were planted: each is found by a persona allowed to see it', async () => {
    const staffView = JSON.stringify(await h.call('applications', 'get', { applicationId: ids.applicationId }, 'p-city-staff'));
    for (const c of ['reviewerName', 'score', 'objection', 'resolution', 'returnAuthor', 'appMobile'] as const)
      expect(found(staffView, c)).toBe(true);
    const own = JSON.stringify(await h.call('stations', 'getEntry', { recordId: ids.recordId }, personas.author));
    expect(found(own, 'lat') && found(own, 'lng')).toBe(true);
    // exported files are searched too: the staff's export of the form carries the applicant's mobile
    const exported = await exportedText(
      ok(await h.call('applications', 'exportForm', { applicationId: ids.applicationId }, 'p-city-staff')),
    );
    expect(found(exported, 'appMobile')).toBe(true);
    // and the applicant does read its application (the cells below search real answers)
    expect((await h.call('applications', 'get', { applicationId: ids.applicationId }, personas.applicant)).ok).toBe(true);
    const person = await h.deps.store.org.person(personas.assignedReviewer);
    expect(person?.mobile).toBe(C.reviewerMobile);
    // the bulk invite's code is read back by its maker, in the exported list
    const invites = await exportedText(
      ok(await h.call('identity', 'exportInvites', { requestIds: [ids.inviteBatch] }, personas.cityStaff)),
    );
    expect(ids.inviteCode).not.toBe('');
    expect(found(invites, 'inviteCode')).toBe(true);
  });

  it('no read action, export or role shows a canary the role must not see', async () => {
    const actions = readActions();
    // the registry's writes are the ones with a request id, plus the listed ones: a new read action joins here
    for (const name of WRITES_WITHOUT_REQUEST_ID) {
      const [fn, action] = name.split('.') as [keyof typeof apis, string];
      expect(action in apis[fn]).toBe(true);
    }
    const roles = Object.keys(personas) as Persona[];
    const leaks: string[] = [];
    const answeredOk = new Set<string>();
    let cells = 0;
    let files = 0;
    let calls = 0;
    for (const read of actions) {
      const { fn, action } = read;
      for (const role of roles) {
        cells++;
        for (const input of inputsFor(read)) {
          calls++;
          const r = await h.call(fn, action, input, personas[role]);
          if (r.ok) answeredOk.add(`${fn}.${action}`);
          const exported = r.ok ? await exportedText(r.data) : '';
          if (exported) files++;
          const text = `${JSON.stringify(r)}\n${exported}`;
          const which = input.applicationId === ids.reviewingId ? ' [at expert review]' : '';
          for (const c of Object.keys(maySee) as (keyof typeof maySee)[]) {
            if (!maySee[c].has(role) && found(text, c)) leaks.push(`${fn}.${action}${which} as ${role} (${personas[role]}): ${c}`);
          }
        }
      }
    }
    console.log(
      `redaction: ${actions.length} read actions × ${roles.length} roles = ${cells} cells (${calls} calls) searched for ${Object.keys(maySee).length} canaries; ${files} exported files unzipped; ${answeredOk.size} actions answered someone`,
    );
    expect(leaks).toEqual([]);
    expect(cells).toBe(actions.length * roles.length);
    expect(actions.length).toBeGreaterThanOrEqual(25);
    // every read action answered at least one persona: the cells searched real answers, not only refusals
    expect(actions.map((a) => `${a.fn}.${a.action}`).filter((a) => !answeredOk.has(a))).toEqual([]);
    expect(files).toBeGreaterThan(0);
  });
});
