import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { getForm, inputFields } from '../../shared/forms';
import { programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, districtHarness, draftReady, ok, passStages, registeredKinds, rid, roundIdOf } from './applications-support';

/** The .docx and .xlsx open (read back here) and hold what was entered. */
const station = programmes['yiyang-station-2023'];
const stationKind = station.kinds[0]!;

let h: Harness;
beforeEach(async () => {
  // with the district societies: the per-kind export runs over every registered programme (the sixth too)
  h = await districtHarness();
});
afterEach(async () => {
  await h.close();
});

/** The text of a .docx: every w:t run of word/document.xml joined per paragraph. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

const stationValues = {
  stationName: '益阳市测试学会1沅江船舶服务站',
  applicantName: '赫山区测试企业1科协',
  legalRepresentative: '李建华',
  applicationDate: '2026-11-18',
  address: '益阳市赫山区龙岭工业园 9 号',
  postcode: '413002',
  contactName: '周晓明',
  contactMobile: '13907371234',
  unitKind: 'enterprise_cast',
  industryField: '装备制造',
  level: 'city',
  unitDescription: '企业现有研发人员 36 名，年产值 2.3 亿元。',
  industryDescription: '全市船舶配套企业 42 家。',
  societyName: '益阳市测试学会1',
  societyLegalRepresentative: '陈国强',
  societyAddress: '益阳市桃花仑路 18 号',
  societyContactName: '彭涛',
  societyContactMobile: '13807370001',
  societyDescription: '学会聚焦船舶制造，开展学术交流 12 场。',
  purposeAndPlan: '两年内攻关焊接变形难题 2 项，培训技术工人 300 人次。',
};

describe('exportForm (.docx)', () => {
  it('prints the station 申报书 laid out like the seed: cover, sections, check boxes, four opinion blocks with seal and date lines', async () => {
    const { applicationId, personId } = await draftReady(h, station, stationKind, 0, { values: stationValues });
    const out = ok(await callsOf(h)('exportForm', { applicationId }, personId));
    expect(out.file).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      name: expect.stringMatching(/\.docx$/),
    });
    expect(out.base64).not.toBeNull();
    const bytes = new Uint8Array(Buffer.from(out.base64, 'base64'));
    expect(await h.deps.files.read(out.file.fileId)).toEqual(bytes);
    const text = await docxText(bytes);
    expect(text).toContain('益阳市重点产业领域学会服务站申报书');
    expect(text).toContain(`学会服务站名称：${stationValues.stationName}`);
    expect(text).toContain('申报日期：2026年11月18日');
    expect(text).toContain('益阳市科学技术协会制');
    for (const v of [
      stationValues.address,
      stationValues.contactName,
      stationValues.contactMobile,
      stationValues.unitDescription,
      stationValues.societyDescription,
      stationValues.purposeAndPlan,
    ]) {
      expect(text).toContain(v);
    }
    // mirrored cells repeat the cover: 单位名称 and 法人代表 of the table
    expect(text.split(stationValues.applicantName).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('☑企业科协');
    expect(text).toContain('☐园区科协');
    expect(text).toContain('☑市级学会服务站');
    for (const block of ['申报单位意见', '县市区科协意见', '县市区委人才办意见', '市科协意见']) expect(text).toContain(block);
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines.filter((l) => l === '（盖章）')).toHaveLength(4);
    expect(lines.filter((l) => l === '年    月    日')).toHaveLength(4);
    // the materials uploaded are listed
    expect(text).toContain('附件材料清单');
    expect(text).toContain('agreement.pdf');
  });

  it.each(registeredKinds)('%s: every text the applicant typed is in the document', async (_n, p, kind) => {
    const { applicationId, personId } = await draftReady(h, p, kind);
    const app = (await h.deps.store.applications.get(applicationId))!;
    const form = getForm(kind.formId)!;
    const text = await docxText(
      new Uint8Array(Buffer.from(ok(await callsOf(h)('exportForm', { applicationId }, personId)).base64, 'base64')),
    );
    expect(text).toContain(form.title);
    for (const { field } of inputFields(form)) {
      const v = app.values[field.key];
      if (typeof v === 'string' && v !== '' && (field.type === 'text' || field.type === 'textarea' || field.type === 'mobile'))
        expect(text).toContain(v);
    }
    const opinions = form.steps.flatMap((s) => s.fields).filter((f) => f.type === 'opinion');
    expect(text.split('\n').filter((l) => l.trim() === '（盖章）')).toHaveLength(opinions.length);
  });

  it('is refused to anyone outside the application', async () => {
    const { applicationId } = await draftReady(h, station, stationKind);
    expect((await callsOf(h)('exportForm', { applicationId }, 'p-sec-tea')).error?.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('exportRound (.xlsx)', () => {
  it("lists the round's applications with status, scores and the values entered; a county sees its own", async () => {
    const call = callsOf(h);
    const wuhan = programmes['wuhan-award'];
    const a = await draftReady(h, wuhan, wuhan.kinds[0]!, 0, { values: { societyName: '益阳市测试学会1', president: '王理事长' } });
    ok(await call('submit', { applicationId: a.applicationId, requestId: rid() }, a.personId));
    await passStages(h, a.applicationId); // formal review, expert review (scored by p-reviewer-1)
    const b = await draftReady(h, wuhan, wuhan.kinds[0]!, 1, { values: { societyName: '益阳市测试学会2' } });
    ok(await call('submit', { applicationId: b.applicationId, requestId: rid() }, b.personId));

    const out = ok(await call('exportRound', { roundId: roundIdOf(h, wuhan.id) }, 'p-city-staff'));
    expect(out.file.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '评分明细', expect.stringContaining('申报内容')]);

    const summary = wb.getWorksheet('汇总')!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const rowOf = (id: string) => rows.find((r) => r.includes(id))!;
    const expectedTotal = wuhan.rubric.items.reduce((s, i) => s + i.maxPoints - 2, 0);
    expect(rowOf(a.applicationId)).toEqual(expect.arrayContaining(['益阳市测试学会1', '待公示', 1, expectedTotal]));
    expect(rowOf(b.applicationId)).toEqual(expect.arrayContaining(['益阳市测试学会2', 0]));

    const detail = wb.getWorksheet('评分明细')!;
    const sheetRows = (detail.getSheetValues().filter(Boolean) as unknown[][]).slice(1);
    expect(sheetRows).toHaveLength(1);
    expect(sheetRows[0]).toEqual(expect.arrayContaining([a.applicationId, '严冬', expectedTotal]));

    const values = wb.worksheets[2]!;
    const header = values.getRow(1).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['学会名称', '理事长']));
    const all = JSON.stringify(values.getSheetValues());
    expect(all).toContain('王理事长');
    expect(all).toContain('益阳市测试学会2');
  });

  it('gives a county only its own applications', async () => {
    const call = callsOf(h);
    const s = await draftReady(h, station, stationKind);
    ok(await call('submit', { applicationId: s.applicationId, requestId: rid() }, s.personId));
    const load = async (who: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        Buffer.from(ok(await call('exportRound', { roundId: roundIdOf(h, station.id) }, who)).base64, 'base64') as unknown as ArrayBuffer,
      );
      return JSON.stringify(wb.getWorksheet('汇总')!.getSheetValues());
    };
    expect(await load('p-heshan-staff')).toContain(s.applicationId);
    expect(await load('p-taojiang-staff')).not.toContain(s.applicationId);
    expect((await call('exportRound', { roundId: roundIdOf(h, station.id) }, s.personId)).error?.code).toBe('AUTH.FORBIDDEN');
  });
});
