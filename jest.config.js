/** Jest runs in ESM mode: NestJS 12 ships ES modules only. */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // TS sources import './x.js' for './x.ts'; a package's own './data.json.js' stays as it is.
  moduleNameMapper: {
    '^(\\.{1,2}/.*(?<!\\.json))\\.js$': '$1',
    // The package's own entries (see tsconfig.json "paths").
    '^cliengo-fulfillment$': '<rootDir>/src/index.ts',
    '^cliengo-fulfillment/testing$': '<rootDir>/src/devkit/testing/index.ts',
    '^cliengo-fulfillment/simulator$': '<rootDir>/src/devkit/simulator/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
};
