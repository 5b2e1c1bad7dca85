import { defineConfig } from 'vitest/config';

// Unit, integration, hostile and e2e tests in one run. Workers spawned by the engine under test
// load the compiled dist/ build, so `npm test` builds first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    setupFiles: ['test/support/network-tripwire.ts'],
  },
});
