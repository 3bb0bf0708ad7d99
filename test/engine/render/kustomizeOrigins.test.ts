import { describe, expect, it } from 'vitest';
import { ORIGIN_ANNOTATION, parseOrigin, takeOrigin } from '../../../src/engine/render/kustomizeOrigins.js';

describe('kustomize origin annotations', () => {
  it('reads a declared file, a generator and a remote base', () => {
    expect(parseOrigin('path: ../base/deployment.yaml\n')).toEqual({ path: '../base/deployment.yaml', generated: false });
    expect(parseOrigin('configuredIn: kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n')).toEqual({
      path: 'kustomization.yaml',
      generated: true,
    });
    expect(parseOrigin('path: examples/x.yaml\nrepo: https://github.com/org/repo\nref: v1\n')).toEqual({
      path: 'examples/x.yaml',
      generated: false,
      repo: 'https://github.com/org/repo',
    });
    expect(parseOrigin('something: else\n')).toBeUndefined();
  });

  it('takes the annotation off, keeping the other annotations and dropping an emptied map', () => {
    const object = {
      kind: 'Pod',
      metadata: { name: 'p', annotations: { [ORIGIN_ANNOTATION]: 'path: pod.yaml\n', team: 'a' } },
    };
    const taken = takeOrigin(object);
    expect(taken.origin?.path).toBe('pod.yaml');
    expect(taken.object.metadata?.annotations).toEqual({ team: 'a' });
    const alone = takeOrigin({ kind: 'Pod', metadata: { name: 'p', annotations: { [ORIGIN_ANNOTATION]: 'path: pod.yaml\n' } } });
    expect(alone.object.metadata).toEqual({ name: 'p' });
    const none = { kind: 'Pod', metadata: { name: 'p' } };
    expect(takeOrigin(none)).toEqual({ object: none, origin: undefined });
  });
});
