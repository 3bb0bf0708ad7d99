/** The action commands and the live objects' YAML documents, registered for the extension's lifetime. */
import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { DisposableStore } from '../lifetime.js';
import { copyKubectl, copyName, deleteObjects, drain, restart, scale, setCordon, viewYaml } from './actionCommands.js';
import type { ActionArgument } from './actionTargets.js';
import { OBJECT_SCHEME, ObjectDocuments, toggleManagedFields } from './objectDocuments.js';

type Register = <A extends unknown[]>(id: string, run: (...args: A) => Promise<void>) => void;

export function registerActions(lifetime: DisposableStore, clusters: ClusterManager, command: Register): void {
  lifetime.register(vscode.workspace.registerTextDocumentContentProvider(OBJECT_SCHEME, new ObjectDocuments(clusters)));
  // Tree commands get the clicked item and, with a multi-selection, every selected item.
  type Run = (argument?: ActionArgument, selected?: readonly ActionArgument[]) => Promise<void>;
  const actions: Readonly<Record<string, Run>> = {
    viewYaml: (argument) => viewYaml(clusters, argument),
    copyName: (argument, selected) => copyName(clusters, argument, selected),
    copyKubectl: (argument) => copyKubectl(clusters, argument),
    scale: (argument) => scale(clusters, argument),
    restart: (argument) => restart(clusters, argument),
    delete: (argument, selected) => deleteObjects(clusters, argument, selected),
    cordon: (argument) => setCordon(clusters, argument, true),
    uncordon: (argument) => setCordon(clusters, argument, false),
    drain: (argument) => drain(clusters, argument),
  };
  for (const [name, run] of Object.entries(actions)) command(`kubilitics.actions.${name}`, run);
  command('kubilitics.actions.toggleManagedFields', (uri?: vscode.Uri) => toggleManagedFields(uri instanceof vscode.Uri ? uri : undefined));
}
