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

  it('knows no target in other YAML or a damaged header', () => {
    expect(editTargetOf('kind: Pod\n')).toBeUndefined();
    expect(editTargetOf('# kubilitics-edit {nope\nkind: Pod\n')).toBeUndefined();
  });
});
