/**
 * Which paths are rendered by a tool before they are drawn: a Helm chart (a folder with `Chart.yaml`, or that file)
 * is rendered with `helm template`, a Kustomize root (a folder with `kustomization.yaml`, `.yml` or `Kustomization`,
 * or that file) with `kustomize build`. Everything else is read as plain manifests. One rule for the CLI and the
 * extension, so a chart folder is rendered, never walked as YAML (its templates are not YAML), in both.
 */

export type RenderTool = 'helm' | 'kustomize';

export interface RenderTarget {
  readonly tool: RenderTool;
  /** The chart or kustomization folder. */
  readonly root: string;
  /** The file that makes it one (`Chart.yaml`, `kustomization.yaml`), inside `root`. */
  readonly marker: string;
}

export const CHART_FILE = 'Chart.yaml';
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The tool a marker file's name calls for, or undefined for any other file. */
export function toolOfMarker(fileName: string): RenderTool | undefined {
  if (fileName === CHART_FILE) return 'helm';
  return KUSTOMIZATION_FILES.includes(fileName) ? 'kustomize' : undefined;
}

/**
 * The render target of `path` (a file or folder, `/`-separated or not), given whether it is a folder and the names
 * of the files in it (for a folder) or beside it (unused for a file). A folder with both a chart and a
 * kustomization is a chart: `helm install` is how such a folder is meant to be used.
 */
export function renderTargetOf(path: string, isFolder: boolean, namesInFolder: readonly string[]): RenderTarget | undefined {
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
  if (!isFolder) {
    const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
    const tool = toolOfMarker(trimmed.slice(cut + 1));
    const root = cut === -1 ? '.' : cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut);
    return tool === undefined ? undefined : { tool, root, marker: trimmed };
  }
  const join = (name: string): string => (trimmed.endsWith(separator) ? `${trimmed}${name}` : `${trimmed}${separator}${name}`);
  if (namesInFolder.includes(CHART_FILE)) return { tool: 'helm', root: trimmed, marker: join(CHART_FILE) };
  const kustomization = KUSTOMIZATION_FILES.find((name) => namesInFolder.includes(name));
  return kustomization === undefined ? undefined : { tool: 'kustomize', root: trimmed, marker: join(kustomization) };
}
