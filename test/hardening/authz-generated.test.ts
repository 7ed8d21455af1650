import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { movableClock, openLocalDeps } from '../../local/adapters';
import { seedApplicationRounds } from '../../local/demo/applications';
import { demoCastUnits, demoHostUnits, demoSocieties, demoStations } from '../../local/demo/org';
import { localFunctions } from '../../local/functions';
import { applicationsApi } from '../../shared/api/applications';
import { chinaDateOf } from '../../shared/calendar';
import { appliesToKind, type Programme, programmes, stagesOf } from '../../shared/programmes';
import { availableActions } from '../../shared/rules/workflow';
import type { BindingScope, Role, RoleBinding } from '../../shared/schemas/org';
import { roles } from '../../shared/schemas/org';
import {
  draftReady,
  PDF,
  passingFacts,
  passingValues,
  passStages,
  rid,
  roundIdOf,
  seedTestUnits,
  staffFor,
  TEST_UNITS,
} from '../handlers/applications-support';
import { makeDeps } from '../support/handlers';
import { matrix as handMatrix } from './authz-matrix';

/**
 * The GENERATED authorization matrix (issue 11): the hand-written matrix (authz.test.ts) has one
 * binding per persona and one stage per action, so a binding whose scope mixes units of two counties
 * (finding 1) or an action that leaks at one stage only (finding 9) slipped through. Here:
 *
 * 1. Scopes. fast-check (fixed seed) generates (inviter, role, scope) with scope fields pointing at
 *    units in different counties — coherent or mixed — and runs identity.createInvite; a minted
 *    invite is redeemed, and every county its scope touches must list it, the others must not.
 * 2. Stages. Every application state of the two 益阳 programmes (draft, returned, each review stage,
 *    awaiting publicity, publicity with an open objection, post-publicity stages, approved) is built
 *    once and kept as a database snapshot. The actions are the api registry's (shared/api/applications.ts):
 *    each is in the stage suite or in `stageIndependent` with its reason (asserted, so a new action fails
 *    until it is classified). Every (action × role × stage) cell calls through the real function entries as
 *    generated bindings of that role — one whose scope spans two or more counties and one whose
 *    scope is generated near the application — and compares with the policy stated below, written
 *    from the programme definitions and the org records, not from shared/rules/oversight.ts.
 *
 * The policy (the oracle):
 * - A binding whose scope is not one coherent thing for its role acts for nothing.
 * - The applicant's own coherent binding (the role may apply for the kind, and the scope names the
 *   applicant society or host unit) reads its application and, as a draft or returned, edits it (save,
 *   upload, attach, remove an attachment, submit); a draft is the applicant's alone.
 * - Staff read an application of a CAST unit they oversee (county: its own; city staff and talent
 *   office: the city and its counties) — the talent office only in a programme that gives it a stage.
 * - At a stage, only the stage's role (overseeing the unit) reviews; a reviewer-scored stage is scored
 *   by the assigned reviewers (the reviewer pool is shown to the staff who assign); publicity and its
 *   objections by the publicity role; the award by the award role.
 * - An allowed write must succeed (on a copy of the stage), except for the one precondition a snapshot
 *   stops short of (`unmet`); a denied call must be refused and write nothing.
 */

// ───────────────────────── the units and the county a unit belongs to ─────────────────────────

const cross = { id: 'st-cross', societyId: 'soc-agri', hostUnitId: 'hu-taojiang-tea', castUnitId: 'cast-taojiang' };
const CITY_UNIT = 'cast-yiyang';
const counties = demoCastUnits.filter((u) => u.parentId !== null).map((u) => u.id);
const stationsRaw = [
  ...demoStations.map((s) => ({ id: s.id, societyId: s.societyId, hostUnitId: s.hostUnitId, castUnitId: s.castUnitId })),
  cross,
];
const testSocieties = TEST_UNITS.slice(0, 2).map((u) => ({ id: u.societyId, castUnitId: CITY_UNIT }));
const testHosts = TEST_UNITS.slice(0, 2).map((u) => ({ id: u.hostUnitId, castUnitId: 'cast-heshan' }));
const societyUnit = new Map([...demoSocieties, ...testSocieties].map((s) => [s.id, s.castUnitId]));
const hostUnit = new Map([...demoHostUnits, ...testHosts].map((s) => [s.id, s.castUnitId]));
const stationById = new Map(stationsRaw.map((s) => [s.id, s]));

/** The counties a CAST unit stands for: a county itself, the city all its counties. */
const countiesOf = (castUnitId: string) => (castUnitId === CITY_UNIT ? counties : [castUnitId]);

/** Every CAST unit a scope names (a station: its own, its society's and its host unit's). */
function unitsNamed(s: BindingScope): string[] {
  const out = new Set<string>();
  if (s.stationId) {
    const st = stationById.get(s.stationId)!;
    out.add(st.castUnitId).add(societyUnit.get(st.societyId)!).add(hostUnit.get(st.hostUnitId)!);
  }
  if (s.societyId) out.add(societyUnit.get(s.societyId)!);
  if (s.hostUnitId) out.add(hostUnit.get(s.hostUnitId)!);
  if (s.castUnitId) out.add(s.castUnitId);
  return [...out];
}
const countiesTouched = (s: BindingScope) => new Set(unitsNamed(s).flatMap(countiesOf));

