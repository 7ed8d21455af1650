import { allFields, getForm } from '../../../shared/forms';
import { programmes } from '../../../shared/programmes';

/**
 * Eligibility and veto questions (年检、违纪违法、一票否决…) are the programme's facts, asked once and
 * checked by the rules: a form asking them again would let the two answers disagree. Where a cell
 * printed on a seed's form is also a fact (申报级别 → fact `level`), it keeps the same key and the
 * same option values, so the fact can be read off the form.
 */
const pairs = Object.values(programmes).flatMap((p) => p.kinds.map((k) => [k.formId, p.facts] as const));
/** The cells a form deliberately shares with a fact (same key, same choice); any other overlap must be declared here. */
const sharedOnPurpose: Record<string, string[]> = { 'yiyang-station-2023/station': ['level'] };
const squash = (s: string) => s.replace(/\s+/g, '');

describe('each programme kind', () => {
  beforeEach(() => expect.hasAssertions());

  it.each(pairs)('has its form %s registered', (formId) => {
    expect(getForm(formId)).toBeDefined();
  });

  it.each(pairs)('form %s shares a key with a fact only as the same choice', (formId, facts) => {
    const def = getForm(formId);
    const fields = def === undefined ? [] : allFields(def).map((p) => p.field);
    const shared = fields.filter((f) => facts.some((x) => x.id === f.key));
    expect(shared.map((f) => f.key)).toEqual(sharedOnPurpose[formId] ?? []);
    expect(shared.map((f) => ({ key: f.key, type: 'string', values: f.options?.map((o) => o.value) }))).toEqual(
      shared.map((f) => {
        const fact = facts.find((x) => x.id === f.key);
        return { key: f.key, type: fact?.type, values: fact?.options?.map((o) => o.value) };
      }),
    );
  });

  it.each(pairs)('form %s does not ask a fact again under another key', (formId, facts) => {
    const def = getForm(formId);
    expect(def).toBeDefined();
    const fields = def === undefined ? [] : allFields(def).map((p) => p.field);
    // a field printed with a fact's question but a key of its own would be a second, disagreeing answer
    const asked = fields.filter((f) => facts.some((x) => squash(x.label) === squash(f.label) && x.id !== f.key));
    expect(asked.map((f) => f.label)).toEqual([]);
  });
});
