import { forms, getForm } from '../../../shared/forms';
import { programmeIds, programmes } from '../../../shared/programmes';
import { fixtureProgrammes, registeredProgrammes } from '../../fixtures/programmes';

describe('every application kind has its form', () => {
  const kinds = programmeIds.flatMap((pid) => programmes[pid].kinds.map((k) => [pid, k.id, k.formId] as const));
  it.each(kinds)('%s/%s → form %s is registered in shared/forms', (_pid, _kind, formId) => {
    expect(Object.hasOwn(forms, formId)).toBe(true);
    expect(forms[formId]?.id).toBe(formId);
  });
  // test-registered programmes carry their forms with them (installed, not compiled in)
  const fixtureKinds = fixtureProgrammes.flatMap((p) => p.kinds.map((k) => [p.id, k.id, k.formId] as const));
  it.each(fixtureKinds.length > 0 ? fixtureKinds : [['-', '-', '-'] as const])(
    '%s/%s → form %s is found by getForm',
    (pid, _kind, formId) => {
      if (pid === '-') return;
      expect(getForm(formId)?.id).toBe(formId);
      expect(Object.hasOwn(forms, formId)).toBe(false);
    },
  );
  it('and no form is registered for a kind that does not exist', () => {
    const known = new Set(registeredProgrammes.flatMap((p) => p.kinds.map((k) => k.formId)));
    expect(Object.keys(forms).filter((id) => !known.has(id))).toEqual([]);
  });
});
