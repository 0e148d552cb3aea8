// Playwright's set-up for the end-to-end stories: one worker, Debian's Chromium for the web project, Electron where it is installed.
import { defineConfig } from '@playwright/test';
import { register } from 'node:module';
import type { Mode } from './e2e/fixtures.js';

// The fixtures run the service in-process; let its JSON imports load under Node's ESM loader.
register('./e2e/json-modules.mjs', import.meta.url);

// Browsers are not downloaded: web-mode specs drive Debian's Chromium (or
// the one CHROMIUM_PATH names). The electron project runs the same specs in
// the desktop app where Electron's binary is installed, and skips otherwise.
export default defineConfig<{ mode: Mode }>({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts/,
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'test-results/e2e-report' }]] : [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', use: { mode: 'web' } },
    { name: 'electron', use: { mode: 'electron' } },
  ],
});
