/**
 * npm run programme:check <file> [--answers sample.json]
 *
 * Checks a programme definition the way an install does, prints its rules in Chinese as staff read
 * them, and computes the scores of sample answers. The file is a definition file (JSON
 * `{ "programme": …, "forms": […] }`, or a programme alone) or a TS/JS module exporting the programme
 * (and its form). Broken definitions: every problem with its path and a Chinese message, exit code 1.
 *
 * Sample answers (JSON): one case or `{ "cases": [...] }`, each
 *   { "name": "…", "kind": "<kindId>", "facts": { <fact>: value, … }, "points": { <judgement item>: n } }
 * — `facts` holds the applicant's answers and the scorer's judgements (staff facts) alike.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chinaDateOf } from '../shared/calendar';
import { programmeIds } from '../shared/programmes';
import { ruleCatalogue } from '../shared/programmes/catalogue';
import { checkDefinition, type DefinitionError } from '../shared/programmes/check-definition';
import type { Facts, Programme } from '../shared/programmes/schema';
import { checkDefinitionFile } from '../shared/rules/definitions';
import { describeScope } from '../shared/rules/offer';
import { bandOf, roundPoints, rubricFor, suggestedSheet } from '../shared/rules/scoring';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the file holds: a definition file, a programme alone, or a module's exports. */
async function readDefinition(file: string): Promise<unknown> {
  if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8'));
  const mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  const values = Object.values(mod).filter(isRecord);
  const programme = values.find((v) => 'kinds' in v && 'rubric' in v);
  const forms = values.filter((v) => 'steps' in v);
  if (!programme) return mod.default ?? null;
  // through JSON: a definition is plain data, so what does not survive JSON is not part of it
  return JSON.parse(JSON.stringify(forms.length > 0 ? { programme, forms } : programme));
}

function check(json: unknown): { ok: true; programme: Programme } | { ok: false; errors: DefinitionError[] } {
  if (isRecord(json) && 'programme' in json) {
    const r = checkDefinitionFile(
      json,
      programmeIds.filter((id) => id !== (json.programme as { id?: string })?.id),
    );
    return r.ok ? { ok: true, programme: r.file.programme } : r;
  }
  return checkDefinition(json);
}

interface SampleCase {
  name?: string;
  kind?: string;
  facts?: Facts;
  points?: Record<string, number>;
}

function printCase(p: Programme, c: SampleCase, out: string[]): boolean {
  const today = chinaDateOf(Date.now());
  const kindId = c.kind ?? p.kinds[0]!.id;
  if (!p.kinds.some((k) => k.id === kindId)) {
    out.push(`  ✗ 没有申报类别 ${kindId}`);
    return false;
  }
  const facts = c.facts ?? {};
  const rubric = rubricFor(p, kindId, facts, today);
  const typed = p.rubricsByType.find((r) => r.rubric === rubric);
  out.push(`\n样例：${c.name ?? '（未命名）'}　评分细则：${typed?.label ?? '通用'}（满分 ${rubric.total}）`);
  let total = 0;
  let complete = true;
  for (const s of suggestedSheet(p, rubric, facts, today)) {
    const item = rubric.items.find((i) => i.id === s.itemId)!;
    const typedIn = c.points?.[s.itemId];
    const points = s.points ?? typedIn ?? null;
    if (points === null) complete = false;
    else total += points;
    const how = s.points !== null ? s.reason : typedIn !== undefined ? '评分人给分' : s.reason;
    out.push(`  ${item.label}（${s.kind === 'computed' ? '计算' : '评定'}，满分 ${item.maxPoints}）：${points ?? '—'}　${how}`);
  }
  total = roundPoints(total);
  if (!complete) {
    out.push('  总分：尚有未定项目');
    return true;
  }
  const band = bandOf(rubric, total);
  out.push(`  总分：${total}${band ? `　等级：${band.label}${band.passes ? '' : '（不予认定）'}` : ''}`);
  return true;
}

export async function main(argv: readonly string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const args = [...argv];
  const at = args.indexOf('--answers');
  const answersFile = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0) args.splice(at, 2);
  const file = args[0];
  if (!file) return { code: 2, out: ['用法：npm run programme:check <定义文件> [--answers 样例答案.json]'] };
  let json: unknown;
  try {
    json = await readDefinition(file);
  } catch (e) {
    return { code: 1, out: [`无法读取 ${file}：${(e as Error).message}`] };
  }
  const checked = check(json);
  if (!checked.ok) {
    out.push(`✗ 项目定义无效（${checked.errors.length} 处）：`);
    for (const e of checked.errors) out.push(`  ${e.path}：${e.message}`);
    return { code: 1, out };
  }
  const p = checked.programme;
  const source =
    p.provenance.kind === 'seed'
      ? `种子 ${p.provenance.file}`
      : `《${p.provenance.title}》（${p.provenance.issuer}，${p.provenance.date}）`;
  out.push(`✓ ${p.city}${p.scope.level === 'district' ? ` ${p.scope.district}` : ''} · ${p.title}`);
  out.push(`  发布：${p.issuer.join('、')} · ${source}`);
  out.push(`  发布范围：${describeScope(p)}`);
  out.push('\n规则：');
  for (const r of ruleCatalogue(p)) out.push(`  [${r.ruleId}] ${r.clause}　${r.text}`);
  if (answersFile) {
    const raw = JSON.parse(readFileSync(answersFile, 'utf8')) as SampleCase | { cases: SampleCase[] };
    const cases = 'cases' in raw ? raw.cases : [raw];
    for (const c of cases) if (!printCase(p, c, out)) return { code: 1, out };
  }
  return { code: 0, out };
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(({ code, out }) => {
    console.log(out.join('\n'));
    process.exitCode = code;
  });
}
