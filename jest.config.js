/** Unit and loopback integration tests: self-contained, no broker needed. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @stomp/rx-stomp ships ES modules only: compiled to CommonJS for the tests, as nothing else is.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@stomp/rx-stomp/)'],
  testTimeout: 20000,
};
