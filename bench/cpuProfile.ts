/**
 * A CPU profile of the page's main thread through the Chrome DevTools Protocol (Profiler domain), summed into the
 * functions that spent the most time themselves (self time) — where to look first when a draw is slow.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

export interface Profile {
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

function frameName(frame: ProfileNode['callFrame']): string {
  const file = frame.url.split('/').pop() ?? '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/**
 * Self time (in the function itself) and total time (the function and what it called) per function (name, file,
 * line), in ms, from the sampled stacks.
 */
export function functionTimes(profile: Profile): { name: string; selfMs: number; totalMs: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time since sample i-1, so it is the duration of sample i-1.
  for (let i = 1; i < samples.length; i++) {
    const ms = (deltas[i] ?? 0) / 1000;
    let id: number | undefined = samples[i - 1];
    const leaf = id === undefined ? undefined : byId.get(id);
    if (leaf === undefined) continue;
    self.set(frameName(leaf.callFrame), (self.get(frameName(leaf.callFrame)) ?? 0) + ms);
    const seen = new Set<string>();
    for (; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (node === undefined) break;
      const name = frameName(node.callFrame);
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + ms);
      seen.add(name);
    }
  }
  return [...total.entries()].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }));
}

export function printProfile(profile: Profile, title: string, top = 15): void {
  const times = functionTimes(profile);
  const sampled = times.reduce((sum, t) => sum + t.selfMs, 0);
  console.log(`CPU profile, ${title}: ${sampled.toFixed(0)} ms sampled on the main thread`);
  const print = (label: string, key: 'selfMs' | 'totalMs'): void => {
    console.log(`  top ${top} by ${label}:`);
    for (const t of [...times].sort((a, b) => b[key] - a[key]).slice(0, top)) {
      console.log(`  ${t[key].toFixed(0).padStart(6)} ms  ${t.name}`);
    }
  };
  print('self time', 'selfMs');
  print('total time (with what it calls)', 'totalMs');
}

/**
 * Where the sampled time went, by what cytoscape was doing: each sample goes to the first of these whose function is
 * on its stack (names as esbuild's bundle of cytoscape 3.34 spells them), in this order.
 */
const BREAKDOWN: readonly { readonly label: string; readonly on: RegExp }[] = [
  { label: 'style recomputation', on: /^(styfn\$?\d*\.(apply|updateStyleHints|updateTransitions)|cleanStyle)$/ },
  // Chromium's WebGL entry points: native, so the leaf of their samples.
  { label: 'drawing: WebGL calls', on: /^(texImage2D|texSubImage2D|readPixels|bufferSubData|bufferData|drawArraysInstanced)$/ },
  { label: 'drawing', on: /^(CRp\$?\d*\.render|renderWebgl)$/ },
  { label: 'before a frame: label sizes, edge routes, bounds', on: /^beforeRenderCallbacks\d*$/ },
  { label: 'garbage collection', on: /^\(garbage collector\)$/ },
  { label: 'native, outside JS (compositing, waiting on the GPU process)', on: /^\(program\)$/ },
  { label: 'idle', on: /^\(idle\)$/ },
];

export function breakdown(profile: Profile): { label: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 1; i < samples.length; i++) {
    const names: string[] = [];
    for (let id = samples[i - 1]; id !== undefined; id = parentOf.get(id)) names.push(byId.get(id)?.callFrame.functionName ?? '');
    const label = BREAKDOWN.find((b) => names.some((name) => b.on.test(name)))?.label ?? 'the rest (our code, cytoscape batches)';
    totals.set(label, (totals.get(label) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...totals.entries()].map(([label, ms]) => ({ label, ms })).sort((a, b) => b.ms - a.ms);
}

export function printBreakdown(profile: Profile): void {
  console.log('  by what it was doing:');
  for (const { label, ms } of breakdown(profile)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${label}`);
}
