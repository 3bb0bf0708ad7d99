/**
 * Where each kind stands in the reading direction of an application: entry points on the left, then
 * Services, workloads, their ReplicaSets and Jobs, and Pods on the right. The layered layout puts every
 * column ("partition") strictly left of the next, so Ingress → Service → Deployment reads left to right.
 *
 * Config, storage and identity (ConfigMap, Secret, PVC, ServiceAccount) have no column of their own: when
 * exactly one workload uses one, it joins that workload's component and sits one column to its right,
 * beside it. Shared ones stay out of the layout, so they never pull unrelated workloads together.
 */
import type { EdgeType } from '../model/graph.js';

export type LayoutRole = 'entry' | 'service' | 'workload' | 'child' | 'pod';

/** Column of each role, left to right. */
export const ROLE_PARTITION: Readonly<Record<LayoutRole, number>> = { entry: 0, service: 1, workload: 2, child: 3, pod: 4 };

const ROLE_BY_KIND: Readonly<Record<string, LayoutRole>> = {
  Ingress: 'entry',
  IngressClass: 'entry',
  Gateway: 'entry',
  GatewayClass: 'entry',
  HTTPRoute: 'entry',
  GRPCRoute: 'entry',
  TLSRoute: 'entry',
  TCPRoute: 'entry',
  UDPRoute: 'entry',
  Service: 'service',
  HorizontalPodAutoscaler: 'service',
  PodDisruptionBudget: 'service',
  NetworkPolicy: 'service',
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  CronJob: 'workload',
  ReplicationController: 'workload',
  ReplicaSet: 'child',
  Job: 'child',
  ControllerRevision: 'child',
  EndpointSlice: 'child',
  Endpoints: 'child',
  Pod: 'pod',
};

/** Kinds that sit beside their one user rather than in a column: config, storage, identity. */
const ATTACHABLE_KINDS: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount']);

/** Relations through which a workload or pod uses an attachable object. */
const USE_EDGE_TYPES: ReadonlySet<EdgeType> = new Set<EdgeType>(['mounts', 'env', 'pulls', 'uses', 'claims', 'runs-as', 'token']);

export function roleOf(kind: string | undefined): LayoutRole | undefined {
  return kind === undefined ? undefined : ROLE_BY_KIND[kind];
}

export function partitionOf(kind: string | undefined): number | undefined {
  const role = roleOf(kind);
  return role === undefined ? undefined : ROLE_PARTITION[role];
}

export function isAttachable(kind: string | undefined): boolean {
  return kind !== undefined && ATTACHABLE_KINDS.has(kind);
}

export function isUseEdge(type: EdgeType): boolean {
  return USE_EDGE_TYPES.has(type);
}
