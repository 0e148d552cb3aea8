// Vitest's set-up for the unit and integration tests under main, shared, renderer and test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Renderer tests choose their DOM per file: `// @vitest-environment happy-dom`.
    // Integration tests start their own mosquitto; two cores, so keep the
    // worker count low and give broker-backed tests room to breathe.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
