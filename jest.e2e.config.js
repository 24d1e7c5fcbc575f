/** End-to-end tests against real brokers (started by scripts/brokers.sh). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @stomp/rx-stomp ships ES modules only: compiled to CommonJS for the tests, as nothing else is.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@stomp/rx-stomp/)'],
  testTimeout: 60000,
};
