/** The hardening suites (fuzzing, crash, concurrency) are long by design: 10 minutes per hook or test. Jest reads
 *  `testTimeout` only from the global config, never from a project, so the project sets it here. */
jest.setTimeout(600_000);
