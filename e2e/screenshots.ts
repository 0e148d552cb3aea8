// Screenshots a story keeps: saved under test-results/e2e/screenshots/ for
// people to look at, and attached to the report next to the test.
import type { Page, TestInfo } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where kept screenshots go: the project's output folder (test-results/e2e), under screenshots/. */
export function screenshotDir(testInfo: TestInfo): string {
  return join(testInfo.project.outputDir, 'screenshots');
}

/** Saves a screenshot of the page as `name` (a .png file name) and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const dir = screenshotDir(testInfo);
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
