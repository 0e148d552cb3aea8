// Story 5: a person types something wrong in each form. Each time the app
// says what is wrong right next to the field (linked to it for assistive
// technology) and sends nothing: the counters and state it would have
// changed stay as they were, and the event log gains no line.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.js';
import type { Dashboard } from './models/dashboard.js';

/** The field is marked invalid and described by `message`, which reads `text`. */
async function expectProblem(field: Locator, message: Locator, text: string | RegExp): Promise<void> {
  await expect(message).toBeVisible();
  await expect(message).toHaveText(text);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const id = await message.getAttribute('id');
  expect(id, 'the message has an id the field can point at').toBeTruthy();
  await expect(field).toHaveAttribute('aria-describedby', new RegExp(`(^|\\s)${id!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`));
}

/** What a sent command would have changed, read before and after. */
async function observable(dashboard: Dashboard) {
  return {
    accepted: await dashboard.value(dashboard.acceptedTile),
    sent: await dashboard.publish.sentCount(),
    capacity: await dashboard.depthGauge.getAttribute('data-capacity'),
    logLines: await dashboard.logEntryCount(),
    subscriptions: await dashboard.subscribe.subscriptionCount(),
    loadRunning: await dashboard.load.progress.getAttribute('data-running'),
    connection: await dashboard.connectionState.getAttribute('data-state'),
  };
}

test.describe('bad inputs are refused next to the field and send nothing', () => {
  let before: Awaited<ReturnType<typeof observable>>;

  test.beforeEach(async ({ dashboard }) => {
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
    before = await observable(dashboard);
  });

  test.afterEach(async ({ dashboard }) => {
    // Had anything been sent, newer samples would show it.
    await dashboard.newerSamples();
    expect(await observable(dashboard)).toEqual(before);
  });

  test('a wildcard in the publish topic', async ({ dashboard }) => {
    const { publish } = dashboard;
    await publish.topic.fill('e2e/+/wildcard');
    await publish.publishButton.click();
    await expectProblem(publish.topic, publish.fieldError('topic'), 'A publish topic cannot contain the wildcards + or #.');
    // Ctrl+Enter is refused the same way.
    await publish.payload.press('Control+Enter');
    await expect(publish.status).toHaveText(/^Nothing published yet/);
  });

  test('a JSON payload that is not JSON', async ({ dashboard }) => {
    const { publish } = dashboard;
    await publish.compose({ topic: 'e2e/json', payload: '{"level": 3,', format: 'json' });
    await expect(publish.root.getByTestId('payload-check')).toHaveText('not valid');
    await publish.publishButton.click();
    await expectProblem(publish.payload, publish.fieldError('payload'), /^Not valid JSON: \S/);
    await expect(publish.status).toHaveText(/^Nothing published yet/);
  });

  test('capacity 0 in Tune live', async ({ dashboard }) => {
    const { tuning } = dashboard;
    await tuning.typeCapacity('0');
    await expectProblem(tuning.capacity, tuning.fieldError('capacity'), 'Must be at least 1.');
    await tuning.root.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(tuning.fieldError('capacity')).toHaveText('Must be at least 1.');
    await expect(tuning.capacityLive).toHaveText('1,000');
  });

  test('port 70000 in the connection form', async ({ dashboard }) => {
    const { connection } = dashboard;
    await connection.describe('Out of range', { host: '127.0.0.1', port: 70_000 });
    const profilesBefore = await connection.profile.locator('option').allTextContents();
    await connection.connectButton.click();
    await expectProblem(connection.port, connection.fieldError('port'), 'Must be at most 65,535.');
    // Checked before sending: the connection in force is untouched, and still said so.
    await expect(connection.outcome).toHaveText('Connected to Built-in test broker.');
    // Saving is refused the same way, and adds no profile.
    await connection.root.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(connection.fieldError('port')).toBeVisible();
    expect(await connection.profile.locator('option').allTextContents()).toEqual(profilesBefore);
    await expect(dashboard.connectionState).toHaveAttribute('data-state', 'connected');
  });

  test('a filter with # in the middle in Subscribe', async ({ dashboard }) => {
    const { subscribe } = dashboard;
    await subscribe.filter.fill('a/#/b');
    await subscribe.subscribeButton.click();
    await expectProblem(subscribe.filter, subscribe.fieldError('filter'), '# must be a whole level and the last one.');
    await expect(subscribe.list).toHaveCount(0);
  });

  test('rate 0 in Generate load', async ({ dashboard }) => {
    const { load } = dashboard;
    await load.rate.fill('0');
    await load.startButton.click();
    await expectProblem(load.rate, load.fieldError('rate'), 'Must be at least 1.');
    await expect(load.progress).toHaveAttribute('data-running', 'false');
    await expect(load.stopButton).toBeDisabled();
  });
});
