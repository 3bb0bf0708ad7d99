/**
 * The host modules that run without `vscode` translate through @vscode/l10n, which activate() configures with the
 * bundle VS Code loaded. Given a translated bundle (here the pseudo-localisation @vscode/l10n-dev makes of ours), they
 * find their messages in it under the keys the export wrote, with the arguments put in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/extension/cluster/apiClient.js';
import { explain } from '../../src/extension/cluster/clusterErrors.js';
import { logsEmptyMessage } from '../../src/extension/logs/logsEmptyState.js';
import { ago } from '../../src/extension/views/eventsModel.js';

const bundle = JSON.parse(readFileSync(resolve(__dirname, '../../l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
const pseudo = getL10nPseudoLocalized(bundle) as Record<string, string>;

/** The pseudo-localised text of an English message, with its `{n}` filled in. */
function translated(message: string, ...args: string[]): string {
  const text = pseudo[message];
  if (text === undefined) throw new Error(`not in l10n/bundle.l10n.json: ${message}`);
  return text.replace(/\{(\d+)\}/g, (_whole, index: string) => args[Number(index)] ?? '');
}

describe('host messages made outside the vscode API', () => {
  it('are English while no bundle is configured (English is the default bundle)', () => {
    expect(logsEmptyMessage(0, { contextName: 'prod', connection: undefined, kubeconfigState: 'loaded' })).toBe(
      'Not connected to prod: select a context to read logs.',
    );
  });

  describe('with a translated bundle', () => {
    beforeAll(() => l10n.config({ contents: pseudo }));
    afterAll(() => l10n.config({ contents: {} }));

    it('come from the bundle, arguments in place', () => {
      const message = logsEmptyMessage(0, { contextName: 'prod', connection: undefined, kubeconfigState: 'loaded' });
      expect(message).toBe(translated('Not connected to {0}: select a context to read logs.', 'prod'));
      expect(message).not.toContain('Not connected');
      const explained = explain(new ApiError('unreachable', 'connect ECONNREFUSED 10.0.0.1:443'), 'prod');
      expect(explained.message).toBe(
        translated(
          'Cannot reach the cluster of {0}: {1}. Check the network or VPN, then reconnect.',
          'prod',
          'connect ECONNREFUSED 10.0.0.1:443',
        ),
      );
      expect(ago(1_000, 61_000)).toBe(translated('{0}m ago', '1'));
    });
  });
});
