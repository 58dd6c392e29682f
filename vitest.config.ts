import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'cluster/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Fidelity tests spawn real kubectl processes; two cores, so keep workers modest.
    maxWorkers: 2,
    // Concurrent tests (the scenario self-tests) run three at a time.
    maxConcurrency: 3,
  },
});
