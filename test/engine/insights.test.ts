import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../src/engine/insights.js';
import { graphOf } from './support.js';

const insightsOf = (yaml: string): ReturnType<typeof computeInsights> => {
  const g = graphOf(yaml);
  return computeInsights({ graph: g, record: (id) => g.engine.record(id) });
};

describe('insights', () => {
  it('broken references name the referrer, the target and the line of the reference', () => {
    const found = insightsOf(`apiVersion: v1
kind: ConfigMap
metadata: { name: unrelated }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec: { template: { spec: { containers: [{ name: c, envFrom: [{ configMapRef: { name: settings } }] }] } } }
`);
    expect(found).toEqual([
      {
        kind: 'broken-reference',
        severity: 'warning',
        objects: ['apps/Deployment/default/web', 'core/ConfigMap/default/settings'],
        message: 'Deployment default/web → ConfigMap default/settings (envFrom (c)) is not in the input',
        source: { file: 'fixture.yaml', line: 8 },
      },
    ]);
  });

  it('services that select nothing, and a service named for a workload it misses', () => {
    const found = insightsOf(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: wbe } }
---
apiVersion: v1
kind: Service
metadata: { name: external }
spec: { type: ExternalName, externalName: example.com }
`);
    expect(found.map((i) => [i.kind, i.objects])).toEqual([
      ['workload-not-selected', ['apps/Deployment/default/web', 'core/Service/default/web']],
      ['service-selects-nothing', ['core/Service/default/web']],
    ]);
  });

  it('unbound claims, missing scale targets, policies that select nothing', () => {
    const found = insightsOf(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: stuck }
status: { phase: Pending }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: fine }
status: { phase: Bound }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: gone } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: lonely }
spec: { podSelector: { matchLabels: { app: nobody } } }
`);
    expect(found.map((i) => i.kind).sort()).toEqual(['policy-selects-nothing', 'scale-target-missing', 'unbound-claim']);
  });
});
