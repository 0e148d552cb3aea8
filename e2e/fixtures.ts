// Fixtures for the end-to-end stories: a real mosquitto per worker, and per
// test a fresh MQTT Gauge (its own data folder) with a browser page on it.
// In the web project the service runs in web mode and Chromium drives the
// UI; in the electron project the desktop app is launched through
// Playwright's _electron, or the test is skipped where the binary is missing.
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWebMode } from '../main/web/launch.js';
import { startMosquitto, type Mosquitto } from '../test/kit/index.js';
import { Dashboard } from './models/dashboard.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export type Mode = 'web' | 'electron';

/** Where Electron's binary is, or null when it was not installed. */
export function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const CHROMIUM_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Opens the app (`open`) and waits for its readiness signal: the renderer
 * sets html[data-gauge-ready="true"] once it has its first snapshot, so no
 * story sleeps. When the signal never comes, says what the page reported
 * (a 404 for a script usually means dist/renderer was rebuilt meanwhile).
 */
async function untilReady(page: Page, open: () => Promise<void>): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  page.on('response', (response) => void (response.status() >= 400 && problems.push(`${response.status()} for ${new URL(response.url()).pathname}`)));
  await open();
  try {
    await page.locator('html[data-gauge-ready="true"]').waitFor({ timeout: 20_000 });
  } catch (error) {
    throw new Error(`MQTT Gauge never signalled it was ready (html[data-gauge-ready]); the page reported: ${problems.join('; ') || (error as Error).message}`, { cause: error });
  }
}

/** The app under test, as a story sees it. */
export interface GaugeApp {
  page: Page;
  dataDir: string;
  /** Set in web mode: the URL with its token. */
  url: string | null;
}

interface Options {
  mode: Mode;
  /** Connect to the default profile (the built-in broker) at start. */
  autoConnect: boolean;
}

export const test = base.extend<Options & { app: GaugeApp; dashboard: Dashboard }, { broker: Mosquitto; browser: Browser }>({
  mode: ['web', { option: true }],
  autoConnect: [true, { option: true }],
  broker: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; none here.
    async ({}, use) => {
      const broker = await startMosquitto();
      await use(broker);
      await broker.stop();
    },
    { scope: 'worker' },
  ],
  browser: [
    // eslint-disable-next-line no-empty-pattern -- as above: a worker fixture with no dependencies.
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ mode, autoConnect, browser, locale }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-e2e-'));
    if (mode === 'electron') {
      const binary = electronBinary();
      testInfo.skip(!binary, "Electron's binary is not installed on this machine (its download is unreachable); the web project runs these stories");
      const app = await _electron.launch({
        executablePath: binary!,
        // Chromium's --lang sets both app.getLocale() and navigator.language: the "system" language a story asks for.
        args: [join(root, 'dist/desktop/main.mjs'), ...(locale ? [`--lang=${locale}`] : [])],
        env: { ...process.env, MQTT_GAUGE_DATA_DIR: dataDir },
      });
      const page = await app.firstWindow();
      await untilReady(page, async () => {});
      await use({ page, dataDir, url: null });
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      return;
    }
    const web = await runWebMode({ staticDir: join(root, 'dist/renderer'), version: 'e2e', dataDir, port: 0, open: false, autoConnect, log: () => {} });
    // The browser's language is what "System" follows: English unless a story sets `locale`.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: locale ?? 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    await untilReady(page, async () => void (await page.goto(web.server.url)));
    await use({ page, dataDir, url: web.server.url });
    await context.close();
    await web.stop();
    await rm(dataDir, { recursive: true, force: true });
  },
  // The dashboard's page object, reading the language the app starts in (the browser's, as the app resolves it).
  dashboard: async ({ app, locale }, use) => {
    await use(new Dashboard(app.page, (locale ?? 'en-US').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'));
  },
});

export { expect } from '@playwright/test';
