import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { programmeIds, programmes } from '../../../shared/programmes';
import { checkDefinitionFile, definitionFileJson } from '../../../shared/rules/definitions';

/**
 * Issue 16 item 6: the five built-in programmes ship as definition files
 * (shared/programmes/builtin/<id>.json, written by `npm run programmes:export`). Each file is exactly
 * its compiled definition — change a TS definition without re-exporting and this fails — and each
 * installs like any other file would.
 */
const dir = join(__dirname, '..', '..', '..', 'shared', 'programmes', 'builtin');

describe('built-in definition files', () => {
  it('there is one file per built-in programme, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(programmeIds.map((id) => `${id}.json`).sort());
  });
  it.each(programmeIds.map((id) => [id]))('%s.json is its compiled definition (npm run programmes:export)', (id) => {
    const text = readFileSync(join(dir, `${id}.json`), 'utf8');
    expect(text).toBe(definitionFileJson(programmes[id]));
    const checked = checkDefinitionFile(JSON.parse(text), []);
    expect(checked.ok).toBe(true);
  });
  it('a changed number in a definition is a drift', () => {
    const p = programmes['wuhan-award'];
    const changed = { ...p, rubric: { ...p.rubric, note: `${p.rubric.note}（改）` } };
    expect(definitionFileJson(changed)).not.toBe(readFileSync(join(dir, 'wuhan-award.json'), 'utf8'));
  });
});
