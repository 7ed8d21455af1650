import { formSchema, getForm, inputFields, parseFormDefinition } from '../../../shared/forms';
import { programmeIds, programmes } from '../../../shared/programmes';
import { checkDefinition } from '../../../shared/programmes/check-definition';
import { canonicalJson, checkDefinitionFile, definitionFileOf, installVersion } from '../../../shared/rules/definitions';
import { filled, validValue } from './fill';

/**
 * Issue 16 item 6: every definition is data. Each registered programme with its forms survives JSON
 * (no functions, nothing lost): the copy read back checks as a definition file and behaves the same —
 * the form schema built from the copy accepts and refuses exactly what the compiled one does.
 */
const functionsIn = (v: unknown, path = '$'): string[] => {
  if (typeof v === 'function') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => functionsIn(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => functionsIn(x, `${path}.${k}`));
  return [];
};

/** Values a person might send: the filled form, nothing, and each field blanked or given a wrong value. */
function samples(values: Record<string, unknown>, keys: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [values, {}, { ...values, notAField: 'x' }];
  for (const k of keys) {
    out.push({ ...values, [k]: '' });
    out.push({ ...values, [k]: 'not-a-valid-value-@@' });
    out.push({ ...values, [k]: 123456789012 });
    out.push({ ...values, [k]: ['x'] });
  }
  return out;
}

const outcome = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? 'ok' : r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort();

describe.each(programmeIds)('%s as data', (id) => {
  const file = definitionFileOf(programmes[id]);
  const copy = JSON.parse(JSON.stringify(file)) as typeof file;

  it('has no functions; every kind has its form; the JSON copy checks and equals the compiled one', () => {
    expect(functionsIn(file)).toEqual([]);
    expect(file.forms.map((f) => f.id)).toEqual(programmes[id].kinds.map((k) => k.formId));
    // built-ins are checked as an installed file would be (only the "built-in id" refusal aside)
    const checked = checkDefinitionFile(copy, []);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(checkDefinitionFile(copy, programmeIds)).toEqual({ ok: false, errors: [expect.objectContaining({ path: 'programme.id' })] });
    const programme = checkDefinition(copy.programme);
    expect(programme.ok && programme.programme).toEqual(programmes[id]);
    for (const f of copy.forms) {
      const parsed = parseFormDefinition(f);
      expect(parsed.ok && parsed.form).toEqual(getForm(f.id));
    }
  });

  it('the JSON copy of each form accepts and refuses exactly what the compiled form does', () => {
    for (const form of file.forms) {
      const back = copy.forms.find((f) => f.id === form.id)!;
      const keys = inputFields(form).map((p) => p.field.key);
      const base = filled(form);
      for (const mode of ['draft', 'submit'] as const) {
        const a = formSchema(form, { mode });
        const b = formSchema(back, { mode });
        for (const values of samples(base, keys)) expect(outcome(b.safeParse(values))).toEqual(outcome(a.safeParse(values)));
      }
      // and a valid value for every field is still valid
      for (const { field } of inputFields(back))
        expect(validValue(field)).toEqual(validValue(inputFields(form).find((p) => p.field.key === field.key)!.field));
    }
  });
});

describe('installing', () => {
  it('the same content, in any key order, is the same version; other content the next one', () => {
    const file = definitionFileOf(programmes['wuhan-award']);
    const a = canonicalJson(file);
    const reordered = JSON.parse(JSON.stringify(file), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(canonicalJson(reordered)).toBe(a);
    expect(installVersion([], a)).toEqual({ version: 'v1', isNew: true });
    expect(installVersion([{ version: 'v1', content: a }], a)).toEqual({ version: 'v1', isNew: false });
    expect(
      installVersion(
        [
          { version: 'v1', content: a },
          { version: 'v9', content: 'x' },
        ],
        'y',
      ),
    ).toEqual({ version: 'v10', isNew: true });
  });

  it('a file that is not { programme, forms } is refused with a Chinese message and a path', () => {
    expect(checkDefinitionFile([], [])).toEqual({ ok: false, errors: [expect.objectContaining({ path: '(根)' })] });
    const file = JSON.parse(JSON.stringify(definitionFileOf(programmes['wuhan-award'])));
    const noForms = { programme: file.programme };
    expect(checkDefinitionFile(noForms, [])).toEqual({ ok: false, errors: [{ path: 'forms', message: '缺少表单列表 forms' }] });
    const missingForm = { ...file, forms: [] };
    const r = checkDefinitionFile(missingForm, []);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'programme.kinds.0.formId', message: expect.stringContaining('缺少表单 wuhan-award/award') },
    ]);
    const stray = { ...file, forms: [...file.forms, { ...file.forms[0], id: 'wuhan-award/other' }], extra: 1 };
    const s = checkDefinitionFile(stray, []);
    expect(s.ok ? [] : s.errors.map((e) => e.path)).toEqual(['(根)', 'forms.1.id']);
    const badField = JSON.parse(JSON.stringify(file));
    badField.forms[0].steps[0].fields[0].options = [{ value: 'a', label: 'A' }];
    const f = checkDefinitionFile(badField, []);
    expect(f.ok ? [] : f.errors).toEqual([{ path: 'forms.0', message: expect.stringContaining('不是选择题，不应有选项') }]);
  });
});
