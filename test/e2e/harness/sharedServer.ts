/**
 * One code-server for the whole e2e run. Each test file used to package the extension, install it and start its
 * own code-server (~1 min of a 2-core machine per file); now the e2e project's global set-up (globalSetup.ts)
 * packages the .vsix once, installs it once and starts one code-server, in the background so the unit and webview
 * tests run meanwhile. Test files run in other processes: they reach the set-up through a small HTTP endpoint in
 * the vitest process, whose address they get with `inject('kubiliticsE2e')`, and ask it for the .vsix or the
 * server, waiting while either is still being made. Each file opens its own window on its own workspace folder
 * (its own extension host and workspace storage): see `openSharedWindow` in ../support.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath, codeServerPaths, installExtension, makeTempDirs, startCodeServer, type CodeServerInstance } from './codeServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the e2e set-up's endpoint; empty where code-server is not installed. */
    kubiliticsE2e: string;
  }
}

/** What a test file needs of the shared code-server. */
export interface SharedCodeServer {
  readonly url: string;
  /** Parent of every file's folders (`<name>-XXXXXX/workspace`, opened in the file's window). */
  readonly workspacesDir: string;
  /** The server's user data: User/settings.json is shared by all its windows. */
  readonly userDataDir: string;
  readonly vsix: string;
}

const execFileAsync = promisify(execFile);

/** The .vsix as users get it: production build, packaged by vsce into `<root>/kubilitics.vsix`. */
export async function packageExtension(root: string): Promise<string> {
  const out = resolve(root, 'kubilitics.vsix');
  await execFileAsync(process.execPath, [resolve(root, 'scripts/build.mjs'), '--production'], { cwd: root });
  const vsce = resolve(root, 'node_modules/@vscode/vsce/vsce');
  await execFileAsync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root });
  return out;
}

/** Whether code-server and Chromium are installed; the test files themselves report (or fail on) their absence. */
export function codeServerInstalled(): boolean {
  try {
    codeServerPaths();
    return existsSync(chromiumPath());
  } catch {
    return false;
  }
}

/** The running set-up in the vitest process: the .vsix and the server, each a promise until made. */
export interface SharedSetup {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startSharedSetup(root: string): Promise<SharedSetup> {
  const dirs = await makeTempDirs('kubilitics-e2e-shared-');
  const workspacesDir = join(dirs.root, 'workspaces');
  await mkdir(workspacesDir, { recursive: true });
  const vsix = packageExtension(root);
  let code: CodeServerInstance | undefined;
  const server = (async (): Promise<SharedCodeServer> => {
    await installExtension(await vsix, dirs.extensionsDir);
    // A closed window's extension host lingers for this grace time (3 hours by default); 30 s lets the hosts of
    // finished files go, while a busy machine's stalled window still reconnects.
    // KUBECONFIG names a file that does not exist: the server (and every window's extension host) would otherwise
    // inherit the developer's environment and read ~/.kube/config, so each window would talk to their real cluster.
    // This way a window without a `kubilitics.kubeconfig` workspace setting sees "no kubeconfig", as a new user does.
    code = await startCodeServer({
      workspaceFolder: workspacesDir,
      extensionsDir: dirs.extensionsDir,
      userDataDir: dirs.userDataDir,
      env: { CODE_SERVER_RECONNECTION_GRACE_TIME: '30', KUBECONFIG: join(dirs.root, 'no-kubeconfig-here') },
    });
    return { url: code.url, workspacesDir, userDataDir: dirs.userDataDir, vsix: await vsix };
  })();
  const endpoint = await serve({ '/vsix': vsix.then((path) => ({ vsix: path })), '/server': server });
  return {
    endpoint: endpoint.url,
    stop: async (): Promise<void> => {
      await new Promise((done) => endpoint.http.close(done));
      await server.catch(() => undefined);
      await code?.stop();
      await dirs.cleanup();
    },
  };
}

type Answer =
  | { readonly state: 'pending' }
  | { readonly state: 'ready'; readonly value: unknown }
  | { readonly state: 'failed'; readonly error: string };

/** Answers GET <route> with 202 while its promise is pending, 200 + JSON once made, 500 + the error if it failed. */
async function serve(routes: Readonly<Record<string, Promise<unknown>>>): Promise<{ url: string; http: Server }> {
  const answers = new Map<string, Answer>();
  for (const [route, promise] of Object.entries(routes)) {
    answers.set(route, { state: 'pending' });
    promise.then(
      (value) => answers.set(route, { state: 'ready', value }),
      (error: unknown) => answers.set(route, { state: 'failed', error: describe(error) }),
    );
  }
  const http = createServer((request, response) => {
    const answer = answers.get(request.url ?? '');
    if (answer === undefined) response.writeHead(404).end();
    else if (answer.state === 'pending') response.writeHead(202).end();
    else if (answer.state === 'failed') response.writeHead(500, { 'content-type': 'text/plain' }).end(answer.error);
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.value));
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, http };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Asks the set-up for `route`, waiting while it is being made (the hook's timeout bounds the wait). */
export async function askSharedSetup<T>(endpoint: string, route: '/vsix' | '/server'): Promise<T> {
  for (;;) {
    const response = await fetch(`${endpoint}${route}`);
    if (response.status === 200) return (await response.json()) as T;
    if (response.status !== 202) throw new Error(`the shared e2e set-up failed (${route}):\n${await response.text()}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}
