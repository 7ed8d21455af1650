import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections } from '../../cloudfunctions/_kernel/db/collections';
import type { Db, Doc } from '../../cloudfunctions/_kernel/db/port';
import { currentVersion } from '../../cloudfunctions/_kernel/migrations';
import type { Collection } from '../../cloudfunctions/_kernel/store/collection';
import { tables } from '../../cloudfunctions/_kernel/store/tables';
import { demoSeeders } from '../../local/seeders';
import { chinaDateOf } from '../../shared/calendar';
import { parseStrict } from '../../shared/schemas/common';
import { allKinds, callsOf, draftReady, harness, ok, passStages, rid, staffFor, TEST_UNITS } from '../handlers/applications-support';
import { day, workingDaysFrom, write } from '../handlers/reports-fixtures';
import { type Harness, makeDeps } from '../support/handlers';

/**
 * Every collection of the registry (db/collections.ts) has its entity schema in shared/schemas, and
 * what the product stores satisfies it: documents are written by the real code — the demo seeding,
 * the four functions' actions run through the local host — then read back RAW from the database and
 * checked strictly (the schema's rules, and no key it does not name, at any depth). A collection
 * without a schema, or one that no step below writes, fails.
 */

const table = (name: string): Collection<unknown> | undefined => (tables as Record<string, Collection<unknown> | undefined>)[name];

