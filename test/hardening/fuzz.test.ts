import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { seedApplicationRounds } from '../../local/demo/applications';
import { apis } from '../../shared/api';
import { isErrorCode } from '../../shared/errors';
import type { RoleBinding } from '../../shared/schemas/org';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Hostile input, N runs per action (FUZZ_RUNS, default 1000): wrong types, huge strings, deep
 * nesting, prototype-pollution keys, unicode edge cases, dates at the edges, numbers as strings,
 * NaN/Infinity, negative counts. Every answer must be a well-formed error other than INTERNAL (or a
 * legitimate result), and a refused call must change nothing (SQLite's total_changes() is the witness;
 * a full snapshot is compared too, every 50th refused call).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const FUZZ_OPENID = 'o-fuzz-all-roles';

const hugeString = fc.constantFrom('a'.repeat(100_000), '汉'.repeat(50_000), '\u0000'.repeat(1000));
const unicodeEdge = fc.constantFrom(
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200B\u200D',
  '👩‍👩‍👧‍👦',
  'ｓｔ-ａｇｒｉ',
  'é',
  '\uFEFF',
  'Ω≈ç√',
  '😀'.repeat(300),
  '\n\r\t',
  "'; DROP TABLE c_records; --",
);
const dateEdge = fc.constantFrom(
  '0000-00-00',
  '9999-12-31',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '1970-01-01',
  '2026-11-22T00:00:00Z',
  '2026-11-22 ',
  '',
  '2100-01-01',
);
const numberEdge = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  -0,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  45.5,
  '50',
  '1e3',
  ' 10 ',
);
const deep = fc.integer({ min: 50, max: 3000 }).map((n) => {
  let o: unknown = { leaf: true };
  for (let i = 0; i < n; i++) o = { nested: o, list: [o] };
  return o;
});
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"isAdmin": true, "role": "cityStaff"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": null, "toString": "x", "hasOwnProperty": 1}'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true, maxDepth: 4 }),
  hugeString,
  unicodeEdge,
  dateEdge,
  numberEdge,
  deep,
  pollution,
  fc.constant(undefined),
  fc.constant(null),
);

/** Keys the action's schema expects (so the hostile values land on real fields), plus junk keys. */
const keysOf = (schema: unknown): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};
const hostileData = (keys: string[]) =>
  fc.oneof(
    hostileValue,
    fc
      .array(
        fc.tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'openid', '_openid', 'userInfo', 'role', 'extra'), hostileValue),
        { maxLength: 8 },
      )
      .map((pairs) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
        return o;
      }),
  );

let h: Harness;
const summary: Record<string, { runs: number; ok: number; refused: Record<string, number> }> = {};

