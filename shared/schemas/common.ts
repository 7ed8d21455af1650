import { z } from 'zod';

// zod 4 probes `new Function` for its JIT; WeChat forbids eval, so turn it off everywhere.
z.config({ jitless: true });

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

/** A calendar date in China time, written YYYY-MM-DD, that really exists (no 2月30日). */
export const chinaDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 2000 && y <= 2100;
  }, '日期不存在');
export type ChinaDate = z.infer<typeof chinaDateSchema>;

/** Free text: trimmed, capped. Empty allowed only when the caller says so. */
export const text = (max: number, label = '内容') => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字`);
export const optionalText = (max: number, label = '内容') =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional().default('');

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
  name: z.string().trim().min(1).max(200),
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
