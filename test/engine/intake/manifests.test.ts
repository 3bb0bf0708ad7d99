import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';

describe('manifest intake', () => {
  it('keeps file:line of every document of a multi-document file', () => {
    const { objects, warnings } = parseManifestText(
      `# leading comment
apiVersion: v1
kind: ConfigMap
metadata: { name: a }
---
---
# comment inside
apiVersion: v1
kind: ConfigMap
metadata: { name: b }
`,
      'app.yaml',
    );
    expect(warnings).toEqual([]);
    expect(objects.map((o) => [o.object.metadata?.name, o.source])).toEqual([
      ['a', { file: 'app.yaml', line: 2 }],
      ['b', { file: 'app.yaml', line: 8 }],
    ]);
  });

  it('expands kind: List and *List items with their own lines', () => {
    const { objects } = parseManifestText(
      `apiVersion: v1
kind: PodList
items:
- apiVersion: v1
  kind: Pod
  metadata: { name: one }
- apiVersion: v1
  kind: Pod
  metadata: { name: two }
`,
      'pods.yaml',
    );
    expect(objects.map((o) => [o.object.metadata?.name, o.source.line])).toEqual([
      ['one', 4],
      ['two', 7],
    ]);
  });

  it('reads JSON and flow style with trailing commas', () => {
    const json = parseManifestText('{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}', 's.json');
    expect(json.objects[0]?.object.kind).toBe('Service');
    const flow = parseManifestText('{ apiVersion: "v1", kind: "Service", metadata: { name: "f", }, }', 'f.yaml');
    expect(flow.objects[0]?.object.metadata?.name).toBe('f');
  });

  it('one malformed document becomes a warning with its line and never stops the others', () => {
    const { objects, warnings } = parseManifestText(
      `apiVersion: v1
kind: ConfigMap
metadata: { name: good }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: [unclosed
---
apiVersion: v1
kind: Secret
metadata: { name: after }
`,
      'bad.yaml',
    );
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['good', 'after']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'bad.yaml', severity: 'error' });
    expect(warnings[0]!.line).toBeGreaterThanOrEqual(5);
    expect(warnings[0]!.message).toMatch(/^YAML error/);
  });

  it('skips non-Kubernetes documents with a note', () => {
    const { objects, warnings } = parseManifestText('name: chart\nversion: 1.0.0\n', 'Chart.yaml');
    expect(objects).toEqual([]);
    expect(warnings).toEqual([
      {
        file: 'Chart.yaml',
        line: 1,
        severity: 'note',
        problem: 'not-an-object',
        message: 'skipped: not a Kubernetes object (no apiVersion and kind)',
      },
    ]);
  });

  it('recovers objects run together without separators, and says so', () => {
    const { objects, warnings } = parseManifestText(
      `apiVersion: v1
kind: ConfigMap
metadata: { name: first }
apiVersion: v1
kind: ConfigMap
metadata: { name: second }
`,
      'joined.yaml',
    );
    expect(objects.map((o) => [o.object.metadata?.name, o.source.line])).toEqual([
      ['first', 1],
      ['second', 4],
    ]);
    expect(warnings[0]?.message).toMatch(/2 objects run together without '---'/);
  });
});
