import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, classify } from '../../../src/extension/cluster/apiClient.js';
import { explain } from '../../../src/extension/cluster/clusterErrors.js';
import { loadKubeconfig } from '../../../src/extension/cluster/kubeconfig.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import { startFakeApiServer, type FakeApiServer } from '../../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../../cluster/fake/fixtures.js';

// What real plugins print when they fail: a bearer token, a signed URL with its query, a device code.
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.FAKE-PLUGIN-TOKEN-7f3a9c';
const URL_SECRET = 'X-Amz-Signature=5e1d0c0ffee';

let dir: string;
let server: FakeApiServer;

/** An executable Node script, started by client-node exactly as a real plugin would be. */
async function plugin(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/usr/bin/env node\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/** The fake server's kubeconfig with its user's credentials coming from `command`, loaded as the extension loads it. */
async function connectWith(command: string): Promise<ClusterSession> {
  const kubeconfig = parse(server.kubeconfigYaml()) as { users: { user: unknown }[] };
  kubeconfig.users[0]!.user = {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command,
      args: ['get-token', '--cluster', 'fake'],
      interactiveMode: 'Never',
    },
  };
  const file = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, stringify(kubeconfig));
  const { config } = await loadKubeconfig([file]);
  const session = new ClusterSession(new ApiClient(config, 5000), { onDelta: () => undefined, onStatus: () => undefined });
  sessions.push(session);
  return session;
}

const sessions: ClusterSession[] = [];

/** What ClusterManager.report writes to the log and shows in the notification: the same explained sentence. */
async function reportedFailure(command: string): Promise<{ error: ApiError; text: string }> {
  const session = await connectWith(command);
  const error = await session.start().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ApiError);
  const explained = explain(error, 'fake');
  return { error: error as ApiError, text: [explained.message, (error as ApiError).message, String(error)].join('\n') };
}

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(TOKEN);
  // JSON.parse quotes the first characters of the output it rejects: not even those.
  expect(text).not.toContain(TOKEN.slice(0, 8));
  expect(text).not.toContain('FAKE-PLUGIN-TOKEN');
  expect(text).not.toContain(URL_SECRET);
}

describe('a failing credential plugin', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plugins-'));
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.dispose();
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is reported by command and exit code, never by what it printed on stderr', async () => {
    const command = await plugin(
      'fails-loudly',
      `process.stderr.write('error: token ${TOKEN} expired; open https://login.example/device?code=1&${URL_SECRET}\\n');\n` +
        `process.stdout.write('Authorization: Bearer ${TOKEN}\\n');\nprocess.exit(3);`,
    );
    const { error, text } = await reportedFailure(command);
    expect(error.kind).toBe('exec-failed');
    expectNoSecrets(text);
    expect(text).toContain(`the credential plugin "${command}" of user "fake-user" exited with code 3`);
    expect(text).toContain('output was withheld because credential plugins may print secrets');
    expect(text).toMatch(/run ".*fails-loudly" in a terminal/);
  });

  it('that prints something other than an ExecCredential is reported without quoting it', async () => {
    const command = await plugin('not-json', `process.stdout.write('${TOKEN} (paste this into your browser: ?${URL_SECRET})\\n');`);
    const { error, text } = await reportedFailure(command);
    expect(error.kind).toBe('exec-failed');
    expectNoSecrets(text);
    expect(text).toContain('exited with code 0 but did not print a valid ExecCredential');
  });

  it('that is killed is reported by its signal', async () => {
    const command = await plugin('killed', `process.stderr.write('${TOKEN}\\n');\nprocess.kill(process.pid, 'SIGKILL');`);
    const { text } = await reportedFailure(command);
    expectNoSecrets(text);
    expect(text).toContain('was stopped by SIGKILL');
  });

  it('does not get in the way of a plugin that works (the exit code tracking wraps the real spawn)', async () => {
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: ADMIN.token, expirationTimestamp: '2999-01-01T00:00:00Z' },
    };
    const command = await plugin(
      'works',
      `process.stderr.write('noise ${TOKEN}\\n');\nconsole.log(JSON.stringify(${JSON.stringify(credential)}));`,
    );
    const session = await connectWith(command);
    await session.start();
    expect(session.lastError).toBeUndefined();
  });

  it('never passes the error text of other credential failures on (auth providers quote their output too)', () => {
    const failure = classify(new Error(`Command failed: gcloud config config-helper\n${TOKEN}`), 'https://x', 'credentials');
    expect(failure.kind).toBe('exec-failed');
    expectNoSecrets(failure.message);
    const missingFile = Object.assign(new Error(`ENOENT ${TOKEN}`), { code: 'ENOENT', syscall: 'open', path: '/home/me/cert.pem' });
    expect(classify(missingFile, 'https://x', 'credentials').message).toContain('(ENOENT /home/me/cert.pem)');
  });
});

describe('a kubeconfig that is not valid YAML', () => {
  it('is reported by reason and line, without the lines around the error (they hold tokens and keys)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kubeconfig-'));
    const file = join(folder, 'config');
    await writeFile(file, `users:\n- name: me\n  user:\n    token: ${TOKEN}\n    broken: [\n`);
    const failure = await loadKubeconfig([file]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/is not valid: .*\(line \d+\)$/);
    expectNoSecrets(failure?.message ?? '');
    await rm(folder, { recursive: true, force: true });
  });
});
