// End-to-end latency of the load generator against mosquitto, with and without a delay added on the way by the fault proxy.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract.js';
import type { EndToEndLatency, LoadStatus } from '../../shared/domain.js';
import { startMosquitto, startProxy, type Mosquitto, type TcpProxy } from '../../test/kit/index.js';
import { GaugeService } from './service.js';

const INJECTED_DELAY_MS = 150;
const TOPIC = 'e2e/load';

let broker: Mosquitto;
let proxy: TcpProxy;
let service: GaugeService;
beforeAll(async () => {
  broker = await startMosquitto();
  proxy = await startProxy({ host: broker.host, port: broker.port });
});
afterAll(async () => {
  await proxy.close();
  await broker.stop();
});
afterEach(async () => {
  proxy.delay(null);
  await service.stop();
});

async function call<T>(command: string, payload: unknown = {}): Promise<T> {
  const result = (await service.handle(command, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function connectedService(): Promise<void> {
  service = new GaugeService({ version: 'test', dataDir: null });
  await service.start();
  const outcome = await call<{ connected: boolean }>('connect', { profile: { name: 'through the proxy', host: '127.0.0.1', port: proxy.port } });
  expect(outcome.connected).toBe(true);
}

const loadStatus = async () => (await call<{ load: LoadStatus }>('getSnapshot')).load;

/** Runs `count` messages through the broker and back and waits until every stamp has come home. */
async function measuredRun(count: number): Promise<EndToEndLatency> {
  await call('startLoad', { topic: TOPIC, rate: 200, burst: 1, count, qos: 1, payloadSize: 64 });
  await vi.waitFor(async () => expect((await loadStatus()).endToEnd?.received).toBe(count), { timeout: 15_000, interval: 50 });
  const status = await loadStatus();
  expect(status.stamping).toBe('on');
  expect(status.failed).toBe(0);
  return status.endToEnd!;
}

describe('end-to-end latency against mosquitto', () => {
  it('is at least the delay the proxy adds on the way to the broker, and far lower without it', async () => {
    await connectedService();
    await call('subscribe', { filter: 'e2e/#', qos: 1 });

    const direct = await measuredRun(100);
    proxy.delay(INJECTED_DELAY_MS);
    const delayed = await measuredRun(100);

    expect(direct.p50).not.toBeNull();
    expect(delayed.p50).toBeGreaterThanOrEqual(INJECTED_DELAY_MS);
    expect(delayed.p99).toBeGreaterThanOrEqual(delayed.p50!);
    expect(direct.p50).toBeLessThan(delayed.p50!);
    // Every stamp of the direct run had come back before the delayed run began.
    expect(delayed.otherRuns).toBe(0);
  });

  it('has no end-to-end figure while the load’s topic is not subscribed, and sends all the same', async () => {
    await connectedService();
    await call('startLoad', { topic: TOPIC, rate: 200, burst: 10, count: 50, qos: 0 });
    await vi.waitFor(async () => expect((await loadStatus()).running).toBe(false), { timeout: 8_000, interval: 20 });
    const status = await loadStatus();
    expect(status.sent).toBe(50);
    expect(status.endToEnd).toBeNull();
  });
});
