/**
 * A manifests view compared with a cluster: each object's dry-run outcome (applyOutcome.ts) as the marks the view
 * already draws for a comparison of two moments, so one visual language says what differs. Would be created: added;
 * would be configured: changed; unchanged: unmarked. A failed dry run has no mark of its own: it is listed in words.
 */
import * as l10n from '@vscode/l10n';
import type { GraphDiff } from '../model/graphDiff.js';
import type { ApplyOutcome } from './applyOutcome.js';

export interface ComparedObject {
  /** The node that stands for it in the view; undefined when the view does not show it (nothing to mark). */
  readonly id: string | undefined;
  /** `Deployment shop/web`. */
  readonly label: string;
  readonly outcome: ApplyOutcome;
  /** The fields a configured object would change. */
  readonly changes: readonly string[];
  readonly reason?: string | undefined;
}

/** The view's comparison shape: nothing is removed by an apply. */
export type ClusterComparison = GraphDiff;

const SHOWN_FIELDS = 3;

function line(object: ComparedObject): string | undefined {
  switch (object.outcome) {
    case 'created':
      return `+ ${l10n.t('{0}: would be created', object.label)}`;
    case 'configured': {
      const fields = object.changes.slice(0, SHOWN_FIELDS).join(', ');
      const more = object.changes.length - SHOWN_FIELDS;
      if (!fields) return `~ ${l10n.t('{0}: would change', object.label)}`;
      const change =
        more > 0
          ? l10n.t('{0}: would change {1} and {2} more', object.label, fields, more)
          : l10n.t('{0}: would change {1}', object.label, fields);
      return `~ ${change}`;
    }
    case 'failed':
      return `! ${l10n.t('{0}: not compared ({1})', object.label, object.reason ?? l10n.t('the dry run failed'))}`;
    default:
      return undefined;
  }
}

export function clusterComparison(context: string, objects: readonly ComparedObject[]): ClusterComparison {
  const idsOf = (outcome: ApplyOutcome): string[] =>
    objects.filter((object) => object.outcome === outcome && object.id !== undefined).map((object) => object.id!);
  return {
    from: l10n.t('cluster {0}', context),
    to: l10n.t('these manifests'),
    added: idsOf('created'),
    removed: [],
    changed: idsOf('configured'),
    changes: objects.map(line).filter((text): text is string => text !== undefined),
  };
}

/** `2 would be created, 1 configured, 4 unchanged, 1 not compared`: only the outcomes that occur. */
export function describeComparison(objects: readonly { readonly outcome: ApplyOutcome }[]): string {
  const words: Record<ApplyOutcome, (count: number) => string> = {
    created: (count) => l10n.t('{0} would be created', count),
    configured: (count) => l10n.t('{0} would be configured', count),
    unchanged: (count) => l10n.t('{0} unchanged', count),
    failed: (count) => l10n.t('{0} not compared', count),
  };
  const parts = (['created', 'configured', 'unchanged', 'failed'] as const)
    .map((outcome) => [outcome, objects.filter((object) => object.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => words[outcome](count));
  return parts.length ? parts.join(', ') : l10n.t('no objects');
}
