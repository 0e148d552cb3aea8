// Unit tests of the client options: defaults, limits, and a typed error for each bad value.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';
import { InvalidArgumentError } from './errors.js';
import { resolveOptions, type ClientOptions } from './options.js';

function invalid(call: () => unknown): InvalidArgumentError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('resolveOptions', () => {
  it('fills in every default from a host alone', () => {
    const resolved = resolveOptions({ host: 'broker.local' });
    expect(resolved).toMatchObject({
      host: 'broker.local',
      port: 1883,
      protocolVersion: 4,
      keepAlive: 30,
      cleanSession: true,
      inflight: 100,
      username: undefined,
      password: undefined,
      transport: 'tcp',
      tls: { rejectUnauthorized: true },
      wsPath: '/mqtt',
      maxPacketSize: 16 * 1024 * 1024,
      reconnect: DEFAULT_BACKOFF,
      connectTimeoutMs: 10_000,
      sessionExpiryInterval: 0,
      topicAliasMaximum: 64,
      maxBatchRequests: 2048,
      maxBatchBytes: 256 * 1024,
    });
    expect(resolved.clientId).toMatch(/^mqtt-gauge-[0-9a-f]{8}$/);
  });

  it('generates a different client id for each client', () => {
    expect(resolveOptions({ host: 'h' }).clientId).not.toBe(resolveOptions({ host: 'h' }).clientId);
  });

  it.each<[ClientOptions['transport'], number]>([
    ['tcp', 1883],
    ['tls', 8883],
    ['ws', 80],
    ['wss', 443],
  ])('the default port for %s is %i', (transport, port) => {
    expect(resolveOptions({ host: 'h', transport }).port).toBe(port);
  });

  it('TLS verification stays on unless switched off explicitly', () => {
    expect(resolveOptions({ host: 'h', transport: 'tls', tls: { servername: 'x' } }).tls).toEqual({ rejectUnauthorized: true, servername: 'x' });
    expect(resolveOptions({ host: 'h', transport: 'tls', tls: { rejectUnauthorized: false } }).tls.rejectUnauthorized).toBe(false);
  });

  it('a persistent session keeps its v5 session for an hour by default', () => {
    expect(resolveOptions({ host: 'h', cleanSession: false, clientId: 'me' }).sessionExpiryInterval).toBe(3600);
  });

  it('a string password becomes bytes, and partial reconnect settings keep the other defaults', () => {
    const resolved = resolveOptions({ host: 'h', password: 'secret', reconnect: { maxDelayMs: 5_000 } });
    expect(resolved.password).toEqual(Buffer.from('secret'));
    expect(resolved.reconnect).toEqual({ ...DEFAULT_BACKOFF, maxDelayMs: 5_000 });
  });

  it.each<[string, Partial<ClientOptions>, string, string]>([
    ['port 0', { port: 0 }, 'port', 'invalid-option'],
    ['port 70000', { port: 70_000 }, 'port', 'invalid-option'],
    ['port 1883.5', { port: 1883.5 }, 'port', 'invalid-option'],
    ['inflight 0', { inflight: 0 }, 'inflight', 'invalid-inflight'],
    ['inflight 65536', { inflight: 65_536 }, 'inflight', 'invalid-inflight'],
    ['protocolVersion 3', { protocolVersion: 3 as 4 }, 'protocolVersion', 'invalid-option'],
    ['keepAlive -1', { keepAlive: -1 }, 'keepAlive', 'invalid-option'],
    ['keepAlive 65536', { keepAlive: 65_536 }, 'keepAlive', 'invalid-option'],
    ['maxPacketSize 10', { maxPacketSize: 10 }, 'maxPacketSize', 'invalid-option'],
    ['an empty host', { host: '' }, 'host', 'invalid-option'],
    ['transport udp', { transport: 'udp' as 'tcp' }, 'transport', 'invalid-option'],
    ['reconnect.jitter 2', { reconnect: { jitter: 2 } }, 'reconnect.jitter', 'invalid-option'],
    ['reconnect.multiplier 0.5', { reconnect: { multiplier: 0.5 } }, 'reconnect.multiplier', 'invalid-option'],
    ['reconnect.initialDelayMs -5', { reconnect: { initialDelayMs: -5 } }, 'reconnect.initialDelayMs', 'invalid-option'],
  ])('%s is rejected, naming the field', (_name, bad, field, code) => {
    const error = invalid(() => resolveOptions({ host: 'h', ...bad }));
    expect(error).toMatchObject({ kind: 'invalid-argument', code, field });
    expect(error.message).toContain(field);
  });

  it('an empty clientId with a 3.1.1 persistent session is rejected, saying why', () => {
    const error = invalid(() => resolveOptions({ host: 'h', clientId: '', cleanSession: false }));
    expect(error).toMatchObject({ code: 'invalid-option', field: 'clientId' });
    expect(error.message).toContain('needs a client id to keep a session');
  });

  it('an out-of-range number says the range and what it got', () => {
    expect(invalid(() => resolveOptions({ host: 'h', port: 70_000 })).message).toBe('port must be a whole number from 1 to 65,535, got 70000');
  });

  it('an unknown transport is rejected even when its name is an Object property', () => {
    const error = invalid(() => resolveOptions({ host: 'h', port: 1883, transport: 'constructor' as 'tcp' }));
    expect(error).toMatchObject({ code: 'invalid-option', field: 'transport' });
  });

  it('an empty clientId is allowed with a clean session (the broker assigns one)', () => {
    expect(resolveOptions({ host: 'h', clientId: '' }).clientId).toBe('');
    expect(resolveOptions({ host: 'h', clientId: '', cleanSession: false, protocolVersion: 5 }).clientId).toBe('');
  });
});

describe('backoffDelay', () => {
  const noJitter: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 5_000, multiplier: 2, jitter: 0 };

  it('grows exponentially with each consecutive failure', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(noJitter, attempt))).toEqual([100, 200, 400, 800, 1_600, 3_200]);
  });

  it('is capped at maxDelayMs, even after very many failures', () => {
    expect(backoffDelay(noJitter, 6)).toBe(5_000);
    expect(backoffDelay(noJitter, 60)).toBe(5_000);
    expect(backoffDelay(noJitter, 10_000)).toBe(5_000);
    expect(backoffDelay({ ...noJitter, multiplier: 10 }, 1_000_000)).toBe(5_000);
  });

  it('jitter takes off at most its fraction of the delay, chosen by the random source', () => {
    const options: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 30_000, multiplier: 2, jitter: 0.5 };
    expect(backoffDelay(options, 2, () => 0)).toBe(4_000);
    expect(backoffDelay(options, 2, () => 0.5)).toBe(3_000);
    expect(backoffDelay(options, 2, () => 0.999_999)).toBe(2_000);
    expect(backoffDelay(options, 10, () => 0.999_999)).toBe(15_000); // jitter applies to the capped delay
  });

  it('stays within [delay × (1 − jitter), delay] for any random value', () => {
    const options: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 30_000, multiplier: 2, jitter: 0.3 };
    for (let attempt = 0; attempt < 20; attempt++) {
      const full = Math.min(30_000, 250 * 2 ** attempt);
      for (let r = 0; r < 1; r += 0.01) {
        const delay = backoffDelay(options, attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(full * 0.7));
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it('uses the default options sensibly: 250 ms first, 30 s at most', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 0, () => 0)).toBe(250);
    expect(backoffDelay(DEFAULT_BACKOFF, 100, () => 0)).toBe(30_000);
  });
});
