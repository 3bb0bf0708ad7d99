import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { serializeGraph, validateGraph } from '../../../src/engine/graph/validate.js';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { syntheticCluster } from '../../../bench/syntheticCluster.js';

/**
 * The bundled example (every kind of reference the shop has, as manifests write them) and a slice of a synthetic live
 * cluster (Pods, ReplicaSets, EndpointSlices and Events, as an API server sends them).
 */
const EXAMPLE = resolve(__dirname, '../../../examples/shop');
const OBJECTS: readonly KubeObject[] = [
  ...readdirSync(EXAMPLE)
    .sort()
    .flatMap((file) => parseManifestText(readFileSync(join(EXAMPLE, file), 'utf8'), file).objects.map((entry) => entry.object)),
  ...syntheticCluster(30),
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields the relations read: a mutation may add one where the object has none (an owner list on a Deployment). */
const FIELDS = [
  'ownerReferences',
  'labels',
  'selector',
  'matchLabels',
  'matchExpressions',
  'template',
  'spec',
  'metadata',
  'volumes',
  'containers',
  'initContainers',
  'env',
  'envFrom',
  'valueFrom',
  'imagePullSecrets',
  'secrets',
  'subjects',
  'roleRef',
  'rules',
  'backend',
  'defaultBackend',
  'tls',
  'parentRefs',
  'backendRefs',
  'scaleTargetRef',
  'involvedObject',
  'regarding',
  'endpoints',
  'targetRef',
  'ports',
  'podSelector',
  'namespaceSelector',
  'ingress',
  'egress',
  'from',
  'to',
  'ipBlock',
  'aggregationRule',
  'clusterRoleSelectors',
  'webhooks',
  'clientConfig',
  'service',
  'volumeClaimTemplates',
  'serviceName',
  'claimRef',
  'volumeName',
  'storageClassName',
  'csi',
  'driver',
  'nodeName',
  'serviceAccountName',
  'apiVersion',
  'kind',
  'name',
  'namespace',
  'uid',
  'controller',
  'optional',
  'sectionName',
];

/**
 * A copy of `object` with the value at the path `steps` picks (walking existing keys; the last step may name a field
 * from FIELDS instead) replaced by `value`.
 */
function mutated(object: KubeObject, steps: readonly number[], value: unknown, field: string | null): KubeObject {
  const copy = structuredClone(object) as unknown as Record<string, Json>;
  let parent: Record<string, Json> | Json[] = copy;
  let key: string | number = Object.keys(copy)[steps[0]! % Object.keys(copy).length]!;
  for (const step of steps.slice(1)) {
    const child: Json | undefined = (parent as Record<string, Json>)[key as string];
    if (child === null || typeof child !== 'object') break;
    const keys: (string | number)[] = Array.isArray(child) ? child.map((_, index) => index) : Object.keys(child);
    if (keys.length === 0) break;
    parent = child;
    key = keys[step % keys.length]!;
  }
  if (field !== null && !Array.isArray(parent)) key = field;
  (parent as Record<string, unknown>)[key as string] = value;
  return copy as unknown as KubeObject;
}

describe('objects of the wrong shape', () => {
  it('a kind that is not text is reported, not thrown (found by the property test below: a kind of {"toString": null})', () => {
    const engine = TopologyEngine.build([
      { object: { ...OBJECTS[0]!, kind: { toString: null } as unknown as string } },
      { object: OBJECTS[1]! },
    ]);
    expect(engine.warnings.map((warning) => warning.message)).toEqual(['missing apiVersion or kind']);
    expect(engine.size).toBe(1);
    expect(engine.apply({ type: 'upsert', object: { ...OBJECTS[1]!, kind: 42 as unknown as string } })).toMatchObject({
      addedNodes: [],
      removedNodes: [],
    });
  });

  it('never crash a build or an update, and the update still equals a rebuild', () => {
    const engineOf = (objects: readonly KubeObject[]): TopologyEngine => TopologyEngine.build(objects.map((object) => ({ object })));
    const original = serializeGraph(engineOf(OBJECTS).graph());
    fc.assert(
      fc.property(
        fc.nat(OBJECTS.length - 1),
        fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom<unknown>('', 0, 1, true, null, [], {}, [{}], ['x'], { name: 1 }, [
            { kind: 'Deployment', name: 'x', controller: true, apiVersion: 1 },
          ]),
        ),
        fc.option(fc.constantFrom(...FIELDS)),
        (index, steps, value, field) => {
          const bad = mutated(OBJECTS[index]!, steps, value, field);
          const objects = OBJECTS.map((object, at) => (at === index ? bad : object));
          const rebuilt = engineOf(objects);
          expect(validateGraph(rebuilt.graph())).toEqual([]);
          // As a watch or an edited file delivers it: an object whose identity changed (or that has none now) replaces
          // the old one by a delete and an upsert, which the engine warns about and skips when it cannot be admitted.
          const live = engineOf(OBJECTS);
          const good = OBJECTS[index]!;
          const sameIdentity = live.idOf(bad) !== undefined && live.idOf(bad) === live.idOf(good);
          if (!sameIdentity) live.apply({ type: 'delete', object: good });
          live.apply({ type: 'upsert', object: bad });
          expect(serializeGraph(live.graph())).toBe(serializeGraph(rebuilt.graph()));
          if (!sameIdentity && live.idOf(bad) !== undefined) live.apply({ type: 'delete', object: bad });
          live.apply({ type: 'upsert', object: good });
          expect(serializeGraph(live.graph())).toBe(original);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);
});
