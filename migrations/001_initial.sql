-- Storage for snapshots, resource history and time travel (src/engine/store). Times are milliseconds since the
-- epoch (UTC). Blobs start with one format byte (src/engine/store/codec.ts) and are compressed.
-- The runner wraps this file in a transaction and records it in schema_version: no BEGIN/COMMIT here.

-- One row per kubeconfig context + API server seen; everything else hangs off it.
CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  context TEXT NOT NULL,
  server TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  UNIQUE (context, server)
);

-- Whole topology graphs. graph: compact encoding (graphCodec.ts), compressed; json_bytes: size as JSON.
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  taken_at INTEGER NOT NULL,
  "trigger" TEXT NOT NULL,
  node_count INTEGER NOT NULL,
  edge_count INTEGER NOT NULL,
  graph BLOB NOT NULL,
  json_bytes INTEGER NOT NULL
);
CREATE INDEX snapshots_by_cluster_time ON snapshots (cluster_id, taken_at);
-- Retention walks all clusters oldest first.
CREATE INDEX snapshots_by_time ON snapshots (taken_at);

-- Per-object changes. diff: compressed JSON list of [op, path, new, old] (objectDiff.ts); never Secret data.
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  object_id TEXT NOT NULL,
  uid TEXT,
  change TEXT NOT NULL CHECK (change IN ('added', 'modified', 'deleted')),
  at INTEGER NOT NULL,
  resource_version TEXT,
  diff BLOB NOT NULL
);
CREATE INDEX history_by_object ON history (cluster_id, object_id, at);
CREATE INDEX history_by_time ON history (at);

-- Kubernetes events, folded the way the API server folds them: same object, type, reason and message.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  object_id TEXT NOT NULL,
  type TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  UNIQUE (cluster_id, object_id, type, reason, message)
);
CREATE INDEX events_by_last_seen ON events (cluster_id, last_seen);

-- Diagrams and files the user exported, for "export again" and the timeline.
CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  what TEXT NOT NULL,
  format TEXT NOT NULL,
  path TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX exports_by_time ON exports (at);

-- Small settings that belong to the data rather than to VS Code settings; value is JSON text.
CREATE TABLE preferences (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
