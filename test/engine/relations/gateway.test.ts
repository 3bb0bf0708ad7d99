import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

const GW = 'gateway.networking.k8s.io/Gateway/infra/shared';
const gateway = (allowedFrom: string): string => `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: envoy }
spec: { controllerName: example.com/gateway }
---
apiVersion: v1
kind: Namespace
metadata: { name: apps, labels: { shared-gateway: "true" } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: shared, namespace: infra }
spec:
  gatewayClassName: envoy
  listeners:
  - name: web
    protocol: HTTP
    port: 80
    allowedRoutes: { namespaces: ${allowedFrom} }
  - name: secure
    protocol: HTTPS
    port: 443
    tls: { certificateRefs: [{ kind: Secret, name: wildcard }, { kind: Secret, name: shared-cert, namespace: certs }] }
    allowedRoutes: { namespaces: { from: Same } }
`;
const billingRef = (backendNamespace: string): string =>
  `{ name: billing, namespace: ${backendNamespace === 'apps' ? 'payments' : backendNamespace}, port: 80 }`;
const route = (parent: string, backendNamespace = 'apps'): string => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: store, namespace: apps }
spec:
  parentRefs: [${parent}]
  rules: [{ backendRefs: [{ name: store, port: 8080 }, ${billingRef(backendNamespace)}] }]
---
apiVersion: v1
kind: Service
metadata: { name: store, namespace: apps }
---
apiVersion: v1
kind: Service
metadata: { name: billing, namespace: payments }
`;
const ROUTE = 'gateway.networking.k8s.io/HTTPRoute/apps/store';
const grant = `---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: allow-apps, namespace: payments }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps }]
  to: [{ group: "", kind: Service }]
`;

describe('Gateway API', () => {
  it('Gateway → GatewayClass and → certificates (same namespace; cross-namespace needs a grant)', () => {
    const g = graphOf(gateway('{ from: All }'));
    expect(edge(g, GW, 'uses', 'gateway.networking.k8s.io/GatewayClass//envoy')?.broken).toBeUndefined();
    expect(edge(g, GW, 'uses', 'core/Secret/infra/wildcard')?.broken).toBe('missing');
    expect(edge(g, GW, 'uses', 'core/Secret/certs/shared-cert')?.broken).toBe('not-permitted');
  });

  it('parentRefs honour namespace and sectionName; allowedRoutes decides cross-namespace attachment', () => {
    const all = graphOf(gateway('{ from: All }') + route('{ name: shared, namespace: infra, sectionName: web }'));
    expect(edge(all, GW, 'routes', ROUTE)).toMatchObject({ via: ['parentRef (listener web)'] });
    expect(edge(all, GW, 'routes', ROUTE)?.broken).toBeUndefined();
    const same = graphOf(gateway('{ from: Same }') + route('{ name: shared, namespace: infra, sectionName: web }'));
    expect(edge(same, GW, 'routes', ROUTE)?.broken).toBe('not-permitted');
    const selector = graphOf(
      gateway('{ from: Selector, selector: { matchLabels: { shared-gateway: "true" } } }') +
        route('{ name: shared, namespace: infra, sectionName: web }'),
    );
    expect(edge(selector, GW, 'routes', ROUTE)?.broken).toBeUndefined();
    const noSuchListener = graphOf(gateway('{ from: All }') + route('{ name: shared, namespace: infra, sectionName: nope }'));
    expect(edge(noSuchListener, GW, 'routes', ROUTE)?.broken).toBe('missing');
    const wrongNamespace = graphOf(gateway('{ from: All }') + route('{ name: shared }'));
    expect(edge(wrongNamespace, 'gateway.networking.k8s.io/Gateway/apps/shared', 'routes', ROUTE)?.broken).toBe('missing');
  });

  it('backendRefs across namespaces are permitted only by a matching ReferenceGrant', () => {
    const without = graphOf(gateway('{ from: All }') + route('{ name: shared, namespace: infra }'));
    expect(edge(without, ROUTE, 'routes', 'core/Service/apps/store')?.broken).toBeUndefined();
    expect(edge(without, ROUTE, 'routes', 'core/Service/payments/billing')?.broken).toBe('not-permitted');
    const granted = graphOf(gateway('{ from: All }') + route('{ name: shared, namespace: infra }') + grant);
    expect(edge(granted, ROUTE, 'routes', 'core/Service/payments/billing')?.broken).toBeUndefined();
    const grantForOtherKind = graphOf(
      gateway('{ from: All }') + route('{ name: shared, namespace: infra }') + grant.replace('kind: HTTPRoute', 'kind: GRPCRoute'),
    );
    expect(edge(grantForOtherKind, ROUTE, 'routes', 'core/Service/payments/billing')?.broken).toBe('not-permitted');
  });

  it('GRPCRoute, TLSRoute, TCPRoute and UDPRoute attach by listener protocol', () => {
    const g = graphOf(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw }
spec:
  gatewayClassName: c
  listeners: [{ name: tcp, protocol: TCP, port: 9000 }]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: { name: t }
spec: { parentRefs: [{ name: gw }], rules: [{ backendRefs: [{ name: svc, port: 9000 }] }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: { name: g }
spec: { parentRefs: [{ name: gw }] }
`);
    const gw = 'gateway.networking.k8s.io/Gateway/default/gw';
    expect(edge(g, gw, 'routes', 'gateway.networking.k8s.io/TCPRoute/default/t')?.broken).toBeUndefined();
    expect(edge(g, 'gateway.networking.k8s.io/TCPRoute/default/t', 'routes', 'core/Service/default/svc')).toBeDefined();
    expect(edge(g, gw, 'routes', 'gateway.networking.k8s.io/GRPCRoute/default/g')?.broken).toBe('not-permitted');
  });
});
