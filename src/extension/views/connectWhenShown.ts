/** A view that tells when it is shown (a vscode.TreeView is one). */
export interface ShownView {
  readonly visible: boolean;
  onDidChangeVisibility(listener: (event: { readonly visible: boolean }) => unknown): { dispose(): void };
}

/** What connecting needs of the cluster manager. */
export interface Connector {
  readonly session: object | undefined;
  readonly contextName: string | undefined;
  reload(): Promise<void>;
}

/**
 * Connects to the kubeconfig's context the first time any of the cluster views (Resources, Events, Logs) is shown —
 * not at activation, because a YAML-only session never needs a cluster. Whichever view is shown first connects,
 * alone or with the others; a reload already under way is not started twice.
 */
export function connectWhenShown(views: readonly ShownView[], clusters: Connector): { dispose(): void } {
  let loading: Promise<void> | undefined;
  const connect = (): void => {
    if (loading || clusters.session || clusters.contextName) return;
    loading = clusters.reload().finally(() => (loading = undefined));
  };
  const subscriptions = views.map((view) =>
    view.onDidChangeVisibility((event) => {
      if (event.visible) connect();
    }),
  );
  if (views.some((view) => view.visible)) connect();
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
}
