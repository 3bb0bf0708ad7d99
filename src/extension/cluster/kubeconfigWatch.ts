import { unwatchFile, watchFile, type Stats } from 'node:fs';

/**
 * Polls kubeconfig files and calls `onChange` only when one really changed: it appeared, went away or was written.
 * Polling (fs.watchFile) because it also watches files that do not exist yet, the state of a new user. Node calls a
 * watchFile listener once for a missing file with nothing changed; a listener that reloads, and so re-arms the watch,
 * is then called again at once, without end (the extension host spun at 100% CPU with no kubeconfig).
 */
export function watchKubeconfigFiles(files: readonly string[], onChange: () => void, intervalMs = 2000): () => void {
  const listener = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino && current.size === previous.size) return;
    onChange();
  };
  for (const file of files) watchFile(file, { interval: intervalMs }, listener);
  return () => {
    for (const file of files) unwatchFile(file, listener);
  };
}
