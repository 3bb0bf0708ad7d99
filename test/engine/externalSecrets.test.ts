/**
 * Manifests: a missing Secret that something outside the repository creates (a service-account token, TLS,
 * registry credentials, a Certificate's or ExternalSecret's target) is a note; an application's own missing
 * Secret stays a warning. In a live cluster (no `manifests` flag) every missing Secret stays a warning.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights, type Insight } from '../../src/engine/insights.js';
import { graphOf } from './support.js';

const insightsOf = (yaml: string, manifests = true): Insight[] => {
  const g = graphOf(yaml);
  return computeInsights({ graph: g, record: (id) => g.engine.record(id), manifests });
};
const bySecret = (insights: readonly Insight[]): Record<string, string> =>
  Object.fromEntries(
    insights
      .filter((i) => i.objects[1]?.startsWith('core/Secret/'))
      .map((i) => [`${i.objects[0]} → ${i.objects[1]}`, `${i.severity} ${i.kind}`]),
  );

const YAML = `apiVersion: v1
kind: ServiceAccount
metadata: { name: web }
secrets: [{ name: web-token-abcde }, { name: listed-token }]
imagePullSecrets: [{ name: registry }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      serviceAccountName: web
      volumes:
        - { name: t, secret: { secretName: listed-token } }
        - { name: k, secret: { secretName: default-token-kchbk } }
        - { name: own, secret: { secretName: app-keys } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec: { tls: [{ secretName: web-tls }] }
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
spec: { secretName: issued-tls }
`;

describe('Secrets created outside the manifests', () => {
  it('are notes by how they are referenced; an application Secret stays a warning', () => {
    expect(bySecret(insightsOf(YAML))).toEqual({
      'core/ServiceAccount/default/web → core/Secret/default/web-token-abcde': 'info external-secret',
      'core/ServiceAccount/default/web → core/Secret/default/listed-token': 'info external-secret',
      'core/ServiceAccount/default/web → core/Secret/default/registry': 'info external-secret',
      // Listed by the ServiceAccount: mounting it too is expected.
      'apps/Deployment/default/web → core/Secret/default/listed-token': 'info external-secret',
      // Named as the token controller names them.
      'apps/Deployment/default/web → core/Secret/default/default-token-kchbk': 'info external-secret',
      'apps/Deployment/default/web → core/Secret/default/app-keys': 'warning broken-reference',
      'networking.k8s.io/Ingress/default/web → core/Secret/default/web-tls': 'info external-secret',
      'cert-manager.io/Certificate/default/web → core/Secret/default/issued-tls': 'info external-secret',
    });
  });

  it('say why in the message', () => {
    const token = insightsOf(YAML).find((i) => i.objects[1] === 'core/Secret/default/default-token-kchbk');
    expect(token?.message).toMatch(/is not in the input: a service-account token, created by the cluster$/);
  });

  it('stay warnings in a live cluster, which serves its Secrets', () => {
    const live = Object.values(bySecret(insightsOf(YAML, false)));
    expect(live.length).toBeGreaterThan(0);
    expect(new Set(live)).toEqual(new Set(['warning broken-reference']));
  });
});
