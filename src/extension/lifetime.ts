import type * as vscode from 'vscode';

/** Owns disposables and disposes them in reverse order: the extension lifetime and each connection's lifetime are one of these. */
export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  register<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Registers a callback to run on dispose (timers, raw listeners). */
  onDispose(callback: () => void): void {
    this.register({ dispose: callback });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // One failing dispose must not leak the others.
      }
    }
  }
}
