import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../../shared/api/define';
import { type ImportAnswer, type ImportSheetSummary, type OrgApi, orgApi, type Saved } from '../../../shared/api/org';
import { chinaDateOf } from '../../../shared/calendar';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { bytesMatchType } from '../../../shared/rules/files';
import {
  defaultCastUnit,
  duplicateOf,
  maskMobile,
  nameKey,
  naturalKeys,
  nextTeam,
  orgReaderRoles,
  orgWriterRoles,
  overseenUnitsOf,
  sameTeam,
  teamOf,
} from '../../../shared/rules/org';
import {
  applyOrder,
  type CellValue,
  columnOfPath,
  headerKey,
  type ImportIssue,
  type ImportRow,
  type ImportSheet,
  importColumns,
  importFileAllowed,
  importSheetNames,
  parseSheet,
} from '../../../shared/rules/org-import';
import type { Person } from '../../../shared/schemas/org';
import type { Uses } from '../../_kernel/router';
import type { Store, Tx } from '../../_kernel/store';
import type { OrgRecords } from '../../_kernel/store/org';
import { xlsxMime } from './export-workbook';
import { actorOf, invalid, loadOrg, type OrgData, personReach } from './org-data';
import { saveHostUnit, savePerson, saveSociety, saveStation } from './save';
import { setTeam } from './team';

/**
 * org.importWorkbook (issue 13, item 3): the organisation workbook the app uploaded to storage, read
 * (exceljs), parsed (shared/rules/org-import.ts) and applied row by row through the very save actions
 * staff use by hand (saveSociety, saveHostUnit, savePerson, saveStation, setTeam) — so an imported row
 * is validated, scoped by oversight, deduplicated and audited exactly as a saved one, and a row that
 * changes nothing writes nothing.
 *
 * - preview: the same saves run over a store that keeps their writes in memory (importStore): each row
 *   is classified create / update / unchanged from the save's own answer, every refusal is an error at
 *   its sheet, row and column. Nothing is written.
 * - commit: the steps (a row; for teams, one station's rows) from `from`, at most IMPORT_BATCH or
 *   IMPORT_BUDGET_MS per call (the function's 20 s timeout); the answer says how far it got and where to
 *   continue. Each step is one save (one transaction, once per request id); resuming or importing the
 *   same file again finds every earlier row unchanged. A workbook with unreadable cells is not committed.
 *
 * Rows carry their record's id (编号) once exported: they update that record (a rename updates, never
 * duplicates). Rows without one are matched on the natural keys of shared/rules/org.ts naturalKeys.
 */

export const IMPORT_BATCH = 40;
export const IMPORT_BUDGET_MS = 12_000;
/** the largest workbook read (bytes) and the most data rows */
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 5000;
const MAX_COLS = 60;

type ImportCtx = Uses<'store' | 'files' | 'clock' | 'caller' | 'fn' | 'action' | 'contentCheck' | 'log'>;

// ───────────────────────── reading the workbook ─────────────────────────

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    return r === undefined || r === null || typeof r === 'object' ? (r instanceof Date ? r : null) : r;
  }
  if ('text' in v && typeof v.text === 'string') return v.text;
  return null;
}

/** Every sheet of the workbook as rows of plain cell values, by sheet name as compared (headerKey). */
export async function readWorkbook(bytes: Uint8Array): Promise<Map<string, CellValue[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([Buffer.from(bytes)]));
  const out = new Map<string, CellValue[][]>();
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    const nRows = Math.min(ws.rowCount, MAX_ROWS + 20);
    const nCols = Math.min(ws.columnCount, MAX_COLS);
    for (let r = 1; r <= nRows; r++) {
      const row = ws.getRow(r);
      const line: CellValue[] = [];
      for (let c = 1; c <= nCols; c++) line.push(plain(row.getCell(c).value));
      rows.push(line);
    }
    out.set(headerKey(ws.name), rows);
  }
  return out;
}

// ───────────────────────── the store the rows are saved through ─────────────────────────

/** The preview's transaction: handed to the dry-run repository methods only, which ignore it. */
const DRY_TX = {} as Tx;

