-- Hash of each snapshot's encoded graph, so an unchanged cluster does not store the same graph again.
-- Snapshots saved before this migration have NULL: the next snapshot after an upgrade is always stored.
ALTER TABLE snapshots ADD COLUMN hash TEXT;
