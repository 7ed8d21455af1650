import { rmSync } from 'node:fs';
import { demoBindings } from '../../local/demo/org';
import { entryFieldsSchema, logActionOf, stationsApi } from '../../shared/api/stations';
import { type RecordKind, type RecordStatus, recordKindSchema, recordStatusSchema, type StationRecord } from '../../shared/schemas/records';
import { agreement, day, research, simple, training, workingDaysFrom, write } from '../handlers/reports-fixtures';
import { tinyPng } from '../handlers/stations-support';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * The frozen-period suite (issue 11 finding 4): a record whose period is closed (past its backfill
 * deadline) is frozen — only staff correction (`correctEntry`: owning CAST staff, a reason, audited)
 * may change it. Every action of the stations function is classified from shared/api/stations.ts, so
 * an action added later fails the classification test until it joins a class:
 * - CHANGES: actions that change an existing record. Each runs on every record kind it applies to
 *   (a cell), on a record of a closed period in every status: refused with STATION.PERIOD_CLOSED and
 *   the database unchanged. The same call on a record of an open period succeeds (the control), so
 *   the refusal is the period's, not something else's.
 * - CREATES: the log actions (logActionOf) create new records; the logging window (dateRefusal)
 *   covers them: a date in a closed period is refused with STATION.OUTSIDE_BACKFILL_WINDOW.
 * - NO_RECORD: uploadEvidence stores a photo, no record (it becomes evidence only through a
 *   CHANGES or CREATES action, which the period rules then cover).
 * - STAFF_CORRECTION: correctEntry succeeds on every kind of frozen record, with the reason audited.
 * - READS: write nothing.
 *
 * st-agri-heshan: plaque 2025-12-26, year 1 = 2025-12-26 … 2026-12-25, backfill 10 days → year 1
 * (all its quarters) closed from 2027-01-05. The clock is moved to 2027-01-10 (year 2, Q1 open).
 */

const AGRI = 'st-agri-heshan';
const EXPERT = 'p-exp-agri-1';
const TEAMMATE = 'p-exp-agri-2';
const SEC = 'p-sec-agri';
const HOST = 'p-host-heshan';
const STAFF = 'p-heshan-staff';
const NOW = Date.parse('2027-01-10T10:00:00+08:00');
const TODAY = '2027-01-10';
/** a result dated in the open year 2: only the study's own (closed) period freezes it */
const OPEN_RESULT_DATE = '2027-01-08';

type Input = Record<string, unknown>;
type Answer = Awaited<ReturnType<Harness['call']>>;

const READS = ['myStations', 'listEntries', 'getEntry', 'entryHistory', 'myProgress', 'fileUrl'] as const;
const CREATES = Object.values(logActionOf);
const NO_RECORD = ['uploadEvidence'] as const;
const STAFF_CORRECTION = 'correctEntry';

const kinds = recordKindSchema.options as readonly RecordKind[];
const statuses = recordStatusSchema.options as readonly RecordStatus[];
const authorOf = (kind: RecordKind) => (kind === 'agreement' ? SEC : EXPERT);

/** The editable fields of a record (the edit form's full set, as editEntry takes them). */
function entryOf(r: StationRecord, over: Input = {}): Input {
  const variant = entryFieldsSchema.options.find((o) => o.shape.kind.value === r.kind)!;
  const rec: Record<string, unknown> = { ...r };
  return { ...Object.fromEntries(Object.keys(variant.shape).map((k) => [k, rec[k]])), ...over };
}

interface ChangeSpec {
  action: string;
  /** the cell's name when one action has several decisions */
  variant: string;
  applies: (kind: RecordKind) => boolean;
  /** who would be allowed to make the change were the period open */
  who: (r: StationRecord) => string;
  input: (r: StationRecord) => Input;
  /** the status of the open-period control record (default pending) */
  controlStatus?: StationRecord['status'];
}

