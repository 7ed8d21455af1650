import { z } from 'zod';
import { type Programme, programmeSchema } from './schema';

/** zod's own messages (a missing field, a wrong type) in Chinese for this check only; ours are Chinese already. */
const zhCN = z.locales.zhCN().localeError;

/**
 * Checks a programme definition given as plain data (parsed JSON, or a module's export): the same
 * validation the built-in programmes pass at start-up (the zod schema and its cross-reference checks).
 * Used by `npm run programme:check` and by the runtime install of a definition; every problem comes
 * with its path in the definition (e.g. `rubrics.0.items.2.points`) and a Chinese message.
 */
export interface DefinitionError {
  /** dotted path into the definition; '(根)' for the whole definition */
  path: string;
  /** Chinese */
  message: string;
}

export type DefinitionCheck = { ok: true; programme: Programme } | { ok: false; errors: DefinitionError[] };

export function checkDefinition(json: unknown): DefinitionCheck {
  const parsed = programmeSchema.safeParse(json, { error: zhCN });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(根)', message: i.message })),
    };
  }
  return { ok: true, programme: parsed.data };
}
