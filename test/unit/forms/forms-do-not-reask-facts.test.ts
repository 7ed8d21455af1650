import { allFields, getForm } from '../../../shared/forms';
import { programmes } from '../../../shared/programmes';

/**
 * Eligibility and veto questions (年检、违纪违法、一票否决…) are the programme's facts, asked once and
 * checked by the rules: a form asking them again would let the two answers disagree. Where a cell
 * printed on a seed's form is also a fact (申报级别 → fact `level`), it keeps the same key and the
 * same option values, so the fact can be read off the form.
 */
const pairs = Object.values(programmes).flatMap((p) => p.kinds.map((k) => [k.formId, p.facts] as const));

describe('each programme kind', () => {
  it.each(pairs)('has its form %s registered', (formId) => {
    expect(getForm(formId)).toBeDefined();
  });

  it.each(pairs)('form %s shares a key with a fact only as the same choice', (formId, facts) => {
    const def = getForm(formId);
    const fields = def === undefined ? [] : allFields(def).map((p) => p.field);
    for (const f of fields) {
      const fact = facts.find((x) => x.id === f.key);
      if (fact === undefined) continue;
      expect({ key: f.key, type: fact.type, values: fact.options?.map((o) => o.value) }).toEqual({
        key: f.key,
        type: 'string',
        values: f.options?.map((o) => o.value),
      });
    }
  });
});
