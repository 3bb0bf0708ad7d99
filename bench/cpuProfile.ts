/**
 * A CPU profile of the page's main thread through the Chrome DevTools Protocol (Profiler domain), summed into the
 * functions that spent the most time themselves (self time) — where to look first when a draw is slow.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface RunningProfile {
  stop(): Promise<Profile>;
}

export async function startProfile(cdp: CDPSession): Promise<RunningProfile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    stop: async (): Promise<Profile> => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.send('Profiler.disable');
      return profile as unknown as Profile;
    },
  };
}

/** Self time per function (name, file, line), in ms, largest first. */
export function selfTimes(profile: Profile): { name: string; ms: number }[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time since sample i-1, so it is the duration of sample i-1.
  for (let i = 1; i < samples.length; i++) {
    const frame = frameOf.get(samples[i - 1] as number);
    if (frame === undefined) continue;
    const file = frame.url.split('/').pop() ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

export function printProfile(profile: Profile, title: string, top = 20): void {
  const times = selfTimes(profile);
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  console.log(`CPU profile, ${title}: ${total.toFixed(0)} ms sampled on the main thread; top ${top} by self time`);
  for (const t of times.slice(0, top)) console.log(`  ${t.ms.toFixed(0).padStart(6)} ms  ${t.name}`);
}
