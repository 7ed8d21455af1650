import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { localOpenidOf } from '../../local/demo/org';
import { importFolderOf } from '../../shared/rules/org-import';
import type { RoleBinding } from '../../shared/schemas/org';
import { type Harness, makeDeps } from '../support/handlers';
import { BAD, cityBook, excelRow, xlsx } from '../support/org-workbook';

/**
 * The organisation workbook (issue 13, item 3): a real .xlsx built with exceljs — 22 societies, 12 host
 * units, 6 stations with plaque dates and teams, 32 experts — as messy as real sheets (a merged title row
 * above the header, Excel serial dates and dates as text, mobiles stored as numbers, full-width digits,
 * stray spaces, an empty trailing row) with one generated bad cell per column type; uploaded to the
 * caller's import folder in storage and imported by fileID.
 */
let h: Harness;
let n = 0;
const rid = () => `org-import-${String(++n).padStart(6, '0')}`;
beforeEach(async () => {
  h = await makeDeps();
});
afterEach(async () => {
  await h.close();
});
const CITY = 'p-city-staff';
const call = (action: string, data: unknown, who: string) => h.call('org', action, data, who);
const ok = <T = any>(r: { ok: boolean; data?: T; error?: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
};

async function upload(bytes: Uint8Array, personId = CITY, name = '名录.xlsx') {
  const ref = await h.deps.files.put({
    name,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
    ownerOpenid: localOpenidOf(personId),
    folder: importFolderOf(personId),
  });
  return ref.fileId;
}

const preview = async (fileId: string, who = CITY) => ok(await call('importWorkbook', { requestId: rid(), fileId, mode: 'preview' }, who));
async function commitAll(fileId: string, who = CITY) {
  const answers: any[] = [];
  for (let from: number | null = 0; from !== null; ) {
    const a: any = ok(await call('importWorkbook', { requestId: rid(), fileId, mode: 'commit', from }, who));
    answers.push(a);
    from = a.next;
    if (answers.length > 20) throw new Error('commit does not finish');
  }
  return answers;
}
const count = (a: any, kind: 'create' | 'update' | 'unchanged') => a.sheets.reduce((s: number, x: any) => s + x[kind].length, 0);
const auditCount = () => {
  const tables = Object.entries(h.snapshot() as Record<string, unknown[]>).filter(([k]) => /audit/.test(k));
  if (tables.length === 0) throw new Error('no audit table');
  return tables.reduce((s, [, rows]) => s + rows.length, 0);
};

describe('org.importWorkbook', () => {
  it('preview lists exactly the bad cells and writes nothing; the fixed file commits in resumable steps; re-import changes nothing; one edited cell updates one row', async () => {
    const badFile = await upload(await xlsx(cityBook(BAD)), CITY, '有错误.xlsx');
    const before = h.snapshot();
    const p = await preview(badFile);
    expect(h.snapshot()).toEqual(before);
    const got = p.errors.map((e: any) => `${e.sheet}:${e.row}:${e.column}`).sort();
    const want = BAD.map(([s, i, c]) => `${s}:${excelRow(i)}:${c}`).sort();
    expect(got).toEqual(want);
    for (const e of p.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    // a workbook with errors is not committed
    const refused = ok(await call('importWorkbook', { requestId: rid(), fileId: badFile, mode: 'commit' }, CITY));
    expect(refused.done).toBe(0);
    expect(h.snapshot()).toEqual(before);

    const fixed = await upload(await xlsx(cityBook()), CITY, '已改正.xlsx');
    const p2 = await preview(fixed);
    expect(p2.errors).toEqual([]);
    expect(count(p2, 'create')).toBe(22 + 12 + 7 + 32 + 30);
    expect(h.snapshot()).toEqual(before);

    const answers = await commitAll(fixed);
    expect(answers.length).toBeGreaterThan(1); // more steps than one call takes
    expect(answers.every((a) => a.errors.length === 0)).toBe(true);
    const last = answers[answers.length - 1];
    expect(last.done).toBe(last.total);
    expect(answers.reduce((s, a) => s + count(a, 'create'), 0)).toBe(22 + 12 + 7 + 32 + 30);
    const societies = ok(await call('listUnits', { kind: 'society', limit: 200 }, CITY)).items;
    expect(societies.filter((s: any) => /^益阳市第[\d０-９]+学会$/.test(s.name))).toHaveLength(22);
    const stations = ok(await call('listUnits', { kind: 'station', limit: 200, q: '服务站' }, CITY)).items;
    const st1 = stations.find((s: any) => s.name === '第1服务站');
    const st2 = stations.find((s: any) => s.name === '第2服务站');
    expect([st1.plaqueDate, st2.plaqueDate]).toEqual(['2019-03-05', '2019-03-05']);
    expect(stations.find((s: any) => s.name === '第6服务站').plaqueDate).toBe('2023-05-20');
    expect(st1.team).toHaveLength(5);
    expect(st1.team.every((m: any) => m.from === '2024-01-02' && m.to === null)).toBe(true);
    const people = ok(await call('listUnits', { kind: 'person', limit: 200, q: '专家' }, CITY)).items;
    expect(people.find((x: any) => x.name === '专家2').mobile).toBe('139****0001');

    // the same file again: every row unchanged, nothing written (no audit event)
    const snap = h.snapshot();
    const again = await preview(fixed);
    expect([count(again, 'create'), count(again, 'update'), count(again, 'unchanged')]).toEqual([0, 0, 103]);
    const re = await commitAll(fixed);
    expect(re.reduce((s, a) => s + count(a, 'unchanged'), 0)).toBe(103);
    expect(h.snapshot()).toEqual(snap);

    // one cell edited: exactly one row updated, one audit event
    const audits = auditCount();
    const edited = await upload(await xlsx(cityBook([], [['学会', 4, '联系人', '新联系人']])), CITY, '改一格.xlsx');
    const pe = await preview(edited);
    expect(pe.sheets.find((s: any) => s.sheet === '学会').update).toEqual([excelRow(4)]);
    expect([count(pe, 'create'), count(pe, 'update')]).toEqual([0, 1]);
    const ce = await commitAll(edited);
    expect(ce.reduce((s, a) => s + count(a, 'update'), 0)).toBe(1);
    expect(auditCount()).toBe(audits + 1);
  }, 120_000);

  it('export → import: every row unchanged (demo organisation plus an imported city)', async () => {
    await commitAll(await upload(await xlsx(cityBook())));
    const out = ok(await call('exportOrg', {}, CITY));
    expect(out.file.name).toMatch(/\.xlsx$/);
    const bytes = await h.deps.files.read(out.file.fileId);
    expect(bytes).not.toBeNull();
    // no whole mobile leaves the function
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(bytes as Uint8Array)]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '学会', '建站单位', '服务站', '人员', '服务站团队成员']);
    const mobiles: string[] = [];
    wb.getWorksheet('人员')?.eachRow((r) => mobiles.push(String(r.getCell(3).value ?? '')));
    expect(mobiles.filter((m) => /^1\d{10}$/.test(m))).toEqual([]);
    const snap = h.snapshot();
    const fileId = await upload(bytes as Uint8Array, CITY, '导出.xlsx');
    const p = await preview(fileId);
    expect(p.errors).toEqual([]);
    expect([count(p, 'create'), count(p, 'update')]).toEqual([0, 0]);
    expect(count(p, 'unchanged')).toBeGreaterThan(100);
    await commitAll(fileId);
    // only the uploaded copy of the workbook was stored
    const after = h.snapshot() as Record<string, unknown[]>;
    expect({ ...after, files: undefined }).toEqual({ ...(snap as Record<string, unknown[]>), files: undefined });

    // a renamed society (its 编号 kept) is updated, not duplicated
    const ws = wb.getWorksheet('学会') as ExcelJS.Worksheet;
    let renamedId = '';
    ws.eachRow((r, i) => {
      if (i > 1 && r.getCell(2).value === '益阳市第3学会') {
        renamedId = String(r.getCell(1).value);
        r.getCell(2).value = '益阳市第三学会';
      }
    });
    const renamed = await upload(new Uint8Array(await wb.xlsx.writeBuffer()), CITY, '改名.xlsx');
    const pr = await preview(renamed);
    expect([count(pr, 'create'), count(pr, 'update')]).toEqual([0, 1]);
    await commitAll(renamed);
    const socs = ok(await call('listUnits', { kind: 'society', limit: 200, q: '益阳市第' }, CITY)).items;
    expect(socs.find((s: any) => s.id === renamedId).name).toBe('益阳市第三学会');
    expect(socs.some((s: any) => s.name === '益阳市第3学会')).toBe(false);
  }, 120_000);

  it('the template: every entity sheet with Chinese headers, dropdowns, an example row (not imported) and 说明', async () => {
    const out = ok(await call('exportTemplate', {}, CITY));
    const bytes = (await h.deps.files.read(out.file.fileId)) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(bytes)]));
    const soc = wb.getWorksheet('学会') as ExcelJS.Worksheet;
    expect(soc.getRow(1).values).toEqual([undefined, '编号', '学会名称*', '级别*', '所属科协', '统一社会信用代码', '联系人', '联系电话']);
    expect(soc.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"全国,省级,市级,县级"'] });
    expect(soc.getCell('A2').value).toBe('示例');
    expect((wb.getWorksheet('说明') as ExcelJS.Worksheet).getCell('A1').value).toBe('填写说明');
    const snap = h.snapshot();
    const p = await preview(await upload(bytes));
    expect(p.errors).toEqual([]);
    expect([count(p, 'create'), count(p, 'update'), count(p, 'unchanged')]).toEqual([0, 0, 0]);
    expect({ ...(h.snapshot() as object), files: undefined }).toEqual({ ...(snap as object), files: undefined });
  });

  it('a file outside the caller’s own import folder, or not a workbook, is refused', async () => {
    const other = await upload(await xlsx(cityBook()), 'p-heshan-staff');
    expect((await call('importWorkbook', { requestId: rid(), fileId: other, mode: 'preview' }, CITY)).error?.code).toBe('INPUT.INVALID');
    const pdf = await h.deps.files.put({
      name: 'a.xlsx',
      mime: 'application/pdf',
      bytes: new TextEncoder().encode('%PDF-1.4 not a workbook'),
      ownerOpenid: localOpenidOf(CITY),
      folder: importFolderOf(CITY),
    });
    const r = await call('importWorkbook', { requestId: rid(), fileId: pdf.fileId, mode: 'preview' }, CITY);
    expect(r.error?.issues?.[0]?.message).toContain('.xlsx');
  });
});

