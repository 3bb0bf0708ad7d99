import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_TOOLS_EXPLORER_VIEW } from '../../../src/extension/integrations/kubernetesToolsContract.js';

interface Manifest {
  readonly extensionDependencies?: readonly string[];
  readonly contributes: { readonly menus: Record<string, readonly { command: string; when?: string }[]> };
}

const COMMAND = 'kubilitics.kubernetesTools.openInTopology';

/** The contextValues of the real extension's tree items (src/components/clusterexplorer: node.context.ts, node.resource.ts, …). */
const OPENS = [
  'vsKubernetes.cluster',
  'vsKubernetes.cluster.inactive',
  'vsKubernetes.minikubeCluster',
  'vsKubernetes.minikubeCluster.inactive',
  'vsKubernetes.resource.namespace',
  'vsKubernetes.resource.namespace.inactive',
  'vsKubernetes.resource.deployment',
  'vsKubernetes.resource.pod',
  'vsKubernetes.resource.rs',
  'vsKubernetes.resource.node',
  'vsKubernetes.resource.service',
];
const OPENS_NOTHING = [
  'vsKubernetes.kind',
  'vsKubernetes.file',
  'vsKubernetes.helmRelease',
  'vsKubernetes.clusterx',
  'object:Pod',
  'event',
];

async function manifest(): Promise<Manifest> {
  return JSON.parse(await readFile(resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
}

/** The `view == … && viewItem =~ /…/` clauses of our entries, as VS Code evaluates them for a tree item. */
async function shownOn(view: string, viewItem: string): Promise<boolean> {
  const entries = (await manifest()).contributes.menus['view/item/context']!.filter((entry) => entry.command === COMMAND);
  expect(entries.length).toBeGreaterThan(0);
  return entries.some((entry) => {
    const match = /^view == (\S+) && viewItem =~ \/(.+)\/$/.exec(entry.when ?? '');
    if (!match) throw new Error(`unexpected when clause: ${entry.when}`);
    return match[1] === view && new RegExp(match[2]!).test(viewItem);
  });
}

describe("Open in Topology on the Kubernetes extension's Clusters tree", () => {
  it('shows on its clusters, namespaces and resources', async () => {
    for (const viewItem of OPENS) expect(await shownOn(KUBERNETES_TOOLS_EXPLORER_VIEW, viewItem), viewItem).toBe(true);
  });

  it('does not show on folders, data items, Helm releases, other trees or other views', async () => {
    for (const viewItem of OPENS_NOTHING) expect(await shownOn(KUBERNETES_TOOLS_EXPLORER_VIEW, viewItem), viewItem).toBe(false);
    expect(await shownOn('kubilitics.resources', 'vsKubernetes.cluster')).toBe(false);
  });

  it('is hidden from the Command Palette, and the extension stays optional', async () => {
    const { contributes, extensionDependencies } = await manifest();
    expect(contributes.menus['commandPalette']!.find((entry) => entry.command === COMMAND)?.when).toBe('false');
    expect(extensionDependencies ?? []).not.toContain('ms-kubernetes-tools.vscode-kubernetes-tools');
  });
});
