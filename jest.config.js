/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest 30's default "soft" globals cleanup leaves HTTP requests hanging in
  // later test files once one file has called Sentry.init.
  testEnvironmentOptions: { globalsCleanup: 'on' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Dynamic imports name the compiled `.js` file, as Node's resolution wants.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(p-retry|is-network-error)/)'],
  testTimeout: 30000,
};
