import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { programmes } from '../../shared/programmes';
import type { Harness } from '../support/handlers';
import { callsOf, draftReady, harness, ok, rid, roundIdOf } from './applications-support';

/**
 * Issue 11, finding 7: one U+FFFF (or U+FFFE) in any application text made the round's .xlsx and
 * the application's .docx invalid XML, for everyone. The text goes in the way a secretary's phone
 * sends it (saveDraft → submit); both exports must be well-formed and hold the text without the
 * characters. On the committed main the draft kept them and both files were unreadable.
 */
const station = programmes['yiyang-station-2023'];
const stationKind = station.kinds[0]!;

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** XML 1.0 `Char`: the only characters an XML document may contain (https://www.w3.org/TR/xml/#charsets). */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Every XML part of an OOXML zip, with the first character XML cannot carry, if any. */
async function badXmlParts(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const bad: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await entry.async('string');
    const m = notXmlChar.exec(xml);
    if (m) bad.push(`${name}: U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return bad;
}

it('an application whose text held U+FFFF and U+FFFE exports a valid .docx and .xlsx holding the text', async () => {
  const call = callsOf(h);
  const values = {
    stationName: '益阳市测试学会1\uFFFF沅江船舶服务站',
    unitDescription: '企业现有研发人员 36 名\uFFFE，年产值 2.3 亿元。\u0000',
    purposeAndPlan: '两年内攻关焊接变形难题 2 项\u202E，培训技术工人 300 人次。',
  };
  const { applicationId, personId } = await draftReady(h, station, stationKind, 0, { values });
  ok(await call('submit', { applicationId, requestId: rid() }, personId));

  const docx = Buffer.from(ok(await call('exportForm', { applicationId }, personId)).base64, 'base64');
  expect(await badXmlParts(docx)).toEqual([]);
  const documentXml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  expect(documentXml).toContain('益阳市测试学会1沅江船舶服务站');
  expect(documentXml).toContain('年产值 2.3 亿元。');

  const xlsx = Buffer.from(ok(await call('exportRound', { roundId: roundIdOf(h, station.id) }, 'p-city-staff')).base64, 'base64');
  expect(await badXmlParts(xlsx)).toEqual([]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer); // exceljs's own XML parser refuses a disallowed character
  const all = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
  expect(all).toContain(applicationId);
  expect(all).toContain('益阳市测试学会1沅江船舶服务站');
  expect(all).toContain('两年内攻关焊接变形难题 2 项，培训技术工人 300 人次。');
});
