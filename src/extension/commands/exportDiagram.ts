import * as vscode from 'vscode';
import { renderJson, renderYaml } from '../../engine/export/data.js';
import { renderDot } from '../../engine/export/dot.js';
import { describeFilters } from '../../engine/export/filters.js';
import { renderMermaid } from '../../engine/export/mermaid.js';
import { buildScene } from '../../engine/export/model.js';
import { expectedPlaceholders } from '../../engine/findings.js';
import type { Scene } from '../../engine/export/scene.js';
import type { ExportTheme } from '../../engine/export/palette.js';
import { renderPdf } from '../../engine/export/pdf.js';
import { renderSvg } from '../../engine/export/svg.js';
import { parseViewPositions, positionsById } from '../../engine/export/viewPositions.js';
import { settings } from '../config.js';
import type { HistoryService } from '../history/historyService.js';
import type { TopologyPanel } from '../topology/panel.js';
import type { TopologyPanels } from '../topology/panels.js';
import { safeFileName } from '../topology/naming.js';

type Format = 'svg' | 'png' | 'pdf' | 'json' | 'yaml' | 'mmd' | 'dot';

const formats = (): readonly { format: Format; label: string; detail: string; picked?: boolean }[] => [
  { format: 'svg', label: 'SVG', detail: vscode.l10n.t('vector, self-contained, renders on GitHub'), picked: true },
  { format: 'png', label: 'PNG', detail: vscode.l10n.t('the view as a picture, 1×–4×') },
  { format: 'pdf', label: 'PDF', detail: vscode.l10n.t('vector, title block, tiled pages with an overview') },
  { format: 'json', label: 'JSON', detail: vscode.l10n.t('the graph as data with positions (stable order for git)') },
  { format: 'yaml', label: 'YAML', detail: vscode.l10n.t('the same data as YAML') },
  { format: 'mmd', label: 'Mermaid', detail: vscode.l10n.t('renders in GitHub Markdown') },
  { format: 'dot', label: 'Graphviz DOT', detail: vscode.l10n.t('for dot/neato') },
];

/** "Kubilitics: Export Diagram…": what the view shows (positions, filters, collapse state), in the formats picked. */
export async function exportDiagram(panels: TopologyPanels, history: HistoryService): Promise<void> {
  const panel = panels.active;
  if (!panel) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: open a topology view first (Kubilitics: Open Topology).'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    formats().map((f) => ({ ...f, description: `.${f.format}` })),
    { title: vscode.l10n.t('Kubilitics: Export Diagram — formats'), canPickMany: true },
  );
  if (!picked?.length) return;
  const theme = await pickTheme();
  if (!theme) return;
  const scale = picked.some((f) => f.format === 'png') ? await pickScale() : undefined;
  if (scale === null) return;
  const base = await pickLocation(panel);
  if (!base) return;
  const targets = picked.map((f) => ({ format: f.format, uri: base.with({ path: `${base.path}.${f.format}` }) }));
  const existing = await existingFiles(targets.map((t) => t.uri));
  const overwrite = vscode.l10n.t('Overwrite');
  if (
    existing.length &&
    (await vscode.window.showWarningMessage(
      vscode.l10n.t('Overwrite {0}?', existing.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ')),
      { modal: true },
      overwrite,
    )) !== overwrite
  )
    return;
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kubilitics: exporting') },
    async () => {
      const scene = await sceneOf(panel, theme);
      for (const target of targets) await vscode.workspace.fs.writeFile(target.uri, await render(panel, scene, target.format, scale ?? 2));
      return targets;
    },
  );
  const stores = await history.stores().then((opened) => (opened?.readOnly ? undefined : opened));
  if (stores) {
    for (const target of written)
      stores.exports.add({ what: panel.source.title, format: target.format, path: target.uri.fsPath, at: Date.now() });
    stores.db.scheduleSave();
  }
  const first = written[0]!.uri;
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Kubilitics: exported {0}', written.map((t) => vscode.workspace.asRelativePath(t.uri)).join(', ')),
    open,
    reveal,
  );
  if (choice === open) await vscode.commands.executeCommand('vscode.open', first);
  if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', first);
}

