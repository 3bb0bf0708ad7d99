/** Status tones of the visual language: what each node status means to the reader, and its border colour. */
import type { NodeStatus } from '../model/graph.js';
import { themeColor } from './theme.js';
import type { ThemeColor } from './theme.js';

/** What a status means to the reader; `neutral` draws no status colour at all. */
export type StatusTone = 'ok' | 'progress' | 'bad' | 'degraded' | 'neutral';

export const STATUS_TONE: Readonly<Record<NodeStatus, StatusTone>> = {
  Running: 'ok',
  Ready: 'ok',
  Succeeded: 'ok',
  Bound: 'ok',
  Pending: 'progress',
  Unbound: 'progress',
  Degraded: 'degraded',
  Failed: 'bad',
  CrashLoopBackOff: 'bad',
  Missing: 'bad',
  Unknown: 'neutral',
};

export const TONE_VISUALS: Readonly<Record<Exclude<StatusTone, 'neutral'>, { label: string; color: ThemeColor }>> = {
  ok: { label: 'Healthy', color: themeColor('--vscode-testing-iconPassed', '#388a34', '#73c991', '#73c991') },
  progress: {
    label: 'Pending',
    color: themeColor('--vscode-editorWarning-foreground', '#bf8803', '#cca700', '#ffd700'),
  },
  degraded: { label: 'Degraded', color: themeColor('--vscode-charts-orange', '#d18616', '#d18616', '#ff9f43') },
  bad: { label: 'Failing', color: themeColor('--vscode-testing-iconFailed', '#e51400', '#f14c4c', '#f48771') },
};

/** Order for "worst of" summaries, e.g. the status of a collapsed group of pods. */
export const TONE_SEVERITY: Readonly<Record<StatusTone, number>> = { neutral: 0, ok: 1, progress: 2, degraded: 3, bad: 4 };
