/**
 * Browser suites: hooks (start the host, launch chromium) and tests get 5 minutes. Jest reads `testTimeout` only
 * from the global config, never from a project, so a project's own limit has to be set here (setupFilesAfterEnv).
 * Waits inside the tests are on state and bounded by WAIT_MS (test/support/e2e.ts); this only catches a hang.
 */
jest.setTimeout(300_000);
