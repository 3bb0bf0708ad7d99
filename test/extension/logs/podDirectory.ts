import type { KubeObject } from '../../../src/engine/model/object.js';
import type { PodDirectory } from '../../../src/extension/logs/logFollower.js';

/** The Pods behind what is followed, changed by the test (what the live graph does in the extension). */
export class TestPodDirectory implements PodDirectory {
  private objects = new Map<string, KubeObject>();
  gone = false;
  private listeners: (() => void)[] = [];

  constructor(private readonly namespace: string) {}

  set(...pods: KubeObject[]): void {
    this.objects = new Map(pods.map((p) => [`core/Pod/${this.namespace}/${p.metadata!.name!}`, p]));
    for (const listener of this.listeners) listener();
  }
  pods(): readonly string[] | undefined {
    return this.gone ? undefined : [...this.objects.keys()].sort();
  }
  pod(id: string): KubeObject | undefined {
    return this.objects.get(id);
  }
  onChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
}
