import { getForm } from '../forms';
import { parseFormDefinition } from '../forms/schema';
import type { FormDefinition } from '../forms/types';
import { type RuleEntry, ruleCatalogue } from '../programmes/catalogue';
import { checkDefinition, type DefinitionError } from '../programmes/check-definition';
import type { InstalledDefinition } from '../programmes/registry';
import type { Programme } from '../programmes/schema';

/**
 * Definitions as runtime data (issue 16, item 6): what a definition file is, whether it may be
 * installed, and which version an install makes. A definition file is
 *   { "programme": <the programme definition>, "forms": [<one form per kind>] }
 * — plain JSON, no functions: the same data the built-in programmes are (their TS objects serialise to it).
 */
export interface DefinitionFile {
  programme: Programme;
  forms: FormDefinition[];
}

export type DefinitionFileCheck = { ok: true; file: DefinitionFile } | { ok: false; errors: DefinitionError[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a definition file: the programme exactly as `programme:check` does (`checkDefinition`), every
 * form as the compiled forms are (`formDefinitionSchema` + `checkFormDefinition`), and that they fit:
 * one form per kind (`${programmeId}/${kindId}`), no form for a kind that does not exist, and an id that
 * is not one of the built-in programmes (those ship with the app and are not replaced at run time).
 */
export function checkDefinitionFile(json: unknown, builtinIds: readonly string[]): DefinitionFileCheck {
  if (!isRecord(json))
    return { ok: false, errors: [{ path: '(根)', message: '定义文件应为 JSON 对象：{ "programme": …, "forms": […] }' }] };
  const errors: DefinitionError[] = [];
  const extra = Object.keys(json).filter((k) => k !== 'programme' && k !== 'forms');
  if (extra.length > 0) errors.push({ path: '(根)', message: `定义文件中有无法识别的项：${extra.join('、')}` });
  const checked = checkDefinition(json.programme);
  if (!checked.ok)
    errors.push(...checked.errors.map((e) => ({ path: e.path === '(根)' ? 'programme' : `programme.${e.path}`, message: e.message })));
  if (!Array.isArray(json.forms)) {
    errors.push({ path: 'forms', message: '缺少表单列表 forms' });
    return { ok: false, errors };
  }
  const forms: FormDefinition[] = [];
  // the ids the file names, sound or not: a form with a broken field is one problem, not also a missing form
  const given = new Set(json.forms.flatMap((raw) => (isRecord(raw) && typeof raw.id === 'string' ? [raw.id] : [])));
  json.forms.forEach((raw, i) => {
    const parsed = parseFormDefinition(raw);
    if (parsed.ok) forms.push(parsed.form);
    else errors.push(...parsed.errors.map((message) => ({ path: `forms.${i}`, message })));
  });
  if (!checked.ok) return { ok: false, errors };
  const programme = checked.programme;
  if (builtinIds.includes(programme.id)) {
    errors.push({ path: 'programme.id', message: `「${programme.id}」是内置项目，不能通过安装替换；请换一个项目编号` });
  }
  const ids = new Set<string>();
  for (const [i, f] of forms.entries()) {
    if (ids.has(f.id)) errors.push({ path: `forms.${i}.id`, message: `表单「${f.id}」重复` });
    ids.add(f.id);
    if (!programme.kinds.some((k) => k.formId === f.id)) {
      errors.push({ path: `forms.${i}.id`, message: `表单「${f.id}」不属于本项目的任何申报类别` });
    }
  }
  for (const [i, k] of programme.kinds.entries()) {
    if (k.formId !== `${programme.id}/${k.id}`) {
      errors.push({ path: `programme.kinds.${i}.formId`, message: `申报类别「${k.label}」的表单编号应为 ${programme.id}/${k.id}` });
    } else if (!given.has(k.formId)) {
      errors.push({ path: `programme.kinds.${i}.formId`, message: `申报类别「${k.label}」缺少表单 ${k.formId}` });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: { programme, forms } };
}

/** JSON with every object's keys sorted: the same content is the same text, whatever order it came in. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (isRecord(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort(v[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

export interface StoredVersion {
  version: string;
  content: string;
}

/**
 * Which version an install makes: the version already holding exactly this content (nothing is
 * written again), else the next number after the newest.
 */
export function installVersion(existing: readonly StoredVersion[], content: string): { version: string; isNew: boolean } {
  const same = existing.find((e) => e.content === content);
  if (same) return { version: same.version, isNew: false };
  const newest = Math.max(0, ...existing.map((e) => Number(/^v(\d+)$/.exec(e.version)?.[1] ?? 0)));
  return { version: `v${newest + 1}`, isNew: true };
}

/** The rules as staff read them (the catalogue `programme:check` prints), for the install preview. */
export function previewRules(file: DefinitionFile): RuleEntry[] {
  return ruleCatalogue(file.programme);
}

/** A stored version read back: checked again (a definition that no longer checks is not used). */
export function loadStoredDefinition(content: string, version: string, builtinIds: readonly string[]): InstalledDefinition | null {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return null;
  }
  const checked = checkDefinitionFile(json, builtinIds);
  return checked.ok ? { programme: checked.file.programme, forms: checked.file.forms, version } : null;
}

/**
 * A programme as a definition file: the programme and its kinds' forms. The five built-in programmes
 * are kept as TS objects (typed, commented with their clauses) and are exactly this data; the app is
 * served this file for any programme (applications.programmeDefinition) and renders from it.
 */
export function definitionFileOf(programme: Programme): DefinitionFile {
  return {
    programme,
    forms: programme.kinds.flatMap((k) => {
      const f = getForm(k.formId);
      return f ? [f] : [];
    }),
  };
}

/**
 * A programme's definition file as shipped (shared/programmes/builtin/<id>.json, `npm run
 * programmes:export`): the definition file, 2-space JSON with a final newline. A test compares every
 * shipped file with this, so the files never drift from the compiled definitions.
 */
export function definitionFileJson(programme: Programme): string {
  return `${JSON.stringify(definitionFileOf(programme), null, 2)}\n`;
}