/**
 * The store as the saves see it during an import. Each collection the saves read (every CAST unit,
 * society, host unit, station, person, binding) is read once per call and kept, with the import's own
 * writes laid over it, so a row costs its save's transaction rather than a re-read of the register:
 * - `dry` (preview): org writes (saveRecord) land in memory only and are read back by later rows (a
 *   station names a society created above it); `once` runs its write at once and keeps nothing.
 * - otherwise (commit): `once`, reads inside the transaction (recordTx: the save's conflict check) and
 *   saveRecord (with its audit event) are the real store's; a write joins the kept copy only after its
 *   transaction succeeded.
 */
export function importStore(store: Store, dry: boolean): Store {
  const overlay: { [K in keyof OrgRecords]: Map<string, OrgRecords[K]> } = {
    castUnit: new Map(),
    society: new Map(),
    hostUnit: new Map(),
    station: new Map(),
    person: new Map(),
  };
  const cache = new Map<string, Promise<unknown[]>>();
  const base = <K extends keyof OrgRecords>(kind: K, read: () => Promise<OrgRecords[K][]>): Promise<OrgRecords[K][]> => {
    let p = cache.get(kind);
    if (!p) {
      p = read();
      cache.set(kind, p);
    }
    return p as Promise<OrgRecords[K][]>;
  };
  const all = async <K extends keyof OrgRecords>(kind: K, read: () => Promise<OrgRecords[K][]>): Promise<OrgRecords[K][]> => {
    const xs = await base(kind, read);
    const seen = new Set<string>();
    const out = xs.map((x) => {
      const id = (x as { id: string }).id;
      seen.add(id);
      return overlay[kind].get(id) ?? x;
    });
    for (const [id, x] of overlay[kind]) if (!seen.has(id)) out.push(x);
    return out;
  };
  const org = store.org;
  const lists: { [K in keyof OrgRecords]: () => Promise<OrgRecords[K][]> } = {
    castUnit: () => all('castUnit', () => org.castUnits()),
    society: () => all('society', () => org.societies()),
    hostUnit: () => all('hostUnit', () => org.hostUnits()),
    station: () => all('station', () => org.stations()),
    person: () => all('person', () => org.persons()),
  };
  const one = async <K extends keyof OrgRecords>(kind: K, id: string): Promise<OrgRecords[K] | null> =>
    (((await lists[kind]()) as { id: string }[]).find((x) => x.id === id) as OrgRecords[K] | undefined) ?? null;
  let bindings: ReturnType<Store['identity']['allBindings']> | null = null;
  // the writes of the transaction under way (commit): kept once it succeeded
  let pending: Array<() => void> = [];
  const keep =
    <K extends keyof OrgRecords>(kind: K, next: OrgRecords[K]) =>
    () => {
      overlay[kind].set((next as { id: string }).id, next);
    };
  const once: Store['once'] = dry
    ? async (_key, _now, write) => write(DRY_TX)
    : async (key, now, write, opts) => {
        const out = await store.once(
          key,
          now,
          async (tx) => {
            pending = [];
            return write(tx);
          },
          opts,
        );
        for (const f of pending) f();
        pending = [];
        return out;
      };
  return {
    ...store,
    once,
    replay: dry ? async () => null : store.replay,
    identity: {
      ...store.identity,
      allBindings: () => {
        bindings ??= store.identity.allBindings();
        return bindings;
      },
    },
    org: {
      ...org,
      castUnits: lists.castUnit,
      societies: lists.society,
      hostUnits: lists.hostUnit,
      stations: lists.station,
      persons: lists.person,
      castUnit: (id: string) => one('castUnit', id),
      society: (id: string) => one('society', id),
      hostUnit: (id: string) => one('hostUnit', id),
      station: (id: string) => one('station', id),
      person: (id: string) => one('person', id),
      recordTx: <K extends keyof OrgRecords>(tx: Tx, kind: K, id: string) => (dry ? one(kind, id) : org.recordTx(tx, kind, id)),
      saveRecord: async <K extends keyof OrgRecords>(
        tx: Tx,
        kind: K,
        next: OrgRecords[K],
        before: OrgRecords[K] | null,
        ev: Parameters<Store['org']['saveRecord']>[4],
      ) => {
        if (dry) keep(kind, next)();
        else {
          await org.saveRecord(tx, kind, next, before, ev);
          pending.push(keep(kind, next));
        }
      },
    },
  };
}

// ───────────────────────── rows → saves ─────────────────────────

