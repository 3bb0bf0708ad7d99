import { describe, expect, it } from 'vitest';
import { SelectorRegistry } from '../../../src/engine/graph/selectorRegistry.js';
import type { Selectable } from '../../../src/engine/graph/selectableIndex.js';
import type { NamespaceScope, SelectorClaim } from '../../../src/engine/relations/types.js';

function claim(
  matchLabels: [string, string][],
  namespaces: NamespaceScope = { kind: 'same', namespace: 'shop' },
  inValues?: string[],
): SelectorClaim {
  return {
    type: 'selects',
    via: 'spec.selector',
    selector: { matchLabels, expressions: inValues ? [{ key: 'tier', operator: 'In', values: inValues }] : [] },
    targetClass: 'pods',
    targetKinds: new Set(['Pod']),
    namespaces,
  };
}

const pod = (labels: Record<string, string>, namespace = 'shop'): Selectable => ({
  id: `core/Pod/${namespace}/p`,
  kind: 'Pod',
  namespace,
  labels,
});

function candidatesOf(registry: SelectorRegistry, item: Selectable): string[] {
  const into = new Set<string>();
  registry.candidates('pods', item, into);
  return [...into].sort();
}

describe('SelectorRegistry', () => {
  it('finds selectors by an anchor label, with no anchor, across namespaces, and through In values', () => {
    const registry = new SelectorRegistry();
    registry.register('svc', [claim([['app', 'web']])]);
    registry.register('everything', [claim([])]);
    registry.register('policy', [claim([['app', 'web']], { kind: 'all' })]);
    registry.register('tiers', [claim([], { kind: 'same', namespace: 'shop' }, ['front', 'back'])]);
    registry.register('elsewhere', [claim([['app', 'web']], { kind: 'same', namespace: 'other' })]);
    expect(candidatesOf(registry, pod({ app: 'web' }))).toEqual(['everything', 'policy', 'svc']);
    expect(candidatesOf(registry, pod({ app: 'db', tier: 'back' }))).toEqual(['everything', 'policy', 'tiers']);
    expect(candidatesOf(registry, pod({ app: 'web' }, 'other'))).toEqual(['elsewhere', 'policy']);
  });

  it('forgets what it is told to, and keeps a source that another of its claims still names', () => {
    const registry = new SelectorRegistry();
    const claims = [claim([['app', 'web']]), claim([['app', 'web']], { kind: 'all' })];
    registry.register('svc', claims);
    registry.register('other', [claim([['app', 'web']])]);
    registry.unregister('svc', claims);
    expect(candidatesOf(registry, pod({ app: 'web' }))).toEqual(['other']);
    registry.unregister('other', [claim([['app', 'web']])]);
    expect(candidatesOf(registry, pod({ app: 'web' }))).toEqual([]);
  });

  it('keeps a label key and value apart when either holds an equals sign', () => {
    const registry = new SelectorRegistry();
    registry.register('svc', [claim([['a', 'b=c']])]);
    expect(candidatesOf(registry, pod({ 'a=b': 'c' }))).toEqual([]);
    expect(candidatesOf(registry, pod({ a: 'b=c' }))).toEqual(['svc']);
  });
});
