/**
 * A small namespace with Events, for the Events fold tests (engine and Chromium): a Deployment running two Pods, a
 * Service, a failed Pod of its own. Three Events about Pod web-1-a (one a Warning), one about the Service, an
 * hour-old Warning about the Deployment, a Warning about the failed Pod. Built by the engine from YAML.
 */
import type { TopologyGraph } from '../../../src/engine/model/graph';
import { graphOf } from '../support';

export const NS = 'shop';
export const DEPLOY = 'apps/Deployment/shop/web';
export const POD_A = 'core/Pod/shop/web-1-a';
export const SVC = 'core/Service/shop/web';
export const BATCH = 'core/Pod/shop/batch';

function owned(kind: string, name: string, uid: string): string {
  return `ownerReferences: [{apiVersion: apps/v1, kind: ${kind}, name: ${name}, uid: ${uid}, controller: true}]`;
}

function pod(name: string, phase: string, owner = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${NS}, uid: ${name}, labels: {app: web}${owner === '' ? '' : `, ${owner}`}}
spec: {containers: [{name: app, image: web}]}
status: {phase: ${phase}}`;
}

/** An Event about `kind/name`; `time` its lastTimestamp (none when empty). */
export function event(name: string, about: string, type: 'Normal' | 'Warning', reason: string, message: string, time: string): string {
  const [kind, target] = about.split('/');
  const apiVersion = kind === 'Deployment' ? 'apps/v1' : 'v1';
  return `apiVersion: v1
kind: Event
metadata: {name: ${name}, namespace: ${NS}}
involvedObject: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${target}, namespace: ${NS}}
type: ${type}
reason: ${reason}
message: "${message}"
${time === '' ? '' : `lastTimestamp: "${time}"`}`;
}

/** The namespace, with `extra` YAML documents added. */
export function shop(extra: readonly string[] = []): TopologyGraph {
  const { nodes, edges } = graphOf(
    [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}, uid: d1}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: web}]}}
status: {readyReplicas: 2}`,
      `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-1, namespace: ${NS}, uid: r1, ${owned('Deployment', 'web', 'd1')}}
spec: {replicas: 2, selector: {matchLabels: {app: web}}}
status: {readyReplicas: 2}`,
      pod('web-1-a', 'Running', owned('ReplicaSet', 'web-1', 'r1')),
      pod('web-1-b', 'Running', owned('ReplicaSet', 'web-1', 'r1')),
      pod('batch', 'Failed'),
      `apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${NS}}
spec: {selector: {app: web}}`,
      event('web-1-a.1', 'Pod/web-1-a', 'Normal', 'Scheduled', 'Successfully assigned shop/web-1-a', '2026-01-05T10:00:00Z'),
      event('web-1-a.2', 'Pod/web-1-a', 'Normal', 'Started', 'Started container app', '2026-01-05T10:01:00Z'),
      event('web-1-a.3', 'Pod/web-1-a', 'Warning', 'Unhealthy', 'Readiness probe failed: 503', '2026-01-05T10:02:00Z'),
      event('web.1', 'Service/web', 'Normal', 'Synced', 'Service synced', '2026-01-05T10:00:00Z'),
      event('web.2', 'Deployment/web', 'Warning', 'FailedCreate', 'quota exceeded', '2026-01-05T08:59:59Z'),
      event('batch.1', 'Pod/batch', 'Warning', 'BackOff', 'Back-off restarting failed container', '2026-01-05T10:02:00Z'),
      ...extra,
    ].join('\n---\n'),
  );
  // Plain data only (no engine), so it can be posted to a page too.
  return { nodes, edges };
}

/** The fold of what the Deployment runs, and the fold of the Events about its Pods. */
export const PODS_FOLD = `pods:${DEPLOY}`;
export const POD_EVENTS = `events:${PODS_FOLD}`;
