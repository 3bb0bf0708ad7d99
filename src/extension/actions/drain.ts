/**
 * Draining a Node: cordon it, then evict its Pods through the eviction API, so a PodDisruptionBudget decides when each
 * may go. A Pod whose budget refuses (429) is asked again until it may go or the time runs out; then the drain says
 * which Pods are left and why, and the Node stays cordoned. No `vscode` here: the cluster tests drive it.
 */
import * as l10n from '@vscode/l10n';
import type { DrainPlan } from '../../engine/actions/drainPlan.js';
import { ApiError } from '../cluster/apiClient.js';
import type { ObjectApi } from './objectApi.js';

export interface DrainOptions {
  /** How long a Pod refused by its disruption budget is retried. */
  readonly timeoutMs: number;
  readonly retryMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (line: string) => void;
}

export interface DrainResult {
  readonly evicted: readonly string[];
  /** Pod names with why they are still there. */
  readonly left: readonly { readonly pod: string; readonly reason: string }[];
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

async function evictOne(objects: ObjectApi, namespace: string, pod: string, options: DrainOptions): Promise<string | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      await objects.evict(namespace, pod);
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') return undefined;
      const budget = error instanceof ApiError && error.status === 429;
      if (!budget) return (error as Error).message;
      if (Date.now() >= deadline || options.signal?.aborted) return l10n.t('its PodDisruptionBudget still refuses: {0}', error.message);
      options.onProgress?.(l10n.t('{0}: waiting for its PodDisruptionBudget', `${namespace}/${pod}`));
      await sleep(options.retryMs, options.signal);
    }
  }
}

export async function drainNode(objects: ObjectApi, node: string, plan: DrainPlan, options: DrainOptions): Promise<DrainResult> {
  await objects.setUnschedulable(node, true);
  const evicted: string[] = [];
  const left: { pod: string; reason: string }[] = [];
  for (const pod of plan.evict) {
    const problem = await evictOne(objects, pod.namespace, pod.name, options);
    if (problem) left.push({ pod: `${pod.namespace}/${pod.name}`, reason: problem });
    else {
      evicted.push(`${pod.namespace}/${pod.name}`);
      options.onProgress?.(`evicted ${pod.namespace}/${pod.name}`);
    }
  }
  return { evicted, left };
}