interface Step {
  sheet: ImportSheet;
  rows: ImportRow[];
}
type Kind = 'create' | 'update' | 'unchanged';
/** a step's result; a team step classifies each of its rows (`rows`: one kind per row) */
type Outcome = { kind: Kind; rows?: Kind[] } | { kind: 'error'; issues: ImportIssue[] };

const header = (sheet: ImportSheet, key: string) => importColumns[sheet].find((c) => c.key === key)?.header ?? '';
class RowError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('row refused');
  }
}
const rowError = (sheet: ImportSheet, row: number, key: string, message: string) =>
  new RowError([{ sheet: importSheetNames[sheet], row, column: header(sheet, key), message }]);

/** The refusal of a save, at the row and column it came from. */
function issuesOf(e: unknown, sheet: ImportSheet, rows: ImportRow[]): ImportIssue[] {
  const name = importSheetNames[sheet];
  const first = rows[0]?.row ?? 0;
  if (e instanceof RowError) return e.issues;
  if (e instanceof AppError) {
    const issues = e.extra.issues ?? [];
    if (issues.length > 0)
      return issues.map((i) => {
        const at = sheet === 'team' ? Number(/^experts\.(\d+)\./.exec(i.path)?.[1] ?? 0) : 0;
        return { sheet: name, row: rows[at]?.row ?? first, column: columnOfPath(sheet, i.path), message: i.message };
      });
    if (e.code === 'AUTH.FORBIDDEN')
      return [
        {
          sheet: name,
          row: first,
          column: header(sheet, sheet === 'team' ? 'station' : 'castUnit'),
          message: '不在您的管辖范围内，不能导入',
        },
      ];
    return [{ sheet: name, row: first, column: '', message: e.message }];
  }
  throw e;
}

/** The zod issues of a save's input, as field issues (the router's parse, done here since the saves are called directly). */
function parseInput<K extends 'saveSociety' | 'saveHostUnit' | 'savePerson' | 'saveStation' | 'setTeam'>(
  action: K,
  data: unknown,
): ParsedInputOf<OrgApi[K]> {
  const r = orgApi[action].input.safeParse(data);
  if (r.success) return r.data as ParsedInputOf<OrgApi[K]>;
  const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw invalid(issues);
}

interface Resolver {
  org: OrgData;
  persons: Person[];
  /** CAST units the caller reads (names resolve among these only) */
  readable: Set<string>;
}

async function resolverOf(ctx: ImportCtx): Promise<Resolver> {
  const [org, persons, bindings] = await Promise.all([loadOrg(ctx.store), ctx.store.org.persons(), ctx.store.identity.allBindings()]);
  const readable = overseenUnitsOf(ctx.caller.bindings, org.graph, orgReaderRoles);
  const live = bindings.filter((b) => b.revokedAt === null);
  const mine = persons.filter((p) => personReach(p, org, live).all.some((u) => readable.has(u)));
  return { org, persons: mine, readable };
}

/** A record named in a cell: one of the caller's units' records with that name (spaces and full-width aside). */
function byName<T extends { id: string; name: string; castUnitId: string }>(
  list: readonly T[],
  r: Resolver,
  name: string,
  castUnitId: string | undefined,
): T | 'none' | 'many' {
  const hits = list.filter((x) => r.readable.has(x.castUnitId) && nameKey(x.name) === nameKey(name));
  const narrowed = castUnitId && hits.length > 1 ? hits.filter((x) => x.castUnitId === castUnitId) : hits;
  return narrowed.length === 1 ? (narrowed[0] as T) : narrowed.length === 0 ? 'none' : 'many';
}

function castUnitOf(r: Resolver, sheet: ImportSheet, row: ImportRow): string | undefined {
  const name = row.values.castUnit;
  if (typeof name !== 'string') return undefined;
  const hits = r.org.castUnits.filter((u) => r.readable.has(u.id) && nameKey(u.name) === nameKey(name));
  if (hits.length !== 1) throw rowError(sheet, row.row, 'castUnit', '科协单位不存在或不在您的管辖范围内');
  return (hits[0] as { id: string }).id;
}

