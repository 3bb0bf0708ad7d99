import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM material for an HTTPS fake server; `otherCaPem` is a CA that did not sign the server cert. */
export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
  otherCaPem: string;
}

// Node can verify certificates but not issue them; the openssl CLI (always on Debian) avoids a
// dependency just for tests. EC keys keep generation to tens of milliseconds.
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    join(dir, `${name}.key`),
    '-out',
    join(dir, `${name}.crt`),
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

async function makeServerCert(dir: string): Promise<void> {
  const ext = join(dir, 'server.ext');
  await writeFile(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ].join('\n'),
  );
  await run('openssl', ['req', ...EC, '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.csr'), '-subj', '/CN=kube-apiserver']);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    join(dir, 'server.csr'),
    '-CA',
    join(dir, 'fake-kube-ca.crt'),
    '-CAkey',
    join(dir, 'fake-kube-ca.key'),
    '-CAcreateserial',
    '-out',
    join(dir, 'server.crt'),
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
}

async function generate(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-kube-tls-'));
  try {
    await Promise.all([makeCa(dir, 'fake-kube-ca'), makeCa(dir, 'unrelated-ca')]);
    await makeServerCert(dir);
    const read = (name: string): Promise<string> => readFile(join(dir, name), 'utf8');
    const [caPem, certPem, keyPem, otherCaPem] = await Promise.all([
      read('fake-kube-ca.crt'),
      read('server.crt'),
      read('server.key'),
      read('unrelated-ca.crt'),
    ]);
    return { caPem, certPem, keyPem, otherCaPem };
  } catch (error) {
    throw new Error(`fake API server: could not create TLS certificates with the openssl CLI: ${String(error)}`, { cause: error });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let cached: Promise<TlsMaterial> | undefined;

/** Certificates are made once per test process: every HTTPS fake server shares them. */
export function tlsMaterial(): Promise<TlsMaterial> {
  cached ??= generate();
  cached.catch(() => (cached = undefined));
  return cached;
}
