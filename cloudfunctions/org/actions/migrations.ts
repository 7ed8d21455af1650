import type { ParsedInputOf } from '../../../shared/api/define';
import type { MigrationsAnswer } from '../../../shared/api/migrations';
import type { OrgApi } from '../../../shared/api/org';
import type { Uses } from '../../_kernel/router';

/**
 * Run the schema migrations (issue 13 item 8; cloudfunctions/_kernel/migrations): one resumable step
 * within the function timeout — the caller calls again while `done` is false. Idempotent by nature: a
 * document at its collection's version is never written, and a run with nothing to do writes nothing.
 */
/** Work per call: well inside the functions' 20 s timeout (cloudbaserc.json), leaving room for the reads around it. */
export const MIGRATION_BUDGET_MS = 12_000;

export async function runMigrations(
  ctx: Uses<'store' | 'clock'>,
  _input: ParsedInputOf<OrgApi['runMigrations']>,
): Promise<MigrationsAnswer> {
  const progress = await ctx.store.migrations.run({ now: () => ctx.clock.now(), budgetMs: MIGRATION_BUDGET_MS });
  return { ...progress, records: await ctx.store.migrations.records() };
}
