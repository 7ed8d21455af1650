import { forms } from '../../../shared/forms';
import { programmeIds, programmes } from '../../../shared/programmes';

describe('every application kind has its form', () => {
  const kinds = programmeIds.flatMap((pid) => programmes[pid].kinds.map((k) => [pid, k.id, k.formId] as const));
  it.each(kinds)('%s/%s → form %s is registered in shared/forms', (_pid, _kind, formId) => {
    expect(Object.hasOwn(forms, formId)).toBe(true);
    expect(forms[formId]?.id).toBe(formId);
  });
  it('and no form is registered for a kind that does not exist', () => {
    const known = new Set(kinds.map(([, , formId]) => formId));
    expect(Object.keys(forms).filter((id) => !known.has(id))).toEqual([]);
  });
});
