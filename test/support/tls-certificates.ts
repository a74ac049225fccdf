/**
 * A private certificate authority and a server certificate signed by it, made with the `openssl`
 * command line, as an owner would for a Redis on TLS. The certificate names 127.0.0.1 and localhost.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TestCertificates {
  /** The authority's certificate (PEM): what REDIS_URL's `?ca=` names. */
  caFile: string;
  certFile: string;
  keyFile: string;
  /** Removes the folder with every file. */
  remove(): Promise<void>;
}

/** P-256 keys: quick to make, and Redis and Node take them. Valid for a day. */
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-tls-'));
  const file = (name: string) => join(dir, name);
  try {
    await exec('openssl', [
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=Tandem test authority',
    ]);
    await exec('openssl', [
      'req',
      '-new',
      ...newKey,
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=127.0.0.1',
    ]);
    await writeFile(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    await exec('openssl', [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-out',
      file('server.pem'),
      '-days',
      '1',
      '-extfile',
      file('server.ext'),
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    caFile: file('ca.pem'),
    certFile: file('server.pem'),
    keyFile: file('server.key'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** redis-server arguments that make it take TLS only (`--port 0`), on `tlsPort`, without client certificates. */
export function redisTlsArguments(certificates: TestCertificates, tlsPort: number): string[] {
  return [
    '--port',
    '0',
    '--tls-port',
    String(tlsPort),
    '--tls-cert-file',
    certificates.certFile,
    '--tls-key-file',
    certificates.keyFile,
    '--tls-ca-cert-file',
    certificates.caFile,
    '--tls-auth-clients',
    'no',
  ];
}
