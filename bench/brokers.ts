// Starts the brokers the throughput runs publish to: mosquitto from a temp
// config, and aedes in its own Node process. Each is stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs } from './child.js';
import { freePort } from './ports.js';

export type BrokerName = 'mosquitto' | 'aedes';

export interface Broker {
  name: BrokerName;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts mosquitto on a free port, retrying with another port when the bind fails. */
export async function startMosquitto(attempts = 5): Promise<Broker> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await startMosquittoOnce(await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`mosquitto did not start after ${attempts} attempts: ${String((lastError as Error)?.message ?? lastError)}`);
}

async function startMosquittoOnce(port: number): Promise<Broker> {
  // Started as root, mosquitto drops to the user `mosquitto`: the folder and
  // the config must be readable by it.
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-gauge-bench-'));
  chmodSync(dir, 0o755);
  const config = join(dir, 'mosquitto.conf');
  // max_inflight_messages 0 (no limit): mosquitto's default of 20 also
  // bounds the QoS 2 messages a 3.1.1 client may have in flight towards it,
  // and it drops a client that sends more, so the bench's window of 100
  // would end every QoS 2 run.
  const lines = [`listener ${port} ${HOST}`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'max_queued_messages 0', 'max_inflight_messages 0'];
  writeFileSync(config, [...lines, ''].join('\n'));
  chmodSync(config, 0o644);
  const child = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = tail(child);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    // "running" is logged once every listener is open; a bind failure makes
    // it exit instead. Waiting for the line (not only a successful connect)
    // keeps another process that grabbed the port from passing for mosquitto.
    await waitForLine(child, /mosquitto version \S+ running/, log);
    await waitUntilListening(child, port, log);
  } catch (error) {
    await kill(child);
    cleanup();
    throw error;
  }
  return {
    name: 'mosquitto',
    port,
    pid: child.pid!,
    async stop() {
      await kill(child);
      cleanup();
    },
  };
}

/** Starts aedes in a child process listening on a port the OS chose; it reports the port on stdout. */
export async function startAedes(): Promise<Broker> {
  const child = spawnTs('./aedes-server.ts', []);
  const log = tail(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /"port":\s*(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`aedes exited early (code ${String(code)}): ${log()}`)));
    child.once('error', reject);
  });
  await waitUntilListening(child, port, log);
  return { name: 'aedes', port, pid: child.pid!, stop: () => kill(child) };
}

/** Keeps the last few KB of a child's stderr, for error messages. */
function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text = (text + chunk).slice(-4000);
  });
  return () => text.trim();
}

/** Resolves when the child's stderr shows `pattern`; rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, log: () => string, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no ${String(pattern)} after ${timeoutMs} ms: ${log()}`)), timeoutMs);
    const onData = () => {
      if (pattern.test(log())) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`exited with code ${String(code)}: ${log()}`));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

/** Resolves once a TCP connect to the port succeeds; rejects if the process exits first. */
function waitUntilListening(child: ChildProcess, port: number, log: () => string, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    const onExit = (code: number | null) => finish(new Error(`exited with code ${String(code)} before listening on ${port}: ${log()}`));
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    child.once('exit', onExit);
    const probe = () => {
      if (done) return;
      const socket = connect({ host: HOST, port });
      socket.once('connect', () => {
        socket.destroy();
        finish();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) finish(new Error(`nothing listening on ${port} after ${timeoutMs} ms: ${log()}`));
        else setTimeout(probe, 50);
      });
    };
    probe();
  });
}

/** SIGTERM by PID, then SIGKILL if it lingers. */
function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