/** One coherent thing per role (written out, not imported). */
function coherent(role: Role, s: BindingScope): boolean {
  const set = (Object.keys(s) as (keyof BindingScope)[]).filter((k) => s[k] !== null);
  const only = (...keys: (keyof BindingScope)[]) => set.every((k) => keys.includes(k));
  switch (role) {
    case 'secretary':
      return set.length === 1 && s.societyId !== null;
    case 'expert':
      return set.length === 1 && s.stationId !== null;
    case 'hostContact':
      return (
        only('hostUnitId', 'stationId') &&
        set.length > 0 &&
        !(s.hostUnitId && s.stationId && stationById.get(s.stationId)!.hostUnitId !== s.hostUnitId)
      );
    case 'countyStaff':
      return set.length === 1 && s.castUnitId !== null && s.castUnitId !== CITY_UNIT;
    case 'cityStaff':
    case 'talentOffice':
    case 'financeBureau':
      return set.length === 1 && s.castUnitId === CITY_UNIT;
    case 'reviewer':
      // none (bound before cities) or the city they review for (issue 13, item 5)
      return set.length === 0 || (only('castUnitId') && s.castUnitId === CITY_UNIT);
    case 'provincialStaff':
      // a province: neither the city nor one of its counties (this world has none)
      return set.length === 1 && s.castUnitId !== null && s.castUnitId !== CITY_UNIT && !counties.includes(s.castUnitId);
  }
}

/** The CAST units a staff binding oversees. */
const staffUnits = (role: Role, s: BindingScope): string[] =>
  !s.castUnitId
    ? []
    : role === 'countyStaff'
      ? [s.castUnitId]
      : ['cityStaff', 'talentOffice'].includes(role)
        ? [s.castUnitId, ...counties]
        : [];

// ───────────────────────── generators (fixed seed) ─────────────────────────

const SEED = 20261128;
const none: BindingScope = { societyId: null, stationId: null, hostUnitId: null, castUnitId: null };
const pools = {
  stationId: stationsRaw.map((s) => s.id),
  societyId: [...societyUnit.keys()],
  hostUnitId: [...hostUnit.keys()],
  castUnitId: demoCastUnits.map((u) => u.id),
};
const field = <K extends keyof BindingScope>(k: K) => fc.option(fc.constantFrom(...pools[k]), { nil: null, freq: 2 });
/** Any scope: each field null or a unit of any county (mostly mixed). */
const anyScope = fc.record({
  societyId: field('societyId'),
  stationId: field('stationId'),
  hostUnitId: field('hostUnitId'),
  castUnitId: field('castUnitId'),
});
/** A scope of the role's own shape (coherent, or for a host contact a pair that may disagree). */
const shapedScope = (role: Role): fc.Arbitrary<BindingScope> => {
  const one = (k: keyof BindingScope) => fc.constantFrom(...pools[k]).map((v) => ({ ...none, [k]: v }));
  switch (role) {
    case 'secretary':
      return one('societyId');
    case 'expert':
      return one('stationId');
    case 'hostContact':
      return fc.oneof(one('hostUnitId'), one('stationId'));
    case 'countyStaff':
      return fc.constantFrom(...counties).map((c) => ({ ...none, castUnitId: c }));
    case 'cityStaff':
    case 'talentOffice':
    case 'financeBureau':
      return fc.constant({ ...none, castUnitId: CITY_UNIT });
    case 'reviewer':
      return fc.constant(none);
    case 'provincialStaff':
      // this world has no province: a provincial binding on the city acts but must oversee nothing
      return fc.constant({ ...none, castUnitId: CITY_UNIT });
  }
};
/** A scope touching two or more counties: the role's own shape where it can span (the city, st-cross), else mixed. */
const spanningScope = (role: Role) =>
  fc
    .oneof(
      shapedScope(role),
      anyScope,
      anyScope.map((s) => ({ ...s, ...shapeSeed(role) })),
    )
    .filter((s) => countiesTouched(s).size >= 2);
const shapeSeed = (role: Role): Partial<BindingScope> =>
  role === 'secretary'
    ? { societyId: 'soc-agri' }
    : role === 'expert'
      ? { stationId: 'st-agri-heshan' }
      : role === 'hostContact'
        ? { hostUnitId: 'hu-heshan' }
        : {};
/** A coherent scope of the role naming the application's own unit, where the role has one (else any of its shape). */
const ownScope = (
  role: Role,
  s: { app: { castUnitId: string; applicant: { societyId: string | null; hostUnitId: string | null } } },
): fc.Arbitrary<BindingScope> => {
  const { societyId, hostUnitId } = s.app.applicant;
  if (role === 'secretary' && societyId) return fc.constant({ ...none, societyId });
  if (role === 'hostContact' && hostUnitId) return fc.constant({ ...none, hostUnitId });
  if (role === 'countyStaff' && counties.includes(s.app.castUnitId)) return fc.constant({ ...none, castUnitId: s.app.castUnitId });
  return shapedScope(role);
};
const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] => fc.sample(arb, { numRuns: n, seed });

// ───────────────────────── worlds ─────────────────────────

type Who = string | null | { openid: string };
type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } };
interface World {
  dir: string;
  clock: ReturnType<typeof movableClock>;
  deps: ReturnType<typeof openLocalDeps>;
  call: (fn: string, action: string, data: unknown, who: Who) => Promise<Answer>;
  close: () => Promise<void>;
}
function open(dir: string, now: number): World {
  const clock = movableClock(now);
  const deps = openLocalDeps(dir, clock);
  const call = async (fn: string, action: string, data: unknown, who: Who) => {
    const openid = who === null ? null : typeof who === 'string' ? `local-${who}` : who.openid;
    return localFunctions[fn]!({ action, data }, openid, deps) as Promise<Answer>;
  };
  return { dir, clock, deps, call, close: () => deps.close() };
}
/** Everything written so far into the SQLite file itself (WAL checkpoint), so the directory can be copied as a snapshot. */
const checkpoint = (w: World) => (w.deps.db as unknown as { raw: { pragma(p: string): unknown } }).raw.pragma('wal_checkpoint(TRUNCATE)');
const must = (r: Answer, what: string) => {
  if (!r.ok) throw new Error(`fixture "${what}" failed: ${JSON.stringify(r.error)}`);
  return r.data;
};

