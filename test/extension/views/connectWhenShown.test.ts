import { describe, expect, it } from 'vitest';
import { connectWhenShown, type Connector, type ShownView } from '../../../src/extension/views/connectWhenShown.js';

/** A view the test shows and hides, as VS Code does. */
class View implements ShownView {
  visible = false;
  private listeners: ((event: { visible: boolean }) => unknown)[] = [];
  onDidChangeVisibility(listener: (event: { visible: boolean }) => unknown): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  show(visible = true): void {
    this.visible = visible;
    for (const listener of this.listeners) listener({ visible });
  }
  get listening(): number {
    return this.listeners.length;
  }
}

/** Counts reloads; a reload "connects" when the test resolves it. */
class Clusters implements Connector {
  session: object | undefined;
  contextName: string | undefined;
  reloads = 0;
  private finish: (() => void) | undefined;
  reload(): Promise<void> {
    this.reloads++;
    return new Promise((resolve) => {
      this.finish = () => {
        this.contextName = 'kind-dev';
        this.session = {};
        resolve();
      };
    });
  }
  connected(): Promise<void> {
    this.finish?.();
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('connectWhenShown', () => {
  const views = (): [View, View, View] => [new View(), new View(), new View()];

  it('connects when the Logs view alone is shown (the bug: only Resources and Events did)', async () => {
    const [resources, events, logs] = views();
    const clusters = new Clusters();
    connectWhenShown([resources, events, logs], clusters);
    expect(clusters.reloads).toBe(0);
    logs.show();
    expect(clusters.reloads).toBe(1);
    await clusters.connected();
    logs.show(false);
    logs.show();
    resources.show();
    expect(clusters.reloads).toBe(1);
  });

  it('connects at once when a view is already visible when it is wired (the window opened with it)', () => {
    const [resources, events, logs] = views();
    logs.visible = true;
    const clusters = new Clusters();
    connectWhenShown([resources, events, logs], clusters);
    expect(clusters.reloads).toBe(1);
  });

  it('starts one reload when several views are shown while it is under way', () => {
    const [resources, events, logs] = views();
    const clusters = new Clusters();
    connectWhenShown([resources, events, logs], clusters);
    resources.show();
    events.show();
    logs.show();
    expect(clusters.reloads).toBe(1);
  });

  it('does nothing once a context was chosen (connected, or the user disconnected on purpose), nor when hidden', () => {
    const [resources, events, logs] = views();
    const clusters = new Clusters();
    clusters.contextName = 'prod';
    connectWhenShown([resources, events, logs], clusters);
    logs.show();
    clusters.contextName = undefined;
    logs.show(false);
    expect(clusters.reloads).toBe(0);
  });

  it('stops listening when disposed', () => {
    const all = views();
    const clusters = new Clusters();
    connectWhenShown(all, clusters).dispose();
    expect(all.map((view) => view.listening)).toEqual([0, 0, 0]);
    all[2].show();
    expect(clusters.reloads).toBe(0);
  });
});
