/** Browser end-to-end tests (`npm run test:e2e`): the Agents Playground driven by Debian's chromium, one file at a time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFiles: ['<rootDir>/test/setup/loopback-guard.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
