import './jitless';
import { z } from 'zod';

/**
 * Ids are opaque strings we choose ourselves (so a retried write lands on the same _id). No '.':
 * ids become keys inside tally documents, and the cloud database reads a dotted key as a path.
 */
export const idSchema = z
  .string()
  .trim()
  .min(1, '编号不能为空')
  .max(64, '编号过长')
  .regex(/^[A-Za-z0-9_:-]+$/, '编号只能包含字母、数字和 _:-');

/**
 * Why `s` is not a real YYYY-MM-DD calendar date between `min` and `max` (inclusive), in Chinese,
 * or null when it is one. Precise on purpose: a person told "日期不存在" about 1985-06-12 cannot fix
 * anything (issue 15, finding 1) — the message says what is wrong: the format, the month, the day
 * the month does not have, or the allowed range.
 */
export function calendarDateProblem(s: string, min: string, max: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return '日期格式应为 YYYY-MM-DD，例如 1985-06-12';
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12) return `月份应为 01 至 12，不能是 ${String(m).padStart(2, '0')}`;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (d < 1 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y} 年 ${m} 月只有 ${days} 天，没有 ${d} 日`;
  }
  if (s < min) return `日期不能早于 ${min}`;
  if (s > max) return `日期不能晚于 ${max}`;
  return null;
}

/** A real calendar date YYYY-MM-DD within [min, max], with a precise message when it is not. */
export const calendarDateSchema = (min: string, max: string) =>
  z.string().superRefine((s, ctx) => {
    const problem = calendarDateProblem(s, min, max);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
  });

/**
 * The range of dates people write on forms: a society founded in 1985, a council approval in 1998
 * (issue 15, finding 1: the 2000 floor of operational dates refused most founding dates).
 */
export const FORM_DATE_MIN = '1900-01-01';
export const FORM_DATE_MAX = '2100-12-31';
export const formDateSchema = calendarDateSchema(FORM_DATE_MIN, FORM_DATE_MAX);

/**
 * A calendar date in China time, written YYYY-MM-DD, that really exists (no 2月30日), from 2000 on:
 * the dates the product itself records (logged days, rounds, publicity, plaques), which the calendar
 * converts with the fixed UTC+8 offset (shared/calendar/china-time.ts). Dates people write on
 * application forms use `formDateSchema` (from 1900).
 */
export const chinaDateSchema = calendarDateSchema('2000-01-01', '2100-12-31');
export type ChinaDate = z.infer<typeof chinaDateSchema>;

// ───────────── text: the one normalisation every request, form and stored text goes through ─────────────

/** U+FFFE/U+FFFF and their twins in every plane, and U+FDD0–U+FDEF: noncharacters, never text. */
const nonCharacters = `\\uFDD0-\\uFDEF${Array.from({ length: 17 }, (_, plane) => {
  const hex = (n: number) => (plane * 0x10000 + n).toString(16);
  return `\\u{${hex(0xfffe)}}\\u{${hex(0xffff)}}`;
}).join('')}`;
/**
 * Characters removed wherever they stand (never refused: a person cannot see them, so could not
 * fix a refusal, and they arrive innocently in pastes):
 * - what XML 1.0 cannot carry — the .xlsx and .docx exports are XML, and one such character made
 *   every export of a round unreadable (issue 11, finding 7): control characters other than tab,
 *   line feed and carriage return (C0, DEL, C1), lone surrogates, noncharacters (U+FFFE, U+FFFF …);
 * - the bidi embedding, override and isolate controls U+202A–U+202E, U+2066–U+2069: they carry no
 *   meaning in this product's Chinese text and only make a reader see characters in an order other
 *   than the stored one ("…\u202Efdp.exe"); stripping shows the true order and refuses nothing a
 *   person meant (Windows and some chat apps wrap pasted phone numbers in U+202A…U+202C);
 * - the byte order mark U+FEFF (a stray file header inside text; U+2060 is the joiner to use).
 * With the `u` flag, `[\uD800-\uDFFF]` matches only surrogates that are not part of a pair.
 */
const UNSAFE = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\u202A-\\u202E\\u2066-\\u2069\\uFEFF${nonCharacters}]`,
  'gu',
);
/**
 * Characters with no visible mark: whitespace (JavaScript's \s: spaces, U+3000, no-break space, line
 * breaks, BOM) and the zero-width / filler characters. A value made only of these is empty, so a
 * required field refuses it; at either end of a value they are trimmed. Inside a value they stay
 * (a zero-width joiner builds emoji sequences).
 */
