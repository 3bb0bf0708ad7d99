/**
 * The WebSocket side of the API (pods/exec, pods/portforward): client-node's WebSocketHandler speaks the channel
 * protocols (v5/v4.channel.k8s.io) with the connection's KubeConfig, so streams authenticate as every other request.
 * What it does not do, done here: refused handshakes and network failures become ApiErrors, and the handler's
 * notion of "the process's stdin/stdout" is replaced by the stream's own, so a close frame never ends the host's.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
// Not re-exported by the package index; Exec and PortForward take it to let callers choose the streams.
import type { KubeConfig } from '@kubernetes/client-node';
import { WebSocketHandler, type WebSocketInterface } from '@kubernetes/client-node/dist/web-socket-handler.js';
import * as l10n from '@vscode/l10n';
import { ApiError, classify, statusKind, type ApiClient } from './apiClient.js';

export type StreamSocket = Awaited<ReturnType<WebSocketInterface['connect']>>;

export interface StreamEnds {
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly stderr?: Writable;
}

/**
 * ws tells a refused upgrade only in its message ("Unexpected server response: 403") and drops the Status body, so
 * the status code is read from there: it is the only place it exists.
 */
const REFUSED = /Unexpected server response: (\d{3})/;

const what = (): Readonly<Record<string, string>> => ({
  forbidden: l10n.t('not permitted'),
  unauthorized: l10n.t('the credentials were not accepted'),
  'not-found': l10n.t('no such Pod (or the API server does not serve this subresource)'),
});

export function streamError(error: unknown, server: string, path: string): ApiError {
  if (error instanceof ApiError) return error;
  // ws hands `onerror` an ErrorEvent that wraps the Error.
  const cause = (error as { error?: unknown } | null)?.error ?? error;
  const refused = REFUSED.exec(cause instanceof Error ? cause.message : String(cause));
  if (refused) {
    const status = Number(refused[1]);
    const kind = statusKind(status);
    return new ApiError(kind, l10n.t('{0}: {1} (HTTP {2})', path.split('?')[0] ?? path, what()[kind] ?? l10n.t('refused'), status), status);
  }
  return classify(cause, server, 'request');
}

/**
 * A connector for client-node's Exec / PortForward that uses `ends` for close frames and throws ApiErrors; `config` is
 * `client.streamConfig()`.
 */
export function streamSockets(client: ApiClient, config: KubeConfig, ends: StreamEnds = {}): WebSocketInterface {
  const inert = (): PassThrough => new PassThrough();
  const handler = new WebSocketHandler(config, undefined, {
    stdin: ends.stdin ?? inert(),
    stdout: ends.stdout ?? inert(),
    stderr: ends.stderr ?? inert(),
  });
  return {
    connect: async (path, textHandler, binaryHandler) => {
      try {
        return await handler.connect(path, textHandler, binaryHandler);
      } catch (error) {
        throw streamError(error, client.server, path);
      }
    },
  };
}