/** Every raw document of a collection, page by page. */
async function rawDocs(db: Db, name: string): Promise<Doc[]> {
  const out: Doc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await db.find<Doc>(name, {}, { limit: 1000, skip, orderBy: { field: '_id', direction: 'asc' } });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Problems of the raw documents of a collection against its schema, as `collection/_id: path: message`. */
function problemsOf(name: string, docs: readonly Doc[]): string[] {
  const t = table(name)!;
  return docs.flatMap(({ _id, _v, ...rest }) => {
    // every stored document carries its collection's schema version (issue 13 item 8; _kernel/migrations)
    const version = _v === currentVersion(name) ? [] : [`${name}/${_id}: _v: 结构版本应为 ${currentVersion(name)}，实为 ${String(_v)}`];
    const r = parseStrict(t.schema, { [t.key]: _id, ...rest });
    return r.success ? version : [...version, ...r.error.issues.map((i) => `${name}/${_id}: ${i.path.join('.')}: ${i.message}`)];
  });
}

const written = new Map<string, number>();
const problems: string[] = [];
async function collect(h: Harness): Promise<void> {
  for (const { name } of collections) {
    if (!table(name)) continue;
    const docs = await rawDocs(h.deps.db, name);
    written.set(name, (written.get(name) ?? 0) + docs.length);
    problems.push(...problemsOf(name, docs));
  }
}

const DAY = 86_400_000;

/**
 * Applications: one kind of a programme from draft to award (each kind in a harness of its own: the
 * demo round is the seeding year's); with the first, a sanction and an invite redeemed.
 */
async function applicationsAndIdentity(k: number): Promise<void> {
  const h = await harness();
  try {
    const call = callsOf(h);
    {
      const [, p, kind] = allKinds[k]!;
      const { applicationId, personId } = await draftReady(h, p, kind);
      ok(await call('submit', { applicationId, requestId: rid() }, personId));
      let view = await passStages(h, applicationId);
      const publicityStaff = staffFor(p.publicity!.role, view.castUnitId);
      const today = chinaDateOf(h.clock.now());
      ok(
        await call(
          'startPublicity',
          { applicationId, startDate: today, note: '公示', requestId: rid(), expected: { status: 'in_review', stageId: null } },
          publicityStaff,
        ),
      );
      const objection = ok(await call('fileObjection', { applicationId, content: '反映材料与实际不符', requestId: rid() }, publicityStaff));
      ok(
        await call('resolveObjection', { objectionId: objection.objectionId, resolution: '异议不成立', requestId: rid() }, publicityStaff),
      );
      h.clock.advance(16 * DAY);
      ok(await call('closePublicity', { applicationId, requestId: rid() }, publicityStaff));
      view = await passStages(h, applicationId);
      ok(
        await call(
          'award',
          { applicationId, plaqueDate: chinaDateOf(h.clock.now()), requestId: rid() },
          staffFor(p.award.role, view.castUnitId),
        ),
      );
    }
    if (k > 0) return await collect(h);
    const [, p] = allKinds[0]!;
    ok(
      await call(
        'imposeSanction',
        {
          subject: { type: 'society', id: TEST_UNITS[4]!.societyId },
          programmeId: p.id,
          penaltyId: p.penalties[0]!.id,
          imposedOn: chinaDateOf(h.clock.now()),
          reason: '申报材料弄虚作假，经核实',
          requestId: rid(),
        },
        'p-city-staff',
      ),
    );
    const scope = { societyId: null, stationId: 'st-agri-heshan', hostUnitId: null, castUnitId: null };
    const inv = await h.call('identity', 'createInvite', { role: 'expert', personId: 'p-newcomer', scope }, 'p-city-staff');
    if (!inv.ok) throw new Error(JSON.stringify(inv.error));
    const bound = await h.call('identity', 'redeemInvite', { code: inv.data.code }, { openid: 'o-newcomer' });
    if (!bound.ok) throw new Error(JSON.stringify(bound.error));
    await collect(h);
  } finally {
    await h.close();
  }
}

/** The local host's demo seeding: the organisation, a year of station records, the open rounds. */
async function demoSeeding(): Promise<void> {
  const h = await makeDeps({ seeders: demoSeeders });
  try {
    await collect(h);
  } finally {
    await h.close();
  }
}

/**
 * Stations and reports a week before a quarter ends: records written through the stations
 * repository (one expert short of days), a day logged, a year assessed and published, reminders sent.
 */
async function stationsAndReports(): Promise<void> {
  const h = await makeDeps({ now: '2026-12-21T09:00:00+08:00' });
  try {
    await write(h, [
      ...[2, 3, 4, 5].flatMap((i) => workingDaysFrom('2026-10-09', 10).map((d) => day('st-agri-heshan', `p-exp-agri-${i}`, d))),
      ...workingDaysFrom('2026-10-09', 7).map((d) => day('st-agri-heshan', 'p-exp-agri-1', d)),
    ]);
    const logged = await h.call(
      'stations',
      'logServiceDay',
      { requestId: rid(), stationId: 'st-agri-heshan', date: '2026-12-21' },
      'p-exp-agri-2',
    );
    if (!logged.ok) throw new Error(JSON.stringify(logged.error));
    const run = await h.call('reports', 'runAssessment', { requestId: rid(), yearIndex: 1 }, 'p-city-staff');
    if (!run.ok || run.data.computed < 1) throw new Error(`runAssessment: ${JSON.stringify(run.error ?? run.data)}`);
    const list = await h.call('reports', 'listAssessments', { yearIndex: 1 }, 'p-city-staff');
    const ids = (list.data.items as { id: string }[]).map((a) => a.id);
    const pub = await h.call('reports', 'publishAssessments', { requestId: rid(), assessmentIds: ids.slice(0, 1) }, 'p-city-staff');
    if (!pub.ok) throw new Error(JSON.stringify(pub.error));
    const sent = await h.call('reports', 'sendReminders', {}, 'p-city-staff');
    if (!sent.ok || sent.data.sent < 1) throw new Error(`sendReminders: ${JSON.stringify(sent.error ?? sent.data)}`);
    const schedule = { year: 2027, holidays: [{ name: '春节', from: '2027-02-06', to: '2027-02-12' }], workdays: ['2027-02-20'] };
    const holidays = await h.call('org', 'saveHolidays', { requestId: rid(), schedule }, 'p-city-staff');
    if (!holidays.ok) throw new Error(`saveHolidays: ${JSON.stringify(holidays.error)}`);
    const migrated = await h.call('org', 'runMigrations', {}, 'p-city-staff');
    if (!migrated.ok || !migrated.data.done) throw new Error(`runMigrations: ${JSON.stringify(migrated.error ?? migrated.data)}`);
    // a programme definition installed at run time (issue 16 item 6)
    const definition = JSON.parse(readFileSync(join(__dirname, '../fixtures/programmes/runtime-sample.json'), 'utf8'));
    const installed = await h.call('org', 'installProgramme', { requestId: rid(), definition, mode: 'commit' }, 'p-city-staff');
    if (!installed.ok) throw new Error(`installProgramme: ${JSON.stringify(installed.error)}`);
    // after the award (issue 14): a Wuhan award imported, its file opened (awards) and its checks listed,
    // the mid-term check submitted by the society (awardChecks)
    const imported = await h.call(
      'org',
      'importAward',
      {
        requestId: rid(),
        award: {
          programmeId: 'wuhan-award',
          kindId: 'award',
          societyId: 'soc-agri',
          awardedOn: '2026-03-01',
          title: '学会创新奖',
          source: '测试导入',
        },
      },
      'p-city-staff',
    );
    if (!imported.ok) throw new Error(`importAward: ${JSON.stringify(imported.error)}`);
    const award = await h.call('awards', 'get', { applicationId: imported.data.id }, 'p-city-staff');
    if (!award.ok) throw new Error(`awards.get: ${JSON.stringify(award.error)}`);
    const checks = await h.call('awards', 'listChecks', { awardId: award.data.id }, 'p-sec-agri');
    if (!checks.ok || checks.data.items.length === 0) throw new Error(`listChecks: ${JSON.stringify(checks.error ?? checks.data)}`);
    const checkId = checks.data.items[0].id as string;
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
    const file = await h.call(
      'awards',
      'uploadCheckFile',
      { checkId, name: '中期检查.pdf', mime: 'application/pdf', base64: pdf },
      'p-sec-agri',
    );
    if (!file.ok) throw new Error(`uploadCheckFile: ${JSON.stringify(file.error)}`);
    const saved = await h.call(
      'awards',
      'saveCheckMaterials',
      { requestId: rid(), checkId, revision: 1, materials: { 'written-report': [file.data] } },
      'p-sec-agri',
    );
    if (!saved.ok) throw new Error(`saveCheckMaterials: ${JSON.stringify(saved.error)}`);
    // the money ledger (helper MONEY): a station's expense with its receipt, then reversed (ledger)
    const station = { type: 'station', id: 'st-agri-heshan' };
    const receipt = await h.call(
      'awards',
      'uploadLedgerFile',
      { subject: station, name: '票据.pdf', mime: 'application/pdf', base64: pdf, requestId: rid() },
      'p-host-heshan',
    );
    if (!receipt.ok) throw new Error(`uploadLedgerFile: ${JSON.stringify(receipt.error)}`);
    const expense = await h.call(
      'awards',
      'reportExpense',
      {
        subject: station,
        categoryId: 'expert-travel',
        amountFen: 12_345,
        date: '2026-03-02',
        purpose: '专家下乡交通',
        receipts: [receipt.data],
        requestId: rid(),
      },
      'p-host-heshan',
    );
    if (!expense.ok) throw new Error(`reportExpense: ${JSON.stringify(expense.error)}`);
    const reversed = await h.call(
      'awards',
      'reverseLedgerEntry',
      { entryId: expense.data.entryId, reason: '重复报销', requestId: rid() },
      'p-city-staff',
    );
    if (!reversed.ok) throw new Error(`reverseLedgerEntry: ${JSON.stringify(reversed.error)}`);
    // a consequence (issue 14, helper CONSEQ): staff record a misconduct finding on the station, then confirm it (consequences)
    const finding = await h.call(
      'awards',
      'reportMisconduct',
      { requestId: rid(), subject: station, finding: '经核查，服务记录虚报', foundOn: chinaDateOf(h.clock.now()) },
      'p-city-staff',
    );
    if (!finding.ok) throw new Error(`reportMisconduct: ${JSON.stringify(finding.error)}`);
    const decided = await h.call(
      'awards',
      'decideConsequence',
      { requestId: rid(), subject: station, consequenceId: finding.data.id, decision: 'confirm', reason: '查实' },
      'p-city-staff',
    );
    if (!decided.ok) throw new Error(`decideConsequence: ${JSON.stringify(decided.error)}`);
    await collect(h);
  } finally {
    await h.close();
  }
}

beforeAll(async () => {
  for (let k = 0; k < allKinds.length; k++) await applicationsAndIdentity(k);
  await demoSeeding();
  await stationsAndReports();
}, 600_000);

describe('the collection registry and the stored entities', () => {
  it.each(collections.map((c) => [c.name]))('%s has its entity schema in shared/schemas', (name) => {
    expect(table(name)).toBeDefined();
    expect(table(name)!.name).toBe(name);
  });

  it.each(collections.map((c) => [c.name]))('%s: the product stored documents of it', (name) => {
    expect(written.get(name) ?? 0).toBeGreaterThan(0);
  });

  it('every stored document satisfies its strict entity schema', () => {
    expect(problems).toEqual([]);
  });

  it('the check refuses a stored document with a key its schema does not name, or a wrong value', () => {
    const station = { _id: 'st-x', name: '某服务站', programmeId: 'p', level: 'city', societyId: 's', hostUnitId: 'h', castUnitId: 'c' };
    const base = {
      ...station,
      industryField: '其他',
      plaqueDate: '2024-01-01',
      termYears: 2,
      agreementItems: [],
      expertIds: [],
      staffIds: [],
      status: 'active',
      applicationId: null,
    };
    const v = currentVersion('stations');
    expect(problemsOf('stations', [{ ...base, _v: v }])).toEqual([]);
    expect(problemsOf('stations', [{ ...base, _v: v, status: 'closed' }])).toEqual([]);
    expect(problemsOf('stations', [base])).toEqual([`stations/st-x: _v: 结构版本应为 ${v}，实为 undefined`]);
    expect(problemsOf('stations', [{ ...base, _v: v, nickname: '多余' }])).toEqual(['stations/st-x: nickname: 未知字段：nickname']);
    expect(problemsOf('stations', [{ ...base, _v: v, status: 'merged' }])).toHaveLength(1);
  });
});
