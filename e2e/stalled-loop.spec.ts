// Stories 2 and 3: an operator stalls the event loop on purpose (rumqttc's
// failure 1), watches the channel fill until tryPublish fails, and then
// either resumes the loop or tunes the channel live while it is stalled.
import { expect, test } from './fixtures.js';

const SMALL_CAPACITY = 5;

test.describe('a stalled event loop', () => {
  test.beforeEach(async ({ dashboard }) => {
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    // A small channel fills in a few publishes by hand.
    await dashboard.tuning.setCapacity(SMALL_CAPACITY);
    await expect(dashboard.depthGauge).toHaveAttribute('data-capacity', String(SMALL_CAPACITY));
    await dashboard.publish.compose({ topic: 'e2e/stall', payload: 'queued while stalled', qos: 0, mode: 'tryPublish' });
  });

  test('fills until tryPublish fails, shows it in the gauges, charts and alerts, then drains when resumed', async ({ dashboard }) => {
    const { publish } = dashboard;
    await dashboard.stallLoop();

    // Every publish up to the capacity is queued; the next one fails at once.
    const sent = await publish.publishUntil('full', SMALL_CAPACITY + 2);
    expect(sent).toBe(SMALL_CAPACITY + 1);
    await expect(publish.status).toContainText('Refused: the channel is full (tryPublish fails at once).');
    await expect(publish.history.locator('li[data-state="queued"]')).toHaveCount(SMALL_CAPACITY);

    // Gauges: depth = capacity, and the failure is counted.
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(SMALL_CAPACITY));
    await expect(dashboard.depthGauge).toHaveAttribute('data-capacity', String(SMALL_CAPACITY));
    await expect(dashboard.depthGauge).toHaveAttribute('data-level', 'crit');
    await expect.poll(() => dashboard.value(dashboard.failedTile)).toBeGreaterThan(0);

    // Charts: drawn on canvases, and the depth chart's legend reads the depth and the capacity.
    for (const id of ['depth', 'failures', 'inflight', 'throughput', 'latency', 'ping'] as const) {
      await expect(dashboard.chart(id).locator('canvas').first()).toBeVisible();
    }
    await expect(dashboard.legendValue('depth', 'charts.series.depth')).toHaveText(String(SMALL_CAPACITY));
    await expect(dashboard.legendValue('depth', 'charts.series.capacity')).toHaveText(String(SMALL_CAPACITY));

    // Alerts: the loop has not been polled for 2 s.
    await expect(dashboard.alert('loop-stalled')).toBeVisible();
    await expect(dashboard.alert('loop-stalled')).toHaveAttribute('data-severity', 'critical');
    await expect(dashboard.alert('loop-stalled')).toContainText('Event loop stalled');
    await expect(dashboard.alertBanner).not.toHaveAttribute('data-count', '0');

    // Resume from the alert itself: the queue drains and the alerts clear.
    await dashboard.alert('loop-stalled').getByRole('button', { name: 'Resume the loop', exact: true }).click();
    await expect(dashboard.stallSwitch).toHaveAttribute('aria-checked', 'false');
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', '0');
    await expect(dashboard.legendValue('depth', 'charts.series.depth')).toHaveText('0');
    await expect(dashboard.tuning.loopStatus).toHaveAttribute('data-state', 'polling');
    await expect(dashboard.alertBanner).toHaveAttribute('data-count', '0');
    await expect(dashboard.alertBanner).toContainText('No alerts');
    // What was queued went out once the loop ran again.
    await expect(publish.history.locator('li[data-state="queued"]')).toHaveCount(0);
  });

  test('accepts new requests once capacity is raised live, and counts drops under drop-oldest', async ({ dashboard }) => {
    const { publish, tuning } = dashboard;
    await dashboard.stallLoop();
    await publish.publishUntil('full', SMALL_CAPACITY + 2);
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(SMALL_CAPACITY));

    // Raise the capacity while stalled: tryPublish succeeds again and the depth grows past the old capacity.
    const raised = SMALL_CAPACITY * 2;
    await tuning.setCapacity(raised);
    await expect(dashboard.depthGauge).toHaveAttribute('data-capacity', String(raised));
    expect(await publish.publishOnce()).toBe('queued');
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(SMALL_CAPACITY + 1));
    await expect(dashboard.stallSwitch).toHaveAttribute('aria-checked', 'true');

    // Fill the raised channel, then switch to drop-oldest: a full channel now takes the new one and drops the oldest.
    await publish.publishUntil('full', raised);
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(raised));
    expect(await dashboard.value(dashboard.droppedTile)).toBe(0);
    await tuning.choosePolicy('drop-oldest');
    await expect(tuning.policyHint).toContainText('oldest queued publish');
    expect(await publish.publishOnce()).toBe('queued');
    expect(await publish.publishOnce()).toBe('queued');
    await expect.poll(() => dashboard.value(dashboard.droppedTile)).toBe(2);
    await expect(dashboard.droppedTile).toContainText('old 2');
    await expect(dashboard.depthGauge).toHaveAttribute('data-depth', String(raised));
    // Nothing disappears silently: the two evicted messages say so in the history.
    const evicted = publish.history.locator('li[data-state="failed"], li[data-state="dropped"]');
    await expect(evicted).toHaveCount(2);
    await expect(evicted.first()).toContainText(/dropped/i);
  });
});
