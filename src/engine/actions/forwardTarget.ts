/**
 * What a port-forward connects to, as `kubectl port-forward` resolves it: a Pod's port as asked, or for a Service one
 * ready Pod its selector picks and the Service port's targetPort (a name is looked up among that Pod's container
 * ports). Pure: the host hands in the objects it holds.
 */
import * as l10n from '@vscode/l10n';
import type { KubeObject, ObjectRecord } from '../model/object.js';
import { matchesSelector, parseMapSelector } from '../model/selector.js';

/** A port offered for forwarding: `port` is what the user picks (a Service port, or a Pod's container port). */
export interface OfferedPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: string;
  /** The Service port's targetPort (number or name); a Pod's own port for a Pod. */
  readonly target: number | string;
  /** Where it comes from: the container, or the Service port's name, for the pick list. */
  readonly label: string;
}

export type ForwardResolution = { readonly pod: ObjectRecord; readonly port: number } | { readonly problem: string };

interface ContainerPort {
  readonly containerPort?: unknown;
  readonly name?: unknown;
  readonly protocol?: unknown;
}

const spec = (object: KubeObject): Record<string, unknown> => (object['spec'] as Record<string, unknown> | undefined) ?? {};
const list = (value: unknown): readonly Record<string, unknown>[] => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);

function containerPorts(pod: KubeObject): { container: string; port: ContainerPort }[] {
  return list(spec(pod)['containers']).flatMap((container) =>
    list(container['ports']).map((port) => ({ container: String(container['name'] ?? ''), port: port as ContainerPort })),
  );
}

/** The ports a Pod or Service declares (only TCP can be forwarded). */
export function offeredPorts(object: KubeObject): OfferedPort[] {
  if (object.kind === 'Service') {
    return list(spec(object)['ports']).flatMap((entry) => {
      const port = entry['port'];
      if (typeof port !== 'number' || (entry['protocol'] ?? 'TCP') !== 'TCP') return [];
      const target = typeof entry['targetPort'] === 'number' || typeof entry['targetPort'] === 'string' ? entry['targetPort'] : port;
      const name = typeof entry['name'] === 'string' ? entry['name'] : undefined;
      return [{ port, ...(name ? { name } : {}), protocol: 'TCP', target, label: name ?? `port ${port}` }];
    });
  }
  return containerPorts(object).flatMap(({ container, port }) => {
    if (typeof port.containerPort !== 'number' || (port.protocol ?? 'TCP') !== 'TCP') return [];
    const name = typeof port.name === 'string' ? port.name : undefined;
    return [{ port: port.containerPort, ...(name ? { name } : {}), protocol: 'TCP', target: port.containerPort, label: container }];
  });
}

export function isPodReady(pod: KubeObject): boolean {
  const status = pod['status'] as { phase?: unknown; conditions?: unknown } | undefined;
  const ready = list(status?.conditions).find((condition) => condition['type'] === 'Ready');
  return status?.phase === 'Running' && ready?.['status'] === 'True';
}

/** A Service port's target in one Pod: a number as is, a name among the Pod's container ports. */
function targetIn(pod: KubeObject, target: number | string): number | undefined {
  if (typeof target === 'number') return target;
  const port = containerPorts(pod).find((entry) => entry.port.name === target)?.port.containerPort;
  return typeof port === 'number' ? port : undefined;
}

/** The Pod and port behind a Service port: the first ready Pod (by name, for a stable choice) that has the port. */
export function podBehindService(service: ObjectRecord, port: OfferedPort, objects: Iterable<ObjectRecord>): ForwardResolution {
  const selector = parseMapSelector(spec(service.object)['selector']);
  const shown = `Service ${service.namespace}/${service.name}`;
  if (!selector) {
    return { problem: l10n.t('{0} has no selector: there is no Pod to forward to (kubectl port-forward refuses it too)', shown) };
  }
  const pods = [...objects]
    .filter((record) => record.kind === 'Pod' && record.namespace === service.namespace && matchesSelector(selector, record.labels))
    .sort((a, b) => a.name.localeCompare(b.name));
  const ready = pods.filter((pod) => isPodReady(pod.object));
  for (const pod of ready) {
    const target = targetIn(pod.object, port.target);
    if (target !== undefined) return { pod, port: target };
  }
  if (ready.length > 0) return { problem: l10n.t('no ready Pod of {0} has a container port named "{1}"', shown, String(port.target)) };
  if (pods.length === 1) return { problem: l10n.t('{0} selects 1 Pod, none of them ready', shown) };
  return { problem: l10n.t('{0} selects {1} Pods, none of them ready', shown, pods.length) };
}
