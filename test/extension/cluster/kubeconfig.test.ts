import { mkdir, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  KubeconfigError,
  chooseContext,
  describeContexts,
  isAbsentKubeconfig,
  kubeconfigPaths,
  loadKubeconfig,
  MAX_KUBECONFIG_BYTES,
} from '../../../src/extension/cluster/kubeconfig.js';

const config = (cluster: string, server: string, context: string, current?: string): string => `apiVersion: v1
kind: Config
clusters: [{ name: ${cluster}, cluster: { server: "${server}" } }]
users: [{ name: ${cluster}-user, user: { token: t } }]
contexts: [{ name: ${context}, context: { cluster: ${cluster}, user: ${cluster}-user, namespace: team } }]
${current ? `current-context: ${current}` : ''}
`;

describe('kubeconfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeconfig-'));
  });

  it('chooses files like kubectl, after our settings', () => {
    expect(kubeconfigPaths({ home: '/h' })).toEqual(['/h/.kube/config']);
    expect(kubeconfigPaths({ home: '/h', environment: `/a${delimiter}/b${delimiter}` })).toEqual(['/a', '/b']);
    expect(kubeconfigPaths({ home: '/h', environment: '/a', vsKubernetesSetting: '~/vs' })).toEqual(['/h/vs']);
    expect(kubeconfigPaths({ home: '/h', environment: '/a', vsKubernetesSetting: '/vs', setting: '/mine' })).toEqual(['/mine']);
  });

  it("follows the files of Microsoft's Kubernetes extension unless the user chose one in Kubilitics", () => {
    const followed = ['/ms/a', '~/ms-b'];
    expect(kubeconfigPaths({ home: '/h', environment: '/env', vsKubernetesSetting: '/vs', followed })).toEqual(['/ms/a', '/h/ms-b']);
    expect(kubeconfigPaths({ home: '/h', followed, setting: '/mine' })).toEqual(['/mine']);
    expect(kubeconfigPaths({ home: '/h', environment: '/env', followed: [] })).toEqual(['/env']);
    // Following a file is not choosing one: none where the extension looks is the normal "no kubeconfig" state.
    const missing = new KubeconfigError('missing-file', 'm', 'n');
    expect(isAbsentKubeconfig(missing, { home: '/h', followed })).toBe(true);
    expect(isAbsentKubeconfig(missing, { home: '/h', followed, setting: '/mine' })).toBe(false);
  });

  it("connects to the user's Kubilitics context, else the one the Kubernetes extension has, else the file's", () => {
    const defined = (name: string): boolean => ['mine', 'theirs', 'file'].includes(name);
    expect(chooseContext({ remembered: 'mine', followed: 'theirs', current: 'file' }, defined)).toBe('mine');
    expect(chooseContext({ followed: 'theirs', current: 'file' }, defined)).toBe('theirs');
    expect(chooseContext({ current: 'file' }, defined)).toBe('file');
    // A choice the kubeconfig no longer defines gives way to the next one.
    expect(chooseContext({ remembered: 'gone', followed: 'theirs', current: 'file' }, defined)).toBe('theirs');
    expect(chooseContext({ remembered: 'gone', followed: 'gone-too', current: 'file' }, defined)).toBe('file');
    expect(chooseContext({ remembered: 'gone' }, defined)).toBeUndefined();
  });

  it('merges several files: the first definition and the first current-context win', async () => {
    await writeFile(join(dir, 'a'), config('prod', 'https://prod.example.com', 'prod', 'prod'));
    await writeFile(join(dir, 'b'), config('prod', 'https://other.example.com', 'dev', 'dev'));
    const { config: merged, files } = await loadKubeconfig([join(dir, 'a'), join(dir, 'missing'), join(dir, 'b')]);
    expect(files).toEqual([join(dir, 'a'), join(dir, 'b')]);
    expect(merged.getCurrentContext()).toBe('prod');
    expect(merged.getCluster('prod')?.server).toBe('https://prod.example.com');
    expect(merged.getContexts().map((c) => c.name)).toEqual(['prod', 'dev']);
  });

  it('says what is wrong and what to do: missing file, unparsable file, no contexts', async () => {
    await expect(loadKubeconfig([join(dir, 'nope')])).rejects.toMatchObject({
      kind: 'missing-file',
      nextStep: expect.stringContaining('Select Kubeconfig'),
    });
    await writeFile(join(dir, 'bad'), 'clusters: [ {');
    await expect(loadKubeconfig([join(dir, 'bad')])).rejects.toMatchObject({ kind: 'unparsable' });
    await writeFile(join(dir, 'empty'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    await expect(loadKubeconfig([join(dir, 'empty')])).rejects.toBeInstanceOf(KubeconfigError);
  });

  it('refuses a kubeconfig too large to be one before reading it, and a 10,000-deep one with a message', async () => {
    await writeFile(join(dir, 'huge'), '');
    await truncate(join(dir, 'huge'), MAX_KUBECONFIG_BYTES + 1);
    await expect(loadKubeconfig([join(dir, 'huge')])).rejects.toMatchObject({
      kind: 'too-large',
      message: expect.stringContaining('larger than 16 MB'),
    });
    await writeFile(join(dir, 'deep'), `clusters: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    await expect(loadKubeconfig([join(dir, 'deep')])).rejects.toMatchObject({
      kind: 'unparsable',
      message: expect.stringContaining('kubeconfig'),
    });
  });

  it('tells no kubeconfig at all (a normal state) from one that exists but cannot be used', async () => {
    const absentAt = async (paths: string[], sources: Parameters<typeof isAbsentKubeconfig>[1]): Promise<boolean> =>
      loadKubeconfig(paths).then(
        () => {
          throw new Error('loaded');
        },
        (error: unknown) => isAbsentKubeconfig(error, sources),
      );
    const home = { home: dir };
    expect(await absentAt(kubeconfigPaths(home), home)).toBe(true);
    const environment = { home: dir, environment: [join(dir, 'x'), join(dir, 'y')].join(delimiter) };
    expect(await absentAt(kubeconfigPaths(environment), environment)).toBe(true);
    // A file the user chose in a setting is expected to exist.
    const chosen = { home: dir, setting: join(dir, 'chosen') };
    expect(await absentAt(kubeconfigPaths(chosen), chosen)).toBe(false);
    // ~/.kube/config present but a folder, or not valid: an error worth a message.
    await mkdir(join(dir, '.kube', 'config'), { recursive: true });
    expect(await absentAt(kubeconfigPaths(home), home)).toBe(false);
    await expect(loadKubeconfig(kubeconfigPaths(home))).rejects.toMatchObject({ kind: 'unreadable' });
    await writeFile(join(dir, 'bad'), 'clusters: [ {');
    expect(await absentAt([join(dir, 'bad')], home)).toBe(false);
  });

  it('flags contexts without cluster or user and names exec plugins', async () => {
    await writeFile(
      join(dir, 'c'),
      `apiVersion: v1
kind: Config
clusters: [{ name: gke, cluster: { server: "https://1.2.3.4" } }]
users: [{ name: gke-user, user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: gke-gcloud-auth-plugin } } }]
contexts:
- { name: gke, context: { cluster: gke, user: gke-user } }
- { name: broken, context: { cluster: nowhere, user: gke-user } }
current-context: gke
`,
    );
    const summaries = describeContexts((await loadKubeconfig([join(dir, 'c')])).config);
    expect(summaries[0]).toMatchObject({ name: 'gke', server: 'https://1.2.3.4', execCommand: 'gke-gcloud-auth-plugin' });
    expect(summaries[0]?.problem).toBeUndefined();
    expect(summaries[1]?.problem).toBe('cluster "nowhere" is not defined');
  });
});
