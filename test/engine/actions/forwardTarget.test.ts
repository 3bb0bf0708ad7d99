import { describe, expect, it } from 'vitest';
import { isPodReady, offeredPorts, podBehindService } from '../../../src/engine/actions/forwardTarget';
import type { KubeObject, ObjectRecord } from '../../../src/engine/model/object';

function record(kind: string, name: string, object: Omit<KubeObject, 'kind'>, labels: Record<string, string> = {}): ObjectRecord {
  return { id: `/${kind}/shop/${name}`, group: '', version: 'v1', kind, namespace: 'shop', name, labels, object: { ...object, kind } };
}

const containers = [
  {
    name: 'app',
    ports: [
      { containerPort: 8080, name: 'http' },
      { containerPort: 53, protocol: 'UDP' },
    ],
  },
  { name: 'metrics', ports: [{ containerPort: 9090 }] },
];
const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const pod = (name: string, status: unknown, labels = { app: 'web' }): ObjectRecord =>
  record('Pod', name, { metadata: { name }, spec: { containers }, status }, labels);
const service = (ports: unknown[], selector: unknown = { app: 'web' }): ObjectRecord =>
  record('Service', 'web', { metadata: { name: 'web' }, spec: { selector, ports } });

describe('what a port-forward connects to', () => {
  it("offers a Pod's TCP container ports, labelled by container", () => {
    expect(offeredPorts(pod('web-a', running).object)).toEqual([
      { port: 8080, name: 'http', protocol: 'TCP', target: 8080, label: 'app' },
      { port: 9090, protocol: 'TCP', target: 9090, label: 'metrics' },
    ]);
  });

  it("offers a Service's TCP ports with their targets (the port itself when targetPort is absent)", () => {
    const ports = offeredPorts(
      service([{ name: 'web', port: 80, targetPort: 'http' }, { port: 9090 }, { port: 53, protocol: 'UDP' }]).object,
    );
    expect(ports).toEqual([
      { port: 80, name: 'web', protocol: 'TCP', target: 'http', label: 'web' },
      { port: 9090, protocol: 'TCP', target: 9090, label: 'port 9090' },
    ]);
  });

  it('picks the first ready Pod behind a Service, by name, and resolves a named targetPort in it', () => {
    const svc = service([{ name: 'web', port: 80, targetPort: 'http' }]);
    const port = offeredPorts(svc.object)[0]!;
    const objects = [pod('web-c', running), pod('web-a', { phase: 'Pending' }), pod('web-b', running), pod('db', running, { app: 'db' })];
    const resolved = podBehindService(svc, port, objects);
    expect(resolved).toMatchObject({ pod: { name: 'web-b' }, port: 8080 });
  });

  it('says why there is nothing to forward to', () => {
    const port = { port: 80, protocol: 'TCP', target: 'grpc', label: 'grpc' };
    expect(podBehindService(service([], null), port, [])).toEqual({
      problem: 'Service shop/web has no selector: there is no Pod to forward to (kubectl port-forward refuses it too)',
    });
    expect(podBehindService(service([]), port, [pod('web-a', { phase: 'Pending' })])).toEqual({
      problem: 'Service shop/web selects 1 Pod, none of them ready',
    });
    expect(podBehindService(service([]), port, [pod('web-a', running)])).toEqual({
      problem: 'no ready Pod of Service shop/web has a container port named "grpc"',
    });
  });

  it('counts a Pod ready only when Running with the Ready condition', () => {
    expect(isPodReady({ status: running })).toBe(true);
    expect(isPodReady({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } })).toBe(false);
    expect(isPodReady({})).toBe(false);
  });
});
