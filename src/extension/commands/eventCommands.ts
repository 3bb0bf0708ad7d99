import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { TopologyPanels } from '../topology/panels.js';
import type { EventsTree } from '../views/eventsTree.js';
import type { EventFilter, EventGrouping, EventRow } from '../views/eventsModel.js';
import type { ResourcesTree } from '../views/resourcesTree.js';

const groupings = (): ReadonlyArray<{ readonly label: string; readonly grouping: EventGrouping }> => [
  { label: vscode.l10n.t('No grouping (newest first)'), grouping: 'none' },
  { label: vscode.l10n.t('Namespace'), grouping: 'namespace' },
  { label: vscode.l10n.t('Involved object'), grouping: 'object' },
  { label: vscode.l10n.t('Reason'), grouping: 'reason' },
];

export async function groupEvents(tree: EventsTree): Promise<void> {
  const current = tree.current.groupBy;
  const picked = await vscode.window.showQuickPick(
    groupings().map((entry) => ({ ...entry, description: entry.grouping === current ? vscode.l10n.t('current') : '' })),
    { title: vscode.l10n.t('Kubilitics: Group Events By') },
  );
  if (picked) tree.setGrouping(picked.grouping);
}

type Facet = 'types' | 'namespaces' | 'kinds' | 'reasons';

interface FacetPick extends vscode.QuickPickItem {
  readonly facet?: Facet;
  readonly value?: string;
}

const FACETS: readonly Facet[] = ['types', 'namespaces', 'kinds', 'reasons'];
const facetTitles = (): Readonly<Record<Facet, string>> => ({
  types: vscode.l10n.t('Type'),
  namespaces: vscode.l10n.t('Namespace'),
  kinds: vscode.l10n.t('Kind'),
  reasons: vscode.l10n.t('Reason'),
});

/** One multi-select pick over the values present: type, namespace, kind and reason; the text filter is kept. */
export async function filterEvents(tree: EventsTree): Promise<void> {
  const facets = tree.current.facets();
  const filter = tree.current.currentFilter;
  const items: FacetPick[] = [];
  const titles = facetTitles();
  for (const facet of FACETS) {
    const values = [...facets[facet]].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (values.length === 0) continue;
    items.push({ label: titles[facet], kind: vscode.QuickPickItemKind.Separator });
    for (const [value, count] of values.slice(0, 200)) {
      items.push({
        label: value || vscode.l10n.t('(none)'),
        description: `${count}`,
        facet,
        value,
        picked: filter[facet]?.has(value) ?? false,
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Kubilitics: Filter Events (values of one kind OR, kinds AND)'),
    canPickMany: true,
    matchOnDescription: false,
  });
  if (!picked) return;
  const next: Record<Facet, Set<string>> = { types: new Set(), namespaces: new Set(), kinds: new Set(), reasons: new Set() };
  for (const item of picked) if (item.facet && item.value !== undefined) next[item.facet].add(item.value);
  tree.setFilter({ ...next, ...(filter.text ? { text: filter.text } : {}) });
}

export async function searchEvents(tree: EventsTree): Promise<void> {
  const filter = tree.current.currentFilter;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Kubilitics: Search Events'),
    prompt: vscode.l10n.t('Text in the message, reason, object or source'),
    value: filter.text ?? '',
  });
  if (text !== undefined) tree.setFilter({ ...filter, text } satisfies EventFilter);
}

/** Reveals the row's object in the Resources tree and in the cluster topology. */
export async function revealEvent(
  manager: ClusterManager,
  panels: TopologyPanels,
  resources: ResourcesTree,
  row?: EventRow,
): Promise<void> {
  if (!row) return;
  const session = manager.session;
  const o = row.object;
  if (!session) return;
  const id = session.engine.refId(o.group, o.kind, o.namespace, o.name);
  const revealed = await resources.revealObject(id);
  panels.openCluster().focus(id);
  if (!revealed && !session.engine.record(id)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Kubilitics: {0} {1} is no longer in the cluster (its Events outlive it).', o.kind, o.name),
    );
  }
}
