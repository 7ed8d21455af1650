import JSZip from 'jszip';
import { z } from 'zod';
import { seedApplicationRounds } from '../../local/demo/applications';
import { demoCastUnits, demoHostUnits, demoPersons, demoSocieties, demoStations } from '../../local/demo/org';
import {
  CITY_B,
  COUNTY_B,
  PROVINCE,
  secondCityHostUnits,
  secondCityPersons,
  secondCitySocieties,
  secondCityStations,
  seedSecondCity,
} from '../../local/demo/second-city';
import { apis } from '../../shared/api';
import { orgApi } from '../../shared/api/org';
import { programmes } from '../../shared/programmes';
import { allKinds, draftReady, ok, rid, seedTestUnits, TEST_UNITS } from '../handlers/applications-support';
import { tinyPng } from '../handlers/stations-support';
import { siblingCheck } from '../support/award-checks';
import { type Harness, makeDeps } from '../support/handlers';
import { WRITES_WITHOUT_REQUEST_ID } from '../support/write-actions';

/**
 * City isolation (issue 13, item 5; acceptance: "a second city's staff see none of the first city's
 * data, tested through every read action"). One SQLite database holds the demo's first city (益阳) with
 * an application, a logged day with its photo, a round and an assessment, and the second demo city (岳阳,
 * local/demo/second-city.ts) with the same shapes. EVERY read action of the api registry (shared/api:
 * an action whose input has no request id, as in the redaction suite — a new read action joins by
 * itself, and one whose id inputs have no sample here fails) is called by each of the second city's
 * people — city staff, county staff, secretary, expert, host contact, reviewer — with the first city's
 * ids, with no ids, and with their own city's ids; no answer (nor any file it exports) may name a first-
 * city id or name. Then every org write by the second city's staff on the first city's records is
 * refused and writes nothing, and the provincial reader reads both cities and writes nothing.
 */

const B = {
  cityStaff: 'p-yy-city-staff',
  countyStaff: 'p-yy-county-staff',
  secretary: 'p-yy-sec',
  expert: 'p-yy-exp-1',
  host: 'p-yy-host',
  reviewer: 'p-yy-reviewer',
} as const;
type BPersona = keyof typeof B;

let h: Harness;
/** Samples of the first city's ids, by input key, and the second city's own. */
const A: Record<string, unknown[]> = {};
const OWN: Record<string, unknown[]> = {};
/** Every first-city id and name that must not appear in a second-city answer. */
let tokens: { text: string; re: RegExp }[] = [];

const PROGRAMME = 'yiyang-station-2023';
const [, capProgramme, capKind] = allKinds.find(([, p]) => p.id === 'yiyang-capacity-2018')!;

