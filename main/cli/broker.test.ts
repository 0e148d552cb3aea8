// The CLI's commands against a real mosquitto and the built-in broker:
// exit codes, --json output a script can rely on, and bundles on disk.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBundle, fixtureSample, FIXTURE_START } from '../../test/fixtures/diagnostics.js';
import { parseBundle } from '../../shared/diagnostics/index.js';
import { getFreePorts, startMosquitto, type Mosquitto } from '../../test/kit/index.js';
import { jsonLines, runCli } from './spawn-cli.js';

let broker: Mosquitto;
let dir: string;
beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'gauge-cli-'));
});
afterAll(async () => {
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

const url = () => `mqtt://127.0.0.1:${broker.port}`;

describe('mqtt-gauge bench', () => {
  it('against mosquitto, prints one JSON object with every figure of the run, and exits 0', async () => {
    const run = await runCli(['bench', '--url', url(), '--rate', '2000', '--count', '1000', '--qos', '1', '--payload-size', '32', '--json']);
    expect(run.code).toBe(0);
    const [result, ...rest] = jsonLines(run.stdout);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      type: 'bench',
      target: url(),
      builtInBroker: false,
      spec: { rate: 2000, count: 1000, qos: 1, payloadSize: 32, mode: 'tryPublish' },
      sent: 1000,
      accepted: 1000,
      failed: 0,
      dropped: 0,
      reconnects: 0,
      endReason: 'count',
    });
    for (const field of ['durationSec', 'throughputPerSec', 'acceptedPerSec']) expect(result![field]).toBeGreaterThan(0);
    expect((result!.queueLatencyMs as { p50: number }).p50).toBeGreaterThanOrEqual(0);
    expect((result!.ackLatencyMs as { p99: number }).p99).toBeGreaterThan(0);
  });

  it('without a broker, uses the built-in test broker and says so', async () => {
    const run = await runCli(['bench', '--rate', '1000', '--count', '200', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/No broker given: using the built-in test broker on 127\.0\.0\.1:\d+/);
    expect(jsonLines(run.stdout)[0]).toMatchObject({ type: 'bench', builtInBroker: true, sent: 200, accepted: 200 });
  });

  it('counts tryPublish failures when the channel is too small for the bursts', async () => {
    // Each burst of 500 is published in one go, faster than any loop drains a channel of 10.
    const run = await runCli(['bench', '--url', url(), '--rate', '5000', '--burst', '500', '--count', '2000', '--capacity', '10', '--json']);
    expect(run.code).toBe(0);
    const result = jsonLines(run.stdout)[0]!;
    expect(result.failed).toBeGreaterThan(0);
    expect((result.accepted as number) + (result.failed as number)).toBe(2000);
  });

  it('exits 2 when the broker cannot be reached, with a JSON error', async () => {
    const [port] = await getFreePorts(1);
    const run = await runCli(['bench', '--url', `mqtt://127.0.0.1:${port}`, '--rate', '10', '--count', '1', '--json']);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([{ type: 'error', error: { code: 'unreachable', message: expect.stringMatching(/connection refused/) } }]);
  });
});

describe('mqtt-gauge monitor', () => {
  it('streams a status a second as JSON and ends with a summary, with drills marked', async () => {
    const run = await runCli(['monitor', '--url', url(), '--seconds', '3', '--load', '500', '--throttle', '100000', '--json']);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines[0]).toMatchObject({ type: 'connected', target: url(), builtInBroker: false });
    const statuses = lines.filter((line) => line.type === 'status') as Array<{ elapsedSec: number; sample: { connectionState: string; faults: { throttleBytesPerSec: number | null } } }>;
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)!.sample).toMatchObject({ connectionState: 'connected', faults: { throttleBytesPerSec: 100_000 } });
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', connected: true });
    expect((summary.summary as Array<{ key: string; params: Record<string, unknown> }>).find((item) => item.key === 'summary.drill')?.params).toMatchObject({ kind: 'throttle', value: 100_000 });
    expect((summary.text as string[]).join('\n')).toMatch(/Drill: writes throttled to 100,000 B\/s/);
  });

  it('on a pipe, prints plain status lines and a summary in English', async () => {
    const run = await runCli(['monitor', '--seconds', '2']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/using the built-in test broker/);
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d {2}Connected +depth 0\/1,000 /m);
    expect(run.stdout).toMatch(/What happened:\n {2}The bundle covers/);
  });

  it('exits 2 when it never connects', async () => {
    const [port] = await getFreePorts(1);
    const run = await runCli(['monitor', '--url', `mqtt://127.0.0.1:${port}`, '--seconds', '1']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Could not connect to mqtt:\/\/127\.0\.0\.1:\d+: .*connection refused/);
  });
});

