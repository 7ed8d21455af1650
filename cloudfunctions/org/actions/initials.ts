import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string>();

/**
 * The pinyin initials of a name, lower case, for the pickers' search (「益阳市农业学会」 → "yysnyxh"):
 * computed here on the server so the dictionary never enters the app bundle. Letters and digits in the
 * name are kept as they are; other characters are dropped.
 */
export function initialsOf(name: string): string {
  let hit = cache.get(name);
  if (hit === undefined) {
    hit = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (cache.size > 20_000) cache.clear();
    cache.set(name, hit);
  }
  return hit;
}

/** A query that can only be initials: ASCII letters (spaces ignored), e.g. "ny" or "NY XH". */
export const initialsQuery = (q: string): string | null => {
  const s = q.replace(/\s+/g, '').toLowerCase();
  return /^[a-z]{1,20}$/.test(s) ? s : null;
};
