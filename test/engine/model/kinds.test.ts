import { describe, expect, it } from 'vitest';
import { objectId, parseId } from '../../../src/engine/model/kinds.js';

describe('parseId', () => {
  it('reads back what objectId joined, slashes in the name included', () => {
    expect(parseId(objectId('apps', 'Deployment', 'shop', 'web'))).toEqual({
      group: 'apps',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    expect(parseId(objectId('core', 'Node', '', 'n-1'))).toEqual({ group: 'core', kind: 'Node', namespace: '', name: 'n-1' });
    expect(parseId('net/IPBlock/shop/10.0.0.0/8')).toEqual({ group: 'net', kind: 'IPBlock', namespace: 'shop', name: '10.0.0.0/8' });
    expect(parseId('a/b/c/')).toEqual({ group: 'a', kind: 'b', namespace: 'c', name: '' });
  });

  it('gives empty parts for ids with fewer than four', () => {
    expect(parseId('')).toEqual({ group: '', kind: '', namespace: '', name: '' });
    expect(parseId('core')).toEqual({ group: 'core', kind: '', namespace: '', name: '' });
    expect(parseId('core/Pod')).toEqual({ group: 'core', kind: 'Pod', namespace: '', name: '' });
    expect(parseId('core/Pod/shop')).toEqual({ group: 'core', kind: 'Pod', namespace: 'shop', name: '' });
  });
});