beforeAll(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00', seeders: [seedApplicationRounds, seedTestUnits, seedSecondCity] });
  // first city: a logged day with an evidence photo, an application with a material, an assessment
  const logged = ok(
    await h.call(
      'stations',
      'logServiceDay',
      { requestId: rid(), stationId: 'st-agri-heshan', date: '2026-11-19', note: '' },
      'p-exp-agri-1',
    ),
  );
  const photo = ok(
    await h.call(
      'stations',
      'uploadEvidence',
      { requestId: rid(), stationId: 'st-agri-heshan', name: '现场.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
      'p-exp-agri-1',
    ),
  ).fileId as string;
  const { applicationId } = await draftReady(h, capProgramme, capKind, 0);
  const app = (await h.deps.store.applications.get(applicationId))!;
  ok(await h.call('applications', 'submit', { applicationId, requestId: rid() }, TEST_UNITS[0]!.secretary));
  ok(await h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: 1, stationIds: ['st-tea-taojiang'] }, 'p-city-staff'));
  const assessmentId = ok(await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff')).items[0].id as string;
  const roundsA = (await h.deps.store.applications.rounds()).filter((r) => r.castUnitId === 'cast-yiyang').map((r) => r.id);
  // a bulk invite of each city (identity.exportInvites reads them back by request id)
  const bulkA = rid();
  await h.call('identity', 'createInvites', { requestId: bulkA, personIds: ['p-newcomer'] }, 'p-city-staff');
  // an award of each city (issue 14): imported, its award file opened once by its city staff
  const importAwardOf = async (societyId: string, staff: string) => {
    const imported = ok(
      await h.call(
        'org',
        'importAward',
        {
          requestId: rid(),
          award: {
            programmeId: capProgramme.id,
            kindId: capKind.id,
            societyId,
            stage: 1,
            awardedOn: '2026-06-01',
            title: '学会能力提升项目',
            source: '测试导入',
          },
        },
        staff,
      ),
    );
    return ok(await h.call('awards', 'get', { applicationId: imported.id }, staff)) as { id: string; applicationId: string };
  };
  const awardA = await importAwardOf('soc-agri', 'p-city-staff');
  Object.assign(A, {
    stationId: ['st-agri-heshan', 'st-tea-taojiang'],
    awardId: [awardA.id],
    // a check of the first city's unit (issue 14: awards.getCheck, exportAcceptanceReport)
    checkId: [await siblingCheck(h, awardA.id, 'p-city-staff')],
    // the money view names its award or station as a subject (awards.moneyView)
    subject: [
      { type: 'award', id: awardA.id },
      { type: 'station', id: 'st-agri-heshan' },
    ],
    recordId: [logged.record.id],
    fileId: [photo, app.attachments[0]!.file.fileId],
    applicationId: [applicationId],
    roundId: roundsA,
    subjectId: ['soc-agri'],
    castUnitId: ['cast-yiyang', 'cast-heshan'],
    assessmentId: [assessmentId],
    programmeId: [PROGRAMME, capProgramme.id],
    requestIds: [[bulkA]],
    // a stage of the shared definition (not a city's record): the queue filter
    stageId: [capProgramme.stages[0]!.id],
  });

  // second city: its own logged day and photo, its own round
  const loggedB = ok(
    await h.call(
      'stations',
      'logServiceDay',
      { requestId: rid(), stationId: 'st-yy-agri-pingjiang', date: '2026-11-19', note: '' },
      B.expert,
    ),
  );
  const photoB = ok(
    await h.call(
      'stations',
      'uploadEvidence',
      { requestId: rid(), stationId: 'st-yy-agri-pingjiang', name: '现场.png', mime: 'image/png', dataBase64: tinyPng.toString('base64') },
      B.expert,
    ),
  ).fileId as string;
  const bulkB = rid();
  await h.call('identity', 'createInvites', { requestId: bulkB, personIds: ['p-yy-exp-2'] }, B.cityStaff);
  const awardB = await importAwardOf('soc-yy-agri', B.cityStaff);
  Object.assign(OWN, {
    awardId: [awardB.id],
    checkId: [await siblingCheck(h, awardB.id, B.cityStaff)],
    subject: [
      { type: 'award', id: awardB.id },
      { type: 'station', id: 'st-yy-agri-pingjiang' },
    ],
    requestIds: [[bulkB]],
    stationId: ['st-yy-agri-pingjiang'],
    recordId: [loggedB.record.id],
    fileId: [photoB],
    roundId: (await h.deps.store.applications.rounds()).filter((r) => r.castUnitId === CITY_B).map((r) => r.id),
    subjectId: ['soc-yy-agri'],
    castUnitId: [CITY_B, COUNTY_B],
    programmeId: [PROGRAMME],
    stageId: [capProgramme.stages[0]!.id],
  });

  // the tokens: every first-city id and name (test units included) — except text the shared programme
  // definitions carry themselves (a programme's title or issuer names its city; definitions are shared)
  const definitions = JSON.stringify(programmes);
  const ids = [
    ...demoCastUnits.map((u) => u.id),
    ...demoSocieties.map((s) => s.id),
    ...demoHostUnits.map((x) => x.id),
    ...demoStations.map((s) => s.id),
    ...demoPersons.map((p) => p.id),
    ...TEST_UNITS.flatMap((u) => [u.societyId, u.hostUnitId, u.secretary, u.hostContact]),
    ...roundsA,
    applicationId,
    logged.record.id,
    photo,
    app.attachments[0]!.file.fileId,
    assessmentId,
    awardA.id,
    awardA.applicationId,
  ];
  const units = [...(await h.deps.store.org.societies()), ...(await h.deps.store.org.hostUnits())].filter((u) =>
    ['cast-yiyang', 'cast-heshan', 'cast-taojiang'].includes(u.castUnitId),
  );
  const names = [
    ...demoCastUnits.map((u) => u.name),
    ...units.map((u) => u.name),
    ...demoStations.map((s) => s.name),
    ...(await h.deps.store.org.persons()).filter((p) => ids.includes(p.id)).map((p) => p.name),
  ].filter((n) => !definitions.includes(n));
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // an id is a whole token (the second city's round id extends the first city's: round-…-2026-cast-yueyang)
  tokens = [
    ...[...new Set(ids)].map((id) => ({ text: id, re: new RegExp(`(^|[^\\w-])${esc(id)}(?![\\w-])`) })),
    ...[...new Set(names)].map((n) => ({ text: n, re: new RegExp(esc(n)) })),
  ];
  // the seed really holds the same shapes in both cities
  expect(secondCityStations[0]!.programmeId).toBe(demoStations[0]!.programmeId);
  expect(secondCitySocieties).toHaveLength(1);
  expect(secondCityHostUnits).toHaveLength(1);
  expect(secondCityPersons.length).toBeGreaterThan(5);
});
afterAll(() => h?.close());

