import { z } from 'zod';

/** The one module that reads process.env (DESIGN.md: boundaries checked by a tool). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  STATIC_DIR: z.string().default('./dist/h5'),
  /** local host only: lets a test move the clock through POST /api/_local/clock */
  LOCAL_TEST_CLOCK: z.enum(['0', '1']).default('0'),
  /** local host only: start the clock at this ISO instant (demo and tests) */
  LOCAL_START_TIME: z.string().optional(),
});
export type Env = z.infer<typeof envSchema>;
export const readEnv = (): Env => envSchema.parse(process.env);
/** Subscription-message template id for a reminder kind (cloud deployment setting). */
export const templateIdFor = (key: string): string | undefined => process.env[`TEMPLATE_${key.toUpperCase()}`];