const CHANGES: ChangeSpec[] = [
  {
    action: 'editEntry',
    variant: 'edit',
    applies: () => true,
    who: (r) => r.authorId,
    input: (r) => ({ recordId: r.id, entry: entryOf(r, { note: '考核期结束后改写' }) }),
  },
  {
    action: 'withdrawEntry',
    variant: 'withdraw',
    applies: () => true,
    who: (r) => r.authorId,
    input: (r) => ({ recordId: r.id, reason: '登记有误' }),
  },
  {
    action: 'confirmEntry',
    variant: 'confirm',
    applies: () => true,
    who: () => HOST,
    input: (r) => ({ recordId: r.id, decision: 'confirm', reason: '' }),
  },
  {
    action: 'confirmEntry',
    variant: 'dispute',
    applies: () => true,
    who: () => HOST,
    input: (r) => ({ recordId: r.id, decision: 'dispute', reason: '与签到表不符' }),
  },
  {
    action: 'confirmMany',
    variant: 'confirmMany',
    applies: () => true,
    who: () => HOST,
    input: (r) => ({ recordIds: [r.id] }),
  },
  {
    action: 'undoConfirm',
    variant: 'undo',
    applies: () => true,
    who: () => HOST,
    input: (r) => ({ recordId: r.id }),
    controlStatus: 'confirmed',
  },
  {
    action: 'logResearchResult',
    variant: 'result',
    applies: (k) => k === 'research',
    who: (r) => r.authorId,
    input: (r) => ({ recordId: r.id, result: '形成调研报告一份', resultDate: r.date > OPEN_RESULT_DATE ? TODAY : OPEN_RESULT_DATE }),
  },
];

// ───────────────────────── records of a closed and of an open period ─────────────────────────

let closedDay = Date.parse('2026-01-05T00:00:00Z'); // year 1 (all of it closed on 2027-01-10): Q1 … Q4
let openDay = Date.parse('2026-12-26T00:00:00Z'); // year 2, Q1: open until 2027-04-04
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Distinct dates (a service day locks its date for its expert). */
const nextClosed = () => {
  const d = iso(closedDay);
  closedDay += 86_400_000;
  if (d > '2026-12-25') throw new Error('closed dates used up');
  return d;
};
/** Service days need a date of their own; the other kinds share one. */
const nextOpen = (kind: RecordKind) => {
  if (kind !== 'serviceDay') return '2027-01-06';
  const d = iso(openDay);
  openDay += 86_400_000;
  if (d > TODAY) throw new Error('open dates used up');
  return d;
};

function make(kind: RecordKind, date: string, status: RecordStatus): StationRecord {
  const by = authorOf(kind);
  switch (kind) {
    case 'serviceDay':
      return day(AGRI, by, date, status);
    case 'training':
      return training(AGRI, by, date, 60, status);
    case 'research':
      return research(AGRI, by, date, '', status);
    case 'agreement':
      return agreement(AGRI, by, date, 40, status);
    default:
      return simple(kind, AGRI, by, date, status);
  }
}

let h: Harness;
let rid = 0;
const req = () => `req-frozen-${++rid}`;
const call = (action: string, input: Input, who: string): Promise<Answer> =>
  h.call('stations', action, { requestId: req(), ...input }, who);
const seed = async (r: StationRecord) => {
  await write(h, [r]);
  return r;
};
const snap = () => JSON.stringify(h.snapshot());

beforeAll(async () => {
  h = await makeDeps({ now: NOW });
});
afterAll(async () => {
  await h.close();
  rmSync(h.dir, { recursive: true, force: true });
});

