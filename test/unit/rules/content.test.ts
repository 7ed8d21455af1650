import { isRetryable } from '../../../shared/errors';
import { checkConcurrency, checkTasksOf, chunkText, mapBounded, maxCheckChunk } from '../../../shared/rules/content';

/** Issue 11, finding 5: long texts are checked in msgSecCheck-sized chunks, with bounded parallelism. */
describe('chunkText', () => {
  it('a 10,000-character text is 4 chunks of at most 2,500 that join back to it', () => {
    const text = '农'.repeat(10_000);
    const chunks = chunkText(text);
    expect(chunks).toHaveLength(4);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(maxCheckChunk);
    expect(chunks.join('')).toBe(text);
  });
  it('never splits a surrogate pair: a pair straddling the 2,500 boundary moves whole to the next chunk', () => {
    const text = `${'a'.repeat(2499)}😀${'b'.repeat(3000)}`; // 😀 is code units 2499 and 2500
    const chunks = chunkText(text);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2500);
      // no chunk starts with a low surrogate or ends with a high one
      expect(/^[\udc00-\udfff]/.test(c)).toBe(false);
      expect(/[\ud800-\udbff]$/.test(c)).toBe(false);
    }
    expect(chunks[0]).toHaveLength(2499);
    expect(chunks[1]!.startsWith('😀')).toBe(true);
  });
  it('a text of emoji only is split on pair boundaries too', () => {
    const text = '😀'.repeat(5000); // 10,000 code units
    const chunks = chunkText(text, 2500);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) expect(Array.from(c).join('')).toBe(c); // well-formed
    for (const c of chunks) expect(c.length % 2).toBe(0);
  });
  it('short and empty texts', () => {
    expect(chunkText('短')).toEqual(['短']);
    expect(chunkText('')).toEqual([]);
  });
});

describe('checkTasksOf', () => {
  it('one task per chunk of every non-blank field, with the field path', () => {
    const tasks = checkTasksOf({ a: 'x'.repeat(5001), b: '  ', c: null, d: undefined, e: '备注' });
    expect(tasks.map((t) => t.path)).toEqual(['a', 'a', 'a', 'e']);
    expect(tasks.map((t) => t.text.length)).toEqual([2500, 2500, 1, 2]);
  });
});

describe('mapBounded', () => {
  it('never has more than the bound in flight, and keeps input order', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapBounded(
      Array.from({ length: 30 }, (_, i) => i),
      checkConcurrency,
      async (i) => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise((r) => setTimeout(r, 5 + (i % 3)));
        inFlight--;
        return i * 2;
      },
    );
    expect(max).toBe(checkConcurrency);
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
  });
  it('a failure rejects the whole and starts nothing more', async () => {
    const started: number[] = [];
    await expect(
      mapBounded([0, 1, 2, 3, 4, 5, 6, 7], 2, async (i) => {
        started.push(i);
        if (i === 1) throw new Error('down');
        await new Promise((r) => setTimeout(r, 5));
        return i;
      }),
    ).rejects.toThrow('down');
    expect(started.length).toBeLessThan(8);
  });
});

describe('the failure policy’s code', () => {
  it('CONTENT.CHECK_UNAVAILABLE is retryable (the app keeps the entry queued); a refusal is not', () => {
    expect(isRetryable('CONTENT.CHECK_UNAVAILABLE')).toBe(true);
    expect(isRetryable('INTERNAL')).toBe(true);
    expect(isRetryable('CONTENT.RISKY')).toBe(false);
    expect(isRetryable('INPUT.INVALID')).toBe(false);
  });
});
