import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every handler and helper of the four functions declares the ports it uses (`Uses<'store' | …>`,
 * cloudfunctions/_kernel/router.ts) instead of taking the whole context, so a signature says what an
 * action may touch. The router still passes the whole `Ctx`.
 */
const root = join(__dirname, '../../cloudfunctions');
const files = ['stations', 'applications', 'reports', 'identity', 'org'].flatMap((fn) =>
  readdirSync(join(root, fn, 'actions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(fn, 'actions', f)),
);

describe('handlers take only the ports they use', () => {
  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  it.each(files)('%s declares its ports', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const whole = text.split('\n').flatMap((line, i) => (/\bctx\??: Ctx\b/.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
    expect(whole).toEqual([]);
  });
});
