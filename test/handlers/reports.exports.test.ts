import ExcelJS from 'exceljs';
import { type Harness, makeDeps } from '../support/handlers';
import { day, training, workingDaysFrom, write } from './reports-fixtures';

/** .xlsx exports of the dashboard and of a station's detail, read back with exceljs. */
let h: Harness;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  const agri = 'st-agri-heshan';
  await write(h, [
    ...[2, 3, 4, 5].flatMap((i) => workingDaysFrom('2026-10-09', 10).map((d) => day(agri, `p-exp-agri-${i}`, d))),
    ...workingDaysFrom('2026-10-09', 6).map((d) => day(agri, 'p-exp-agri-1', d)),
    training(agri, 'p-exp-agri-2', '2026-10-20', 66),
  ]);
});
afterEach(async () => {
  await h.close();
});

async function workbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as any);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe('exportDashboard', () => {
  it('writes the filtered, sorted dashboard with clause scores and risk reasons; the file is stored too', async () => {
    const r = await h.call('reports', 'exportDashboard', { filters: {}, sort: { by: 'name' } }, 'p-city-staff');
    expect(r.ok).toBe(true);
    expect(r.data.rows).toBe(2);
    expect(r.data.file).toMatchObject({
      name: '服务站看板_2026-11-20.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const stored = await h.deps.files.read(r.data.file.fileId);
    expect(Buffer.from(stored!).toString('base64')).toBe(r.data.base64);
    const ws = (await workbook(r.data.base64)).getWorksheet('服务站看板')!;
    expect(String(ws.getCell('A1').value)).toMatch(/截至 2026-11-20，共 2 个/);
    const header = rowValues(ws, 2);
    expect(header.slice(0, 3)).toEqual(['服务站', '级别', '所属科协']);
    expect(header).toEqual(expect.arrayContaining(['当前得分', '预计等次', '风险', '本季度不足天数合计', '预计资助（元）', '风险说明']));
    const names = [rowValues(ws, 3)[0], rowValues(ws, 4)[0]];
    expect(names).toEqual(['湖南省茶叶学会桃江服务站', '益阳市农学会赫山服务站']); // pinyin order
    const agri = rowValues(ws, 4);
    expect(agri[header.indexOf('本季度天数不足专家（人）')]).toBe(1);
    expect(agri[header.indexOf('本季度不足天数合计')]).toBe(4);
  });
  it('a county exports only its own stations', async () => {
    const r = await h.call('reports', 'exportDashboard', { filters: {}, sort: { by: 'risk' } }, 'p-heshan-staff');
    expect(r.data.rows).toBe(1);
    const ws = (await workbook(r.data.base64)).getWorksheet('服务站看板')!;
    expect(rowValues(ws, 3)[0]).toBe('益阳市农学会赫山服务站');
    expect(ws.rowCount).toBe(3);
  });
});

describe('exportStation', () => {
  it('writes the overview, the expert × quarter days, the clauses, the work records and the quarterly series', async () => {
    const r = await h.call('reports', 'exportStation', { stationId: 'st-agri-heshan' }, 'p-heshan-staff');
    expect(r.ok).toBe(true);
    const wb = await workbook(r.data.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '专家服务天数', '考核条款', '工作记录', '季度服务天数']);
    const days = wb.getWorksheet('专家服务天数')!;
    const header = rowValues(days, 2);
    const wang = rowValues(days, 3);
    expect(wang[0]).toBe('王建国');
    expect(wang[header.indexOf('Q4天数')]).toBe(6);
    expect(wang[header.indexOf('Q4差')]).toBe(4);
    expect(wang[header.indexOf('本季度还差')]).toBe(4);
    const work = wb.getWorksheet('工作记录')!;
    expect(rowValues(work, 2)).toEqual(['技术培训', '2026-10-20', '技术培训', '益阳，66 人次', '已确认', '是', '李秀英', '签到表.jpg']);
  });
  it("a county may not export another county's station", async () => {
    const r = await h.call('reports', 'exportStation', { stationId: 'st-tea-taojiang' }, 'p-heshan-staff');
    expect(r.error!.code).toBe('AUTH.FORBIDDEN');
  });
});