// ───────────────────────── a second city ─────────────────────────

async function seedSecondCity() {
  const org = h.deps.store.org;
  await org.putCastUnit({ id: 'cast-cd', name: '常德市科协', kind: 'city', parentId: null });
  await org.putSociety({ id: 'soc-cd', name: '常德市农学会', level: 'city', castUnitId: 'cast-cd' });
  await org.putPerson({ id: 'p-cd-staff', name: '常德工作人员', title: '', societyId: null, hostUnitId: null, castUnitId: 'cast-cd' });
  const b: RoleBinding = {
    id: 'bd-cd-staff',
    openid: localOpenidOf('p-cd-staff'),
    personId: 'p-cd-staff',
    role: 'cityStaff',
    scope: { societyId: null, stationId: null, hostUnitId: null, castUnitId: 'cast-cd' },
    createdAt: 0,
    createdBy: 'p-cd-staff',
    revokedAt: null,
    revokedBy: null,
  };
  await h.deps.store.identity.seedBinding(b);
}

describe('two cities: the second city’s staff neither import into nor export the first', () => {
  it('export: only its own city; the first city’s unit is refused', async () => {
    await seedSecondCity();
    const out = ok(await call('exportOrg', {}, 'p-cd-staff'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from((await h.deps.files.read(out.file.fileId)) as Uint8Array)]));
    const text = wb.worksheets.map((w) => JSON.stringify(w.getSheetValues())).join('');
    expect(text).toContain('常德市农学会');
    for (const first of ['益阳市农学会', '湖南省茶叶学会', 'soc-agri', 'st-agri-heshan', '赫山区科协']) expect(text).not.toContain(first);
    expect((await call('exportOrg', { castUnitId: 'cast-heshan' }, 'p-cd-staff')).error?.code).toBe('AUTH.FORBIDDEN');
  });

  it('import: the first city’s export (with its ids) and rows naming its units are refused row by row; nothing is written', async () => {
    await seedSecondCity();
    const out = ok(await call('exportOrg', {}, CITY));
    const bytes = (await h.deps.files.read(out.file.fileId)) as Uint8Array;
    const fileId = await upload(bytes, 'p-cd-staff');
    const snap = h.snapshot();
    const p = await preview(fileId, 'p-cd-staff');
    expect([count(p, 'create'), count(p, 'update'), count(p, 'unchanged')]).toEqual([0, 0, 0]);
    const rows = p.sheets.map((s: any) => s.sheet);
    expect(rows.length).toBeGreaterThan(0);
    expect(p.errors.length).toBeGreaterThanOrEqual(3 + 2 + 2); // every society, host unit and station row at least
    await commitAll(fileId, 'p-cd-staff');
    expect({ ...(h.snapshot() as object), files: undefined }).toEqual({ ...(snap as object), files: undefined });

    const named = await upload(await xlsx(cityBook()), 'p-cd-staff');
    const pn = await preview(named, 'p-cd-staff');
    expect(pn.errors.some((e: any) => e.sheet === '学会' && e.column === '所属科协' && /管辖/.test(e.message))).toBe(true);
    expect(count(pn, 'update') + count(pn, 'unchanged')).toBe(0);
  });
});