/** The text of every exported file an answer names (zip parts unzipped). */
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

interface ReadAction {
  fn: string;
  action: string;
  keys: string[];
  required: string[];
  enums: Record<string, string[]>;
}
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
      const shape: Record<string, z.ZodType> = c.input instanceof z.ZodObject ? c.input.shape : {};
      const keys = Object.keys(shape);
      if (keys.includes('requestId') || WRITES_WITHOUT_REQUEST_ID.includes(`${fn}.${action}`)) continue;
      const enums: Record<string, string[]> = {};
      for (const k of keys) {
        const options = enumOptions(shape[k]);
        if (options) enums[k] = options;
      }
      const required = keys.filter((k) => !shape[k]!.safeParse(undefined).success);
      out.push({ fn, action, keys, required, enums });
    }
  }
  return out;
}

/** Inputs that name no unit but are required (a year, a page size): the same for every city. */
const plain: Record<string, unknown> = { yearIndex: 1, fromYear: 2026, toYear: 2027, year: 2026 };
/** an id input — or a subject ({ type, id }: an award or a station) that names one */
const isIdKey = (k: string) => /Ids?$/.test(k) || k === 'subject';

/** The inputs of one read action: each first-city id sample, no ids at all, each own-city sample; every enum option once. */
function inputsFor(read: ReadAction, samples: Record<string, unknown[]>): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  for (const k of read.keys) if (k in plain) base[k] = plain[k];
  for (const k of read.required) if (read.enums[k]) base[k] = read.enums[k]![0];
  const idKeys = read.keys.filter(isIdKey);
  const out: Record<string, unknown>[] = [];
  for (const k of idKeys) for (const v of samples[k] ?? []) out.push({ ...base, [k]: v });
  if (idKeys.length === 0 || idKeys.every((k) => !read.required.includes(k))) out.push({ ...base });
  const first = out[0] ?? base;
  for (const [k, options] of Object.entries(read.enums)) for (const o of options) out.push({ ...first, [k]: o });
  return out;
}

