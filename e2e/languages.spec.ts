// Story 8 (issue 6): the main story told in Simplified Chinese – chosen
// with the Language select, or followed from the system (the browser's
// locale) – and switched back to English without a reload.
import { expect, test } from './fixtures.js';
import type { Mosquitto } from '../test/kit/index.js';
import type { Dashboard } from './models/dashboard.js';
import { keepScreenshot } from './screenshots.js';

/** Connect to the broker, publish QoS 1 until acked, stall the loop until the alert shows. Words come from the language shown. */
async function mainStory(dashboard: Dashboard, broker: Mosquitto): Promise<void> {
  const { connection, publish } = dashboard;
  await connection.connectTo('Harness mosquitto', { host: '127.0.0.1', port: broker.port });
  await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
  await publish.compose({ topic: 'e2e/i18n', payload: '你好，MQTT', qos: 1, mode: 'publish' });
  await publish.publishButton.click();
  await expect(publish.status).toHaveAttribute('data-state', 'acked');
  await dashboard.stallLoop();
  await expect(dashboard.alert('loop-stalled')).toBeVisible();
}

/** What the page shows in Chinese, in the app's own words (literal, not read from the catalogue). */
async function expectChinese(dashboard: Dashboard): Promise<void> {
  const { page } = dashboard;
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(dashboard.publish.publishButton).toHaveText('发布');
  await expect(page.getByRole('switch', { name: '停滞事件循环', exact: true })).toBeVisible();
  await expect(dashboard.alert('loop-stalled').locator('.alert-title')).toHaveText('事件循环停滞');
  await expect(dashboard.alert('loop-stalled').getByRole('button', { name: '恢复事件循环', exact: true })).toBeVisible();
  await expect(dashboard.connectionState).toHaveText('已连接');
  await expect(dashboard.publish.status).toContainText('已确认');
  await expect(dashboard.region('connect.title')).toContainText('已连接到 Harness mosquitto。');
  await expect(dashboard.tuning.loopStatus).toContainText('已停滞');
  // The event log speaks the reader's language too: the line about the pause is in Chinese.
  const pauseLine = dashboard.eventLog.locator('[data-category="loop"]').first().locator('.log-message');
  await expect.soft(pauseLine, 'the event log line about the pause').toHaveText(/[\u4e00-\u9fff]/);
  for (const title of ['连接', '实时调优', '发布', '生成负载', '订阅', '告警']) {
    await expect(page.getByRole('region', { name: title, exact: true })).toBeVisible();
  }
}

async function expectEnglish(dashboard: Dashboard): Promise<void> {
  const { page } = dashboard;
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(dashboard.publish.publishButton).toHaveText('Publish');
  await expect(page.getByRole('switch', { name: 'Stall the event loop', exact: true })).toBeVisible();
  await expect(dashboard.alert('loop-stalled').locator('.alert-title')).toHaveText('Event loop stalled');
  await expect(dashboard.connectionState).toHaveText('Connected');
  await expect(dashboard.eventLog.locator('[data-category="loop"]').first().locator('.log-message')).toHaveText(/^[^\u4e00-\u9fff]*$/);
  await expect(dashboard.publish.status).toContainText('acked');
  await expect(dashboard.region('connect.title')).toContainText('Connected to Harness mosquitto.');
  for (const title of ['Connection', 'Tune live', 'Publish', 'Generate load', 'Subscribe', 'Alerts']) {
    await expect(page.getByRole('region', { name: title, exact: true })).toBeVisible();
  }
}

/** Marks the page so that a reload (which would lose the mark) is noticed. */
async function markPage(dashboard: Dashboard): Promise<void> {
  await dashboard.page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));
}
async function expectSamePage(dashboard: Dashboard): Promise<void> {
  expect(await dashboard.page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
}

test.describe('in Simplified Chinese', () => {
  test.use({ autoConnect: false });

  test('chosen with the Language select: the main story in Chinese, then back to English without a reload', async ({ dashboard, broker }, testInfo) => {
    await expect(dashboard.page.locator('html')).toHaveAttribute('lang', 'en');
    await markPage(dashboard);
    await dashboard.chooseLanguage('zh-CN');
    await expect(dashboard.languageSelect).toHaveValue('zh-CN');
    await expect(dashboard.publish.publishButton).toHaveText('发布');

    await mainStory(dashboard, broker);
    await expectChinese(dashboard);
    await keepScreenshot(dashboard.page, testInfo, 'zh-CN-main.png');

    await dashboard.chooseLanguage('en');
    await expectEnglish(dashboard);
    await expectSamePage(dashboard);
  });

  test.describe('when the system speaks Chinese', () => {
    test.use({ locale: 'zh-CN' });

    test('follows the system: the main story in Chinese, English when chosen, Chinese again with "System"', async ({ dashboard, broker }, testInfo) => {
      // Nothing chosen: the app follows the browser's language.
      await expect(dashboard.languageSelect).toHaveValue('system');
      await expect(dashboard.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(dashboard.publish.publishButton).toHaveText('发布');
      await markPage(dashboard);

      await mainStory(dashboard, broker);
      await expectChinese(dashboard);
      await keepScreenshot(dashboard.page, testInfo, 'zh-CN-system-main.png');

      await dashboard.chooseLanguage('en');
      await expectEnglish(dashboard);
      await dashboard.chooseLanguage('system', 'zh-CN');
      await expectChinese(dashboard);
      await expectSamePage(dashboard);
    });
  });
});