async function pickTheme(): Promise<ExportTheme | undefined> {
  const current = themeOfVsCode();
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Document (light, for READMEs and docs)'), theme: 'document' as const },
      { label: vscode.l10n.t('Current VS Code theme ({0})', current), theme: current },
    ],
    { title: vscode.l10n.t('Kubilitics: Export Diagram — theme') },
  );
  return choice?.theme;
}

function themeOfVsCode(): ExportTheme {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    default:
      return 'light';
  }
}

async function pickLocation(panel: TopologyPanel): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = safeFileName(panel.source.title);
  const suggested = folder ? vscode.Uri.joinPath(folder, settings.exportDirectory(), name) : undefined;
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Kubilitics: Export Diagram — file name (the extension is added per format)'),
    ...(suggested ? { defaultUri: suggested } : {}),
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  return uri.with({ path: uri.path.replace(/\.(svg|png|pdf|json|ya?ml|mmd|dot)$/i, '') });
}

async function existingFiles(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  for (const uri of uris) {
    try {
      await vscode.workspace.fs.stat(uri);
      found.push(uri);
    } catch {
      // absent: nothing to overwrite
    }
  }
  return found;
}

/** The scene of exactly what the view shows: the positions it reports, with its filters and collapse state. */
async function sceneOf(panel: TopologyPanel, theme: ExportTheme): Promise<Scene> {
  const answer = await panel.requestExport('positions');
  if (answer.error) throw new Error(answer.error);
  const parsed = parseViewPositions(answer.data);
  if (!parsed.ok) throw new Error(`the view sent unusable positions: ${parsed.reason}`);
  const graph = panel.source.graphNow();
  const generatedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return buildScene({
    graph,
    options: parsed.value.view,
    positions: positionsById(parsed.value),
    ...(parsed.value.routes === undefined ? {} : { routes: parsed.value.routes }),
    ...(parsed.value.crossCutting === undefined ? {} : { crossCutting: parsed.value.crossCutting }),
    expected: expectedPlaceholders(panel.findingsShown),
    theme,
    meta: {
      title: panel.source.title,
      source: panel.source.mode === 'manifests' ? `manifests: ${panel.source.title}` : `cluster context ${panel.source.title}`,
      filters: describeFilters(graph, parsed.value.view),
      version: String(vscode.extensions.getExtension('kubilitics.kubilitics')?.packageJSON?.version ?? ''),
      generatedAt,
    },
  });
}

async function pickScale(): Promise<number | null> {
  const choice = await vscode.window.showQuickPick(
    ['1', '2', '3', '4'].map((n) => ({ label: `${n}×`, scale: Number(n) })),
    { title: vscode.l10n.t('Kubilitics: Export Diagram — PNG scale') },
  );
  return choice?.scale ?? null;
}

async function render(panel: TopologyPanel, scene: Scene, format: Format, scale: number): Promise<Uint8Array> {
  switch (format) {
    case 'svg':
      return Buffer.from(renderSvg(scene));
    case 'pdf':
      return renderPdf(scene);
    case 'json':
      return Buffer.from(renderJson(scene));
    case 'yaml':
      return Buffer.from(renderYaml(scene));
    case 'mmd':
      return Buffer.from(renderMermaid(scene));
    case 'dot':
      return Buffer.from(renderDot(scene));
    case 'png': {
      // The native rasterizer stays with the CLI; in VS Code the view draws its own PNG of the same picture.
      const answer = await panel.requestExport('png', scale);
      if (answer.error || !answer.data.startsWith('data:image/png;base64,')) throw new Error(answer.error ?? 'the view sent no PNG');
      return Buffer.from(answer.data.slice('data:image/png;base64,'.length), 'base64');
    }
  }
}
