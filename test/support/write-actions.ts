/**
 * Writes whose input has no request id — every suite that tells reads from writes by the input's `requestId`
 * (the redaction sweep, the city-isolation sweep) reads this one list, so they cannot drift apart.
 */
export const WRITES_WITHOUT_REQUEST_ID: readonly string[] = [
  // identity keeps its own idempotency (an invite code is its own key; a binding is revoked once)
  'identity.createInvite',
  'identity.redeemInvite',
  'identity.revokeBinding',
  // the app's report of a failed call — it writes a log line and answers nothing a role could read
  'identity.reportProblem',
  // reminders are de-duplicated per station, period and person
  'reports.sendReminders',
  // one station member's number for overseeing staff, each answer audited (test/handlers/reports.contact.test.ts)
  'reports.expertContact',
  // schema migrations after a deploy: idempotent by nature (nothing old → nothing written), no request id
  'org.runMigrations',
  // a check material's upload stores a new file each time; it is attached (with a request id) by saveCheckMaterials
  'awards.uploadCheckFile',
];
