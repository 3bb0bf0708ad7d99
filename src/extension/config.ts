import * as vscode from 'vscode';
import { intakeLimits, type IntakeLimits } from '../engine/intake/limits.js';
import { snapshotFileLimits, type SnapshotFileLimits } from '../engine/store/snapshotFile.js';
import type { ToolName } from '../tools/toolCommand.js';
import type { RecorderSettings } from './history/clusterRecorder.js';

const SECTION = 'kubilitics';

/**
 * A setting as it may be trusted: in Restricted Mode only the user's own settings count, never the workspace's,
 * because a workspace could point us at a kubeconfig whose exec plugin runs any program.
 */
function trustedValue<T>(section: string, key: string, pick: (value: unknown) => T | undefined = (value) => value as T): T | undefined {
  const inspected = vscode.workspace.getConfiguration(section).inspect<unknown>(key);
  if (!inspected) return undefined;
  const levels = vscode.workspace.isTrusted
    ? [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue]
    : [inspected.globalValue];
  for (const level of levels) {
    const value = level === undefined ? undefined : pick(level);
    if (value !== undefined) return value;
  }
  return undefined;
}

const stringIn =
  (key: string) =>
  (value: unknown): string | undefined => {
    const found = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return typeof found === 'string' && found.length > 0 ? found : undefined;
  };

/** Typed reads of the extension's settings. */
export const settings = {
  defaultNamespace(): string {
    return vscode.workspace.getConfiguration(SECTION).get<string>('defaultNamespace', 'default') || 'default';
  },
  manifestDebounceMs(): number {
    const value = vscode.workspace.getConfiguration(SECTION).get<number>('manifests.debounceMs', 300);
    return Math.min(Math.max(value, 50), 5000);
  },
  exportDirectory(): string {
    return vscode.workspace.getConfiguration(SECTION).get<string>('export.directory', 'docs/topology');
  },
  /** The Events view: rows per list before "more"; notifications of new Warnings (off unless the user turns them on). */
  events(): { maxRows: number; notify: boolean; notifyFilter: string; notifyPerMinute: number } {
    const config = vscode.workspace.getConfiguration(SECTION);
    return {
      maxRows: Math.min(Math.max(config.get<number>('events.maxRows', 500), 50), 20_000),
      notify: config.get<boolean>('events.notifications.enabled', false),
      notifyFilter: config.get<string>('events.notifications.filter', ''),
      notifyPerMinute: Math.min(Math.max(config.get<number>('events.notifications.maxPerMinute', 3), 1), 60),
    };
  },
  /** Seconds between metrics.k8s.io polls; 0 turns metrics off. */
  metricsIntervalSeconds(): number {
    const value = vscode.workspace.getConfiguration(SECTION).get<number>('metrics.intervalSeconds', 30);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
    return Math.min(Math.max(value, 5), 3600);
  },
  /**
   * The helm, kustomize and kubectl programs named in settings (else each is looked up on PATH). In Restricted Mode
   * only the user's own settings count: a workspace must not choose a program the extension runs.
   */
  toolPaths(): Partial<Record<ToolName, string>> {
    const paths: Partial<Record<ToolName, string>> = {};
    for (const tool of ['helm', 'kustomize', 'kubectl'] as const) {
      const path = trustedValue<string>(SECTION, `${tool}.path`, (value) =>
        typeof value === 'string' && value.trim() ? value.trim() : undefined,
      );
      if (path !== undefined) paths[tool] = path;
    }
    return paths;
  },
  kubeconfig(): string | undefined {
    return trustedValue<string>(SECTION, 'kubeconfig', (value) => (typeof value === 'string' && value ? value : undefined));
  },
  /** Microsoft's Kubernetes extension's kubeconfig setting (a key inside its `vs-kubernetes` object), so users set it once. */
  vsKubernetesKubeconfig(): string | undefined {
    return trustedValue<string>('', 'vs-kubernetes', stringIn('vs-kubernetes.kubeconfig'));
  },
  /**
   * Whether the workspace settings (not the user's) set `vs-kubernetes.kubeconfig`: Microsoft's Kubernetes extension
   * reads that setting from every level, so in Restricted Mode its kubeconfig path is then not followed.
   */
  vsKubernetesKubeconfigFromWorkspace(): boolean {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown>('vs-kubernetes');
    const fromLevel = stringIn('vs-kubernetes.kubeconfig');
    return fromLevel(inspected?.workspaceFolderValue) !== undefined || fromLevel(inspected?.workspaceValue) !== undefined;
  },
  recorder(): RecorderSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    return {
      intervalMs: Math.max(1, config.get<number>('snapshots.intervalMinutes', 15)) * 60_000,
      changeThreshold: Math.max(1, config.get<number>('snapshots.changeThreshold', 100)),
      maxAgeMs: Math.max(1, config.get<number>('snapshots.maxAgeDays', 30)) * 86_400_000,
      maxTotalBytes: Math.max(1, config.get<number>('snapshots.maxTotalMB', 200)) * 1_048_576,
    };
  },
  /**
   * Limits on the manifests read (the `kubilitics.limits.*` settings). Only the user's own settings count: a
   * repository must not raise the limits that protect the editor from its own files.
   */
  intakeLimits(): IntakeLimits {
    const user = (key: string): unknown => vscode.workspace.getConfiguration(SECTION).inspect<unknown>(`limits.${key}`)?.globalValue;
    const megabytes = (value: unknown): unknown => (typeof value === 'number' ? Math.round(value * 1_048_576) : undefined);
    return intakeLimits({
      fileBytes: megabytes(user('fileMB')),
      totalBytes: megabytes(user('totalMB')),
      objects: user('objects'),
      depth: user('depth'),
      aliases: user('aliases'),
      keysPerMap: user('keysPerMap'),
    });
  },
  /** Limits of a snapshot import; the decompressed size is the one users may need to raise. */
  snapshotImportLimits(): SnapshotFileLimits {
    // User settings only, like the intake limits: a repository must not raise what protects the editor.
    const megabytes = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('snapshots.importMaxMB')?.globalValue ?? 256;
    const valid = typeof megabytes === 'number' && Number.isFinite(megabytes) && megabytes >= 1;
    return snapshotFileLimits(valid ? megabytes : 256);
  },
  watchNamespaces(): string[] {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('watchNamespaces', []);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0) : [];
  },
};
