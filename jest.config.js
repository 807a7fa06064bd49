/**
 * Four projects: server-side code in node; the mini program's pages in jsdom
 * (miniprogram-simulate) from source; the same page suites again on WeChat's compiled
 * output in dist/miniprogram (`npm run mp:compile`), together with the compiled-output checks —
 * what ships is what the phone runs, not the source; and end-to-end journeys through the
 * browser preview in Chromium against a real local runtime process.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];

const miniprogram = {
  testEnvironment: 'jsdom',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
};

module.exports = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      // light-my-request (fastify.inject) requires the ESM-only `cookie`: let swc make it CommonJS.
      transform: { '^.+\\.ts$': swc, 'node_modules/cookie/.+\\.js$': swc },
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/miniprogram/', '<rootDir>/tests/compiled/', '<rootDir>/tests/e2e/'],
    },
    { displayName: 'miniprogram', ...miniprogram },
    {
      displayName: 'compiled',
      ...miniprogram,
      testMatch: [...miniprogram.testMatch, '<rootDir>/tests/compiled/**/*.test.ts'],
      // Every import of mini program code, from tests and their support files alike, gets the
      // compiled file instead (tests/miniprogram/support/ stays: it is test code); pages find
      // their WXML and WXSS there too (support/mp.ts).
      moduleNameMapper: { '^(?:\\.\\./)+miniprogram/(?!support/)(.*)$': '<rootDir>/dist/miniprogram/$1' },
      setupFiles: ['<rootDir>/tests/compiled/support/env.js'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
