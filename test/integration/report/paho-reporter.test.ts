// The paho-mqtt example reporter against a real mosquitto: its reports parse, and count every publish of a flood as accepted or refused by its full queue.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseReport, type ClientReport } from '../../../shared/report/index.js';
import { startMosquitto, startSubscriber, type Mosquitto, type Subscriber } from '../../kit/index.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../../examples/paho/report_queue.py', import.meta.url));
const CLIENT_ID = 'paho-reporter-test';
const FLOOD = 2_000;
const MAX_QUEUED = 10;
const MAX_INFLIGHT = 1;

// The example needs Debian's python3-paho-mqtt; without it the test is skipped, not failed.
const hasPaho = spawnSync(PYTHON, ['-c', 'import paho.mqtt.client'], { stdio: 'ignore' }).status === 0;

/** Runs the example to its end; resolves with its stdout, rejects with its stderr when it fails. */
function runReporter(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`report_queue.py exited with ${code ?? signal}: ${err}`))));
  });
}

describe.skipIf(!hasPaho)('the paho-mqtt reporter example', () => {
  let broker: Mosquitto;
  let subscriber: Subscriber;
  beforeAll(async () => {
    broker = await startMosquitto();
    subscriber = await startSubscriber(`mqtt://127.0.0.1:${broker.port}`, 'gauge/report/#', { clientId: 'report-watcher' });
  }, 60_000);
  afterAll(async () => {
    await subscriber?.close();
    await broker?.stop();
  }, 60_000);

  it('reports a flood that overflows its queue: every publish accepted or refused, with its capacity and connection', async () => {
    const stdout = await runReporter([
      '--host', '127.0.0.1',
      '--port', String(broker.port),
      '--client-id', CLIENT_ID,
      '--max-inflight', String(MAX_INFLIGHT),
      '--max-queued', String(MAX_QUEUED),
      '--flood', String(FLOOD),
      '--topic', 'paho/flood',
      '--every', '1',
      '--seconds', '3',
    ]);
    // The example's own totals, printed after its clean disconnect.
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { accepted: number; failedTryPublish: number; otherErrors: number };
    expect(summary.otherErrors).toBe(0);

    const reports = (): ClientReport[] =>
      subscriber.messages.map((m) => {
        expect(m.topic).toBe(`gauge/report/${CLIENT_ID}`);
        const parsed = parseReport(m.payload.toString('utf8'), m.payload.length);
        if (!parsed.ok) throw new Error(`not a report: ${JSON.stringify(parsed.problem)}`);
        return parsed.report;
      });
    // The last report, sent just before the DISCONNECT, may still be on its way through the broker.
    await vi.waitFor(
      () => {
        const last = reports().at(-1);
        expect(last).toMatchObject({ accepted: summary.accepted, failedTryPublish: summary.failedTryPublish });
      },
      { timeout: 30_000, interval: 50 },
    );

    const all = reports();
    const last = all.at(-1)!;
    expect(last.version).toBe(1);
    expect(last.clientId).toBe(CLIENT_ID);
    expect(last.library).toMatch(/^paho-mqtt \d+\.\d+/);
    expect(last.capacity).toBe(MAX_QUEUED);
    expect(last.maxInflight).toBe(MAX_INFLIGHT);
    expect(last.connection).toBe('connected');
    expect(last.reconnects).toBe(0);
    expect(last.accepted).toBeGreaterThan(0);
    expect(last.failedTryPublish).toBeGreaterThan(0);
    expect(last.accepted! + last.failedTryPublish!).toBe(FLOOD);
    // What paho does not expose publicly, the example leaves out.
    for (const field of ['depth', 'inflight', 'pending', 'dropped'] as const) expect(last[field]).toBeUndefined();
    // Counters only grow, and no report counted more than the flood.
    for (const [i, report] of all.entries()) {
      expect(report.accepted! + report.failedTryPublish!).toBeLessThanOrEqual(FLOOD);
      if (i > 0) {
        expect(report.accepted).toBeGreaterThanOrEqual(all[i - 1]!.accepted!);
        expect(report.failedTryPublish).toBeGreaterThanOrEqual(all[i - 1]!.failedTryPublish!);
      }
    }
  }, 120_000);
});
