/**
 * npm run programmes:export — writes the five built-in programmes as definition files,
 * shared/programmes/builtin/<id>.json (`{ programme, forms }`, the format an install reads). The files
 * are generated: edit the TS definition, then run this; test/unit/programmes/builtin-files.test.ts
 * fails while a file differs from its compiled definition.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { programmeIds, programmes } from '../shared/programmes';
import { definitionFileJson } from '../shared/rules/definitions';

const dir = resolve(__dirname, '..', 'shared', 'programmes', 'builtin');
mkdirSync(dir, { recursive: true });
for (const id of programmeIds) {
  const file = join(dir, `${id}.json`);
  writeFileSync(file, definitionFileJson(programmes[id]));
  console.log(`已导出 ${file}`);
}
