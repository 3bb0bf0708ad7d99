/** A workspace folder as naming needs it: its name and its URI path (forward slashes). */
export interface NamedFolder {
  readonly name: string;
  readonly path: string;
}

/**
 * How VS Code names a path in the workspace, never the absolute path: relative to its workspace folder, the folder's
 * own name for the folder itself, prefixed with the folder's name in a multi-root workspace; outside the workspace,
 * the last segment.
 */
export function workspaceName(path: string, folders: readonly NamedFolder[]): string {
  const trimmed = trimSlash(path);
  const folder = folders
    .filter((candidate) => trimmed === trimSlash(candidate.path) || trimmed.startsWith(`${trimSlash(candidate.path)}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!folder) return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed || '/';
  const relative = trimmed.slice(trimSlash(folder.path).length + 1);
  if (!relative) return folder.name;
  return folders.length > 1 ? `${folder.name}/${relative}` : relative;
}

/** The title of a view of several paths: the first one's name and how many more. */
export function titleOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names[0]} +${names.length - 1}`;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_LENGTH = 80;

/** A file name (without extension) safe on every platform: letters, digits, `_ . -` only, no reserved device names. */
export function safeFileName(title: string, fallback = 'topology'): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!cleaned) return fallback;
  return RESERVED.test(cleaned) ? `${cleaned}-${fallback}` : cleaned;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
