// The dashboard at the size the stories run at (1400×900): the centre column
// does not overflow, every chart keeps a readable height, and no figure in
// the tiles or the health card is cut off, under load too.
import { expect, test } from './fixtures.js';
import { isCutOff } from './models/layout.js';

test('fits at 1400×900 under load: no overflowing column, no squeezed chart, no clipped figure', async ({ dashboard }) => {
  const { page, load } = dashboard;
  await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
  await load.start({ topic: 'e2e/layout', rate: 5_000, burst: 100, seconds: 4, payloadBytes: 32, qos: 0, mode: 'tryPublish' });
  await expect.poll(async () => load.figure('sent')).toBeGreaterThan(1_000);

  const centre = page.locator('.column-centre');
  const overflow = await centre.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
  expect(overflow.x, 'the centre column overflows sideways').toBeLessThanOrEqual(1);
  expect(overflow.y, 'the centre column overflows downwards').toBeLessThanOrEqual(1);

  const plots = page.locator('.chart-plot');
  await expect(plots).toHaveCount(6);
  for (const plot of await plots.all()) {
    const box = await plot.evaluate((el) => ({ height: el.clientHeight, width: el.clientWidth }));
    expect(box.height, 'a chart is squeezed').toBeGreaterThanOrEqual(100);
    expect(box.width).toBeGreaterThanOrEqual(200);
  }
  for (const figure of await page.locator('.stat-tile .stat-value, .stat-tile .stat-label').all()) {
    expect(await isCutOff(figure), `"${await figure.textContent()}" is cut off`).toBe(false);
  }
  expect(await isCutOff(dashboard.healthLastError)).toBe(false);
  await expect(load.progress).toHaveAttribute('data-running', 'false', { timeout: 10_000 });
});
