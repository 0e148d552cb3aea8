// The engine's own reporter against a real mosquitto: reports of its channel reach a subscriber on gauge/report/<id>,
// a full channel refuses a report and counts it, and the next report carries the failure.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, reportTo, type Reporter } from '../../../main/engine/index.js';
import { parseReport, type ClientReport } from '../../../shared/report/index.js';
import { startMosquitto, startSubscriber, type Mosquitto } from '../../kit/index.js';
import { closeAllEngines, engine, POLL } from '../engine/helpers.js';

let broker: Mosquitto;
let reporter: Reporter | null = null;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(async () => {
  reporter?.stop();
  reporter = null;
  await closeAllEngines();
});

const url = () => `mqtt://127.0.0.1:${broker.port}`;

/** Every report received, parsed; a message that is not a report fails the test. */
function reportsIn(messages: ReadonlyArray<{ payload: Buffer }>): ClientReport[] {
  return messages.map((m) => {
    const parsed = parseReport(m.payload.toString('utf8'), m.payload.length);
    if (!parsed.ok) throw new Error(`not a report: ${JSON.stringify(parsed.problem)}`);
    return parsed.report;
  });
}

describe("the engine's reporter", () => {
  it('publishes its channel, loop and connection every interval through the engine itself', async () => {
    const subscriber = await startSubscriber(url(), 'gauge/report/#');
    const e = engine({ host: '127.0.0.1', port: broker.port, clientId: 'reporting-engine' }, 50, { start: true });
    reporter = reportTo(e.client, { clientId: 'reporting-engine', everyMs: 100, eventLoop: e.eventLoop });
    for (let i = 0; i < 7; i++) expect(e.client.tryPublish('app/data', 1, false, `m${i}`)).toEqual({ ok: true });
    await subscriber.waitFor(3, 10_000);
    expect(subscriber.messages.every((m) => m.topic === 'gauge/report/reporting-engine')).toBe(true);
    const reports = reportsIn(subscriber.messages);
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ version: 1, clientId: 'reporting-engine', capacity: 50, failedTryPublish: 0, dropped: 0, connection: 'connected', reconnects: 0, maxInflight: 100 });
    expect(last.library).toMatch(/^mqtt-gauge-engine \d+\.\d+\.\d+$/);
    // The application's 7 publishes and the reports before this one went through the same channel.
    expect(last.accepted).toBeGreaterThanOrEqual(7 + reports.length - 1);
    expect(reports.map((r) => r.time)).toEqual([...reports.map((r) => r.time)].sort((a, b) => a - b));
    await subscriber.close();
  });

  it('is refused by a full channel and counts it; once the loop runs, the next report carries the failure', async () => {
    const subscriber = await startSubscriber(url(), 'gauge/report/full-engine');
    const e = engine({ host: '127.0.0.1', port: broker.port, clientId: 'full-engine' }, 5);
    reporter = reportTo(e.client, { clientId: 'full-engine', everyMs: 3_600_000, eventLoop: e.eventLoop });
    for (let i = 0; i < 5; i++) e.client.tryPublish('app/data', 0, false, `m${i}`);
    // Nothing polls the loop: the channel is full, and the report is refused like any tryPublish.
    reporter.reportNow();
    expect({ sent: reporter.sent, refused: reporter.refused }).toEqual({ sent: 0, refused: 1 });
    expect(e.client.channelStats().failedTryPublish).toBe(1);

    e.runner.start();
    await vi.waitFor(() => expect(e.client.channelStats().depth).toBe(0), POLL);
    reporter.reportNow();
    await subscriber.waitFor(1, 10_000);
    // A report is made before it is queued: it counts the 5 publishes, not itself.
    expect(reportsIn(subscriber.messages)[0]).toMatchObject({ capacity: 5, accepted: 5, failedTryPublish: 1, depth: 0 });
    await subscriber.close();
  });

  it('refuses options it cannot keep, before it starts', () => {
    const e = engine({ host: '127.0.0.1', port: broker.port }, 5);
    expect(() => reportTo(e.client, { clientId: 'x', everyMs: 10 })).toThrow(expect.objectContaining({ name: 'InvalidArgumentError', field: 'everyMs' }) as InvalidArgumentError);
    expect(() => reportTo(e.client, { clientId: '' })).toThrow(expect.objectContaining({ field: 'clientId' }) as InvalidArgumentError);
  });
});
