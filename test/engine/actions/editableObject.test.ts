import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editableYaml, editTargetOf } from '../../../src/engine/actions/editableObject';

describe('the editable copy of a live object', () => {
  const object = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'n', resourceVersion: '4', uid: 'u', managedFields: [{ manager: 'x' }], labels: { a: 'b' } },
    data: { k: 'v' },
    status: { ignored: true },
  };
  const target = { context: 'kind-dev', id: 'core/ConfigMap/n/c' };

  it('leaves out what the server owns and names where it goes', () => {
    const text = editableYaml(object, target);
    expect(parse(text)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n', labels: { a: 'b' } },
      data: { k: 'v' },
    });
    expect(editTargetOf(text)).toEqual(target);
  });

  it('reads as kubectl prints it: apiVersion, kind, metadata, then the rest, whatever order the server sent', () => {
    // The API server's JSON starts with kind; the copy must not put metadata at the bottom either.
    const served = { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web' }, spec: { replicas: 1 }, status: {} };
    const lines = editableYaml(served, target)
      .split('\n')
      .filter((line) => /^\w/.test(line));
    expect(lines).toEqual(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', 'spec:']);
  });

  it('knows no target in other YAML or a damaged header', () => {
    expect(editTargetOf('kind: Pod\n')).toBeUndefined();
    expect(editTargetOf('# kubilitics-edit {nope\nkind: Pod\n')).toBeUndefined();
  });
});
