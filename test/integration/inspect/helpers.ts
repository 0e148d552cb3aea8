// Shared set-up for the Inspect tests: a proxy in front of a real mosquitto, real clients through it, and waits on what the proxy reports.
import { spawn, type ChildProcess } from 'node:child_process';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { vi } from 'vitest';
import type { InspectClient, InspectVerdict } from '../../../shared/inspect.js';
import { InspectProxy, type InspectProxyOptions } from '../../../main/inspect/index.js';
import type { Mosquitto } from '../../kit/index.js';

export const POLL = { timeout: 10_000, interval: 20 };

const proxies = new Set<InspectProxy>();
const clients = new Set<MqttClient>();
const children = new Set<ChildProcess>();

/** A proxy on a free loopback port in front of the broker listening on `broker.port`. */
export async function proxyTo(broker: Pick<Mosquitto, 'port'>, extra: Partial<InspectProxyOptions> = {}): Promise<InspectProxy> {
  const proxy = await InspectProxy.start({ upstream: { host: '127.0.0.1', port: broker.port }, listenPort: 0, ...extra });
  proxies.add(proxy);
  return proxy;
}

export const urlOf = (proxy: InspectProxy) => `mqtt://127.0.0.1:${proxy.address.port}`;

/** An MQTT.js client, connected. */
export async function mqttjs(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.add(client);
  return client;
}

/** A child process that the tests stop however they end. */
export function child(command: string, args: string[], input?: string, options: { discardOutput?: boolean } = {}): ChildProcess & { output: Promise<string> } {
  const proc = spawn(command, args, { stdio: ['pipe', options.discardOutput ? 'ignore' : 'pipe', 'pipe'] }) as ChildProcess & { output: Promise<string> };
  children.add(proc);
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString('latin1')));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.output = new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${err}`))));
  });
  // A test that does not wait for the output (a child it kills) must not leave an unhandled rejection behind.
  proc.output.catch(() => {});
  if (input !== undefined) proc.stdin!.end(input);
  return proc;
}

/** The connection whose CONNECT carried `clientId`, once the proxy has seen it. */
export async function clientById(proxy: InspectProxy, clientId: string, check: (c: InspectClient) => void = () => {}, timeout = POLL.timeout): Promise<InspectClient> {
  let found: InspectClient | undefined;
  await vi.waitFor(
    () => {
      found = proxy.clients().find((c) => c.identity.clientId === clientId);
      if (!found) throw new Error(`no connection with client id ${clientId} yet`);
      check(found);
    },
    { ...POLL, timeout },
  );
  return found!;
}

/** Collects the verdicts the proxy raises and clears, with the time each happened. */
export function verdictLog(proxy: InspectProxy): Array<{ at: number; connection: number; phase: 'raised' | 'cleared'; verdict: InspectVerdict }> {
  const log: Array<{ at: number; connection: number; phase: 'raised' | 'cleared'; verdict: InspectVerdict }> = [];
  proxy.onChange((change) => {
    for (const verdict of change.verdicts?.raised ?? []) log.push({ at: performance.now(), connection: change.connection, phase: 'raised', verdict });
    for (const verdict of change.verdicts?.cleared ?? []) log.push({ at: performance.now(), connection: change.connection, phase: 'cleared', verdict });
  });
  return log;
}

export async function cleanUp(): Promise<void> {
  for (const c of clients) await c.endAsync(true).catch(() => {});
  clients.clear();
  for (const p of children) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    p.kill('SIGCONT');
    p.kill('SIGKILL');
  }
  children.clear();
  for (const proxy of proxies) await proxy.stop();
  proxies.clear();
}
