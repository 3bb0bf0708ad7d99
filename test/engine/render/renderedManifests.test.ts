import { describe, expect, it } from 'vitest';
import { attributeRendered } from '../../../src/engine/render/renderedManifests.js';
import { topologyFromRendered } from '../../../src/engine/render/renderedTopology.js';

const TEMPLATES: Record<string, string> = {
  'shop/templates/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\n',
  'shop/templates/extra.yaml': '{{- range .Values.maps }}\n---\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n',
};

const HELM_OUTPUT = `---
# Source: shop/templates/web.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
---
# Source: shop/templates/web.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
# Source: shop/templates/extra.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
# Source: shop/templates/extra.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
---
# Source: shop/charts/db/templates/db.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: packed-subchart
`;

function helm(output: string): ReturnType<typeof attributeRendered> {
  return attributeRendered({
    tool: 'helm',
    marker: 'shop/Chart.yaml',
    output,
    fileOf: (source) => (`shop/${source}` in TEMPLATES ? `shop/${source}` : undefined),
    readText: (file) => TEMPLATES[file],
  });
}

describe('attributing rendered objects', () => {
  it('helm: each object names its template and the line of its kind there; a packed subchart names Chart.yaml', () => {
    const sources = helm(HELM_OUTPUT).objects.map((o) => `${o.object.kind}/${o.object.metadata?.name} ${o.source.file}:${o.source.line}`);
    expect(sources).toEqual([
      'Service/web shop/templates/web.yaml:7',
      'Deployment/web shop/templates/web.yaml:2',
      'ConfigMap/a shop/templates/extra.yaml:4',
      'ConfigMap/b shop/templates/extra.yaml:4',
      'ConfigMap/packed-subchart shop/Chart.yaml:1',
    ]);
  });

  it('helm: a problem in the rendered output names the Chart.yaml and the rendered line', () => {
    const parsed = helm('# Source: shop/templates/web.yaml\nkind: [unclosed\n');
    expect(parsed.warnings[0]).toMatchObject({ file: 'shop/Chart.yaml', line: 1, severity: 'error' });
    expect(parsed.warnings[0]!.message).toMatch(/^rendered output, line \d+: /);
  });

  it('kustomize: origins name the base file and the declaring line; generated objects their generator; annotation removed', () => {
    const files: Record<string, string> = {
      'base/deploy.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n',
      'base/kustomization.yaml': 'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: app-settings\n    literals: [A=1]\n',
    };
    const output = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: prod-app\n  annotations:\n' +
        '    config.kubernetes.io/origin: |\n      path: ../base/deploy.yaml\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prod-app-settings-7h2\n  annotations:\n' +
        '    config.kubernetes.io/origin: |\n      configuredIn: ../base/kustomization.yaml\n' +
        '      configuredBy:\n        kind: ConfigMapGenerator\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: remote\n  annotations:\n    config.kubernetes.io/origin: |\n' +
        '      path: x.yaml\n      repo: https://example.com/r\n',
    ].join('---\n');
    const parsed = attributeRendered({
      tool: 'kustomize',
      marker: 'prod/kustomization.yaml',
      output,
      fileOf: (path) => path.replace('../', ''),
      readText: (file) => files[file],
    });
    expect(parsed.objects.map((o) => `${o.object.metadata?.name} ${o.source.file}:${o.source.line}`)).toEqual([
      'prod-app base/deploy.yaml:6',
      'prod-app-settings-7h2 base/kustomization.yaml:4',
      'remote prod/kustomization.yaml:1',
    ]);
    expect(parsed.objects.every((o) => o.object.metadata?.annotations === undefined)).toBe(true);
  });

  it('a duplicate inside one render is an error; the same object in two renders is a note', () => {
    const twice = helm(HELM_OUTPUT + HELM_OUTPUT.split('---\n').slice(0, 2).join('---\n'));
    const one = topologyFromRendered({ rendered: [{ root: 'shop', parsed: twice }] });
    expect(one.findings.filter((f) => f.kind === 'duplicate').map((f) => f.severity)).toEqual(['error']);
    const a = {
      root: 'a',
      parsed: attributeRendered({
        tool: 'helm',
        marker: 'a/Chart.yaml',
        output: 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n',
        fileOf: () => undefined,
        readText: () => undefined,
      }),
    };
    const b = {
      root: 'b',
      parsed: attributeRendered({
        tool: 'helm',
        marker: 'b/Chart.yaml',
        output: 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n',
        fileOf: () => undefined,
        readText: () => undefined,
      }),
    };
    const two = topologyFromRendered({ rendered: [a, b] });
    expect(two.findings.map((f) => `${f.severity} ${f.kind}`)).toContain('info defined-in-several-sets');
    expect(two.findings.some((f) => f.kind === 'duplicate')).toBe(false);
  });
});
