/** One config, four projects: unit (pure shared/), handlers (through local adapters),
 *  contract (Store contract on both adapters), e2e (h5 build in Debian chromium). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }] };
const base = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'handlers', testMatch: ['<rootDir>/test/handlers/**/*.test.ts'] },
    { ...base, displayName: 'hardening', testMatch: ['<rootDir>/test/hardening/**/*.test.ts'], testTimeout: 600000 },
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 180000 },
  ],
  coverageReporters: ['text-summary', 'text'],
};
