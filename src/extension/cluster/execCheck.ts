import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import * as l10n from '@vscode/l10n';

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

const installHints = (): Readonly<Record<string, string>> => ({
  'gke-gcloud-auth-plugin': 'gcloud components install gke-gcloud-auth-plugin',
  aws: l10n.t('install the AWS CLI v2'),
  'aws-iam-authenticator': l10n.t('install {0}', 'aws-iam-authenticator'),
  kubelogin: l10n.t('install {0}', 'kubelogin (az aks install-cli)'),
  doctl: l10n.t('install {0}', 'doctl'),
  oci: l10n.t('install the OCI CLI'),
});

export function installHint(command: string): string {
  const name = command.split('/').pop() ?? command;
  const hint = installHints()[name];
  return hint ? l10n.t('Install it ({0}) or add its folder to PATH', hint) : l10n.t('Install it or add its folder to PATH');
}
