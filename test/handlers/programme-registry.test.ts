import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDefinitions } from '../../cloudfunctions/_kernel/definitions';
import { getForm } from '../../shared/forms';
import { getProgramme, listProgrammes, programmeIds } from '../../shared/programmes';
import { pinProgramme } from '../../shared/programmes/registry';
import { canonicalJson } from '../../shared/rules/definitions';
import type { ProgrammeDefinitionDoc } from '../../shared/schemas/programme-definition';

/**
 * The per-call registry of installed definitions (cloudfunctions/_kernel/definitions.ts): what the
 * router fills before a handler runs. Concurrent calls (the local host serves many at once) each see
 * their own pins across awaits; outside a call nothing installed is known.
 */
const file = JSON.parse(readFileSync(join(__dirname, '../fixtures/programmes/runtime-sample.json'), 'utf8'));
const v2 = JSON.parse(JSON.stringify(file));
v2.programme.title = '学会创新能力示范项目（第二版）';
const doc = (version: string, content: unknown): ProgrammeDefinitionDoc => ({
  id: `runtime-sample:${version}`,
  programmeId: 'runtime-sample',
  version,
  title: 't',
  city: '益阳市',
  content: canonicalJson(content),
  sourceFileName: null,
  sourceFileId: null,
  installedBy: 'p-city-staff',
  installedAt: 0,
  castUnitId: 'cast-yiyang',
});
const broken = { ...doc('v3', file), content: '{"programme":{}}' };
const store = { definitions: { all: async () => [doc('v1', file), doc('v2', v2), broken] } };
const errors: unknown[] = [];
const log = { error: (...a: unknown[]) => void errors.push(a) };
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('installed definitions for one call', () => {
  it('are known inside the call only; the newest by default; a stored version that no longer checks is left out, logged', async () => {
    expect(getProgramme('runtime-sample')).toBeUndefined();
    const inside = await withDefinitions(store, log, async () => ({
      title: getProgramme('runtime-sample')?.title,
      v1: getProgramme('runtime-sample', 'v1')?.title,
      v3: getProgramme('runtime-sample', 'v3'),
      form: getForm('runtime-sample/award')?.title,
      ids: listProgrammes().map((p) => p.id),
    }));
    expect(inside).toEqual({
      title: '学会创新能力示范项目（第二版）',
      v1: file.programme.title,
      v3: undefined,
      form: file.forms[0].title,
      ids: [...programmeIds, 'runtime-sample'],
    });
    expect(errors).toEqual([[expect.stringContaining('runtime-sample@v3')]]);
    expect(getProgramme('runtime-sample')).toBeUndefined();
    // built-in ids are never replaced, and have only the 'builtin' version
    expect(getProgramme('wuhan-award', 'v1')).toBeUndefined();
  });

  it('a pin holds across awaits in its own call and never leaks into a concurrent one', async () => {
    const pinned = withDefinitions(store, log, async () => {
      pinProgramme('runtime-sample', 'v1');
      await tick(); // the other call starts and finishes meanwhile
      return getProgramme('runtime-sample')?.title;
    });
    const other = withDefinitions(store, log, async () => {
      await tick();
      return getProgramme('runtime-sample')?.title;
    });
    expect(await Promise.all([pinned, other])).toEqual([file.programme.title, '学会创新能力示范项目（第二版）']);
  });
});
