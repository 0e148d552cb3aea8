// `mqtt-gauge web` on a remote box, driven from another shell: drills and
// exports through its contract, metrics for a scraper, and a clean stop.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../shared/diagnostics/index.js';
import { jsonLines, runCli, startCli } from './spawn-cli.js';

type Web = ReturnType<typeof startCli>;
let dir: string;
const started: Web[] = [];

/** Starts web mode and waits for the JSON line with its addresses. */
async function startWeb(args: string[]): Promise<{ web: Web; url: string; metricsUrl: string; token: string; port: number }> {
  const web = startCli(['web', '--port', '0', '--no-open', '--json', '--data-dir', await mkdtemp(join(dir, 'data-')), ...args]);
  started.push(web);
  await vi.waitFor(
    () => {
      // Once it has exited it will never print the line: stop waiting, and fail just below.
      if (web.output.code === null) expect(web.output.stdout, `web mode did not start: ${web.output.stderr}`).toContain('\n');
    },
    { timeout: 15_000, interval: 50 },
  );
  expect(web.output.stdout, `web mode did not start: ${web.output.stderr}`).toContain('\n');
  const line = jsonLines(web.output.stdout)[0] as { url: string; metricsUrl: string; token: string; port: number };
  return { web, ...line };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauge-cli-web-'));
});
afterAll(async () => {
  for (const web of started) if (web.output.code === null) web.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('mqtt-gauge web and drill', () => {
  it('serves web mode headless; drills switch live from another shell and show in /metrics and the bundle; Ctrl-C stops it with 0', async () => {
    const { web, url, metricsUrl, token } = await startWeb([]);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));

    // It connects to the built-in test broker at start; wait until it is connected before a drop.
    await vi.waitFor(
      async () => expect(await (await fetch(`${metricsUrl}?token=${token}`)).text(), 'web mode never connected').toContain('mqtt_gauge_connected 1'),
      { timeout: 10_000, interval: 100 },
    );

    const throttle = await runCli(['drill', '--url', url, 'throttle', '5000', '--json']);
    expect(throttle.code).toBe(0);
    expect(jsonLines(throttle.stdout)).toEqual([{ type: 'drill', faults: { throttleBytesPerSec: 5000, stalledUntil: null, pollDelayMs: 0 } }]);
    const slow = await runCli(['drill', 'slow-poll', '20'], { MQTT_GAUGE_URL: url });
    expect(slow).toMatchObject({ code: 0, stdout: 'Drills on: writes throttled to 5 kB/s and a 20ms wait before each poll.\n' });
    expect((await runCli(['drill', '--url', url, 'slow-poll', 'off'])).code).toBe(0);
    expect((await runCli(['drill', '--url', url, 'drop'])).code).toBe(0);

    const metrics = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(metrics).toContain('mqtt_gauge_fault_active{kind="throttle"} 1');
    expect(metrics).toContain('mqtt_gauge_fault_active{kind="slow-poll"} 0');
    expect((await fetch(metricsUrl)).status).toBe(401);

    const file = join(dir, 'remote.json');
    const exported = await runCli(['export', '--from', url, '--out', file, '--json']);
    expect(exported.code).toBe(0);
    const parsed = parseBundle(await readFile(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.bundle.faults.map((record) => `${record.kind} ${record.phase}`)).toEqual(['throttle start', 'slow-poll start', 'slow-poll end', 'drop-connection start']);
    expect(parsed.bundle.connection).toMatchObject({ kind: 'builtin' });

    web.kill('SIGINT');
    expect((await web.done).code).toBe(0);
  });

  it('drill exits 3 when web mode refuses it (no connection to stall), and 2 when web mode cannot be reached or the token is wrong', async () => {
    const { web, url, port } = await startWeb(['--no-connect']);
    const refused = await runCli(['drill', '--url', url, 'stall', '5']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/The drill was refused: there is no live connection to stall/);
    const wrongToken = await runCli(['drill', '--url', `http://127.0.0.1:${port}/?token=not-the-token`, 'drop']);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.stderr).toMatch(/Could not reach web mode .*HTTP 401/);
    web.kill('SIGINT');
    await web.done;
    const gone = await runCli(['drill', '--url', url, 'drop']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/Could not reach web mode/);
  });

  it('exits 3 with a clear message when the port is taken', async () => {
    const { web, port } = await startWeb(['--no-connect']);
    const second = await runCli(['web', '--port', String(port), '--no-open', '--no-connect', '--data-dir', await mkdtemp(join(dir, 'data-'))]);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`Port ${port} is taken: give another with --port (0 picks a free one).`);
    web.kill('SIGINT');
    await web.done;
  });
});
