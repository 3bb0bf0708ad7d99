import { describe, expect, it } from 'vitest';
import { deploymentSetOf, SELECTED_FILES_SET } from '../../../src/engine/intake/deploymentSets.js';

describe('deployment sets', () => {
  it('a kustomization or chart root holds the files below it; overlays and their base are sets of their own', () => {
    const files = [
      'app/k8s/base/kustomization.yaml',
      'app/k8s/base/deployment.yaml',
      'app/k8s/base/patches/extra.yaml',
      'app/k8s/overlays/prod/kustomization.yml',
      'app/k8s/overlays/prod/replicas.yaml',
      'charts/web/Chart.yaml',
      'charts/web/templates/service.yaml',
      'app/k8s/namespace.yaml',
    ];
    const setOf = deploymentSetOf(files, ['']);
    expect(setOf('app/k8s/base/deployment.yaml')).toBe('app/k8s/base');
    expect(setOf('app/k8s/base/patches/extra.yaml')).toBe('app/k8s/base');
    expect(setOf('app/k8s/overlays/prod/replicas.yaml')).toBe('app/k8s/overlays/prod');
    expect(setOf('charts/web/templates/service.yaml')).toBe('charts/web');
    // Not under a root: the opened folder's subfolder it is in.
    expect(setOf('app/k8s/namespace.yaml')).toBe('app');
  });

  it("plain manifests: the opened folder's own files are one set, each subfolder (with all below it) another", () => {
    const files = ['corpus/a.yaml', 'corpus/bookinfo/bookinfo.yaml', 'corpus/guestbook/web/frontend.yaml', 'corpus/guestbook/redis.yaml'];
    const setOf = deploymentSetOf(files, ['corpus']);
    expect(setOf('corpus/a.yaml')).toBe('corpus');
    expect(setOf('corpus/bookinfo/bookinfo.yaml')).toBe('corpus/bookinfo');
    expect(setOf('corpus/guestbook/web/frontend.yaml')).toBe('corpus/guestbook');
    expect(setOf('corpus/guestbook/redis.yaml')).toBe('corpus/guestbook');
  });

  it('two opened folders are two sets; files chosen one by one are one set', () => {
    const files = ['shop/a.yaml', 'bookinfo/b.yaml', 'loose/one.yaml', 'loose/two.yaml'];
    const setOf = deploymentSetOf(files, ['shop', 'bookinfo', 'loose/one.yaml', 'loose/two.yaml']);
    expect(setOf('shop/a.yaml')).toBe('shop');
    expect(setOf('bookinfo/b.yaml')).toBe('bookinfo');
    expect(setOf('loose/one.yaml')).toBe(SELECTED_FILES_SET);
    expect(setOf('loose/two.yaml')).toBe(SELECTED_FILES_SET);
  });

  it('a root folder opened as itself, paths as the CLI gives them (./, ../)', () => {
    expect(deploymentSetOf(['x.yaml', 'sub/y.yaml'], ['.'])('x.yaml')).toBe('.');
    expect(deploymentSetOf(['../c/x.yaml', '../c/sub/y.yaml'], ['../c'])('../c/sub/y.yaml')).toBe('../c/sub');
  });
});
