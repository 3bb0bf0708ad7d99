/**
 * The webview's HTML shell. Pure string work (no DOM, no Node, no vscode) so the host can call it and
 * tests can render it. Everything dynamic comes from the bundle; the page carries no inline script or
 * style, so the CSP needs neither 'unsafe-inline' nor 'unsafe-eval'.
 */

export interface WebviewHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** Fresh per render, from a CSPRNG (crypto.randomBytes on the host). */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly workerUri: string;
  readonly title?: string;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The Content-Security-Policy for the page:
 * - `connect-src`: the layout worker script is fetched from the resource origin and started from a blob:
 *   URL, because browsers refuse `new Worker()` on a URL of another origin (VS Code's resource origin is
 *   not the webview document's origin);
 * - `worker-src blob:` allows that blob worker;
 * - `img-src data:` allows cytoscape's PNG export and data-URI images.
 */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `worker-src ${cspSource} blob:`,
    `connect-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, workerUri } = options;
  const title = escapeAttr(options.title ?? 'Kubilitics topology');
  // The stylesheet link carries cytoscape's well-known stylesheet id: cytoscape injects a <style> tag
  // unless an element with that id exists, and an injected <style> would violate the CSP. main.css
  // contains the one rule cytoscape would have added.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(webviewCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link id="__________cytoscape_stylesheet" rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>${title}</title>
</head>
<body>
<div id="app" data-worker-uri="${escapeAttr(workerUri)}"></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>
`;
}
