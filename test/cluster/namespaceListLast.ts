import { ApiClient, type RequestOptions } from '../../src/extension/cluster/apiClient.js';

/**
 * Fault injection in front of an API server (the fake or a real kube-apiserver): the Namespace list is held back
 * until `release()`, so every other kind is listed, and refused, before the namespaces are known. Everything else,
 * and the Namespace list once released, goes to the server unchanged.
 */
export class NamespaceListLast extends ApiClient {
  private opened: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));

  override async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    if (/^\/api\/v1\/namespaces\?/.test(path)) await this.gate;
    return super.json<T>(path, options);
  }

  release(): void {
    this.opened?.();
  }
}