const INVISIBLE = '\\s\\u00AD\\u034F\\u115F\\u1160\\u180E\\u200B-\\u200F\\u2060-\\u2064\\u2800\\u3164\\uFFA0';
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'gu');

/** Remove what XML cannot carry and the bidi controls, keep everything else as typed (drafts). */
export const stripUnsafe = (s: string): string => s.replace(UNSAFE, '');
/** The normal form of a text value: unsafe characters removed, invisible characters trimmed at both ends. */
export const cleanText = (s: string): string => stripUnsafe(s).replace(EDGES, '');
/** Blank: nothing a person could see (empty, whitespace, zero-width characters, controls). */
export const isBlankText = (s: string): boolean => cleanText(s) === '';

/**
 * A string in its normal form (cleanText), as a zod string so callers add their own bounds and
 * messages. Free text in requests, forms and stored entities is built from this, `text` or
 * `optionalText` — not from `z.string().trim()`, which keeps what XML cannot carry
 * (test/unit/schemas/text-normalisation.test.ts runs every character class through them).
 */
export const cleanString = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(cleanText);

/** Free text: normalised (cleanText), capped. Empty allowed only when the caller says so. */
export const text = (max: number, label = '内容') => cleanString().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字`);
export const optionalText = (max: number, label = '内容') => cleanString().max(max, `${label}不能超过 ${max} 个字`).optional().default('');

/** Mainland mobile: 11 digits starting 1[3-9]. */
export const mobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字，以 13-19 开头');
/** Landline / fax: optional area code, optional extension (0737-1234567, 07371234567, 0737-1234567-801). */
export const landlineSchema = z
  .string()
  .trim()
  .regex(/^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$/, '电话号码格式不正确，例如 0737-4221234');
export const phoneAnySchema = z.union([mobileSchema, landlineSchema], { error: '电话号码格式不正确' });
export const postcodeSchema = z
  .string()
  .trim()
  .regex(/^[1-8]\d{5}$/, '邮政编码应为 6 位数字');
export const emailSchema = z.string().trim().max(100, '邮箱过长').email('邮箱格式不正确');
export const qqSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{4,11}$/, 'QQ 号应为 5-12 位数字');
export const wechatIdSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$|^1[3-9]\d{9}$/, '微信号格式不正确');

/** Money is integer yuan, never a float. */
export const yuanSchema = z.number().int('金额必须是整数（元）').min(0, '金额不能为负').max(100_000_000, '金额过大');

/** Percent as an integer 0..100. */
export const percentSchema = z.number().int('百分比必须是整数').min(0).max(100);

/** Client-generated request id for idempotent writes. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确');

/** Evidence file: a cloud fileID (cloud://...) or a local-host file key. */
export const fileRefSchema = z.object({
  fileId: z.string().trim().min(1).max(512),
  name: cleanString().min(1).max(200),
  size: z
    .number()
    .int()
    .min(0)
    .max(50 * 1024 * 1024),
  mime: z.string().trim().max(100),
});
export type FileRef = z.infer<typeof fileRefSchema>;

/**
 * A write applied once (collection `requests`): the request key and the first result, which a retry
 * gets back instead of writing again.
 */
export const appliedRequestSchema = z.object({
  id: z.string().min(1).max(400),
  result: z.unknown(),
  at: z.number().int().min(0),
});
export type AppliedRequest = z.infer<typeof appliedRequestSchema>;

/**
 * Paths of the keys in `input` that `parse` dropped: an object schema strips keys it does not know,
 * so a key present in the input and absent from the output is an unknown key. Stored documents are
 * checked with this so a misspelt or stray field is refused, not silently written or lost.
 */
export function unknownKeys(input: unknown, output: unknown, path: string[] = []): string[] {
  if (input === output || input === null || output === null || typeof input !== 'object' || typeof output !== 'object') return [];
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return [];
    return input.flatMap((v, i) => unknownKeys(v, output[i], [...path, String(i)]));
  }
  const out = output as Record<string, unknown>;
  return Object.entries(input as Record<string, unknown>).flatMap(([k, v]) =>
    k in out ? unknownKeys(v, out[k], [...path, k]) : [[...path, k].join('.')],
  );
}

/** Parse strictly: the schema's rules, and no key the schema does not name (at any depth). */
export function parseStrict<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; error: z.ZodError } {
  const r = schema.safeParse(value);
  if (!r.success) return { success: false, error: r.error };
  const extra = unknownKeys(value, r.data);
  if (extra.length === 0) return { success: true, data: r.data };
  const issues = extra.map((p) => ({ code: 'custom' as const, path: p.split('.'), message: `未知字段：${p}`, input: value }));
  return { success: false, error: new z.ZodError(issues) };
}
