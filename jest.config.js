/** Two projects: server-side code in node, mini program pages in jsdom (miniprogram-simulate). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];

module.exports = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      // light-my-request (fastify.inject) requires the ESM-only `cookie`: let swc make it CommonJS.
      transform: { '^.+\\.ts$': swc, 'node_modules/cookie/.+\\.js$': swc },
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/miniprogram/'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
    },
  ],
};
