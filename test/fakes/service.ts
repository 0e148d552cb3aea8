// Set-up shared by the service's tests: services that are stopped after
// each test, commands that throw on refusal, events collected as they come,
// and how long vi.waitFor may poll for a condition instead of sleeping.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayloads, Result } from '../../shared/contract.js';
import { GaugeService, type ServiceOptions } from '../../main/service/service.js';

const running: GaugeService[] = [];

/** A started service on a fresh data folder (unless given one), stopped by stopServices(). */
export async function startService(options: Partial<ServiceOptions> = {}): Promise<GaugeService> {
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'gauge-service-')) : options.dataDir;
  const service = new GaugeService({ version: 'test', autoConnect: false, ...options, dataDir });
  running.push(service);
  await service.start();
  return service;
}

/** Stops every service startService made. */
export async function stopServices(): Promise<void> {
  await Promise.all(running.splice(0).map((service) => service.stop()));
}

/** Runs a command and returns its value; a refusal fails the test with its message. */
export async function call<T = unknown>(service: GaugeService, command: string, payload: unknown = {}): Promise<T> {
  const result = (await service.handle(command, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${command} refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every payload of one event, as it arrives. */
export function collect<E extends EventName>(service: GaugeService, event: E): EventPayloads[E][] {
  const seen: EventPayloads[E][] = [];
  service.on(event, (payload) => seen.push(payload));
  return seen;
}

/** vi.waitFor's options for the service's tests: samples come every 100 ms from a real broker, so 10 s, checked every 20 ms. */
export const POLL = { timeout: 10_000, interval: 20 } as const;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
