/**
 * One port-forward: a local TCP server whose every connection is carried to a Pod's port over its own
 * `pods/portforward` WebSocket (client-node's PortForward), as `kubectl port-forward` carries each connection over
 * its own stream pair. No `vscode` here: the cluster tests drive it against a real API server.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import * as l10n from '@vscode/l10n';
import type { ApiClient } from '../cluster/apiClient.js';
import { streamSockets } from '../cluster/streamSockets.js';

export interface ForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

/** The local port is taken: a typed error, so the caller can offer another one. */
export class LocalPortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly address: string,
  ) {
    super(l10n.t('{0} is already in use', `${address}:${port}`));
    this.name = 'LocalPortInUseError';
  }
}

export interface ForwardEvents {
  /** A connection could not be carried (refused, or the Pod's side failed): what happened, in words. */
  onConnectionError?(message: string): void;
}

/** The error channel's text, gathered: the kubelet writes there when it cannot reach the Pod's port. */
class ErrorText extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

export class PortForwarder {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private stopped = false;
  private boundPort = 0;

  private constructor(
    readonly target: ForwardTarget,
    readonly address: string,
    client: ApiClient,
    config: KubeConfig,
    events: ForwardEvents,
  ) {
    this.server = createServer((socket) => this.carry(socket, client, config, events));
  }

  /**
   * Listens on `address`:`localPort` (0: any free port) and forwards each connection. Rejects with
   * LocalPortInUseError when the port is taken; the API server is first asked only when a connection arrives.
   */
  static async start(
    client: ApiClient,
    target: ForwardTarget,
    localPort: number,
    events: ForwardEvents = {},
    address = '127.0.0.1',
  ): Promise<PortForwarder> {
    const forwarder = new PortForwarder(target, address, client, await client.streamConfig(), events);
    await forwarder.listen(localPort);
    return forwarder;
  }

  /** The port listened on (the one the system chose when 0 was asked). */
  get localPort(): number {
    return this.boundPort;
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new LocalPortInUseError(port, this.address) : error),
      );
      this.server.listen(port, this.address, () => resolve());
    });
    const bound = this.server.address();
    this.boundPort = typeof bound === 'object' && bound ? bound.port : port;
  }

  get connections(): number {
    return this.sockets.size;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Stops listening and ends every carried connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private carry(socket: Socket, client: ApiClient, config: KubeConfig, events: ForwardEvents): void {
    if (this.stopped) return void socket.destroy();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const errors = new ErrorText();
    const forward = new PortForward(config, true, streamSockets(client, config, { stdin: socket, stdout: socket }));
    const { namespace, pod, port } = this.target;
    forward.portForward(namespace, pod, [port], socket, errors, socket).then(
      (webSocket) => {
        // The Pod's side ended (or the API server dropped us): so does the local connection.
        webSocket.on('close', () => {
          if (errors.text) events.onConnectionError?.(errors.text.trim());
          socket.end();
        });
        socket.once('close', () => webSocket.close());
      },
      (error: unknown) => {
        events.onConnectionError?.(error instanceof Error ? error.message : String(error));
        socket.destroy();
      },
    );
  }
}
