import { z } from 'zod';

/** The one module the local host reads process.env through (validated). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  STATIC_DIR: z.string().default('./dist/h5'),
  /** lets a test move the clock through POST /api/_local/clock */
  LOCAL_TEST_CLOCK: z.enum(['0', '1']).default('0'),
  /** start the clock at this ISO instant (demo and tests) */
  LOCAL_START_TIME: z.string().optional(),
  /** 0: start without the demo (a fresh city: the first administrator redeems the bootstrap code) */
  DEMO: z.enum(['0', '1']).default('1'),
  /** the first-administrator code (invite format); with DEMO=0 and none set, the host prints a generated one */
  BOOTSTRAP_CODE: z.string().optional(),
  /** the city the bootstrap code makes its redeemer staff of (e.g. 益阳市科协) */
  BOOTSTRAP_CITY: z.string().default(''),
});
export type Env = z.infer<typeof envSchema>;
export const readEnv = (): Env => envSchema.parse(process.env);