const seedCross = async (deps: { store: { org: { putStation: (s: any) => Promise<unknown>; station: (id: string) => Promise<any> } } }) => {
  const tea = await deps.store.org.station('st-tea-taojiang');
  await deps.store.org.putStation({ ...tea, ...cross, name: '益阳市农学会桃江服务站', expertIds: [], staffIds: [] });
};

const ROOT = join(__dirname, '..', '..');
const binding = (n: number, role: Role, scope: BindingScope, personId: string): RoleBinding => ({
  id: `bd-gen-${n}`,
  openid: `o-gen-${n}`,
  personId,
  role,
  scope,
  createdAt: Date.UTC(2025, 8, 1),
  createdBy: 'p-city-staff',
  revokedAt: null,
  revokedBy: null,
});

// ───────────────────────── 1. generated scopes: invites, listing, revoking ─────────────────────────

describe('generated scopes: createInvite / listBindings / revokeBinding', () => {
  const inviters = [
    { person: 'p-heshan-staff', role: 'countyStaff' as Role, units: ['cast-heshan'] },
    { person: 'p-taojiang-staff', role: 'countyStaff' as Role, units: ['cast-taojiang'] },
    { person: 'p-city-staff', role: 'cityStaff' as Role, units: [CITY_UNIT, ...counties] },
    { person: 'p-talent', role: 'talentOffice' as Role, units: [] as string[] },
  ];
  const cityOnly: Role[] = ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer', 'provincialStaff', 'financeBureau'];

  it('every minted invite names one coherent scope whose every unit the inviter oversees; every county it touches finds the binding', async () => {
    const h = await makeDeps({ seeders: [seedTestUnits, seedCross] });
    try {
      const cases = sample(
        fc.tuple(
          fc.constantFrom(...inviters),
          fc.constantFrom(...roles),
          fc.oneof(
            { weight: 1, arbitrary: anyScope },
            { weight: 6, arbitrary: fc.constantFrom(...roles).chain(shapedScope) },
            { weight: 2, arbitrary: fc.constantFrom(...roles).chain(spanningScope) },
          ),
          fc.boolean(),
        ),
        400,
        SEED,
      );
      let minted = 0;
      let spanning = 0;
      const wrong: string[] = [];
      for (const [n, [inviter, role, scope, self]] of cases.entries()) {
        if (countiesTouched(scope).size >= 2) spanning++;
        const units = unitsNamed(scope);
        const expectOk =
          coherent(role, scope) &&
          (cityOnly.includes(role) ? inviter.role === 'cityStaff' : inviter.role !== 'talentOffice') &&
          (units.length === 0 ? inviter.role === 'cityStaff' : units.every((u) => inviter.units.includes(u)));
        const before = h.deps.changes();
        const r = await h.call(
          'identity',
          'createInvite',
          { role, scope, validHours: 72, ...(self ? { personId: inviter.person } : { newPerson: { name: `生成人员${n}`, title: '' } }) },
          inviter.person,
        );
        const label = `${inviter.person} ${role} ${JSON.stringify(scope)}${self ? ' (self)' : ''}`;
        if (r.ok !== expectOk) wrong.push(`${label}: expected ${expectOk ? 'ok' : 'refusal'}, got ${r.ok ? 'ok' : r.error?.code}`);
        if (!r.ok && h.deps.changes() !== before) wrong.push(`${label}: refused but wrote`);
        if (!r.ok && !['INPUT.INVALID', 'AUTH.FORBIDDEN'].includes(r.error!.code)) wrong.push(`${label}: ${r.error?.code}`);
        if (!r.ok) continue;
        minted++;
        if (self) continue;
        // redeem, then: staff of every county the scope touches list it; staff of any other county do not
        must(await h.call('identity', 'redeemInvite', { code: r.data.code }, { openid: `o-inv-${n}` }), 'redeem');
        const touched = countiesTouched(scope);
        for (const [county, staff] of [
          ['cast-heshan', 'p-heshan-staff'],
          ['cast-taojiang', 'p-taojiang-staff'],
        ] as const) {
          const rows = must(await h.call('identity', 'listBindings', {}, staff), 'list') as { personId: string }[];
          const sees = rows.some((b) => b.personId === r.data.personId);
          const should = units.length > 0 && touched.has(county) && units.some((u) => u === county);
          if (sees !== should) wrong.push(`${label}: ${staff} ${should ? 'cannot' : 'can'} list it`);
        }
      }
      expect(wrong).toEqual([]);
      expect(minted).toBeGreaterThan(10);
      expect(spanning).toBeGreaterThan(60);
      process.stdout.write(
        `\ngenerated scopes: ${cases.length} invites (${spanning} spanning two or more counties, ${minted} minted and listed)\n`,
      );
    } finally {
      await h.close();
    }
  });

  it('a binding stored with a mixed scope (minted before the fix) acts for nothing, and each county it touches lists and revokes it', async () => {
    const h = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits, seedCross] });
    try {
      const mixed = [
        ...sample(
          fc.constantFrom<Role>('secretary', 'hostContact', 'expert').chain((role) =>
            spanningScope(role)
              .filter((s) => !coherent(role, s) && s.castUnitId === null)
              .map((scope) => ({ role, scope })),
          ),
          12,
          SEED + 1,
        ),
        // the shape alone is a host contact's (a host unit and a station), but the station is another
        // county's host unit's: what 赫山区 staff could mint before the fix (oversight read the station
        // only). It acted for 桃江's host unit through its hostUnitId — found by the stage suite (mine).
        { role: 'hostContact' as Role, scope: { ...none, stationId: 'st-agri-heshan', hostUnitId: 'hu-taojiang-tea' } },
      ];
      const wrong: string[] = [];
      for (const [n, { role, scope }] of mixed.entries()) {
        const b = binding(900 + n, role, scope, 'p-newcomer');
        await h.deps.store.identity.seedBinding(b);
        const me = must(await h.call('identity', 'me', {}, { openid: b.openid }), 'me');
        if (me.bindings.length !== 0) wrong.push(`${role} ${JSON.stringify(scope)}: still acts (${me.bindings.length} bindings)`);
        const units = unitsNamed(scope);
        for (const [county, staff] of [
          ['cast-heshan', 'p-heshan-staff'],
          ['cast-taojiang', 'p-taojiang-staff'],
        ] as const) {
          const rows = must(await h.call('identity', 'listBindings', {}, staff), 'list') as { bindingId: string }[];
          if (rows.some((x) => x.bindingId === b.id) !== units.includes(county))
            wrong.push(`${role} ${JSON.stringify(scope)}: listing by ${staff}`);
        }
        const revoker = units.includes('cast-taojiang')
          ? 'p-taojiang-staff'
          : units.includes('cast-heshan')
            ? 'p-heshan-staff'
            : 'p-city-staff';
        const r = await h.call('identity', 'revokeBinding', { bindingId: b.id, reason: '越权发放' }, revoker);
        if (!r.ok) wrong.push(`${role} ${JSON.stringify(scope)}: ${revoker} cannot revoke (${r.error?.code})`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

// ───────────────────────── 2. every (action × role × stage) ─────────────────────────

const CAP = programmes['yiyang-capacity-2018'];
const CAP_KIND = CAP.kinds.find((k) => k.id === 'demonstration')!;
const ST = programmes['yiyang-station-2023'];
const ST_KIND = ST.kinds.find((k) => k.id === 'station')!;
const DAY = 86_400_000;

interface Snapshot {
  key: string;
  dir: string;
  now: number;
  programme: Programme;
  kindId: string;
  app: {
    id: string;
    status: string;
    stageId: string | null;
    castUnitId: string;
    applicant: { societyId: string | null; hostUnitId: string | null };
    reviewerIds: string[];
    assignedEver: string[];
    version: number;
    values: unknown;
    facts: unknown;
    roundId: string;
    /** an attachment the applicant uploaded (attach re-uses it, removeAttachment removes it) */
    file: { fileId: string; name: string; size: number; mime: string };
    /** an open objection on record for the application (filed in publicity; planted in the cells' copy elsewhere) */
    objectionId: string | null;
  };
  checklist: unknown[];
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'kexie-authz-gen-'));
const snapshots: Snapshot[] = [];

async function snap(w: World, programme: Programme, kindId: string, id: string, name?: string): Promise<World> {
  const doc = (await w.deps.store.applications.get(id))!;
  const stage = doc.stageId;
  const objection = (await w.deps.store.applications.objectionsOf(id)).find((o) => o.status === 'open');
  const view =
    doc.status === 'draft' ? null : must(await w.call('applications', 'get', { applicationId: id }, 'p-city-staff'), 'city view');
  const key = `${programme.id}:${name ?? `${doc.status}${stage ? `/${stage}` : ''}`}`;
  const now = w.clock.now();
  // one database per stage: checkpointed, then copied as it is (the cells copy it again)
  checkpoint(w);
  const dir = join(tmpRoot, key.replace(/[^a-z0-9-]/gi, '_'));
  cpSync(w.dir, dir, { recursive: true });
  snapshots.push({
    key,
    dir,
    now,
    programme,
    kindId,
    app: {
      id,
      status: doc.status,
      stageId: doc.stageId,
      castUnitId: doc.castUnitId,
      applicant: { societyId: doc.applicant.societyId, hostUnitId: doc.applicant.hostUnitId },
      reviewerIds: doc.reviewerIds,
      assignedEver: (await w.deps.store.applications.reviewsOf(id))
        .filter((r) => r.type === 'assignment')
        .map((r) => (r as { reviewerId: string }).reviewerId),
      version: doc.version,
      values: doc.values,
      facts: doc.facts,
      roundId: doc.roundId,
      file: doc.attachments[0]!.file,
      objectionId: objection?.id ?? null,
    },
    checklist: ((view?.checklist ?? []) as { itemId: string; label: string }[]).map((i) => ({ ...i, checked: true })),
  });
  return w;
}

/** Drives one application of each programme through every state, snapshotting each. */
async function buildSnapshots() {
  const base = await makeDeps({ seeders: [seedApplicationRounds, seedTestUnits, seedCross] });
  const now0 = base.clock.now();
  await base.close();
  for (const [programme, kind] of [
    [CAP, CAP_KIND],
    [ST, ST_KIND],
  ] as const) {
    const dir = join(tmpRoot, `work-${programme.id}`);
    cpSync(base.dir, dir, { recursive: true });
    let w = open(dir, now0);
    const h = { ...w, snapshot: () => w.deps.snapshot(), dir } as any;
    let id: string;
    let submitter: string;
    if (programme === CAP) {
      // 益阳市农学会 (赫山区) files it through its secretary
      submitter = 'p-sec-agri';
      const saved = must(
        await w.call(
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
          submitter,
        ),
        'capacity draft',
      );
      id = saved.applicationId;
      for (const m of CAP.materials.filter((x) => x.required && appliesToKind(x, CAP_KIND.id))) {
        must(
          await w.call(
            'applications',
            'uploadAttachment',
            { applicationId: id, materialId: m.id, name: `${m.id}.pdf`, mime: 'application/pdf', base64: PDF, requestId: rid() },
            submitter,
          ),
          `upload ${m.id}`,
        );
      }
    } else {
      const d = await draftReady(h, ST, ST_KIND, 0);
      id = d.applicationId;
      submitter = d.personId;
    }
    w = await snap(w, programme, kind.id, id);
    must(await w.call('applications', 'submit', { applicationId: id, requestId: rid() }, submitter), 'submit');
    let publicityDone = false;
    let returnedDone = false;
    for (let guard = 0; guard < 20; guard++) {
      const doc = (await w.deps.store.applications.get(id))!;
      const hh = { ...w, dir: w.dir } as any;
      if (doc.status === 'in_review' && doc.stageId) {
        const stage = stagesOf(programme, kind.id).find((s) => s.id === doc.stageId)!;
        if (stage.scoredBy === 'reviewer') {
          // the snapshot has p-reviewer-1 assigned, not yet scored
          must(
            await w.call(
              'applications',
              'assignReviewers',
              {
                applicationId: id,
                reviewerIds: ['p-reviewer-1'],
                requestId: rid(),
                expected: { status: doc.status, stageId: doc.stageId },
              },
              'p-city-staff',
            ),
            'assign',
          );
          w = await snap(w, programme, kind.id, id);
          must(
            await w.call(
              'applications',
              'score',
              {
                applicationId: id,
                items: programme.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 2 })),
                requestId: rid(),
              },
              'p-reviewer-1',
            ),
            'score',
          );
          must(
            await w.call(
              'applications',
              'review',
              {
                applicationId: id,
                decision: 'pass',
                comment: '',
                fieldComments: {},
                checklist: [],
                requestId: rid(),
                expected: { status: doc.status, stageId: doc.stageId },
              },
              'p-city-staff',
            ),
            'pass expert review',
          );
          continue;
        }
        w = await snap(w, programme, kind.id, id);
        if (!returnedDone) {
          // a branch: the first stage returns it to the applicant (退回修改), the one state besides the
          // draft in which the applicant edits, uploads, attaches and resubmits
          returnedDone = true;
          checkpoint(w);
          const bdir = join(tmpRoot, `work-${programme.id}-returned`);
          cpSync(w.dir, bdir, { recursive: true });
          const b = open(bdir, w.clock.now());
          must(
            await b.call(
              'applications',
              'review',
              {
                applicationId: id,
                decision: 'return',
                comment: '请补充近三年工作总结',
                fieldComments: {},
                checklist: [],
                requestId: rid(),
                expected: { status: doc.status, stageId: doc.stageId },
              },
              staffFor(stage.role, doc.castUnitId),
            ),
            'return',
          );
          await snap(b, programme, kind.id, id, 'returned');
          await b.close();
        }
        await passStages(hh, id, { stopAt: (s) => s.id !== doc.stageId });
        continue;
      }
      if (doc.status === 'in_review' && doc.stageId === null && !publicityDone) {
        w = await snap(w, programme, kind.id, id, 'awaiting-publicity');
        must(
          await w.call(
            'applications',
            'startPublicity',
            {
              applicationId: id,
              startDate: chinaDateOf(w.clock.now()),
              note: '在市科协网站公示',
              requestId: rid(),
              expected: { status: 'in_review', stageId: null },
            },
            'p-city-staff',
          ),
          'start publicity',
        );
        continue;
      }
      if (doc.status === 'publicity') {
        const { objectionId } = must(
          await w.call(
            'applications',
            'fileObjection',
            { applicationId: id, content: '群众来信反映申报材料与实际不符', requestId: rid() },
            'p-city-staff',
          ),
          'file objection',
        );
        w = await snap(w, programme, kind.id, id);
        must(
          await w.call(
            'applications',
            'resolveObjection',
            { objectionId, resolution: '经核实，反映情况不属实', requestId: rid() },
            'p-city-staff',
          ),
          'resolve objection',
        );
        w.clock.advance(16 * DAY);
        must(await w.call('applications', 'closePublicity', { applicationId: id, requestId: rid() }, 'p-city-staff'), 'close publicity');
        publicityDone = true;
        continue;
      }
      if (doc.status === 'approved') {
        w = await snap(w, programme, kind.id, id);
        break;
      }
      throw new Error(`unexpected state ${doc.status}/${doc.stageId}`);
    }
    await w.close();
  }
}

