// The CLI's help and its refusals: complete help for each command, and a
// wrong command line exits 1 having done nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './spawn-cli.js';

describe('mqtt-gauge --help', () => {
  it('lists every command and what the exit codes mean', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['monitor', 'bench', 'web', 'export', 'summary', 'drill']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run.stdout).toMatch(/^ {2}2 {2}the broker .* could not be reached$/m);
  });

  it.each([
    ['monitor', ['--seconds', '--load', '--json', '--throttle', '--slow-poll', '--stall', '--drop', '--pause', '--url', '--capacity', '--policy', '--inflight']],
    ['bench', ['--rate', '--count', '--seconds', '--qos', '--payload-size', '--mode', '--capacity', '--policy', '--inflight', '--json', '--url']],
    ['web', ['--host', '--port', '--no-open', '--remember-passwords', '--metrics-token', '--data-dir', '--json']],
    ['export', ['--out', '--seconds', '--include-username', '--gzip', '--from', '--json', '--url', '--throttle']],
    ['summary', ['FILE', '--json']],
    ['drill', ['throttle', 'stall', 'drop', 'slow-poll', '--url', '--json']],
  ])('explains every option of %s', async (command, options) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: mqtt-gauge ${command}`));
    for (const option of options) expect(run.stdout).toContain(option);
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `mqtt-gauge ${version}\n` });
  });
});

describe('mqtt-gauge in Simplified Chinese', () => {
  it('explains itself in Chinese with --lang zh-CN, options and exit codes included', async () => {
    const run = await runCli(['--help', '--lang', 'zh-CN']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^用法：mqtt-gauge COMMAND \[选项\]/);
    expect(run.stdout).toMatch(/^ {2}monitor {3}连接并实时显示客户端的健康状况/m);
    expect(run.stdout).toMatch(/^ {2}2 {2}无法连接服务器/m);
    const bench = await runCli(['bench', '--help', '--lang=zh-CN']);
    expect(bench.stdout).toMatch(/^用法：mqtt-gauge bench /);
    for (const option of ['--rate', '--count', '--capacity', '--lang']) expect(bench.stdout).toContain(option);
    expect(bench.stdout).toContain('请求通道的容量');
  });

  it('follows the environment (LC_ALL, then LC_MESSAGES, then LANG), and --lang wins over it', async () => {
    expect((await runCli(['--help'], { LANG: 'zh_CN.UTF-8' })).stdout).toMatch(/^用法：/);
    expect((await runCli(['--help'], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).stdout).toMatch(/^用法：/);
    expect((await runCli(['--help'], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).stdout).toMatch(/^Usage: /);
    expect((await runCli(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).stdout).toMatch(/^Usage: /);
  });

  it('says what is wrong in Chinese, and refuses a language it does not speak', async () => {
    const wrong = await runCli(['bench', '--rate', 'fast', '--count', '1', '--lang', 'zh-CN']);
    expect(wrong).toMatchObject({ code: 1, stdout: '' });
    expect(wrong.stderr).toContain('--rate 必须是整数，而不是 "fast"');
    expect(wrong.stderr).toContain('运行 "mqtt-gauge bench --help" 查看用法。');
    const unknown = await runCli(['--help', '--lang', 'fr']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--lang must be one of en, zh-CN/);
  });
});

describe('a wrong command line', () => {
  it.each([
    [[], /no command|Usage: mqtt-gauge COMMAND/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['bench', '--count', '10'], /--rate is required/],
    [['bench', '--rate', '100'], /give --count or --seconds/],
    [['bench', '--rate', 'fast', '--count', '1'], /--rate must be a whole number, not "fast"/],
    [['bench', '--rate', '100', '--count', '1', '--qos', '3'], /--qos must be from 0 to 2/],
    [['bench', '--rate', '100', '--count', '1', '--mode', 'fire'], /--mode must be one of publish, tryPublish/],
    [['monitor', '--bogus'], /unknown option --bogus/],
    [['monitor', '--seconds'], /--seconds needs a value/],
    [['monitor', '--url', 'http://example.com'], /use mqtt:\/\/, mqtts:\/\//],
    [['monitor', '--url', 'mqtt://bad host:1883'], /--url/],
    [['monitor', '--throttle', '0'], /--throttle must be from 1/],
    [['export', '--seconds', '1'], /--out is required/],
    [['export', '--out', 'x.json', '--from', 'http://127.0.0.1:1/?token=t', '--url', 'mqtt://h'], /--from takes the bundle of a running web mode/],
    [['summary'], /FILE is required/],
    [['drill', '--url', 'http://127.0.0.1:1/?token=t', 'unplug'], /unknown drill "unplug"/],
    [['drill', '--url', 'http://127.0.0.1:1/?token=t', 'throttle'], /throttle needs BYTES per second or off/],
    [['drill', 'drop'], /give the web mode address with --url/],
    [['drill', '--url', 'not a url', 'drop'], /is not a web mode address/],
  ])('%j exits 1 with a message saying what is wrong and where the help is', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