describe('frozen periods: every writing action of the stations function', () => {
  it('classifies every action of the stations API (an action added later must join a class)', () => {
    const changeActions = [...new Set(CHANGES.map((c) => c.action))];
    const classified = [...READS, ...CREATES, ...NO_RECORD, STAFF_CORRECTION, ...changeActions];
    expect(new Set(classified).size).toBe(classified.length); // no action in two classes
    expect([...classified].sort()).toEqual(Object.keys(stationsApi).sort());
    expect(new Set(CREATES).size).toBe(kinds.length); // one log action per record kind
  });

  it('refuses every change of a record of a closed period, in every status, and changes nothing; the same change of an open period succeeds', async () => {
    const cells: string[] = [];
    const problems: string[] = [];
    let refused = 0;
    for (const spec of CHANGES) {
      for (const kind of kinds.filter(spec.applies)) {
        const cell = `${spec.action}(${spec.variant}) × ${kind}`;
        cells.push(cell);
        // control: a pending record of the open period — the change is allowed
        const open = await seed(make(kind, nextOpen(kind), spec.controlStatus ?? 'pending'));
        const ok = await call(spec.action, spec.input(open), spec.who(open));
        if (!ok.ok) problems.push(`${cell}: open-period control refused: ${ok.error?.code} ${ok.error?.message}`);
        // the same change on a record of the closed period, in every status
        for (const status of statuses) {
          const rec = await seed(make(kind, nextClosed(), status));
          const before = snap();
          const r = await call(spec.action, spec.input(rec), spec.who(rec));
          refused++;
          if (r.ok) problems.push(`${cell} [${status}]: accepted`);
          else if (r.error?.code !== 'STATION.PERIOD_CLOSED') problems.push(`${cell} [${status}]: ${r.error?.code} ${r.error?.message}`);
          else if (!/已冻结/.test(r.error.message)) problems.push(`${cell} [${status}]: message does not say the record is frozen`);
          if (snap() !== before) problems.push(`${cell} [${status}]: the database changed`);
        }
      }
    }
    console.log(
      `frozen-period suite: ${cells.length} (action × record kind) cells × ${statuses.length} statuses = ${refused} refused calls, ${cells.length} open-period controls`,
    );
    expect(problems).toEqual([]);
    // 6 changes (edit, withdraw, confirm, dispute, confirmMany, undo confirmation) × 7 kinds + the research result × 1 kind
    expect(cells).toHaveLength(6 * kinds.length + 1);
    expect(cells).toHaveLength(43);
    expect(refused).toBe(43 * statuses.length);
  });

  it('creating a record dated in a closed period is refused by the logging window (every log action)', async () => {
    const problems: string[] = [];
    for (const kind of kinds) {
      const action = logActionOf[kind];
      const { kind: _k, ...fields } = entryOf(make(kind, nextClosed(), 'pending'));
      const before = snap();
      const r = await call(action, { ...fields, stationId: AGRI, ...(kind === 'serviceDay' ? { location: null } : {}) }, authorOf(kind));
      if (r.error?.code !== 'STATION.OUTSIDE_BACKFILL_WINDOW') problems.push(`${action}: ${r.ok ? 'accepted' : r.error?.code}`);
      if (snap() !== before) problems.push(`${action}: the database changed`);
    }
    console.log(`frozen-period suite: ${kinds.length} create actions refused by the logging window`);
    expect(problems).toEqual([]);
  });

  it('staff of the owning CAST correct a frozen record of every kind, with the reason audited; nobody else, and not without a reason', async () => {
    for (const kind of kinds) {
      const rec = await seed(make(kind, nextClosed(), 'pending'));
      // the author cannot use the staff correction; staff cannot correct without a reason
      let before = snap();
      const byAuthor = await call('correctEntry', { recordId: rec.id, status: 'confirmed', reason: '补确认' }, rec.authorId);
      expect([kind, byAuthor.error?.code]).toEqual([kind, 'AUTH.FORBIDDEN']);
      const noReason = await call('correctEntry', { recordId: rec.id, status: 'confirmed', reason: '' }, STAFF);
      expect([kind, noReason.error?.code]).toEqual([kind, 'INPUT.INVALID']);
      expect(snap()).toBe(before);

      before = snap();
      const reason = '建站单位逾期未确认，经核实签到表予以确认';
      const r = await call(
        'correctEntry',
        { recordId: rec.id, entry: entryOf(rec, { note: '经核实' }), status: 'confirmed', reason },
        STAFF,
      );
      expect([kind, r.ok, r.error?.message]).toEqual([kind, true, undefined]);
      expect(r.data.record).toMatchObject({ status: 'confirmed', note: '经核实', statusReason: reason });
      expect(snap()).not.toBe(before);
      const last = (await h.deps.store.audit.forEntity('record', rec.id)).at(-1)!;
      expect(last).toMatchObject({
        action: 'record.correct',
        actorId: STAFF,
        reason,
        before: { status: 'pending' },
        after: { status: 'confirmed' },
      });
    }
    console.log(`frozen-period suite: ${kinds.length} staff corrections of frozen records, audited`);
  });

  it('views offer no change of a frozen record (canEdit / canConfirm), and do of an open one', async () => {
    const frozen = await seed(make('training', nextClosed(), 'pending'));
    const open = await seed(make('training', nextOpen('training'), 'pending'));
    const view = async (id: string, who: string) => (await h.call('stations', 'getEntry', { recordId: id }, who)).data;
    expect(await view(frozen.id, EXPERT)).toMatchObject({ canEdit: false });
    expect(await view(frozen.id, HOST)).toMatchObject({ canConfirm: false });
    expect(await view(open.id, EXPERT)).toMatchObject({ canEdit: true });
    expect(await view(open.id, HOST)).toMatchObject({ canConfirm: true });
    const pending = (await h.call('stations', 'listEntries', { stationId: AGRI, scope: 'pending', kind: 'training', limit: 100 }, HOST))
      .data.entries;
    const byId = new Map(pending.map((e: { record: { id: string } }) => [e.record.id, e]));
    expect(byId.get(frozen.id)).toMatchObject({ canConfirm: false });
    expect(byId.get(open.id)).toMatchObject({ canConfirm: true });
  });

  it('reads write nothing', async () => {
    const rec = await seed(make('training', nextClosed(), 'confirmed'));
    const inputs: Record<(typeof READS)[number], Input> = {
      myStations: {},
      listEntries: { stationId: AGRI, scope: 'all' },
      getEntry: { recordId: rec.id },
      entryHistory: { recordId: rec.id },
      myProgress: { stationId: AGRI },
      // an evidence photo of the caller's (issue 15, finding 8)
      fileUrl: {
        fileId: (
          await h.call(
            'stations',
            'uploadEvidence',
            {
              requestId: `frozen-photo-${rec.id}`,
              stationId: AGRI,
              name: '现场.png',
              mime: 'image/png',
              dataBase64: tinyPng.toString('base64'),
            },
            EXPERT,
          )
        ).data.fileId,
      },
    };
    for (const action of READS) {
      const before = snap();
      const r = await h.call('stations', action, inputs[action], EXPERT);
      expect([action, r.ok]).toEqual([action, true]);
      expect([action, snap() === before]).toEqual([action, true]);
    }
  });
});

