import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../scripts/programme-check';
import { heshanSocietyStars, heshanSocietyStarsForm } from '../../fixtures/programmes/heshan-society-stars';

/** `npm run programme:check <file> [--answers sample.json]` (scripts/programme-check.ts). */
const fixture = join(__dirname, '../../fixtures/programmes/heshan-society-stars.ts');
const answers = join(__dirname, '../../fixtures/programmes/heshan-society-stars.answers.json');
const dir = mkdtempSync(join(tmpdir(), 'programme-check-'));
const write = (name: string, data: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};
const copy = () => JSON.parse(JSON.stringify(heshanSocietyStars));

describe('programme:check', () => {
  it('prints the rules in Chinese and the sample scores of the sixth programme', async () => {
    const { code, out } = await main([fixture, '--answers', answers]);
    const text = out.join('\n');
    expect(code).toBe(0);
    expect(text).toContain('✓ 益阳市 赫山区 · 赫山区区级学会星级评估');
    expect(text).toContain('[funding.evaluation] 第二条　学会星级评估：不设资助资金');
    expect(text).toContain('会员规模（满分 8）：个人会员不少于 500 人或单位会员不少于 50 家 → 8 分；');
    expect(text).toContain('等级：五星 ≥ 54 分，四星 ≥ 48 分，三星 ≥ 42 分，二星 ≥ 36 分，不评星（不予认定）');
    expect(text).toContain('评分人评定：酌情扣分（0–3分，步长 0.5）');
    expect(out.filter((l) => l.startsWith('  总分'))).toEqual(['  总分：58.5　等级：五星', '  总分：48　等级：四星']);
  });

  it('reads a JSON definition file with its form', async () => {
    const file = write('ok.json', { programme: heshanSocietyStars, forms: [heshanSocietyStarsForm] });
    expect((await main([file])).code).toBe(0);
  });

  it.each([
    [
      'a tier on an undefined fact',
      (d: any) => (d.rubric.items[0].points.tiers[0].when.any[0].fact = 'members'),
      'rubric.items.0.points：引用了未定义的事实：members',
    ],
    [
      'a 0.3 point value on a half-point item',
      (d: any) => (d.rubric.items[3].points.otherwise = 0.3),
      'rubric.items.3.points：分值 0.3 不是步长 0.5 的整数倍',
    ],
    ['items not adding up to the total', (d: any) => (d.rubric.total = 100), 'rubric：评分细则各项满分之和必须等于 100'],
    [
      'a per-occurrence count on a yes/no fact',
      (d: any) => (d.rubric.items[2].points.changes[2].per = 'hasOffice'),
      'rubric.items.2.points.changes.2.per：按次计分需要数字事实：hasOffice',
    ],
    ['bands not highest first', (d: any) => d.rubric.bands.reverse(), 'rubric.bands：等级应按分数线从高到低排列'],
    [
      'an at-least larger than its list',
      (d: any) => (d.rubric.items[1].points.tiers[1].when.atLeast = 5),
      '“至少满足 n 项”的 n 不能大于条件数',
    ],
    ['a missing title', (d: any) => delete d.title, 'title：无效输入'],
  ])('refuses %s: exit 1, the path and a Chinese message', async (_name, edit, message) => {
    const d = copy();
    edit(d);
    const { code, out } = await main([write('broken.json', d)]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^✗ 项目定义无效/);
    expect(out.join('\n')).toContain(message);
  });

  it('without a file prints the usage', async () => {
    expect((await main([])).code).toBe(2);
  });
});
