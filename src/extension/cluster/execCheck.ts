import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** Whether an exec credential plugin can be started: an absolute path that is executable, or a name found on PATH. */
export async function findExecutable(command: string, path = process.env['PATH'] ?? ''): Promise<string | undefined> {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [command]
      : path
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  const suffixes = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  for (const candidate of candidates) {
    for (const suffix of suffixes) {
      try {
        await access(candidate + suffix, constants.X_OK);
        return candidate + suffix;
      } catch {
        // not here; try the next directory
      }
    }
  }
  return undefined;
}

const INSTALL_HINTS: Readonly<Record<string, string>> = {
  'gke-gcloud-auth-plugin': 'gcloud components install gke-gcloud-auth-plugin',
  aws: 'install the AWS CLI v2',
  'aws-iam-authenticator': 'install aws-iam-authenticator',
  kubelogin: 'install kubelogin (az aks install-cli)',
  doctl: 'install doctl',
  oci: 'install the OCI CLI',
};

export function installHint(command: string): string {
  const name = command.split('/').pop() ?? command;
  return INSTALL_HINTS[name] ? `Install it (${INSTALL_HINTS[name]}) or add its folder to PATH` : 'Install it or add its folder to PATH';
}
