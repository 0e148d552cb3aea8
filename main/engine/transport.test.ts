// Unit tests of how transport failures are named: a host that cannot be resolved is a DNS failure, apart from other network errors.
import { describe, expect, it } from 'vitest';
import { ConnectionError } from './errors.js';
import { toConnectionError } from './transport.js';

/** A socket error as Node raises it. */
function socketError(code: string, syscall = 'connect'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code} broker.example`), { code, syscall });
}

describe('toConnectionError', () => {
  it('names a host that cannot be resolved as a DNS failure, apart from other network errors', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const error = toConnectionError(socketError(code, 'getaddrinfo'), 'tcp broker.example:1883');
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ kind: 'connection', code: 'dns' });
      expect(error.message).toMatch(/^tcp broker\.example:1883: host (not found|name lookup failed)/);
    }
    expect(toConnectionError(socketError('ECONNREFUSED'), 'tcp 127.0.0.1:1').code).toBe('network');
    expect(toConnectionError(socketError('ECONNRESET', 'read'), 'tcp 127.0.0.1:1').code).toBe('closed-by-peer');
    expect(toConnectionError(socketError('ETIMEDOUT'), 'tcp 127.0.0.1:1').code).toBe('timeout');
  });
});
