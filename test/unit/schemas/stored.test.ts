import { z } from 'zod';
import { workflowActionTypes } from '../../../shared/rules/workflow-actions';
import { historyActions, historyEntrySchema } from '../../../shared/schemas/application';
import { parseStrict, unknownKeys } from '../../../shared/schemas/common';

describe('a history line', () => {
  it('names any workflow action, as the engine stores it', () => {
    for (const action of workflowActionTypes) expect(historyActions).toContain(action);
    const line = { at: 1, actorId: 'p-1', action: 'submit', fromStatus: 'draft', toStatus: 'in_review', stageId: 's-1', note: '' };
    expect(historyEntrySchema.safeParse(line).success).toBe(true);
    // the past-tense names the schema once expected were never stored
    expect(historyEntrySchema.safeParse({ ...line, action: 'submitted' }).success).toBe(false);
  });
});

describe('a strict parse of a stored document', () => {
  const schema = z.object({ id: z.string(), scope: z.object({ a: z.number() }), list: z.array(z.object({ b: z.boolean() })) });
  const good = { id: 'x', scope: { a: 1 }, list: [{ b: true }] };

  it('accepts exactly the named keys', () => {
    expect(parseStrict(schema, good)).toEqual({ success: true, data: good });
  });

  it.each<[string, unknown, string[]]>([
    ['a key at the top', { ...good, extra: 1 }, ['extra']],
    ['a key inside an object', { ...good, scope: { a: 1, z: 2 } }, ['scope.z']],
    ['a key inside an array item', { ...good, list: [{ b: true }, { b: false, c: 'x' }] }, ['list.1.c']],
  ])('refuses %s', (_case, value, paths) => {
    const r = parseStrict(schema, value);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });

  it("keeps the schema's own refusals", () => {
    const r = parseStrict(schema, { ...good, scope: { a: 'one' } });
    expect(r.success).toBe(false);
  });

  it('compares values it cannot descend into as they are', () => {
    expect(unknownKeys(null, null)).toEqual([]);
    expect(unknownKeys([1], 'x')).toEqual([]);
    expect(unknownKeys({ a: 1 }, null)).toEqual([]);
  });
});
