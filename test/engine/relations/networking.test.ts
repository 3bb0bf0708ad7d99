import { describe, expect, it } from 'vitest';
import { edge, graphOf } from '../support.js';

describe('Endpoints and EndpointSlices', () => {
  it('link Service ↔ endpoints and endpoints → pods by targetRef', () => {
    const g = graphOf(`apiVersion: v1
kind: Service
metadata: { name: web }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1, uid: u1 }
---
apiVersion: v1
kind: Endpoints
metadata: { name: web }
subsets: [{ addresses: [{ ip: 10.0.0.1, targetRef: { kind: Pod, name: web-1, namespace: default, uid: u1 } }],
  notReadyAddresses: [{ ip: 10.0.0.2, targetRef: { kind: Pod, name: web-2 } }] }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: web-abc, labels: { kubernetes.io/service-name: web } }
addressType: IPv4
endpoints: [{ addresses: [10.0.0.1], targetRef: { kind: Pod, name: web-1, namespace: default } }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: orphan-abc, labels: { kubernetes.io/service-name: orphan } }
addressType: IPv4
endpoints: []
`);
    expect(edge(g, 'core/Service/default/web', 'endpoint', 'core/Endpoints/default/web')).toBeDefined();
    expect(edge(g, 'core/Service/default/web', 'endpoint', 'discovery.k8s.io/EndpointSlice/default/web-abc')).toBeDefined();
    expect(edge(g, 'core/Endpoints/default/web', 'endpoint', 'core/Pod/default/web-1')?.broken).toBeUndefined();
    expect(edge(g, 'core/Endpoints/default/web', 'endpoint', 'core/Pod/default/web-2')?.broken).toBe('missing');
    expect(edge(g, 'discovery.k8s.io/EndpointSlice/default/web-abc', 'endpoint', 'core/Pod/default/web-1')).toBeDefined();
    expect(edge(g, 'core/Service/default/orphan', 'endpoint', 'discovery.k8s.io/EndpointSlice/default/orphan-abc')?.broken).toBe('missing');
  });
});

describe('Ingress', () => {
  it('routes to services from rules and defaultBackend, to resource backends, TLS secrets and its class', () => {
    const g = graphOf(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: site }
spec:
  ingressClassName: nginx
  defaultBackend: { service: { name: fallback, port: { number: 80 } } }
  tls: [{ hosts: [example.com], secretName: site-tls }]
  rules:
  - host: example.com
    http:
      paths:
      - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
      - { path: /static, pathType: Prefix, backend: { resource: { apiGroup: k8s.example.com, kind: StorageBucket, name: assets } } }
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: { name: nginx }
spec: { controller: k8s.io/ingress-nginx, parameters: { apiGroup: k8s.example.com, kind: IngressParameters, name: external-lb } }
---
apiVersion: v1
kind: Service
metadata: { name: api }
`);
    const ing = 'networking.k8s.io/Ingress/default/site';
    expect(edge(g, ing, 'routes', 'core/Service/default/api')).toMatchObject({ via: ['example.com/api'] });
    expect(edge(g, ing, 'routes', 'core/Service/default/api')?.broken).toBeUndefined();
    expect(edge(g, ing, 'routes', 'core/Service/default/fallback')?.broken).toBe('missing');
    expect(edge(g, ing, 'routes', 'k8s.example.com/StorageBucket/default/assets')).toBeDefined();
    expect(edge(g, ing, 'uses', 'core/Secret/default/site-tls')?.via).toEqual(['tls']);
    expect(edge(g, ing, 'uses', 'networking.k8s.io/IngressClass//nginx')?.broken).toBeUndefined();
    expect(edge(g, 'networking.k8s.io/IngressClass//nginx', 'uses', 'k8s.example.com/IngressParameters//external-lb')).toBeDefined();
  });

  it('reads the old extensions/v1beta1 backend shape', () => {
    const g = graphOf(`apiVersion: extensions/v1beta1
kind: Ingress
metadata: { name: old }
spec: { backend: { serviceName: legacy, servicePort: 80 } }
`);
    expect(edge(g, 'networking.k8s.io/Ingress/default/old', 'routes', 'core/Service/default/legacy')).toBeDefined();
  });
});
