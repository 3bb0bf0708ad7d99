import { stringify } from 'yaml';
import type { TlsMaterial } from './tls.js';
import type { KubeconfigOptions } from './types.js';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function clusterEntry(url: string, tls: TlsMaterial | undefined, trust: KubeconfigOptions['trust']): Record<string, unknown> {
  if (!tls) return { server: url };
  switch (trust ?? 'ca') {
    case 'ca':
      return { server: url, 'certificate-authority-data': base64(tls.caPem) };
    case 'wrong-ca':
      return { server: url, 'certificate-authority-data': base64(tls.otherCaPem) };
    case 'insecure':
      return { server: url, 'insecure-skip-tls-verify': true };
    case 'none':
      return { server: url };
  }
}

/** A one-context kubeconfig for the fake server, as `kubectl config view --raw` would print it. */
export function buildKubeconfig(url: string, tls: TlsMaterial | undefined, options: KubeconfigOptions = {}): string {
  const user = options.token === undefined ? {} : { token: options.token };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: clusterEntry(url, tls, options.trust) }],
    users: [{ name: 'fake-user', user }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake-user', namespace: options.namespace ?? 'default' } }],
    'current-context': 'fake',
  });
}
