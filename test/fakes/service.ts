// Set-up shared by the service's tests: services that are stopped after
// each test, commands that throw on refusal, events collected as they come,
// and waits on conditions instead of sleeps.
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

/** Waits until `check` returns something truthy, checking every 20 ms. */
export async function until<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