describe('the red team’s case: a closed year’s verified study', () => {
  it('a teammate (or the author) adding a result to a confirmed study of the closed year is refused; the verified count holds', async () => {
    const study = await seed(research(AGRI, EXPERT, '2026-11-10', '', 'confirmed'));
    const tally = async () => (await h.deps.store.stations.tally(AGRI, 1))?.counters ?? {};
    const before = snap();
    const verifiedBefore = (await tally())['research|1|-|-']?.verified ?? 0;
    expect(verifiedBefore).toBeGreaterThan(0);
    for (const who of [TEAMMATE, EXPERT]) {
      const r = await call('logResearchResult', { recordId: study.id, result: '补充调研成果', resultDate: OPEN_RESULT_DATE }, who);
      expect([who, r.error?.code]).toEqual([who, 'STATION.PERIOD_CLOSED']);
    }
    expect(snap()).toBe(before);
    expect((await h.deps.store.stations.getRecord(study.id))!.status).toBe('confirmed');
  });

  it('in an open period, only the study’s author adds its result (a teammate → AUTH.FORBIDDEN)', async () => {
    const study = await seed(research(AGRI, EXPERT, '2027-01-04', '', 'confirmed'));
    const before = snap();
    const byTeammate = await call('logResearchResult', { recordId: study.id, result: '补充调研成果', resultDate: TODAY }, TEAMMATE);
    expect(byTeammate.error?.code).toBe('AUTH.FORBIDDEN');
    expect(snap()).toBe(before);
    const byAuthor = await call('logResearchResult', { recordId: study.id, result: '补充调研成果', resultDate: TODAY }, EXPERT);
    expect(byAuthor.data.record).toMatchObject({ result: '补充调研成果', status: 'pending' });
  });
});

