/**
 * How stored free text is put through WeChat's content security check (security.msgSecCheck v2).
 *
 * - msgSecCheck takes at most 2,500 characters per call; the product accepts up to 10,000 per field,
 *   so a long text is checked as chunks of at most `maxChunk` UTF-16 code units, never splitting a
 *   surrogate pair (a chunk that ended on a high surrogate would be a lone surrogate to the check).
 * - All chunks of all fields of one request are checked together with a bounded number of calls in
 *   flight (`checkConcurrency`): a 30-field form costs about ceil(calls / bound) round trips, not one
 *   per field after another, so it fits well inside the cloud function's timeout.
 * - When the check itself cannot answer, publication is refused with CONTENT.CHECK_UNAVAILABLE
 *   (retryable) — fail closed for what others will read. Drafts (saveDraft, the app's local form
 *   drafts) are the author's private work and are never checked, so an outage never loses typed text.
 */

/** msgSecCheck's limit per call (characters). */
export const maxCheckChunk = 2500;
/** calls to msgSecCheck in flight at once for one request */
export const checkConcurrency = 5;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** `text` as consecutive chunks of at most `max` code units, none ending between a surrogate pair. */
export function chunkText(text: string, max = maxCheckChunk): string[] {
  if (max < 2) throw new RangeError('chunk size must be at least 2');
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + max, text.length);
    // Do not end on a high surrogate whose low half starts the next chunk.
    if (end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** One call to the check: which field it is for, and the chunk of its text. */
export interface CheckTask {
  path: string;
  text: string;
}

/** Every non-blank field's text as check tasks (one per chunk). */
export function checkTasksOf(fields: Readonly<Record<string, string | null | undefined>>, max = maxCheckChunk): CheckTask[] {
  return Object.entries(fields).flatMap(([path, text]) => (text?.trim() ? chunkText(text, max).map((t) => ({ path, text: t })) : []));
}

/**
 * Run `work` over `items` with at most `limit` in flight; results in input order. The first
 * rejection rejects the whole (items not yet started are not started).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]!);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
