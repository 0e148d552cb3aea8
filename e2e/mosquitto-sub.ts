// An independent subscriber: Debian's mosquitto_sub, so that "the broker
// received it" is told by a client that shares no code with the app.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program on PATH, or in Debian's /usr/bin. */
function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** One mosquitto_sub process waiting for a single message. */
export interface OneMessageSubscriber {
  /** Resolves once the broker has acknowledged the subscription (SUBACK). */
  subscribed: Promise<void>;
  /** Resolves with the message's payload line once it arrived and mosquitto_sub exited. */
  message: Promise<string>;
  stop(): void;
}

/**
 * `mosquitto_sub -h host -p port -t topic -q 1 -C 1`, with `-d` so that its
 * debug lines tell when the subscription is in place (no sleeping before
 * publishing). stdout into a pipe is block-buffered, so it runs under
 * `stdbuf -oL` to see those lines as they come. The payload is the one
 * stdout line that is not a debug line.
 */
export function subscribeOnce(host: string, port: number, topic: string): OneMessageSubscriber {
  const binary = findProgram('mosquitto_sub');
  if (!binary) throw new Error('mosquitto_sub is not installed (Debian package mosquitto-clients)');
  const stdbuf = findProgram('stdbuf');
  if (!stdbuf) throw new Error('stdbuf (coreutils) is needed to read mosquitto_sub line by line');
  const child: ChildProcessWithoutNullStreams = spawn(stdbuf, ['-oL', binary, '-h', host, '-p', String(port), '-t', topic, '-q', '1', '-C', '1', '-d'], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  let markSubscribed: () => void = () => {};
  let failSubscribed: (error: Error) => void = () => {};
  const subscribed = new Promise<void>((resolve, reject) => {
    markSubscribed = resolve;
    failSubscribed = reject;
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    if (/received SUBACK/.test(stdout)) markSubscribed();
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const message = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      failSubscribed(new Error(`mosquitto_sub ended before subscribing (exit ${code}): ${stderr || stdout}`));
      if (code !== 0) return reject(new Error(`mosquitto_sub exited with ${code}: ${stderr || stdout}`));
      const payload = stdout.split('\n').filter((line) => line !== '' && !/^Client \S+ (sending|received) /.test(line) && !/^Subscribed \(mid/.test(line));
      resolve(payload.join('\n'));
    });
  });
  return { subscribed, message, stop: () => void child.kill('SIGTERM') };
}
