/**
 * Throwaway TLS material for tests: a one-day CA and a server certificate for
 * 127.0.0.1 / localhost signed by it, made with the `openssl` CLI so we need
 * no crypto dependency. Generated once per process and shared.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './tempdir.js';

const run = promisify(execFile);

/** Paths and PEM contents of a test CA and a server certificate it signed. */
export interface TestCerts {
  /** Directory holding every file below. */
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** PEM of the CA certificate; give it to clients as `ca`. */
  ca: string;
  /** PEM of the server certificate. */
  cert: string;
  /** PEM of the server's private key (unencrypted). */
  key: string;
}

// Our own config, so the system openssl.cnf cannot add or clash with
// extensions (a duplicate subjectAltName is an error in OpenSSL 3).
const OPENSSL_CNF = `
[req]
distinguished_name = dn
prompt = no

[dn]
CN = mqtt-gauge test

[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
`;

let cached: Promise<TestCerts> | undefined;

/** Returns this process's test CA and server certificate, generating them on first call. */
export function makeTestCerts(): Promise<TestCerts> {
  if (!cached) {
    cached = generate();
    // A failed attempt (say, openssl missing) should not poison later calls.
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

async function generate(): Promise<TestCerts> {
  const dir = await makeTempDir('mqtt-gauge-certs');
  const cnf = join(dir, 'openssl.cnf');
  const caFile = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  await writeFile(cnf, OPENSSL_CNF);

  // EC P-256: keys are generated in milliseconds, unlike RSA.
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(['req', '-x509', '-config', cnf, '-extensions', 'ca_ext', ...ecKey,
    '-keyout', caKey, '-out', caFile, '-days', '1', '-subj', '/CN=mqtt-gauge test CA']);
  await openssl(['req', '-new', '-config', cnf, ...ecKey,
    '-keyout', keyFile, '-out', csr, '-subj', '/CN=localhost']);
  await openssl(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '1',
    '-extfile', cnf, '-extensions', 'server_ext', '-out', certFile]);

  // A broker started as root drops to its own user before loading these, so
  // they must be world-readable. The key included: it protects nothing.
  await Promise.all([caFile, certFile, keyFile].map((f) => chmod(f, 0o644)));

  const [ca, cert, key] = await Promise.all([
    readFile(caFile, 'utf8'),
    readFile(certFile, 'utf8'),
    readFile(keyFile, 'utf8'),
  ]);
  return { dir, caFile, certFile, keyFile, ca, cert, key };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (err) {
    const stderr = (err as { stderr?: unknown }).stderr;
    throw new Error(`openssl ${args[0]} failed: ${err instanceof Error ? err.message : String(err)}` +
      (typeof stderr === 'string' && stderr ? `\n${stderr}` : ''), { cause: err });
  }
}
