// `mqtt-gauge inspect` from a shell: it prints where to point a client, reports the clients it forwards (text and --json), and refuses bad input plainly.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mqtt from 'mqtt';
import { startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { jsonLines, runCli, startCli } from './spawn-cli.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

async function listeningPort(run: ReturnType<typeof startCli>): Promise<number> {
  await vi.waitFor(() => expect(run.output.stdout, run.output.stderr).toMatch(/127\.0\.0\.1:\d+/), { timeout: 15_000, interval: 50 });
  return Number(/127\.0\.0\.1:(\d+)/.exec(run.output.stdout)![1]);
}

describe('mqtt-gauge inspect', () => {
  it('forwards a client to the broker, prints its status and how it ended, then a summary on Ctrl-C', async () => {
    const run = startCli(['inspect', '--listen', '127.0.0.1:0', '--upstream', `mqtt://127.0.0.1:${broker.port}`]);
    try {
      const port = await listeningPort(run);
      expect(run.output.stdout).toContain(`forwarding to mqtt://127.0.0.1:${broker.port}. Point your client at mqtt://127.0.0.1:${port}`);
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'cli-watched', reconnectPeriod: 0 });
      for (let i = 0; i < 20; i++) await client.publishAsync('cli/inspect', `m${i}`, { qos: 1 });
      await vi.waitFor(() => expect(run.output.stdout).toMatch(/#1 cli-watched connected · publish [\d.,]+\/s .* in flight 0\/\? /), { timeout: 10_000, interval: 50 });
      await client.endAsync();
      await vi.waitFor(() => expect(run.output.stdout).toContain('#1 cli-watched closed: the client sent DISCONNECT'), { timeout: 10_000, interval: 50 });
      run.kill('SIGINT');
      const done = await run.done;
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/1 connection seen:\n {2}#1 cli-watched: published 20, delivered 0, .* up, .* down — the client sent DISCONNECT/);
    } finally {
      if (run.output.code === null) run.kill('SIGKILL');
    }
  });

  it('--json: a listening line, statuses with every open client, the closed client and a summary', async () => {
    const run = startCli(['inspect', '--listen', '0', '--upstream', `mqtt://127.0.0.1:${broker.port}`, '--json', '--seconds', '4']);
    try {
      await vi.waitFor(() => expect(run.output.stdout, run.output.stderr).toContain('"type":"listening"'), { timeout: 15_000, interval: 50 });
      const listening = jsonLines(run.output.stdout)[0] as { listen: string; upstream: string };
      expect(listening.upstream).toBe(`mqtt://127.0.0.1:${broker.port}`);
      const client = await mqtt.connectAsync(`mqtt://${listening.listen}`, { clientId: 'json-watched', reconnectPeriod: 0, protocolVersion: 5 });
      await client.publishAsync('cli/json', 'x', { qos: 2 });
      await vi.waitFor(() => expect(run.output.stdout).toContain('"clientId":"json-watched"'), { timeout: 10_000, interval: 50 });
      await client.endAsync();
      const done = await run.done;
      expect(done.code).toBe(0);
      const lines = jsonLines(done.stdout) as Array<{ type: string; clients?: Array<{ identity: { clientId: string }; totals: { publishes: number[] } }> }>;
      expect(lines.map((l) => l.type)).toContain('status');
      expect(lines.map((l) => l.type)).toContain('closed');
      const summary = lines.at(-1)!;
      expect(summary.type).toBe('summary');
      expect(summary.clients!.map((c) => [c.identity.clientId, c.totals.publishes])).toEqual([['json-watched', [0, 0, 1]]]);
    } finally {
      if (run.output.code === null) run.kill('SIGKILL');
    }
  });

  it.each([
    [['inspect'], /--upstream is required/],
    [['inspect', '--upstream', 'http://example'], /--upstream http:\/\/example: use mqtt:\/\//],
    [['inspect', '--upstream', 'mqtt://127.0.0.1:1883', '--listen', 'nonsense'], /--listen nonsense: use HOST:PORT/],
  ])('refuses %j with a usage error (exit 1)', async (args, message) => {
    const done = await runCli(args);
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(message);
  });

  it('refuses to listen on an address other than loopback, and says why', async () => {
    const done = await runCli(['inspect', '--upstream', 'mqtt://127.0.0.1:1883', '--listen', '0.0.0.0:0']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain("Inspect listens on loopback only (127.0.0.1, ::1 or localhost), not 0.0.0.0: it would forward anyone's traffic");
  });
});