// the actions whose answer depends on the application's stage, and the input each takes
type Ctx = { s: Snapshot };
/** A material of the kind that takes a PDF (uploadAttachment sends the test PDF). */
const pdfMaterial = (s: Snapshot) =>
  s.programme.materials.find((m) => appliesToKind(m, s.kindId) && m.mimeTypes.includes('application/pdf'))!.id;
/**
 * `unmet`: the one domain refusal an allowed caller may get at a snapshot, because the snapshot
 * stops short of the action's precondition (not an authorization answer); the fixture itself then
 * performs the action once the precondition holds. Any other refusal of an allowed caller is a problem.
 */
const appActions: Record<string, { read: boolean; input: (c: Ctx) => Record<string, unknown>; unmet?: (s: Snapshot) => string | null }> = {
  get: { read: true, input: ({ s }) => ({ applicationId: s.app.id }) },
  exportForm: { read: true, input: ({ s }) => ({ applicationId: s.app.id }) },
  precheck: { read: true, input: ({ s }) => ({ applicationId: s.app.id }) },
  // a material the application lists (issue 15, finding 8): the readers of get
  fileUrl: { read: true, input: ({ s }) => ({ fileId: s.app.file.fileId }) },
  mine: { read: true, input: () => ({}) },
  queue: { read: true, input: () => ({}) },
  reviewerCandidates: { read: true, input: ({ s }) => ({ applicationId: s.app.id }) },
  exportRound: { read: true, input: ({ s }) => ({ roundId: s.app.roundId }) },
  saveDraft: {
    read: false,
    input: ({ s }) => ({
      programmeId: s.programme.id,
      kindId: s.kindId,
      roundId: s.app.roundId,
      applicationId: s.app.id,
      baseVersion: s.app.version,
      values: s.app.values,
      facts: s.app.facts,
      requestId: rid(),
    }),
  },
  uploadAttachment: {
    read: false,
    input: ({ s }) => ({
      applicationId: s.app.id,
      materialId: pdfMaterial(s),
      name: '补充材料.pdf',
      mime: 'application/pdf',
      base64: PDF,
      requestId: rid(),
    }),
  },
  // a file the applicant unit uploaded (its `files` record names the unit: finding 6)
  attach: {
    read: false,
    input: ({ s }) => ({ applicationId: s.app.id, materialId: pdfMaterial(s), file: s.app.file, requestId: rid() }),
  },
  removeAttachment: { read: false, input: ({ s }) => ({ applicationId: s.app.id, fileId: s.app.file.fileId, requestId: rid() }) },
  submit: { read: false, input: ({ s }) => ({ applicationId: s.app.id, requestId: rid() }) },
  withdraw: { read: false, input: ({ s }) => ({ applicationId: s.app.id, reason: '暂缓申报', requestId: rid() }) },
  review: {
    read: false,
    // the expert-review snapshot has p-reviewer-1 assigned, not yet scored (passed after scoring);
    // the stage its staff score (the rubric's) has no score sheet yet (issue 15 finding 10)
    unmet: (s) =>
      stagesOf(s.programme, s.kindId).find((x) => x.id === s.app.stageId)?.scoredBy === 'reviewer'
        ? 'APPLICATION.REVIEW_INCOMPLETE'
        : s.programme.rubric.stageId === s.app.stageId
          ? 'APPLICATION.SCORE_REQUIRED'
          : null,
    input: ({ s }) => ({
      applicationId: s.app.id,
      decision: 'pass',
      comment: '',
      fieldComments: {},
      checklist: s.checklist,
      requestId: rid(),
      expected: { status: s.app.status, stageId: s.app.stageId },
    }),
  },
  assignReviewers: {
    read: false,
    input: ({ s }) => ({
      applicationId: s.app.id,
      reviewerIds: ['p-reviewer-1'],
      requestId: rid(),
      expected: { status: s.app.status, stageId: s.app.stageId },
    }),
  },
  score: {
    read: false,
    input: ({ s }) => ({
      applicationId: s.app.id,
      items: s.programme.rubric.items.map((i) => ({ itemId: i.id, points: i.maxPoints - 3 })),
      requestId: rid(),
    }),
  },
  startPublicity: {
    read: false,
    input: ({ s }) => ({
      applicationId: s.app.id,
      startDate: chinaDateOf(s.now),
      note: '在市科协网站公示',
      requestId: rid(),
      expected: { status: s.app.status, stageId: s.app.stageId },
    }),
  },
  fileObjection: {
    read: false,
    input: ({ s }) => ({ applicationId: s.app.id, content: '群众来信反映申报材料与实际不符', requestId: rid() }),
  },
  resolveObjection: {
    read: false,
    input: ({ s }) => ({ objectionId: s.app.objectionId, resolution: '经核实，反映情况不属实', requestId: rid() }),
  },
  closePublicity: {
    read: false,
    // the publicity snapshot is its first day (closed 16 days later, after the objection is resolved)
    unmet: (s) => (s.app.status === 'publicity' ? 'APPLICATION.PUBLICITY_NOT_OVER' : null),
    input: ({ s }) => ({ applicationId: s.app.id, requestId: rid() }),
  },
  award: { read: false, input: ({ s }) => ({ applicationId: s.app.id, plaqueDate: chinaDateOf(s.now), requestId: rid() }) },
};

