import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFields, fieldName, yiyangStationForm } from '../../../shared/forms';

/**
 * Seed 004 附件 《益阳市重点产业领域学会服务站申报书》: every cell of the printed form must be a
 * field of the definition, with the seed's caption, in the seed's order and block. The expected
 * captions below were copied from the seed text by hand; the test also re-reads the seed to prove
 * each one is really printed there, in this order.
 */
const seedFile = '004_20201475e3758f73.txt';
/** The policy documents are kept in the repository, as data (seeds/README.md). */
const seedPath = join(__dirname, '../../../seeds', seedFile);
if (!existsSync(seedPath)) throw new Error(`找不到种子文件 ${seedFile}`);
const seedText = readFileSync(seedPath, 'utf8');
/** The seed aligns captions with spaces and line breaks (「邮    编」, 「申报单位\n意  见」). */
const squash = (s: string) => s.replace(/\s+/g, '');
const form = squash(seedText.slice(seedText.indexOf('益阳市重点产业领域学会服务站申报书')));

interface SeedCell {
  label: string;
  group?: string;
  /** how to find the cell in the seed when it has no caption of its own: its bracketed hint */
  locate?: string;
}

const seedCells: SeedCell[] = [
  // 封面
  { label: '学会服务站名称' },
  { label: '申报单位名称（盖章）' },
  { label: '法定代表人（签章）' },
  { label: '申报日期' },
  // 表: 申报单位
  { label: '单位名称' },
  { label: '法人代表' },
  { label: '通讯地址' },
  { label: '邮编' },
  { label: '姓名', group: '联系人' },
  { label: '电话', group: '联系人' },
  { label: '手机', group: '联系人' },
  { label: '传真', group: '联系人' },
  { label: '电子邮件', group: '联系人' },
  { label: 'QQ/微信', group: '联系人' },
  { label: '单位性质' },
  { label: '重点产业领域' },
  { label: '申报级别' },
  { label: '申报单位基本情况' },
  { label: '服务产业基本情况' },
  // 建站学会基本情况
  { label: '学会名称', group: '建站学会基本情况' },
  { label: '法人代表', group: '建站学会基本情况' },
  { label: '职务', group: '建站学会基本情况' },
  { label: '手机', group: '建站学会基本情况' },
  { label: '通讯地址', group: '建站学会基本情况' },
  { label: '邮编', group: '建站学会基本情况' },
  { label: '联系人', group: '建站学会基本情况' },
  { label: '职务', group: '建站学会基本情况' },
  { label: '手机', group: '建站学会基本情况' },
  { label: '电话传真', group: '建站学会基本情况' },
  { label: 'QQ', group: '建站学会基本情况' },
  { label: '电子邮件', group: '建站学会基本情况' },
  { label: '微信', group: '建站学会基本情况' },
  { label: '建站学会基本情况', group: '建站学会基本情况', locate: '（重点产业领域、开展活动描述及主要成果等）' },
  { label: '建站目的工作计划' },
  // 意见栏 (second page)
  { label: '申报单位意见' },
  { label: '县市区科协意见' },
  { label: '县市区委人才办意见' },
  { label: '市科协意见' },
];

describe('the station application form (seed 004 附件)', () => {
  it('prints every expected caption in the seed, in this order', () => {
    let from = 0;
    for (const cell of seedCells) {
      const at = form.indexOf(cell.locate ?? cell.label, from);
      expect({ cell: cell.label, found: at >= 0 }).toEqual({ cell: cell.label, found: true });
      from = at + 1;
    }
  });

  it('has every cell of the seed as a field, same caption, same block, same order', () => {
    const fields = allFields(yiyangStationForm).map(({ field }) => ({ label: field.label, group: field.group }));
    expect(fields).toEqual(seedCells.map((c) => ({ label: c.label, group: c.group })));
  });

  it('carries the seed’s bracketed hints as help text', () => {
    const hints = [...form.matchAll(/（([^（）]*等[^（）]*)）/g)].map((m) => m[1] ?? '');
    const helps = allFields(yiyangStationForm)
      .map(({ field }) => field.help)
      .filter((h): h is string => h !== undefined)
      .map(squash);
    // 申报单位基本概况…, 服务产业规模…, 重点产业领域、开展活动…, 重点产业领域、工作目标…
    expect(hints).toHaveLength(4);
    for (const hint of hints) expect(helps).toContain(hint);
  });

  describe.each([
    ['单位性质', 'unitKind', '重点产业领域'],
    ['重点产业领域', 'industryField', '申报级别'],
    ['申报级别', 'level', '申报单位基本情况'],
  ])('the %s check boxes', (caption, key, nextCaption) => {
    it('offer exactly the seed’s boxes, in order', () => {
      // the title also says 重点产业领域: look only from the 单位性质 row on
      const table = form.slice(form.indexOf('单位性质'));
      const start = table.indexOf(caption);
      const row = table.slice(start + caption.length, table.indexOf(nextCaption, start + caption.length));
      const boxes = [...row.matchAll(/□([^□]+)/g)].map((m) => m[1]);
      const field = allFields(yiyangStationForm).find((p) => p.field.key === key)?.field;
      expect(boxes.length).toBeGreaterThan(2);
      expect(field?.options?.map((o) => o.label)).toEqual(boxes);
    });
  });

  it('has one paper opinion block per （盖章） line on the opinions page', () => {
    const opinionsPage = form.slice(form.indexOf('申报单位意见'));
    const seals = opinionsPage.match(/（盖章）/g) ?? [];
    const dateLines = opinionsPage.match(/年月日/g) ?? [];
    const opinions = allFields(yiyangStationForm).filter((p) => p.field.type === 'opinion');
    expect(seals).toHaveLength(4);
    expect(dateLines).toHaveLength(4);
    expect(opinions.map((p) => p.field.label)).toEqual(['申报单位意见', '县市区科协意见', '县市区委人才办意见', '市科协意见']);
    expect(opinions.every((p) => p.stepId === 'opinions' && !p.field.required)).toBe(true);
  });

  it('names every field unambiguously where the seed repeats a caption', () => {
    const names = allFields(yiyangStationForm).map(({ field }) => fieldName(field));
    expect(new Set(names).size).toBe(names.length);
  });

  it('prints the cover’s unit name and legal representative again in the table, typed in once', () => {
    const byKey = new Map(allFields(yiyangStationForm).map((p) => [p.field.key, p.field]));
    expect(byKey.get('unitName')?.mirrorOf).toBe('applicantName');
    expect(byKey.get('unitLegalRepresentative')?.mirrorOf).toBe('legalRepresentative');
  });
});
