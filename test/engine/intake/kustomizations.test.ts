/**
 * A folder read as plain files that holds kustomizations (an app's base and overlays): the kustomization files and
 * the files they patch or generate from are not objects, and are left out with notes instead of drawn or applied.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemsToApply } from '../../../src/engine/actions/applyManifests.js';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';
import { ManifestSet } from '../../../src/engine/intake/manifestSet.js';
import { topologyFromManifestSet, topologyFromPaths } from '../../../src/engine/topology.js';

const ROOT = resolve(__dirname, '../../fixtures/kustomize/patched');

const notesOf = (warnings: readonly { file: string; problem?: string }[], problem: string): string[] =>
  warnings.filter((warning) => warning.problem === problem).map((warning) => warning.file);

describe('kustomizations in a folder read as plain files', () => {
  it('reads only the real objects: no kustomization, patch or generator file becomes an object', async () => {
    const loaded = await loadManifestPaths([ROOT], ROOT);
    expect(loaded.objects.map((o) => `${o.object.kind} ${o.object.metadata?.name} ${o.source.file}`)).toEqual([
      'Deployment web base/deployment.yaml',
    ]);
    expect(notesOf(loaded.warnings, 'kustomization')).toEqual(['base/kustomization.yaml', 'overlays/prod/kustomization.yaml']);
    expect(notesOf(loaded.warnings, 'kustomization-input').sort()).toEqual([
      'base/credentials.yaml',
      'base/settings.json',
      'overlays/prod/image.json',
      'overlays/prod/replicas.yaml',
      'overlays/prod/resources.yaml',
    ]);
    // The left-out files' own complaints (not an object, a partial Deployment) are replaced by the one note.
    expect(loaded.warnings.filter((warning) => warning.severity === 'error' || warning.problem === 'not-an-object')).toEqual([]);
    expect(loaded.files).toEqual(['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/prod/kustomization.yaml']);
  });

  it('names the kustomization that reads a left-out file, and how to see what it renders', async () => {
    const loaded = await loadManifestPaths([ROOT], ROOT);
    const note = loaded.warnings.find((warning) => warning.file === 'overlays/prod/replicas.yaml');
    expect(note).toMatchObject({ severity: 'note', line: 1 });
    expect(note?.message).toContain('overlays/prod/kustomization.yaml');
    expect(note?.message).toContain('Open in Topology');
  });

  it('follows the kustomization as it is edited: a patch it stops naming is read again', () => {
    const set = new ManifestSet();
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n';
    set.update('prod/replicas.yaml', patch);
    set.update('prod/kustomization.yaml', 'resources: [../base]\npatches:\n  - path: replicas.yaml\n');
    expect(set.objects()).toEqual([]);
    expect(set.warnings().map((warning) => [warning.file, warning.problem])).toEqual([
      ['prod/kustomization.yaml', 'kustomization'],
      ['prod/replicas.yaml', 'kustomization-input'],
    ]);
    set.update('prod/kustomization.yaml', 'resources: [../base, replicas.yaml]\n');
    expect(set.objects().map((o) => o.source.file)).toEqual(['prod/replicas.yaml']);
    set.update('prod/kustomization.yaml', 'resources: [../base]\npatchesStrategicMerge: [replicas.yaml]\n');
    expect(set.objects()).toEqual([]);
    set.remove('prod/kustomization.yaml');
    expect(set.objects().map((o) => o.source.file)).toEqual(['prod/replicas.yaml']);
  });

  it('resolves paths against the kustomization’s folder, key=path entries and ../ included, and skips inline patches', () => {
    const set = new ManifestSet();
    const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shared }\n';
    set.update('apps/shared/patch.yaml', config);
    set.update('apps/shared/keep.yaml', config.replace('shared', 'kept'));
    set.update(
      'apps/web/kustomization.yaml',
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'configMapGenerator:',
        '  - { name: c, files: [conf=../shared/patch.yaml] }',
        'patches:',
        '  - patch: "- op: remove\\n  path: /spec"',
        '  - path: https://example.com/remote.yaml',
      ].join('\n'),
    );
    expect(set.objects().map((o) => o.source.file)).toEqual(['apps/shared/keep.yaml']);
    expect(set.warnings().map((warning) => warning.file)).toEqual(['apps/shared/patch.yaml', 'apps/web/kustomization.yaml']);
  });

  it('never sends a kustomization to a cluster: Apply reads it as a note, not an object', () => {
    const applied = itemsToApply(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
      'x/kustomization.yaml',
    );
    expect(applied.items).toEqual([]);
    expect(applied.warnings.map((warning) => warning.problem)).toEqual(['kustomization']);
    // kustomize's apiVersion marks one under any file name (a Component of kustomize's, too).
    const component = itemsToApply('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n', 'x/parts.yaml');
    expect(component.items).toEqual([]);
  });

  it('takes a reference to a ConfigMap a kustomization generates for a note, not a broken reference', async () => {
    const { findings } = await topologyFromPaths([ROOT], { root: ROOT });
    expect(findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
    const generated = findings.filter((finding) => finding.kind === 'kustomize-generated');
    expect(generated.map((finding) => [finding.severity, finding.objects])).toEqual([
      ['info', ['apps/Deployment/default/web', 'core/ConfigMap/default/web-settings']],
    ]);
    expect(generated[0]?.message).toContain('base/kustomization.yaml');
    expect(generated[0]?.source).toEqual({ file: 'base/deployment.yaml', line: 23 });
  });

  it('follows generators as they are edited; a name no generator makes stays a broken reference', () => {
    const set = new ManifestSet();
    const web = (secret: string): string =>
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n' +
      `        - name: web\n          envFrom: [{ secretRef: { name: ${secret} } }]\n`;
    const kindsOf = (): string[][] =>
      topologyFromManifestSet(set, ['app'])
        .findings.filter((finding) => finding.objects.length === 2)
        .map((finding) => [finding.kind, finding.severity]);
    set.update('app/web.yaml', web('db'));
    set.update('app/kustomization.yaml', 'resources: [web.yaml]\nsecretGenerator:\n  - name: db\n    literals: [user=demo]\n');
    expect(kindsOf()).toEqual([['kustomize-generated', 'info']]);
    set.update('app/web.yaml', web('database'));
    expect(kindsOf()).toEqual([['broken-reference', 'warning']]);
    set.update('app/web.yaml', web('db'));
    set.update('app/kustomization.yaml', 'resources: [web.yaml]\nconfigMapGenerator:\n  - name: db\n    literals: [user=demo]\n');
    // A ConfigMap named db is generated, not a Secret.
    expect(kindsOf()).toEqual([['broken-reference', 'warning']]);
  });
});
