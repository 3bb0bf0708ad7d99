import type { TopologyEngine } from '../../engine/graph/engine.js';
import { podsOf } from '../../engine/logs/targets.js';
import type { KubeObject } from '../../engine/model/object.js';
import type { PodDirectory } from './logFollower.js';

/**
 * The Pods behind one object, read from the connection's engine (the graph already knows which Pods a workload owns
 * and a Service selects). `subscribe` says when the graph changed; reads are coalesced to one per `minIntervalMs`,
 * because the graph is rebuilt for a read after every change and a busy cluster changes many times a second.
 */
export class EnginePodDirectory implements PodDirectory {
  constructor(
    private readonly engine: TopologyEngine,
    readonly targetId: string,
    private readonly subscribe: (listener: () => void) => { dispose(): void },
    private readonly minIntervalMs = 500,
  ) {}

  pods(): readonly string[] | undefined {
    const target = this.engine.record(this.targetId);
    if (!target) return undefined;
    return podsOf(this.engine.graph(), this.targetId).filter((id) => this.engine.record(id) !== undefined);
  }

  pod(id: string): KubeObject | undefined {
    return this.engine.record(id)?.object;
  }

  onChange(listener: () => void): { dispose(): void } {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const fire = (): void => {
      timer = undefined;
      last = Date.now();
      listener();
    };
    const subscription = this.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(fire, Math.max(0, last + this.minIntervalMs - Date.now()));
    });
    return {
      dispose: () => {
        clearTimeout(timer);
        subscription.dispose();
      },
    };
  }
}