function refOf<T extends { id: string; name: string; castUnitId: string }>(
  list: readonly T[],
  r: Resolver,
  sheet: ImportSheet,
  row: ImportRow,
  key: 'society' | 'hostUnit',
  castUnitId: string | undefined,
): string | undefined {
  const name = row.values[key];
  if (typeof name !== 'string') return undefined;
  const hit = byName(list, r, name, castUnitId);
  const what = key === 'society' ? '学会' : '建站单位';
  if (hit === 'none') throw rowError(sheet, row.row, key, `${what}不存在或不在您的管辖范围内（请先在${what}表中填写）`);
  if (hit === 'many') throw rowError(sheet, row.row, key, `有多个同名${what}，请填写所属科协`);
  return hit.id;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const rowId = (v: Record<string, unknown>) => str(v.id);
const contactOf = (v: Record<string, unknown>) =>
  v.contactName === undefined && v.contactPhone === undefined ? undefined : { name: str(v.contactName) ?? '', phone: str(v.contactPhone) };

/** The id a row without 编号 updates: the record with its natural key (shared/rules/org.ts), if any. */
function matchId<T extends { id: string }>(
  entity: 'society' | 'hostUnit' | 'station' | 'person',
  x: Parameters<typeof naturalKeys>[1],
  existing: readonly (T & Parameters<typeof naturalKeys>[1])[],
): string | undefined {
  return duplicateOf(entity, naturalKeys(entity, x), existing, null)?.id;
}

async function runStep(ctx: ImportCtx, step: Step, requestId: string): Promise<Outcome> {
  const { sheet, rows } = step;
  const row = rows[0] as ImportRow;
  const v = row.values;
  const rid = `${requestId.slice(0, 40)}-${sheet}-${row.row}`;
  const saved = (s: Saved): Outcome => ({ kind: s.created ? 'create' : s.changed ? 'update' : 'unchanged' });
  try {
    const r = await resolverOf(ctx);
    switch (sheet) {
      case 'society': {
        const castUnitId = castUnitOf(r, sheet, row);
        const unit = castUnitId ?? defaultCastUnit(ctx.caller.bindings, orgWriterRoles.society) ?? undefined;
        const id = rowId(v) ?? matchId('society', { name: str(v.name), castUnitId: unit, creditCode: str(v.creditCode) }, r.org.societies);
        const input = parseInput('saveSociety', {
          requestId: rid,
          society: { id, name: v.name, level: v.level, castUnitId, creditCode: v.creditCode, contact: contactOf(v) },
        });
        return saved(await saveSociety(ctx, input));
      }
      case 'hostUnit': {
        const castUnitId = castUnitOf(r, sheet, row);
        const unit = castUnitId ?? defaultCastUnit(ctx.caller.bindings, orgWriterRoles.hostUnit) ?? undefined;
        const id = rowId(v) ?? matchId('hostUnit', { name: str(v.name), castUnitId: unit, creditCode: str(v.creditCode) }, r.org.hostUnits);
        const before = id ? r.org.hostUnits.find((h) => h.id === id) : undefined;
        if ((v.lat === undefined) !== (v.lng === undefined))
          throw rowError(sheet, row.row, v.lat === undefined ? 'lat' : 'lng', '请同时填写纬度和经度');
        const location =
          v.lat === undefined ? undefined : { lat: v.lat, lng: v.lng, radiusM: v.radiusM ?? before?.location?.radiusM ?? 500 };
        if (location === undefined && v.radiusM !== undefined && !before?.location)
          throw rowError(sheet, row.row, 'lat', '填写签到半径时请同时填写纬度和经度');
        const input = parseInput('saveHostUnit', {
          requestId: rid,
          hostUnit: {
            id,
            name: v.name,
            kind: v.kind,
            castUnitId,
            address: v.address,
            location: location ?? (v.radiusM !== undefined && before?.location ? { ...before.location, radiusM: v.radiusM } : undefined),
            hasFundedExpertWorkstation: v.funded,
            creditCode: v.creditCode,
            contact: contactOf(v),
          },
        });
        return saved(await saveHostUnit(ctx, input));
      }
      case 'person': {
        const castUnitId = castUnitOf(r, sheet, row);
        const societyId = refOf(r.org.societies, r, sheet, row, 'society', castUnitId);
        const hostUnitId = refOf(r.org.hostUnits, r, sheet, row, 'hostUnit', castUnitId);
        const masked = typeof v.mobile === 'object' && v.mobile !== null;
        if (masked && !rowId(v)) throw rowError(sheet, row.row, 'mobile', '手机号不完整（新增人员请填写完整手机号）');
        const mobile = masked ? undefined : str(v.mobile);
        if (masked && rowId(v)) {
          const p = r.persons.find((x) => x.id === rowId(v));
          if (p && maskMobile(p.mobile) !== (v.mobile as { masked: string }).masked)
            throw rowError(sheet, row.row, 'mobile', '手机号不完整（修改手机号请填写完整的 11 位）');
        }
        const all = await ctx.store.org.persons();
        const id = rowId(v) ?? matchId('person', { mobile }, all);
        const input = parseInput('savePerson', {
          requestId: rid,
          person: { id, name: v.name, mobile, title: v.title, societyId, hostUnitId, castUnitId },
        });
        return saved(await savePerson(ctx, input));
      }
      case 'station': {
        const castUnitId = castUnitOf(r, sheet, row);
        const societyId = refOf(r.org.societies, r, sheet, row, 'society', castUnitId);
        const hostUnitId = refOf(r.org.hostUnits, r, sheet, row, 'hostUnit', castUnitId);
        const unit = castUnitId ?? r.org.hostUnits.find((h) => h.id === hostUnitId)?.castUnitId;
        const id = rowId(v) ?? matchId('station', { name: str(v.name), castUnitId: unit }, r.org.stations);
        const before = id ? r.org.stations.find((s) => s.id === id) : undefined;
        const input = parseInput('saveStation', {
          requestId: rid,
          station: {
            id,
            name: v.name,
            programmeId: v.programme,
            level: v.level,
            societyId,
            hostUnitId,
            castUnitId,
            industryField: v.industryField ?? before?.industryField,
            plaqueDate: v.plaqueDate,
            termYears: v.termYears ?? before?.termYears,
            status: v.status,
            goLiveDate: v.goLiveDate,
          },
        });
        return saved(await saveStation(ctx, input));
      }
      case 'team': {
        const hits = r.org.stations.filter((s) => r.readable.has(s.castUnitId) && nameKey(s.name) === nameKey(String(v.station)));
        if (hits.length !== 1)
          throw rowError(sheet, row.row, 'station', hits.length === 0 ? '服务站不存在或不在您的管辖范围内' : '有多个同名服务站');
        const station = hits[0] as (typeof hits)[number];
        const experts = rows.map((m) => {
          const name = String(m.values.person);
          const mob = m.values.mobile;
          const masked = typeof mob === 'object' && mob !== null ? (mob as { masked: string }).masked : undefined;
          const found = r.persons.filter(
            (p) =>
              (typeof mob === 'string' ? p.mobile === mob : nameKey(p.name) === nameKey(name)) &&
              (masked === undefined || maskMobile(p.mobile) === masked),
          );
          if (found.length !== 1)
            throw rowError(
              sheet,
              m.row,
              found.length === 0 ? 'person' : 'mobile',
              found.length === 0 ? '人员不存在（请先在人员表中填写）' : '有同名人员，请填写专家手机号',
            );
          return { personId: (found[0] as Person).id, from: str(m.values.from), to: str(m.values.to) ?? null };
        });
        const input = parseInput('setTeam', { requestId: rid, stationId: station.id, experts });
        // the same decision setTeam makes: a team that would come out as it is needs no call
        const current = teamOf(station);
        const next = nextTeam(current, input.experts, chinaDateOf(ctx.clock.now()), input.leftOn);
        if (next.issues.length === 0 && sameTeam(current, next.team)) return { kind: 'unchanged' };
        const res = await setTeam(ctx, input);
        // per row: an expert with no period before is added; one whose periods differ is updated
        const periods = (team: readonly { personId: string; from: string; to: string | null }[], id: string) =>
          JSON.stringify(team.filter((m) => m.personId === id));
        const kinds = experts.map(
          (m): Kind =>
            !current.some((c) => c.personId === m.personId)
              ? 'create'
              : periods(current, m.personId) !== periods(next.team, m.personId)
                ? 'update'
                : 'unchanged',
        );
        return { kind: res.changed ? 'update' : 'unchanged', rows: kinds };
      }
    }
  } catch (e) {
    return { kind: 'error', issues: issuesOf(e, sheet, rows) };
  }
}

/** The steps of the parsed workbook, in the order they apply: a row each; a team's rows grouped by station. */
function stepsOf(parsed: Map<ImportSheet, ImportRow[]>): Step[] {
  const steps: Step[] = [];
  for (const sheet of applyOrder) {
    const rows = parsed.get(sheet) ?? [];
    if (sheet !== 'team') {
      for (const row of rows) steps.push({ sheet, rows: [row] });
      continue;
    }
    const groups = new Map<string, ImportRow[]>();
    for (const row of rows) {
      const k = nameKey(String(row.values.station));
      groups.set(k, [...(groups.get(k) ?? []), row]);
    }
    for (const g of groups.values()) steps.push({ sheet, rows: g });
  }
  return steps;
}

export async function importWorkbook(ctx: ImportCtx, input: ParsedInputOf<OrgApi['importWorkbook']>): Promise<ImportAnswer> {
  const personId = actorOf(ctx);
  if (!importFileAllowed(input.fileId, personId)) throw invalid([{ path: 'fileId', message: '只能导入您本人上传的工作簿' }]);
  const bytes = await ctx.files.read(input.fileId);
  if (!bytes || bytes.byteLength === 0) throw invalid([{ path: 'fileId', message: '文件不存在或未上传成功，请重新上传' }]);
  if (bytes.byteLength > MAX_BYTES) throw invalid([{ path: 'fileId', message: '工作簿超过 10 MB，请分成几个文件导入' }]);
  if (!bytesMatchType(xlsxMime, bytes))
    throw invalid([{ path: 'fileId', message: '文件不是 Excel 工作簿（.xlsx），请另存为 .xlsx 后上传' }]);
  let book: Map<string, CellValue[][]>;
  try {
    book = await readWorkbook(bytes);
  } catch {
    throw invalid([{ path: 'fileId', message: '无法读取该工作簿，请用 Excel 或 WPS 另存为 .xlsx 后重新上传' }]);
  }
  const errors: ImportIssue[] = [];
  const parsed = new Map<ImportSheet, ImportRow[]>();
  let found = 0;
  let dataRows = 0;
  for (const sheet of applyOrder) {
    const cells = book.get(headerKey(importSheetNames[sheet]));
    if (!cells) continue;
    found++;
    const p = parseSheet(sheet, cells);
    errors.push(...p.issues);
    parsed.set(sheet, p.rows);
    dataRows += p.rows.length;
  }
  if (found === 0)
    throw invalid([{ path: 'fileId', message: `工作簿中没有可导入的表（${applyOrder.map((s) => importSheetNames[s]).join('、')}）` }]);
  if (dataRows > MAX_ROWS) throw invalid([{ path: 'fileId', message: `一次最多导入 ${MAX_ROWS} 行，请分成几个文件` }]);

  const steps = stepsOf(parsed);
  const summary = new Map<ImportSheet, ImportSheetSummary>(
    applyOrder.map((s) => [s, { sheet: importSheetNames[s], create: [], update: [], unchanged: [] }]),
  );
  const record = (step: Step, o: Outcome) => {
    if (o.kind === 'error') errors.push(...o.issues);
    else {
      const sum = summary.get(step.sheet) as ImportSheetSummary;
      step.rows.forEach((r, i) => {
        sum[o.rows?.[i] ?? o.kind].push(r.row);
      });
    }
  };
  const answer = (done: number, next: number | null): ImportAnswer => ({
    mode: input.mode,
    sheets: applyOrder.filter((s) => parsed.has(s)).map((s) => summary.get(s) as ImportSheetSummary),
    errors: errors.sort((a, b) => applyOrder.indexOf(sheetOf(a.sheet)) - applyOrder.indexOf(sheetOf(b.sheet)) || a.row - b.row),
    done,
    total: steps.length,
    next,
  });

  if (input.mode === 'preview') {
    const dry = { ...ctx, store: importStore(ctx.store, true) };
    for (const step of steps) record(step, await runStep(dry, step, input.requestId));
    return answer(0, null);
  }
  // a workbook with unreadable cells is fixed first (the preview lists them)
  if (errors.length > 0) return answer(0, input.from < steps.length ? input.from : null);
  const started = Date.now();
  const live = { ...ctx, store: importStore(ctx.store, false) };
  let i = input.from;
  for (; i < steps.length; i++) {
    if (i - input.from >= IMPORT_BATCH || Date.now() - started > IMPORT_BUDGET_MS) break;
    const step = steps[i] as Step;
    record(step, await runStep(live, step, input.requestId));
  }
  return answer(i, i < steps.length ? i : null);
}

const sheetOf = (name: string): ImportSheet => applyOrder.find((s) => importSheetNames[s] === name) ?? 'team';
