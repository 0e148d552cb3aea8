// Story: bursts overflow a small channel; the capacity advisor sizes it from what was recorded, one click applies its
// suggestion and the failures stop; then the loop is stalled and the advisor says capacity is not the cure.
import { keepScreenshot } from './screenshots.js';
import { expect, test } from './fixtures.js';

const CAPACITY = 100;
/** Four bursts a second of 500 tryPublish calls each: each burst is five times the channel. */
const LOAD = { topic: 'e2e/advisor', rate: 2000, burst: 500, qos: 0, mode: 'tryPublish' } as const;

test('the capacity advisor sizes the channel for bursts, and will not for a stalled loop', async ({ dashboard }, testInfo) => {
  const { load, tuning, advisor } = dashboard;
  await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
  await tuning.setCapacity(CAPACITY);
  await expect(dashboard.depthGauge).toHaveAttribute('data-capacity', String(CAPACITY));

  await load.start(LOAD);
  // A few seconds of bursts, each refused beyond the first hundred.
  await expect.poll(() => load.figure('sent'), { timeout: 20_000 }).toBeGreaterThan(6000);
  expect(await load.figure('failed')).toBeGreaterThan(0);

  await advisor.advise();
  await expect(advisor.diagnosis).toHaveAttribute('data-kind', 'burst');
  await expect(advisor.diagnosis).toContainText('capacity is the cure');
  const inForce = await advisor.read(advisor.table.locator(`tbody tr[data-capacity="${CAPACITY}"]`));
  expect(inForce.refused).toBeGreaterThan(0);
  await keepScreenshot(dashboard.page, testInfo, 'advisor-bursts.png');

  const predicted = await advisor.applySuggestion();
  expect(predicted.refused).toBe(0);
  expect(predicted.capacity).toBeGreaterThan(CAPACITY);
  await expect(dashboard.depthGauge).toHaveAttribute('data-capacity', String(predicted.capacity));

  // The same load goes on: no publish fails any more.
  const failedAtApply = await load.figure('failed');
  const sentAtApply = await load.figure('sent');
  await expect.poll(() => load.figure('sent'), { timeout: 20_000 }).toBeGreaterThan(sentAtApply + 6000);
  const failedSince = (await load.figure('failed')) - failedAtApply;
  expect(failedSince).toBe(0);
  // The bursts used the room they were given: the channel's high-water mark went past the old capacity.
  const measuredPeak = Number(await dashboard.depthGauge.getAttribute('data-high-water'));
  expect(measuredPeak).toBeGreaterThan(CAPACITY);
  expect(measuredPeak).toBeLessThanOrEqual(predicted.capacity);

  // Asked again over the time since, the advisor finds the channel no longer fills.
  await advisor.advise();
  const afterwards = await advisor.read(advisor.table.locator(`tbody tr[data-capacity="${predicted.capacity}"]`));
  testInfo.annotations.push({
    type: 'advisor',
    description: `at capacity ${CAPACITY} the model refused ${inForce.refused}; suggested ${predicted.capacity}, predicting 0 refused and a peak depth of ${predicted.peakDepth}; after applying: ${failedSince} failed in ${(await load.figure('sent')) - sentAtApply} sent, the channel's high-water mark reached ${measuredPeak}, and the advisor asked again replays a peak of ${afterwards.peakDepth}`,
  });

  // Stall the loop under the same load: the channel fills whatever its size, and the advisor says so. The stall
  // is left to outlast the bursts still in the studied minute, so it is what most of the pressure comes from.
  await dashboard.stallLoop();
  await expect.poll(() => load.figure('failed'), { timeout: 20_000 }).toBeGreaterThan(failedAtApply + 8000);
  await advisor.windowSelect.selectOption('60');
  await advisor.advise();
  await expect(advisor.diagnosis).toHaveAttribute('data-kind', 'stalled');
  await expect(advisor.diagnosis).toContainText('Capacity is not the cure');
  await expect(advisor.suggestedRow).toHaveCount(0);
  await keepScreenshot(dashboard.page, testInfo, 'advisor-stalled.png');
  await dashboard.resumeLoop();
  await load.stop();
});
