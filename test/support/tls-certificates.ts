/**
 * Certificates for TLS tests, made with the `openssl` CLI in a folder of the test's own: a
 * certificate authority and a server certificate it signed, as an owner with a private CA has.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface CertificateAuthority {
  /** The CA's certificate (PEM): what a client trusts (`sslrootcert`). */
  cert: string;
  key: string;
}

/** A new self-signed CA, its files `<name>.pem` and `<name>.key` in `dir`. */
export async function makeCertificateAuthority(dir: string, name: string): Promise<CertificateAuthority> {
  const ca = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  await exec('openssl', [
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    ca.key,
    '-out',
    ca.cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return ca;
}

/** A server certificate for `subjectAltName` (e.g. `IP:127.0.0.1,DNS:localhost`) signed by `ca`. */
export async function makeServerCertificate(
  dir: string,
  ca: CertificateAuthority,
  subjectAltName: string,
): Promise<{ cert: string; key: string }> {
  const server = { cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
  const request = join(dir, 'server.csr');
  const extensions = join(dir, 'server.ext');
  await writeFile(extensions, `subjectAltName=${subjectAltName}\n`);
  await exec('openssl', ['req', ...ecKey, '-keyout', server.key, '-out', request, '-subj', '/CN=tandem-db']);
  await exec('openssl', [
    'x509',
    '-req',
    '-in',
    request,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    server.cert,
    '-days',
    '2',
    '-extfile',
    extensions,
  ]);
  return server;
}