describe('city isolation: the second city reads nothing of the first', () => {
  it('every read action has a sample of the first city for each id it takes (a new action or input needs one here)', () => {
    const missing = readActions().flatMap((r) => r.keys.filter((k) => isIdKey(k) && !(k in A)).map((k) => `${r.fn}.${r.action}: ${k}`));
    expect(missing).toEqual([]);
    for (const name of WRITES_WITHOUT_REQUEST_ID) {
      const [fn, action] = name.split('.') as [keyof typeof apis, string];
      expect(action in apis[fn]).toBe(true);
    }
  });

  it('no read action, called by any of the second city’s people with the first city’s ids or none, names a first-city id or name', async () => {
    const actions = readActions();
    const leaks: string[] = [];
    const answered = new Set<string>();
    let calls = 0;
    let files = 0;
    for (const read of actions) {
      const name = `${read.fn}.${read.action}`;
      for (const [persona, personId] of Object.entries(B) as [BPersona, string][]) {
        for (const [label, samples] of [
          ['A', A],
          ['own', OWN],
        ] as const) {
          for (const input of inputsFor(read, samples)) {
            calls++;
            const r = await h.call(read.fn, read.action, input, personId);
            if (r.ok) answered.add(name);
            const exported = r.ok ? await exportedText(r.data) : '';
            if (exported) files++;
            const text = `${JSON.stringify(r)}\n${exported}`;
            for (const t of tokens) {
              if (t.re.test(text)) leaks.push(`${name} as ${persona} (${label} ${JSON.stringify(input)}): ${t.text}`);
            }
          }
        }
      }
    }
    console.log(
      `city isolation: ${actions.length} read actions × ${Object.keys(B).length} people, ${calls} calls, ${files} exported files, ${tokens.length} first-city tokens`,
    );
    expect(leaks).toEqual([]);
    expect(actions.length).toBeGreaterThanOrEqual(30);
    // real answers were searched: every read action answered one of the second city's people, except those
    // that read one application, its material, a post-award file or one assessment (the second city has none in
    // the seed; the first city's are refused)
    const needsOwnRecord = actions
      .filter(
        (a) =>
          a.required.some((k) => k === 'applicationId' || k === 'assessmentId') ||
          (a.action === 'fileUrl' && (a.fn === 'applications' || a.fn === 'awards')),
      )
      .map((a) => `${a.fn}.${a.action}`);
    expect(actions.map((a) => `${a.fn}.${a.action}`).filter((a) => !answered.has(a) && !needsOwnRecord.includes(a))).toEqual([]);
    expect(files).toBeGreaterThan(0);
  });
});

describe('city isolation: the second city writes nothing of the first', () => {
  /** One write per org action with a request id, aimed at the first city (a new org write needs one here). */
  const samples: Record<string, () => Record<string, unknown>> = {
    saveCastUnit: () => ({ castUnit: { id: 'cast-heshan', name: '赫山区科协（改）' } }),
    saveSociety: () => ({ society: { id: 'soc-agri', name: '益阳市农学会（改）', level: 'city' } }),
    saveHostUnit: () => ({ hostUnit: { id: 'hu-heshan', name: '赫山区科协（改）', kind: 'city_county_cast' } }),
    saveStation: () => ({
      station: {
        id: 'st-agri-heshan',
        name: '益阳市农学会赫山服务站（改）',
        programmeId: PROGRAMME,
        level: 'city',
        societyId: 'soc-agri',
        hostUnitId: 'hu-heshan',
        industryField: '现代农业',
        plaqueDate: '2025-12-26',
        termYears: 2,
      },
    }),
    setTeam: () => ({ stationId: 'st-agri-heshan', experts: [{ personId: 'p-yy-exp-1' }] }),
    savePerson: () => ({ person: { id: 'p-exp-agri-1', name: '王建国（改）' } }),
    // a round of a programme the second city has not enabled; its own round never touches the first city's
    saveRound: () => ({ round: { programmeId: capProgramme.id, year: 2026, opensOn: '2026-11-01', closesOn: '2026-12-31', limits: {} } }),
    deactivate: () => ({ entity: 'society', id: 'soc-agri', reason: '测试' }),
    setProgrammeEnabled: () => ({ programmeId: 'wuhan-award', enabled: true, castUnitId: 'cast-yiyang' }),
    savePriorResult: () => ({ stationId: 'st-agri-heshan', result: { yearIndex: 1, outcome: 'pass', source: '纸质考核表' } }),
    importAward: () => ({ award: { societyId: 'soc-agri', programmeId: 'pingdingshan-five-star', year: 2025, stage: 2 } }),
    importWorkbook: () => ({ fileId: 'local://imports/p-city-staff/org.xlsx', mode: 'preview' }),
  };
  /** Org writes that hold no city's data (DECISION, stated in the authorization matrix). */
  const notCityData: Record<string, string> = {
    saveHolidays: 'one national holiday calendar per environment',
    installProgramme: 'programme definitions are shared by every city',
  };

  it('every org write has a sample (or a stated reason it holds no city’s data)', () => {
    const writes = Object.entries(orgApi)
      .filter(([, c]) => c.input instanceof z.ZodObject && 'requestId' in c.input.shape)
      .map(([a]) => a);
    expect(writes.filter((a) => !(a in samples) && !(a in notCityData))).toEqual([]);
  });

  it.each(Object.keys(samples))(
    'org.%s by the second city’s city and county staff on the first city: refused, nothing written',
    async (action) => {
      if (!(action in orgApi)) return; // an action not (yet) in this checkout's registry
      for (const who of [B.cityStaff, B.countyStaff]) {
        const before = JSON.stringify(await h.snapshot());
        const r = await h.call('org', action, { requestId: rid(), ...samples[action]!() }, who);
        expect([action, who, r.ok]).toEqual([action, who, false]);
        expect(JSON.stringify(await h.snapshot())).toBe(before);
      }
    },
  );

  it('a round the second city opens is its own: the first city’s round of the same programme and year is untouched', async () => {
    const roundA = (await h.deps.store.applications.rounds(PROGRAMME)).find((r) => r.castUnitId === 'cast-yiyang')!;
    const saved = ok(
      await h.call(
        'org',
        'saveRound',
        { requestId: rid(), round: { programmeId: PROGRAMME, year: 2027, opensOn: '2027-03-01', closesOn: '2027-04-30' } },
        B.cityStaff,
      ),
    );
    expect((await h.deps.store.applications.round(saved.id))?.castUnitId).toBe(CITY_B);
    expect(await h.deps.store.applications.round(roundA.id)).toEqual(roundA);
  });
});

