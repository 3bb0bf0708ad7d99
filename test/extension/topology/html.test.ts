import { describe, expect, it } from 'vitest';
import { renderWebviewHtml } from '../../../src/extension/topology/html';

describe('renderWebviewHtml', () => {
  const html = renderWebviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://r/main.js',
    styleUri: 'https://r/main.css',
    workerUri: 'https://r/layoutWorker.js?x="<y>"',
  });

  it('has a strict CSP: no unsafe-inline, no unsafe-eval, nonce-only scripts, blob workers', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).toContain('style-src https://file+.vscode-resource.vscode-cdn.net');
    expect(csp).toContain('worker-src https://file+.vscode-resource.vscode-cdn.net blob:');
    expect(csp).not.toMatch(/unsafe/);
  });

  it('has no inline script or style, and escapes attribute values', () => {
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/style="/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).toContain('data-worker-uri="https://r/layoutWorker.js?x=&quot;&lt;y&gt;&quot;"');
    expect(html).toContain('id="__________cytoscape_stylesheet"');
  });
});