beforeAll(async () => {
  h = await makeDeps({ seeders: [seedApplicationRounds] });
  // One caller holding every role (as p-exp-agri-1, a real team member), so that hostile input gets
  // past the role check and reaches validation and the handlers themselves.
  const scopes: Array<Pick<RoleBinding, 'role' | 'scope'>> = [
    { role: 'expert', scope: { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null } },
    { role: 'hostContact', scope: { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null } },
    { role: 'secretary', scope: { societyId: 'soc-agri', stationId: null, hostUnitId: null, castUnitId: null } },
    { role: 'countyStaff', scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-heshan' } },
    { role: 'cityStaff', scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-yiyang' } },
    { role: 'talentOffice', scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-yiyang' } },
    { role: 'reviewer', scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: null } },
  ];
  for (const [i, b] of scopes.entries()) {
    await h.deps.store.identity.seedBinding({
      id: `bd-fuzz-${i}`,
      openid: FUZZ_OPENID,
      personId: 'p-exp-agri-1',
      ...b,
      createdAt: 0,
      createdBy: 'p-city-staff',
      revokedAt: null,
      revokedBy: null,
    });
  }
});
afterAll(async () => {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/fuzz-summary.json', JSON.stringify(summary, null, 2));
  const lines = Object.entries(summary).map(([a, s]) => `${a.padEnd(36)} runs ${s.runs}  ok ${s.ok}  refused ${JSON.stringify(s.refused)}`);
  console.log(`fuzz: ${RUNS} runs per action, ${Object.keys(summary).length} actions\n${lines.join('\n')}`);
  await h.close();
});

const cases = Object.entries(apis).flatMap(([fn, api]) => Object.entries(api).map(([action, c]) => [fn, action, keysOf(c.input)] as const));

describe.each(cases)('%s.%s under hostile input', (fn, action, keys) => {
  it(`answers ${RUNS} hostile inputs with a well-formed envelope, never INTERNAL, and a refusal changes nothing`, async () => {
    const stat = { runs: 0, ok: 0, refused: {} as Record<string, number> };
    summary[`${fn}.${action}`] = stat;
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(hostileData(keys), async (data) => {
        const changesBefore = h.deps.changes();
        const full = refusedCount % 50 === 0 ? h.snapshot() : null;
        const answer = await h.call(fn, action, data, { openid: FUZZ_OPENID });
        stat.runs++;
        if (answer.ok) {
          stat.ok++;
          return;
        }
        refusedCount++;
        const e = answer.error!;
        stat.refused[e.code] = (stat.refused[e.code] ?? 0) + 1;
        expect(e.code).not.toBe('INTERNAL');
        expect(isErrorCode(e.code)).toBe(true);
        expect(e.message).toMatch(/\p{Script=Han}/u);
        if (e.issues) for (const i of e.issues) expect(i).toEqual({ path: expect.any(String), message: expect.any(String) });
        expect(h.deps.changes()).toBe(changesBefore);
        if (full) expect(h.snapshot()).toEqual(full);
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
    expect(stat.runs).toBe(RUNS);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);
});

/**
 * The same invariants one level deeper: start from a VALID input of the main write actions and
 * replace one field (or add one stray key) with a hostile value, so the input passes the envelope and
 * reaches the handler's own rules. RUNS/4 runs per action.
 */
let n = 0;
const fresh = () => `fz${(n++).toString(36).padStart(8, '0')}`;
const validBases: Array<[string, string, () => Record<string, unknown>]> = [
  ['stations', 'logServiceDay', () => ({ requestId: fresh(), stationId: 'st-agri-heshan', date: '2026-11-18', note: '现场指导' })],
  [
    'stations',
    'logTraining',
    () => ({
      requestId: fresh(),
      stationId: 'st-agri-heshan',
      date: '2026-11-18',
      topic: '水稻栽培',
      place: '农技站',
      trainees: 60,
      note: '',
    }),
  ],
  [
    'stations',
    'logProblem',
    () => ({
      requestId: fresh(),
      stationId: 'st-agri-heshan',
      date: '2026-11-18',
      enterprise: '某公司',
      problem: '病虫害',
      outcome: '已解决',
    }),
  ],
  [
    'identity',
    'createInvite',
    () => ({
      role: 'expert',
      newPerson: { name: '新专家' },
      scope: { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null },
    }),
  ],
  [
    'applications',
    'saveDraft',
    () => ({
      programmeId: 'wuhan-award',
      kindId: 'award',
      roundId: 'round-wuhan-award-2026',
      values: {},
      baseVersion: 0,
      requestId: fresh(),
    }),
  ],
  [
    'applications',
    'imposeSanction',
    () => ({
      subject: { type: 'society', id: 'soc-agri' },
      programmeId: 'wuhan-award',
      penaltyId: 'fraud',
      imposedOn: '2026-11-01',
      reason: '弄虚作假',
      requestId: fresh(),
    }),
  ],
  ['reports', 'dashboard', () => ({})],
  [
    'org',
    'saveHostUnit',
    () => ({
      requestId: fresh(),
      hostUnit: { name: `测试企业${fresh()}科协`, kind: 'enterprise_cast', location: { lat: 28.5, lng: 112.3, radiusM: 500 } },
    }),
  ],
  [
    'org',
    'setTeam',
    () => ({ requestId: fresh(), stationId: 'st-agri-heshan', experts: [{ personId: 'p-exp-agri-1', from: '2025-12-26' }] }),
  ],
];

describe.each(validBases)('%s.%s: one field of a valid input made hostile', (fn, action, base) => {
  it('keeps the envelope well-formed, never INTERNAL, and a refusal changes nothing', async () => {
    // the untouched base is accepted, so the mutations below reach the handler's own rules
    const pristine = await h.call(fn, action, base(), { openid: FUZZ_OPENID });
    expect(pristine.error).toBeUndefined();
    const keys = Object.keys(base());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), hostileValue, async (key, value) => {
        const data = base();
        Object.defineProperty(data, key, { value, enumerable: true, configurable: true, writable: true });
        const changesBefore = h.deps.changes();
        const answer = await h.call(fn, action, data, { openid: FUZZ_OPENID });
        if (answer.ok) return;
        const e = answer.error!;
        expect(e.code).not.toBe('INTERNAL');
        expect(isErrorCode(e.code)).toBe(true);
        expect(e.message).toMatch(/\p{Script=Han}/u);
        expect(h.deps.changes()).toBe(changesBefore);
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 4)), seed: 20261123 },
    );
  }, 600_000);
});
