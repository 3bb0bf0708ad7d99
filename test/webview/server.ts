/**
 * What the webview tests serve and launch, without importing vitest (the project's global set-up runs this in the
 * vitest process itself): the webview bundles behind the production HTML shell and CSP, and Chromium's options.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebview } from '../../scripts/build.mjs';
import { renderWebviewHtml } from '../../src/extension/topology/html';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The webview project's shared server and Chromium (globalSetup.ts); null where Chromium is not installed. */
    kubiliticsWebview: { readonly origin: string; readonly wsEndpoint: string } | null;
  }
}

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const TYPES: Readonly<Record<string, string>> = { js: 'text/javascript', css: 'text/css', map: 'application/json' };

/** The webview bundles served from 127.0.0.1 with the production HTML shell and CSP. */
export interface ServedWebview {
  readonly origin: string;
  close(): Promise<void>;
}

/** Builds the webview bundles into a temp dir and serves them; `close()` stops the server and removes the dir. */
export async function serveWebview(): Promise<ServedWebview> {
  const outdir = mkdtempSync(join(tmpdir(), 'kubilitics-webview-'));
  await buildWebview({ outdir });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/') {
      const origin = `http://${req.headers.host ?? ''}`;
      const html = renderWebviewHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/main.js`,
        styleUri: `${origin}/main.css`,
        workerUri: `${origin}/layoutWorker.js`,
      });
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return;
    }
    const file = /^\/(main\.js|main\.css|layoutWorker\.js)(\.map)?$/.exec(path);
    if (file === null) {
      res.writeHead(404).end();
      return;
    }
    const ext = path.endsWith('.map') ? 'map' : (path.split('.').pop() ?? 'js');
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'text/plain' }).end(readFileSync(join(outdir, path.slice(1))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async (): Promise<void> => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/** How the webview tests launch Chromium (the LaunchOptions shape, which both launch and launchServer take). */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; headless: boolean } {
  return { executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true };
}
