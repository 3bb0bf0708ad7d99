import { describe, expect, it } from 'vitest';
import { describeHidden, rbacReport } from '../../../src/extension/cluster/hiddenReport.js';
import type { InformerState } from '../../../src/extension/cluster/informer.js';
import type { ResourceType } from '../../../src/extension/cluster/resources.js';

const FORBIDDEN: InformerState = { phase: 'forbidden', reason: '403' };
const LIVE: InformerState = { phase: 'live', count: 3 };
const type = (group: string, kind: string, resource: string, namespaced = true): ResourceType => ({
  group,
  version: 'v1',
  kind,
  resource,
  namespaced,
  metadataOnly: false,
});
/** Refused cluster-wide, readable in the `readable` namespaces, refused in `refused`. */
type Access = { type: ResourceType; scopes: Map<string, InformerState> };
const access = (resourceType: ResourceType, readable: string[], refused: string[]): Access => {
  const scopes: [string, InformerState][] = [
    ['*', FORBIDDEN],
    ...readable.map((ns): [string, InformerState] => [ns, LIVE]),
    ...refused.map((ns): [string, InformerState] => [ns, FORBIDDEN]),
  ];
  return { type: resourceType, scopes: new Map(scopes) };
};
const SOURCES = { configured: ['sock-shop'], namespaceListForbidden: false, contextNamespace: 'sock-shop' };
const OTHERS = Array.from({ length: 14 }, (_, i) => `team-${i}`);

describe('what RBAC hides, in words', () => {
  it('names Pods, Deployments and Services first, other built-ins next, custom resources last', () => {
    const kinds = [
      access(type('cert-manager.io', 'Certificate', 'certificates'), ['sock-shop'], []),
      access(type('rbac.authorization.k8s.io', 'Role', 'roles'), ['sock-shop'], []),
      access(type('', 'ConfigMap', 'configmaps'), ['sock-shop'], []),
      access(type('', 'Service', 'services'), ['sock-shop'], []),
      access(type('apps', 'Deployment', 'deployments'), ['sock-shop'], []),
      access(type('', 'Pod', 'pods'), ['sock-shop'], []),
    ];
    expect(describeHidden(kinds, SOURCES).map((line) => line.split(':')[0])).toEqual([
      'pods',
      'deployments',
      'services',
      'configmaps',
      'roles',
      'certificates',
    ]);
  });

  it('names the namespaces shown, counts the many refused ones, and says what refused everywhere means', () => {
    const lines = describeHidden(
      [
        access(type('', 'Pod', 'pods'), ['sock-shop', 'hipster'], OTHERS),
        access(type('', 'ConfigMap', 'configmaps'), ['sock-shop'], ['hipster']),
        access(type('rbac.authorization.k8s.io', 'Role', 'roles'), [], ['sock-shop']),
        { type: type('', 'Node', 'nodes', false), scopes: new Map([['*', FORBIDDEN]]) },
      ],
      SOURCES,
    );
    expect(lines).toEqual([
      'pods: cluster-wide list forbidden, shown for hipster, sock-shop; not readable in 14 other namespaces',
      'configmaps: cluster-wide list forbidden, shown for sock-shop; not readable in hipster',
      'nodes: forbidden',
      'roles: forbidden cluster-wide and in sock-shop',
    ]);
  });

  it('the notification names the first lines, and the log its Show Log button opens explains RBAC and lists all', () => {
    const hidden = ['pods: a', 'deployments: b', 'services: c', 'widgets: d'];
    const report = rbacReport('kind-dev', hidden);
    expect(report.notification).toBe(
      'Kubilitics: parts of kind-dev are hidden by RBAC: pods: a; deployments: b; services: c (and 1 more kinds)',
    );
    expect(report.log).toMatch(/hidden by RBAC/);
    expect(report.log).toMatch(/Role .* ClusterRole granting get, list and watch/);
    for (const line of hidden) expect(report.log).toContain(`  - ${line}`);
  });
});