/**
 * The applications actions NOT in the stage suite, each with why its answer does not depend on an
 * application's stage; the hand matrix (authz.test.ts) covers each of them for every persona. Every
 * action of the api registry is either above or here (asserted): an action added later fails this
 * suite until it is classified.
 */
const stageIndependent: Record<string, string> = {
  openCalls: 'names no application: the open calls (申报通知) for the caller’s bindings, the same at every stage of any application',
  rounds: 'names no application: the rounds of a programme, a public notice',
  programmeDefinition:
    'names no application: a programme’s definition and forms (a round only pins the version), public policy for any bound person',
  imposeSanction:
    'names no application: a penalty decision against a society or host unit (city staff, the unit’s oversight), whatever stage its applications are in',
  listSanctions: 'names no application: the penalty decisions on record for the units the caller oversees',
};

type Expect = { kind: 'allow' } | { kind: 'deny' } | { kind: 'scoped'; sees: boolean };

/** The policy, from the programme definitions and the org records (see the header). */
function policy(action: string, b: RoleBinding, s: Snapshot): Expect {
  const allow: Expect = { kind: 'allow' };
  const deny: Expect = { kind: 'deny' };
  // DECISION: a provincial binding of the right shape on a unit that is not a province acts, but oversees
  // nothing (shared/rules/oversight.ts overseenUnits); it reads only its own (empty) lists
  const provincialShape =
    b.role === 'provincialStaff' &&
    b.scope.castUnitId !== null &&
    unitsNamed(b.scope).length === 1 &&
    !b.scope.societyId &&
    !b.scope.stationId &&
    !b.scope.hostUnitId;
  if (!coherent(b.role, b.scope) && !provincialShape) return deny;
  const { app, programme: p } = s;
  const kind = p.kinds.find((k) => k.id === s.kindId)!;
  const st = b.scope.stationId ? stationById.get(b.scope.stationId) : undefined;
  const applicant =
    kind.applicantRoles.includes(b.role) &&
    ((!!app.applicant.societyId && b.scope.societyId === app.applicant.societyId) ||
      (!!app.applicant.hostUnitId && (b.scope.hostUnitId === app.applicant.hostUnitId || st?.hostUnitId === app.applicant.hostUnitId)));
  const named = new Set<Role>([p.publicity!.role, p.award.role, ...p.stages.map((x) => x.role)]);
  const programmeStaff = b.role === 'countyStaff' || b.role === 'cityStaff' || (b.role === 'talentOffice' && named.has('talentOffice'));
  const staffOver = programmeStaff && staffUnits(b.role, b.scope).includes(app.castUnitId);
  // DECISION (kept): a reviewer reads the applications once assigned to them, also after their stage
  const assigned = b.role === 'reviewer' && app.reviewerIds.includes(b.personId);
  const wasAssigned = b.role === 'reviewer' && app.assignedEver.includes(b.personId);
  const draft = app.status === 'draft';
  const stage = app.stageId ? stagesOf(p, s.kindId).find((x) => x.id === app.stageId)! : null;
  const inReview = app.status === 'in_review';
  const stageRole = stage !== null && inReview && b.role === stage.role && staffOver;
  switch (action) {
    case 'get':
    case 'exportForm':
    case 'precheck':
    case 'fileUrl':
      return (draft ? applicant : applicant || staffOver || wasAssigned) ? allow : deny;
    case 'mine':
      return b.role === 'secretary' || b.role === 'hostContact' ? { kind: 'scoped', sees: applicant } : deny;
    case 'queue':
      return ['countyStaff', 'cityStaff', 'talentOffice', 'reviewer', 'provincialStaff'].includes(b.role)
        ? { kind: 'scoped', sees: !draft && (staffOver || wasAssigned) }
        : deny;
    case 'exportRound':
      return programmeStaff || b.role === 'provincialStaff' ? { kind: 'scoped', sees: !draft && staffOver } : deny;
    case 'saveDraft':
    case 'uploadAttachment':
    case 'attach':
    case 'removeAttachment':
    case 'submit':
      return applicant && (app.status === 'draft' || app.status === 'returned') ? allow : deny;
    case 'withdraw':
      return applicant && availableActions(p, s.kindId, { status: app.status as any, stageId: app.stageId }, b.role).includes('withdraw')
        ? allow
        : deny;
    case 'review':
      return stageRole ? allow : deny;
    case 'assignReviewers':
    case 'reviewerCandidates':
      return stageRole && stage!.scoredBy === 'reviewer' ? allow : deny;
    case 'score':
      return inReview && stage && p.rubric.stageId === stage.id && (stage.scoredBy === 'reviewer' ? assigned : stageRole) ? allow : deny;
    case 'startPublicity':
      return inReview && app.stageId === null && b.role === p.publicity!.role && staffOver ? allow : deny;
    case 'fileObjection':
    case 'resolveObjection':
    case 'closePublicity':
      return app.status === 'publicity' && b.role === p.publicity!.role && staffOver ? allow : deny;
    case 'award':
      return app.status === 'approved' && b.role === p.award.role && staffOver ? allow : deny;
  }
  throw new Error(`no policy for ${action}`);
}