describe('mqtt-gauge export and summary', () => {
  it('writes a bundle without the password given in the URL, which summary reads back', async () => {
    const file = join(dir, 'stall.json');
    const run = await runCli(['export', '--url', `mqtt://ada:pa55-w0rd-XYZ@127.0.0.1:${broker.port}`, '--seconds', '4', '--load', '1000', '--pause', '3', '--capacity', '100', '--out', file, '--json']);
    expect(run.code).toBe(0);
    const result = jsonLines(run.stdout)[0]!;
    expect(result).toMatchObject({ type: 'export', file, gzip: false, connected: true });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('pa55-w0rd-XYZ');
    expect(text).not.toContain('"ada"');
    const parsed = parseBundle(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.bundle.connection).toMatchObject({ hasUsername: true, hasPassword: true, port: broker.port });
    expect((result.text as string[]).join('\n')).toMatch(/Event loop not polled from .*; it was paused on purpose\./);
    expect((result.text as string[]).join('\n')).toMatch(/tryPublish failures?\./);

    const summary = await runCli(['summary', file]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/What happened:\n.*\n.*Event loop not polled from/);
  });

  it('compresses a .json.gz bundle, keeps the user name when asked, and summary reads it as JSON', async () => {
    const file = join(dir, 'named.json.gz');
    const run = await runCli(['export', '--url', `mqtt://ada:secret@127.0.0.1:${broker.port}`, '--seconds', '1', '--include-username', '--out', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Diagnostics bundle written to .*named\.json\.gz/);
    const text = gunzipSync(await readFile(file)).toString();
    expect(text).toContain('"username":"ada"');
    expect(text).not.toContain('secret');
    const summary = await runCli(['summary', file, '--json']);
    expect(summary.code).toBe(0);
    expect(jsonLines(summary.stdout)[0]).toMatchObject({ type: 'summary', file, summary: expect.arrayContaining([expect.objectContaining({ key: 'summary.span' })]) });
  });

  it('still writes the bundle when the broker cannot be reached, and exits 2', async () => {
    const [port] = await getFreePorts(1);
    const file = join(dir, 'unreachable.json');
    const run = await runCli(['export', '--url', `mqtt://127.0.0.1:${port}`, '--seconds', '1', '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/written anyway/);
    const parsed = parseBundle(await readFile(file, 'utf8'));
    expect(parsed.ok && parsed.bundle.samples.some((s) => s.lastError?.message.includes('connection refused'))).toBe(true);
  });

  it('summary refuses a truncated, a newer and a foreign file with a clear message, exit 3', async () => {
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, JSON.stringify(fixtureBundle()).slice(0, 500));
    const newer = join(dir, 'newer.json');
    await writeFile(newer, JSON.stringify({ format: 'mqtt-gauge-diagnostics', version: 7 }));
    const foreign = join(dir, 'foreign.json');
    await writeFile(foreign, '{"name": "package"}');
    for (const [file, message] of [
      [truncated, /The file is truncated/],
      [newer, /made by a newer MQTT Gauge \(bundle version 7\)/],
      [foreign, /not an MQTT Gauge diagnostics bundle/],
      [join(dir, 'missing.json'), /cannot read .*missing\.json/],
    ] as const) {
      const run = await runCli(['summary', file]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(message);
    }
  });

  it('summary says what happened in Simplified Chinese with --lang zh-CN, numbers and times in that locale', async () => {
    const start = FIXTURE_START;
    const samples = Array.from({ length: 20 }, (_, i) =>
      fixtureSample(start + i * 1000, { sinceLastPollMs: i >= 5 && i < 12 ? (i - 4) * 1000 : 0, paused: i >= 5 && i < 12, failedTryPublish: i >= 6 ? 12_345 : 0 }),
    );
    const file = join(dir, 'chinese.json');
    await writeFile(file, JSON.stringify(fixtureBundle({ samples, faults: [{ t: start + 2000, kind: 'throttle', phase: 'start', value: 2000 }] })));
    const run = await runCli(['summary', file, '--lang', 'zh-CN']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('发生了什么：');
    expect(run.stdout).toMatch(/^ {2}诊断包覆盖 \d\d:\d\d:\d\d 至 \d\d:\d\d:\d\d（19 秒，20 个采样）。$/m);
    expect(run.stdout).toMatch(/^ {2}事件循环从 \d\d:\d\d:\d\d 到 \d\d:\d\d:\d\d（[\d.]+ 秒）没有被轮询；这是有意暂停的。$/m);
    expect(run.stdout).toContain('tryPublish 失败 12,345 次。');
    expect(run.stdout).toMatch(/演练：从 \d\d:\d\d:\d\d 直到诊断包结束（17 秒），写入限速为每秒 2,000 字节。/);

    const newer = join(dir, 'newer-zh.json');
    await writeFile(newer, JSON.stringify({ format: 'mqtt-gauge-diagnostics', version: 7 }));
    const refused = await runCli(['summary', newer], { LANG: 'zh_CN.UTF-8' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('该诊断包由更新版本的 MQTT Gauge 生成（诊断包版本 7）');
  });
});
