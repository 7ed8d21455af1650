/** One config, six projects: unit (pure shared/ + boundary rules), handlers (through local adapters), hardening,
 *  contract (Store contract on both adapters), builds (checks on dist/), e2e (h5 build in Debian chromium).
 *  unit and handlers need no build and nothing outside the repository (npm run test:unit on a fresh clone). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }] };
const base = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'handlers', testMatch: ['<rootDir>/test/handlers/**/*.test.ts'] },
    // (a project's `testTimeout` is ignored by jest: the long suites set theirs in a setup file)
    {
      ...base,
      displayName: 'hardening',
      testMatch: ['<rootDir>/test/hardening/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-hardening.ts'],
    },
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
    // checks on build output (dist/): run by scripts/test-all.sh after the builds, never part of test:unit
    { ...base, displayName: 'builds', testMatch: ['<rootDir>/test/builds/**/*.test.ts'] },
    { ...base, displayName: 'cloud', testMatch: ['<rootDir>/test/cloud/**/*.test.ts'] }, // compiled bundles + real wx-server-sdk vs the fake CloudBase service
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-e2e.ts'],
    },
  ],
  coverageReporters: ['text-summary', 'text'],
};
