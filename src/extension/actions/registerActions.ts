/** The action commands and the live objects' YAML documents, registered for the extension's lifetime. */
import * as vscode from 'vscode';
import { actionSpec, type ActionId } from '../../engine/actions/catalog.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { EventsTree } from '../views/eventsTree.js';
import { setActionSink } from './actionJournal.js';
import type { DisposableStore } from '../lifetime.js';
import { portForward, stopPortForward } from '../portForward/portForwardCommand.js';
import { PortForwards } from '../portForward/portForwards.js';
import { Shells } from '../shell/shellCommand.js';
import { copyKubectl, copyName, deleteObjects, drain, restart, scale, setCordon, viewYaml } from './actionCommands.js';
import type { ActionArgument } from './actionTargets.js';
import { APPLY_SCHEME, ApplyDocuments } from './applyDocuments.js';
import { applyManifests } from './applyManifestsCommand.js';
import { applyEdited, applyOnSave, editObject, type EditDeps } from './editObject.js';
import { OBJECT_SCHEME, ObjectDocuments, toggleManagedFields } from './objectDocuments.js';

/** The command that runs `action` (the details panel's buttons run the same commands as the Resources view). */
export function actionCommand(action: ActionId): string {
  return `kubilitics.actions.${actionSpec(action).command}`;
}

type Register = <A extends unknown[]>(id: string, run: (...args: A) => Promise<void>) => void;

/** `storage`: where edited copies are kept (the extension's global storage). */
export function registerActions(
  lifetime: DisposableStore,
  clusters: ClusterManager,
  events: EventsTree,
  command: Register,
  storage: vscode.Uri,
): void {
  setActionSink({
    record: (action, entry) => {
      clusters.recorder?.recordUserAction(action.objectId, entry);
      events.addUserAction(entry);
    },
  });
  lifetime.onDispose(() => setActionSink(undefined));
  lifetime.register(vscode.workspace.registerTextDocumentContentProvider(OBJECT_SCHEME, new ObjectDocuments(clusters)));
  const documents = lifetime.register(new ApplyDocuments());
  lifetime.register(vscode.workspace.registerTextDocumentContentProvider(APPLY_SCHEME, documents));
  const diagnostics = lifetime.register(vscode.languages.createDiagnosticCollection('kubilitics-apply'));
  const edits: EditDeps = { clusters, storage, documents, diagnostics };
  lifetime.register(applyOnSave(edits));
  // Tree commands get the clicked item and, with a multi-selection, every selected item.
  type Run = (argument?: ActionArgument, selected?: readonly ActionArgument[]) => Promise<void>;
  const shells = new Shells(lifetime);
  const forwards = new PortForwards(lifetime, clusters);
  const actions: Readonly<Record<ActionId, Run>> = {
    'view-yaml': (argument) => viewYaml(clusters, argument),
    edit: (argument) => editObject(edits, argument),
    'copy-name': (argument, selected) => copyName(clusters, argument, selected),
    'copy-kubectl': (argument) => copyKubectl(clusters, argument),
    scale: (argument) => scale(clusters, argument),
    restart: (argument) => restart(clusters, argument),
    delete: (argument, selected) => deleteObjects(clusters, argument, selected),
    cordon: (argument) => setCordon(clusters, argument, true),
    uncordon: (argument) => setCordon(clusters, argument, false),
    drain: (argument) => drain(clusters, argument),
    shell: (argument) => shells.shell(clusters, argument),
    'port-forward': (argument) => portForward(clusters, forwards, argument),
  };
  for (const [id, run] of Object.entries(actions)) command(actionCommand(id as ActionId), run);
  command('kubilitics.actions.applyEdited', () => applyEdited(edits));
  command('kubilitics.actions.applyManifests', (uri?: vscode.Uri, uris?: vscode.Uri[]) =>
    applyManifests(edits, uri instanceof vscode.Uri ? uri : undefined, Array.isArray(uris) ? uris : undefined),
  );
  command('kubilitics.actions.stopPortForward', (argument?: unknown) => stopPortForward(forwards, argument));
  command('kubilitics.actions.toggleManagedFields', (uri?: vscode.Uri) => toggleManagedFields(uri instanceof vscode.Uri ? uri : undefined));
}
