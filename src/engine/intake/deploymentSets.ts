/**
 * Deployment sets: which manifests are deployed together, so a duplicate is only reported where applying
 * them together would really collide. The rule follows how kubectl, kustomize and helm users lay out a
 * repository:
 *
 * 1. A folder holding `kustomization.yaml`/`.yml` or `Chart.yaml` is the root of one set (`kubectl apply -k`,
 *    `helm install`): every file below it, down to a deeper root. Overlays and their base are separate sets.
 * 2. Other files of an opened folder: the files directly in it are one set, and each of its subfolders is one
 *    set with everything below it (`kubectl apply -R -f <subfolder>`). So `corpus/bookinfo` and
 *    `corpus/online-boutique` are two sets, and so are two workspace folders.
 * 3. Files chosen one by one (a multi-selection) are one set.
 *
 * All sets still make one graph (relations across them are kept: an Ingress at the top may route to a Service
 * in a subfolder). An object defined in two sets is drawn once and noted, not reported as a duplicate.
 */

const SET_MARKERS = new Set(['kustomization.yaml', 'kustomization.yml', 'Chart.yaml']);
/** The set of files chosen one by one. */
export const SELECTED_FILES_SET = '(selected files)';

/**
 * `files` are every manifest file read and `opened` the files and folders the user chose, all in the same
 * naming (relative to one root, `/`-separated; `''` is the root itself). Returns the set of each file.
 */
export function deploymentSetOf(files: readonly string[], opened: readonly string[]): (file: string) => string {
  const normalize = (path: string): string =>
    path
      .replace(/\\/g, '/')
      .replace(/^\.(\/|$)/, '')
      .replace(/\/$/, '');
  const roots = new Set<string>();
  for (const file of files) {
    const path = normalize(file);
    if (SET_MARKERS.has(baseName(path))) roots.add(parentOf(path));
  }
  const explicitFiles = new Set(files.map(normalize));
  const folders = opened
    .map(normalize)
    .filter((path) => !explicitFiles.has(path))
    .sort((a, b) => b.length - a.length);
  return (file: string): string => {
    const path = normalize(file);
    for (let folder = parentOf(path); ; folder = parentOf(folder)) {
      if (roots.has(folder)) return folder || '.';
      if (folder === '') break;
    }
    const container = folders.find((folder) => folder === '' || path.startsWith(`${folder}/`));
    if (container === undefined) return SELECTED_FILES_SET;
    const below = container === '' ? path : path.slice(container.length + 1);
    const slash = below.indexOf('/');
    const set = slash === -1 ? container : [container, below.slice(0, slash)].filter((part) => part !== '').join('/');
    return set || '.';
  };
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
