/**
 * The one module a cloud function reads process.env through. (The local host has its own,
 * the top-level local/env.ts, so its settings never reach a cloud bundle.)
 */
/** Subscription-message template id for a reminder kind (cloud deployment setting TEMPLATE_<KEY>). */
export const templateIdFor = (key: string): string | undefined => {
  const v = process.env[`TEMPLATE_${key.toUpperCase()}`];
  return v && /^[\w-]{10,100}$/.test(v) ? v : undefined;
};
