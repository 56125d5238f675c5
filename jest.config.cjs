/** Jest runs TypeScript (and Nest 12's ESM packages) through SWC as CommonJS. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|load-esm|pdfjs-dist)/)'],
  // Sources import siblings as './x.js' (Node ESM); Jest resolves the .ts file.
  // The console imports the server's pure modules as @server/… (admin-ui/vite.config.ts).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@server/(.*)$': '<rootDir>/server/$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // Globals of Jest's sandbox are looked up through a slow interceptor: pixel loops calling
  // Math (the scans' normalisation, pngjs's filters) ran 100 times slower than in Node. Jest
  // hands Math to every module as a parameter instead.
  sandboxInjectedGlobals: ['Math'],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // Integration tests start servers and child processes; Jest 30 reads the timeout here.
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/server/**/*.spec.ts', '<rootDir>/admin-ui/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      testTimeout: 60000,
      setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
      // One template database per run, migrated once; each test file's database is a clone.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