describe('the assessment of a closed year does not change when re-run', () => {
  it('re-running gives the same result after every refused change; a staff correction is the one way in; a published result is final', async () => {
    const a = await makeDeps({ now: NOW });
    try {
      const pendingStudy = research(AGRI, EXPERT, '2026-10-10', '', 'pending');
      const confirmedStudy = research(AGRI, EXPERT, '2026-11-10', '', 'confirmed');
      const d = day(AGRI, EXPERT, '2026-11-12', 'pending');
      // the teammate served the whole of Q4 (confirmed): the team's days count in the result
      const served = workingDaysFrom('2026-09-28', 11).map((x) => day(AGRI, TEAMMATE, x, 'confirmed'));
      await write(a, [pendingStudy, confirmedStudy, d, ...served]);
      const run = () => a.call('reports', 'runAssessment', { requestId: req(), yearIndex: 1 }, 'p-city-staff');
      const doc = async () => (await a.deps.store.reports.assessment(`${AGRI}:1`))!;
      expect((await run()).data.computed).toBeGreaterThan(0);
      const first = await doc();
      // every change the red team tried, refused
      const tries: [string, Input, string][] = [
        ['logResearchResult', { recordId: confirmedStudy.id, result: '成果', resultDate: OPEN_RESULT_DATE }, TEAMMATE],
        ['confirmEntry', { recordId: pendingStudy.id, decision: 'confirm', reason: '' }, HOST],
        ['confirmEntry', { recordId: d.id, decision: 'confirm', reason: '' }, HOST],
        ['withdrawEntry', { recordId: d.id, reason: '撤回' }, EXPERT],
        ['editEntry', { recordId: pendingStudy.id, entry: entryOf(pendingStudy, { title: '改写' }) }, EXPERT],
      ];
      for (const [action, input, who] of tries) {
        const r = await a.call('stations', action, { requestId: req(), ...input }, who);
        expect([action, r.error?.code]).toEqual([action, 'STATION.PERIOD_CLOSED']);
      }
      // and the team changes after the year closed: the teammate leaves (binding revoked → off the team)
      const binding = demoBindings.find((b) => b.personId === TEAMMATE && b.role === 'expert')!;
      const left = await a.call('identity', 'revokeBinding', { bindingId: binding.id, reason: '调离专家团队' }, 'p-city-staff');
      expect(left.ok).toBe(true);
      expect((await a.deps.store.org.station(AGRI))!.expertIds).not.toContain(TEAMMATE);
      await run();
      const again = await doc();
      expect(first.computed.expertIds).toContain(TEAMMATE);
      expect({ computed: again.computed, funding: again.funding }).toEqual({ computed: first.computed, funding: first.funding });

      // the one way in: staff correct (audited), and the re-run reflects it
      const fix = await a.call(
        'stations',
        'correctEntry',
        { requestId: req(), recordId: pendingStudy.id, status: 'confirmed', reason: '逾期未确认，经核实予以确认' },
        STAFF,
      );
      expect(fix.ok).toBe(true);
      await run();
      const corrected = await doc();
      expect(corrected.computed.score).toBeGreaterThan(first.computed.score);

      // published is final: a later correction does not reach it on re-run
      await a.call('reports', 'publishAssessments', { requestId: req(), assessmentIds: [`${AGRI}:1`] }, 'p-city-staff');
      const published = await doc();
      await a.call(
        'stations',
        'correctEntry',
        { requestId: req(), recordId: d.id, status: 'confirmed', reason: '逾期未确认，经核实予以确认' },
        STAFF,
      );
      const rerun = await run();
      expect(rerun.data.skipped.find((s: { stationId: string }) => s.stationId === AGRI)?.reason).toMatch(/已发布/);
      expect(await doc()).toEqual(published);
    } finally {
      await a.close();
      rmSync(a.dir, { recursive: true, force: true });
    }
  });
});
