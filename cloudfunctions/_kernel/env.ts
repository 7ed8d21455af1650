/**
 * The one module a cloud function reads process.env through. (The local host has its own,
 * the top-level local/env.ts, so its settings never reach a cloud bundle.)
 */
/**
 * The first-administrator bootstrap code and city (issue 13; identity.redeemInvite): BOOTSTRAP_CODE in
 * the invite-code format (8 letters or digits, read case-insensitively), BOOTSTRAP_CITY the city CAST
 * unit's name (may be empty: a placeholder name the administrator renames). A malformed code is no code.
 */
export const bootstrapFromEnv = (): { code: string; city: string } | null => {
  const code = (process.env.BOOTSTRAP_CODE ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9]{8}$/.test(code)) return null;
  return { code, city: (process.env.BOOTSTRAP_CITY ?? '').trim() };
};

/** Subscription-message template id for a reminder kind (cloud deployment setting TEMPLATE_<KEY>). */
export const templateIdFor = (key: string): string | undefined => {
  const v = process.env[`TEMPLATE_${key.toUpperCase()}`];
  return v && /^[\w-]{10,100}$/.test(v) ? v : undefined;
};