describe('the provincial reader (省科协): reads every city of the province, writes nothing', () => {
  const PROV = 'p-province-staff';
  it('the dashboard, the register and an application of either city', async () => {
    const dash = JSON.stringify(ok(await h.call('reports', 'dashboard', {}, PROV)));
    expect(dash).toContain('st-agri-heshan');
    expect(dash).toContain('st-yy-agri-pingjiang');
    const stations = ok(await h.call('org', 'listUnits', { kind: 'station' }, PROV)).items.map((s: { id: string }) => s.id);
    expect(stations).toEqual(expect.arrayContaining(['st-agri-heshan', 'st-tea-taojiang', 'st-yy-agri-pingjiang']));
    expect(ok(await h.call('applications', 'get', { applicationId: A.applicationId![0] }, PROV)).id).toBe(A.applicationId![0]);
    const cities = ok(await h.call('org', 'cityProgrammes', {}, PROV)).cities.map((c: { castUnitId: string }) => c.castUnitId);
    expect(cities.sort()).toEqual(['cast-yiyang', CITY_B].sort());
    expect(PROVINCE).toBe('cast-hunan');
  });
  it('every write is refused', async () => {
    const before = JSON.stringify(await h.snapshot());
    const writes: [string, string, Record<string, unknown>][] = [
      ['org', 'saveSociety', { requestId: rid(), society: { name: '省级测试学会', level: 'provincial', castUnitId: 'cast-heshan' } }],
      [
        'org',
        'saveRound',
        { requestId: rid(), round: { programmeId: PROGRAMME, year: 2028, opensOn: '2028-03-01', closesOn: '2028-04-30' } },
      ],
      ['org', 'setProgrammeEnabled', { requestId: rid(), programmeId: 'wuhan-award', enabled: true, castUnitId: CITY_B }],
      ['stations', 'correctEntry', { requestId: rid(), recordId: A.recordId![0], patch: {}, reason: '测试' }],
      ['reports', 'runAssessment', { requestId: rid(), yearIndex: 1, stationIds: ['st-agri-heshan'] }],
      [
        'applications',
        'review',
        {
          requestId: rid(),
          applicationId: A.applicationId![0],
          decision: 'pass',
          comment: '',
          fieldComments: {},
          checklist: [],
          expected: { status: 'submitted', stageId: null },
        },
      ],
      ['identity', 'createInvite', { role: 'reviewer', scope: { castUnitId: CITY_B } }],
    ];
    for (const [fn, action, data] of writes)
      expect([fn, action, (await h.call(fn, action, data, PROV)).error?.code]).toEqual([fn, action, 'AUTH.FORBIDDEN']);
    expect(JSON.stringify(await h.snapshot())).toBe(before);
  });
});