async function fileText(w: World, data: unknown): Promise<string> {
  const bytes = await w.deps.files.read((data as { file: { fileId: string } }).file.fileId);
  const zip = await JSZip.loadAsync(bytes!);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => f.name.endsWith('.xml'))
      .map((f) => f.async('string')),
  );
  return parts.join('\n');
}

interface Cell {
  action: string;
  role: Role;
  stage: string;
  callers: number;
  spanning: number;
  problems: string[];
}

describe('generated stages: every (action × role × stage), callers with generated scopes', () => {
  const cells: Cell[] = [];
  beforeAll(async () => {
    await buildSnapshots();
  });
  afterAll(() => {
    rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('covers every cell, and each cell has a caller whose scope spans two or more counties; no cell leaks', async () => {
    const actions = Object.keys(appActions);
    // every action of the api registry is in the stage suite or excluded with a reason (never both),
    // and each exclusion is covered by the hand matrix
    const registry = Object.keys(applicationsApi);
    expect(registry.filter((a) => !(a in appActions) && !(a in stageIndependent))).toEqual([]);
    expect(Object.keys(appActions).filter((a) => !registry.includes(a) || a in stageIndependent)).toEqual([]);
    expect(Object.keys(stageIndependent).filter((a) => !registry.includes(a))).toEqual([]);
    expect(Object.keys(stageIndependent).filter((a) => !handMatrix.some((r) => r.key === `applications.${a}`))).toEqual([]);
    const stageKeys = snapshots.map((s) => s.key);
    // every stage of both programmes, each publicity state, draft and approved
    for (const p of [CAP, ST]) {
      for (const st of stagesOf(p, p === CAP ? CAP_KIND.id : ST_KIND.id)) expect(stageKeys).toContain(`${p.id}:in_review/${st.id}`);
      for (const k of ['draft', 'returned', 'awaiting-publicity', 'publicity', 'approved']) expect(stageKeys).toContain(`${p.id}:${k}`);
    }
    let calls = 0;
    /** actions with at least one caller the policy allows (an action denied everywhere would test nothing) */
    const allowedSomewhere = new Set<string>();
    for (const [si, s] of snapshots.entries()) {
      // callers: per role, one spanning two or more counties and one near the application (generated, fixed seed)
      const callers: RoleBinding[] = [];
      for (const [ri, role] of roles.entries()) {
        const seed = SEED + si * 100 + ri;
        const [span] = sample(spanningScope(role), 1, seed);
        const [near] = sample(
          fc.oneof({ weight: 2, arbitrary: ownScope(role, s) }, { weight: 1, arbitrary: shapedScope(role) }),
          1,
          seed + 50,
        );
        const person = (k: number) => (role === 'reviewer' ? (k === 0 ? 'p-reviewer-1' : 'p-reviewer-2') : `p-gen-${role}-${k}`);
        callers.push(binding(si * 1000 + ri * 10, role, span!, person(1)), binding(si * 1000 + ri * 10 + 1, role, near!, person(0)));
      }
      const live = join(tmpRoot, `live-${si}`);
      cpSync(s.dir, live, { recursive: true });
      const w = open(live, s.now);
      for (const b of callers) await w.deps.store.identity.seedBinding(b);
      // resolveObjection: an open objection of this application at every stage, so its cells test the
      // stage rule, not a missing objection. fileObjection refuses outside publicity (its own cells), so
      // outside publicity one is planted in the store, as an old record or a race would leave it.
      if (!s.app.objectionId) {
        const planted = {
          id: `ob-gen-${si}`,
          applicationId: s.app.id,
          filedBy: 'p-city-staff',
          filedAt: s.now,
          content: '群众来信反映申报材料与实际不符',
          status: 'open' as const,
          resolution: null,
          resolvedBy: null,
          resolvedAt: null,
        };
        await w.deps.store.once(`plant-${planted.id}`, s.now, (tx) => w.deps.store.applications.tx(tx).insertObjection(planted));
        s.app.objectionId = planted.id;
      }
      try {
        for (const action of actions) {
          for (const role of roles) {
            const cell: Cell = { action, role, stage: s.key, callers: 0, spanning: 0, problems: [] };
            for (const b of callers.filter((x) => x.role === role)) {
              cell.callers++;
              if (countiesTouched(b.scope).size >= 2) cell.spanning++;
              const expected = policy(action, b, s);
              if (expected.kind === 'allow' || (expected.kind === 'scoped' && expected.sees)) allowedSomewhere.add(action);
              const spec = appActions[action]!;
              const who = { openid: b.openid };
              const tag = `${JSON.stringify(b.scope)}${b.role === 'reviewer' ? ` ${b.personId}` : ''}`;
              calls++;
              if (expected.kind !== 'deny' && !spec.read) {
                // an allowed write runs on a copy of the stage, so the next cell sees the stage unchanged
                const copyDir = join(tmpRoot, `copy-${si}-${calls}`);
                checkpoint(w);
                cpSync(live, copyDir, { recursive: true });
                const c = open(copyDir, s.now);
                try {
                  const r = await c.call('applications', action, spec.input({ s }), who);
                  // allowed means done: the input is valid for the stage, so any refusal is a problem
                  if (!r.ok && r.error!.code !== spec.unmet?.(s))
                    cell.problems.push(`${tag}: expected allowed, got ${r.error!.code} ${r.error!.message}`);
                } finally {
                  await c.close();
                  rmSync(copyDir, { recursive: true, force: true });
                }
                continue;
              }
              const before = w.deps.changes();
              const r = await w.call('applications', action, spec.input({ s }), who);
              const wrote = w.deps.changes() !== before;
              if (expected.kind === 'deny') {
                if (r.ok) cell.problems.push(`${tag}: LEAK — expected refusal, got ok`);
                if (wrote) cell.problems.push(`${tag}: refused but wrote`);
                continue;
              }
              if (!r.ok) {
                cell.problems.push(`${tag}: expected ok, got ${r.error?.code} ${r.error?.message}`);
                continue;
              }
              if (wrote) cell.problems.push(`${tag}: a read wrote`);
              if (expected.kind === 'scoped') {
                const sees =
                  action === 'queue' || action === 'mine'
                    ? (r.data as { id: string }[]).some((x) => x.id === s.app.id)
                    : (await fileText(w, r.data)).includes(s.app.id);
                if (sees !== expected.sees) cell.problems.push(`${tag}: ${expected.sees ? 'missing' : 'LEAK — sees'} the application`);
              }
            }
            cells.push(cell);
          }
        }
      } finally {
        await w.close();
      }
    }
    // coverage, asserted: the covered cells are the full product, each with a spanning caller
    const full = new Set(actions.flatMap((a) => roles.flatMap((r) => snapshots.map((s) => `${a}|${r}|${s.key}`))));
    const covered = new Set(cells.filter((c) => c.callers >= 2).map((c) => `${c.action}|${c.role}|${c.stage}`));
    expect([...full].filter((k) => !covered.has(k))).toEqual([]);
    expect(covered.size).toBe(full.size);
    expect(cells.filter((c) => c.spanning < 1).map((c) => `${c.action}|${c.role}|${c.stage}`)).toEqual([]);
    expect(actions.filter((a) => !allowedSomewhere.has(a))).toEqual([]);
    const problems = cells.flatMap((c) => c.problems.map((p) => `${c.action} × ${c.role} @ ${c.stage}: ${p}`));
    const line = `generated authorization matrix: ${covered.size} cells (${actions.length} actions × ${roles.length} roles × ${snapshots.length} stages), ${calls} calls, every cell with a scope spanning two or more counties, ${problems.length} problems; stage-independent, in the hand matrix only: ${Object.keys(stageIndependent).join(', ')}`;
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test-artifacts', 'authz-generated.json'), `${JSON.stringify({ summary: line, problems, cells }, null, 1)}\n`);
    process.stdout.write(`\n${line}\n`);
    expect(problems).toEqual([]);
  });
});
