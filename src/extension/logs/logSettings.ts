import * as vscode from 'vscode';

export interface LogSettings {
  /** Lines kept per stream (oldest dropped). */
  readonly maxLines: number;
  /** Lines from the end each container starts with. */
  readonly tailLines: number;
  readonly timestamps: boolean;
  /** How often the terminal is written to. */
  readonly tickMs: number;
}

const clamp = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.round(value), min), max) : fallback;

/** The `kubilitics.logs.*` settings, read when a stream opens (a change applies to the next stream). */
export function logSettings(): LogSettings {
  const config = vscode.workspace.getConfiguration('kubilitics.logs');
  return {
    maxLines: clamp(config.get('maxLines'), 100, 1_000_000, 10_000),
    tailLines: clamp(config.get('tailLines'), -1, 1_000_000, 500),
    timestamps: config.get('timestamps') === true,
    tickMs: clamp(config.get('flushIntervalMs'), 16, 250, 33),
  };
}
