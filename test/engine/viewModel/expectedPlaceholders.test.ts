/**
 * A reference to an object the files do not hold, but whose absence is expected (a kustomization generates it, or
 * the cluster makes it), is drawn as made outside the files: a grey placeholder with an ordinary edge, not a red
 * broken one, and it counts as nothing wrong. A reference to an application's own missing object stays broken.
 */
import { describe, expect, it } from 'vitest';
import { expectedPlaceholders, type Finding } from '../../../src/engine/findings.js';
import { computeInsights } from '../../../src/engine/insights.js';
import { brokenReferrers } from '../../../src/engine/viewModel/detailLevels.js';
import { deriveView } from '../../../src/engine/viewModel/deriveView.js';
import { GraphStore } from '../../../src/engine/viewModel/graphStore.js';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions.js';
import { kindVisual } from '../../../src/engine/visual/kinds.js';
import { graphOf } from '../support.js';

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers: [{ name: app, image: shop/web, envFrom: [{ secretRef: { name: app-keys } }] }]
      volumes: [{ name: token, secret: { secretName: default-token-kchbk } }]
      serviceAccountName: web
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web }
imagePullSecrets: [{ name: registry }]
`;
const DEPLOY = 'apps/Deployment/default/web';
const TOKEN = 'core/Secret/default/default-token-kchbk';
const REGISTRY = 'core/Secret/default/registry';
const APP_KEYS = 'core/Secret/default/app-keys';

function storeOf(yaml: string): { store: GraphStore; findings: Finding[] } {
  const graph = graphOf(yaml);
  const findings = computeInsights({ graph, record: (id) => graph.engine.record(id), manifests: true });
  const store = new GraphStore();
  store.reset(graph);
  return { store, findings };
}

describe('placeholders expected to be absent', () => {
  it('are the absent ends of the notes that say so, never of warnings', () => {
    const { findings } = storeOf(YAML);
    expect([...expectedPlaceholders(findings)].sort()).toEqual([TOKEN, REGISTRY].sort());
    const warning: Finding = { severity: 'warning', kind: 'external-secret', message: '', objects: [DEPLOY, APP_KEYS] };
    expect(expectedPlaceholders([warning]).size).toBe(0);
  });

  it('are drawn as made outside the files, with plain edges, and count as nothing broken', () => {
    const { store, findings } = storeOf(YAML);
    expect(store.setExpected(expectedPlaceholders(findings))).toBe(true);
    const view = deriveView(store, { ...DEFAULT_VIEW_OPTIONS, groupByNamespace: false });
    const node = (id: string) => view.nodes.find((n) => n.id === id);
    expect(node(TOKEN)).toMatchObject({ missing: true, expected: true, status: 'Unknown' });
    expect(kindVisual('Secret', true, node(TOKEN)?.expected === true).family).toBe('external');
    expect(node(APP_KEYS)?.expected).toBeUndefined();
    expect(kindVisual('Secret', true, node(APP_KEYS)?.expected === true).family).toBe('missing');
    const brokenTo = (id: string) => view.edges.filter((e) => e.target === id || e.source === id).map((e) => e.broken);
    expect(brokenTo(TOKEN)).toEqual([undefined]);
    expect(brokenTo(APP_KEYS)).toEqual(['missing']);
    // The Deployment still refers to one Secret nobody makes; the ServiceAccount's pull secret is made in the cluster.
    expect(Object.fromEntries(brokenReferrers(store))).toEqual({ [DEPLOY]: 1 });
  });

  it('follow the findings: the same set changes nothing, a held object is never expected', () => {
    const { store, findings } = storeOf(YAML);
    const expected = expectedPlaceholders(findings);
    store.setExpected(expected);
    const version = store.version;
    expect(store.setExpected(new Set(expected))).toBe(false);
    expect(store.version).toBe(version);
    const held = storeOf(`${YAML}---\napiVersion: v1\nkind: Secret\nmetadata: { name: registry }\n`);
    held.store.setExpected(expected);
    expect(held.store.isExpected(REGISTRY)).toBe(false);
    expect(held.store.isExpected(TOKEN)).toBe(true);
    expect(store.setExpected(new Set())).toBe(true);
    expect(store.isExpected(TOKEN)).toBe(false);
  });
});
