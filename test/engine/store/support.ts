import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type OpenedStore, type OpenStoreOptions } from '../../../src/engine/store/database.js';
import { readMigrations } from '../../../src/engine/store/migrations.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

export const MIGRATIONS = resolve(__dirname, '../../../migrations');

const dirs: string[] = [];
const stores: OpenedStore[] = [];

afterEach(async () => {
  for (const opened of stores.splice(0)) await opened.store.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubilitics-store-'));
  dirs.push(dir);
  return dir;
}

/** Opens a store closed automatically after the test. */
export async function open(path: string, options: Partial<OpenStoreOptions> = {}): Promise<OpenedStore> {
  const opened = await openStore({ path, migrationsDir: MIGRATIONS, ...options });
  stores.push(opened);
  return opened;
}

/** A migrations folder holding only the first `count` files: how a database from an older release was built. */
export async function migrationsPrefix(count: number): Promise<string> {
  const dir = await tempDir();
  for (const migration of (await readMigrations(MIGRATIONS)).slice(0, count)) {
    await copyFile(join(MIGRATIONS, migration.file), join(dir, migration.file));
  }
  return dir;
}

export function graphOfObjects(objects: readonly KubeObject[]): TopologyGraph {
  return TopologyEngine.build(objects.map((object) => ({ object }))).graph();
}

/** Fluent builders keep the cases readable instead of walls of JSON. */
export function deployment(name: string, replicas: number, extra: { image?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: String(replicas * 10),
      labels: { app: name, ...extra.labels },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: extra.image ?? `${name}:1` }] } },
    },
  };
}

export function pod(name: string, phase: string, node = 'node-1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, labels: { app: 'web' } },
    spec: { nodeName: node, containers: [{ name: 'web', image: 'web:1' }] },
    status: { phase },
  };
}

export function secret(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop', uid: `uid-${name}` }, type: 'Opaque', data };
}
