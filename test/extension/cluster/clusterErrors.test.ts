import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, classify } from '../../../src/extension/cluster/apiClient.js';
import { explain } from '../../../src/extension/cluster/clusterErrors.js';
import { findExecutable, installHint } from '../../../src/extension/cluster/execCheck.js';
import { KubeconfigError } from '../../../src/extension/cluster/kubeconfig.js';

describe('connection errors', () => {
  it('classifies network, TLS and credential plugin failures by code', () => {
    const error = (code: string, message = code): Error => Object.assign(new Error(message), { code });
    expect(classify(error('ECONNREFUSED'), 'https://x', 'request').kind).toBe('unreachable');
    // A refused connection to a URL that mentions certificates is still a network failure, not a TLS one.
    expect(
      classify(
        error('ECONNREFUSED', 'request to https://x/apis/certificates.k8s.io/v1/certificatesigningrequests failed'),
        'https://x',
        'request',
      ).kind,
    ).toBe('unreachable');
    expect(classify(error('DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed certificate'), 'https://x', 'request').kind).toBe('tls');
    expect(
      classify(
        Object.assign(new Error('spawn gke-gcloud-auth-plugin ENOENT'), {
          code: 'ENOENT',
          syscall: 'spawn gke-gcloud-auth-plugin',
          path: 'gke-gcloud-auth-plugin',
        }),
        'https://x',
        'credentials',
      ),
    ).toMatchObject({ kind: 'exec-missing', message: 'the credential plugin "gke-gcloud-auth-plugin" is not on PATH' });
    expect(classify(new Error('exit status 1'), 'https://x', 'credentials').kind).toBe('exec-failed');
  });

  it('explains each kind with a next step', () => {
    expect(explain(new ApiError('unauthorized', 'x', 401), 'prod')).toMatchObject({
      nextSteps: ['reconnect'],
      message: expect.stringContaining('expired'),
    });
    expect(explain(new ApiError('tls', 'TLS to https://x failed'), 'prod').nextSteps).toContain('open-kubeconfig');
    expect(explain(new KubeconfigError('missing-file', 'gone', 'Select one.'), 'prod').nextSteps).toEqual(['select-kubeconfig']);
  });

  it('finds credential plugins on PATH and names how to install missing ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'path-'));
    await writeFile(join(dir, 'my-plugin'), '#!/bin/sh\n');
    await chmod(join(dir, 'my-plugin'), 0o755);
    expect(await findExecutable('my-plugin', dir)).toBe(join(dir, 'my-plugin'));
    expect(await findExecutable('gke-gcloud-auth-plugin', dir)).toBeUndefined();
    expect(installHint('gke-gcloud-auth-plugin')).toContain('gcloud components install gke-gcloud-auth-plugin');
  });
});
