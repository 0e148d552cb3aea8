// Story 7: the main screen in the light and the dark theme, kept as
// screenshots for people to look at (the load story keeps one under load).
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { keepScreenshot } from './screenshots.js';

/** The relative luminance (0 black … 1 white) of an element's background colour. */
async function backgroundLuminance(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/[\d.]+/g)!.map(Number) as [number, number, number];
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  });
}

test.describe('themes', () => {
  test('draws the main screen in the light and the dark theme', async ({ dashboard }, testInfo) => {
    const { page, publish, subscribe } = dashboard;
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    // Something on screen: a subscription, a message acked and received, the charts moving.
    await subscribe.subscribe('gauge/#');
    await publish.compose({ topic: 'gauge/theme', payload: '{"theme": "check"}', format: 'json', qos: 1, mode: 'publish' });
    await publish.publishButton.click();
    await expect(publish.status).toHaveAttribute('data-state', 'acked');
    await expect(subscribe.received).toContainText('1 message received');
    const panel = dashboard.publish.root;
    // Publishing scrolled the right column; show the main screen from the top of it.
    await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));

    await dashboard.chooseTheme('light');
    await expect(page.locator('html')).toHaveCSS('color-scheme', 'light');
    await expect.poll(() => backgroundLuminance(panel)).toBeGreaterThan(0.8);
    await keepScreenshot(page, testInfo, 'light-main.png');

    await dashboard.chooseTheme('dark');
    await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark');
    await expect.poll(() => backgroundLuminance(panel)).toBeLessThan(0.1);
    // The charts are redrawn in the theme's colours: still on their canvases.
    await expect(dashboard.chart('depth').locator('canvas').first()).toBeVisible();
    await keepScreenshot(page, testInfo, 'dark-main.png');
  });
});
