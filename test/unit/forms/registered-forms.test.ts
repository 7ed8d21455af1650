import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  allFields,
  checkFormDefinition,
  emptyValues,
  type FormDefinition,
  formIdFor,
  formIds,
  formSchema,
  forms,
  getForm,
  inputFields,
  missingRequired,
} from '../../../shared/forms';
import { filled } from './fill';

/** Other code (programmes, drafts, exports) refers to these ids: they never change. */
const fixedIds = [
  'yiyang-capacity-2018/demonstration',
  'yiyang-capacity-2018/academic',
  'yiyang-capacity-2018/social-service',
  'yiyang-capacity-2018/society-building',
  'wuhan-award/award',
  'pingdingshan-five-star/five-star',
  'weihai-2025/class-a',
  'weihai-2025/class-b',
  'weihai-2025/promotion',
  'yiyang-station-2023/station',
];
const all: FormDefinition[] = Object.values(forms);

describe('the registered forms', () => {
  it('are exactly the fixed ids', () => {
    expect([...formIds].sort()).toEqual([...fixedIds].sort());
    expect(Object.keys(forms).sort()).toEqual([...fixedIds].sort());
  });

  it.each(fixedIds)('getForm(%s) returns the form with that id', (id) => {
    expect(getForm(id)?.id).toBe(id);
  });

  it.each(['nope/none', 'toString', '__proto__', ''])('getForm(%j) returns undefined', (id) => {
    expect(getForm(id)).toBeUndefined();
  });

  it('build their id from programme and kind', () => {
    expect(formIdFor('weihai-2025', 'class-a')).toBe('weihai-2025/class-a');
  });
});

describe.each(all.map((f) => [f.id, f] as const))('form %s', (_id, def) => {
  it('is a sound definition', () => {
    expect(checkFormDefinition(def)).toEqual([]);
  });

  it('names its seed, which exists', () => {
    expect(existsSync(join(__dirname, '../../../seeds', `${def.source.seed}.txt`))).toBe(true);
  });

  it('builds a draft schema that accepts the empty form and returns it unchanged', () => {
    const draft = formSchema(def, { mode: 'draft' });
    expect(draft.parse(emptyValues(def))).toEqual(emptyValues(def));
  });

  it('builds a submit schema that accepts a complete form', () => {
    expect(formSchema(def, { mode: 'submit' }).safeParse(filled(def)).success).toBe(true);
  });

  it('refuses an empty submission once per missing required field', () => {
    const r = formSchema(def, { mode: 'submit' }).safeParse({});
    const missing = missingRequired(def, {});
    expect(missing.length).toBeGreaterThan(0);
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(missing.map((m) => m.key));
  });

  it('accepts in a draft any part of a complete form', () => {
    const keys = inputFields(def).map((p) => p.field.key);
    const complete = filled(def);
    const totals = new Set(
      allFields(def)
        .filter((p) => p.field.sumOf)
        .map((p) => p.field.key),
    );
    fc.assert(
      fc.property(fc.subarray(keys), (kept) => {
        // a total only makes sense with its parts: keep totals out of the random part
        const values = Object.fromEntries(kept.filter((k) => !totals.has(k)).map((k) => [k, complete[k]]));
        return formSchema(def, { mode: 'draft' }).safeParse(values).success;
      }),
      { numRuns: 50 },
    );
  });

  it('refuses, on that field, a value of the wrong shape in any field', () => {
    const keys = inputFields(def).map((p) => p.field.key);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom<unknown>({}, true, [[1]]), (key, junk) => {
        const r = formSchema(def, { mode: 'draft' }).safeParse({ [key]: junk });
        return (
          !r.success && r.error.issues.every((i) => i.path[0] === key) && r.error.issues.every((i) => /[\u4e00-\u9fff]/.test(i.message))
        );
      }),
      { numRuns: 50 },
    );
  });
});
