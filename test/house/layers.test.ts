/**
 * The layer boundaries and the absence of import cycles, checked from the files themselves, without ESLint: a lint
 * config can be loosened by accident (an `eslint-disable`, a glob that stops matching), this test cannot.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, resolveImport, specifiersOf } from '../../scripts/lint/importGraph.mjs';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

type Layer = 'engine' | 'protocol' | 'extension' | 'webview' | 'cli' | 'tools';

/** What each layer may import from the other layers (its own folder is always allowed). */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  engine: [],
  protocol: ['engine'],
  extension: ['engine', 'protocol', 'tools'],
  webview: ['engine', 'protocol'],
  cli: ['engine', 'tools'],
  /** Runs helm and kustomize for the host and the CLI (Node, no VS Code). */
  tools: ['engine'],
};

/** Layers that run without VS Code, and layers that run in a browser (no Node built-ins). */
const WITHOUT_VSCODE: readonly Layer[] = ['engine', 'protocol', 'webview', 'cli', 'tools'];
const IN_BROWSER: readonly Layer[] = ['protocol', 'webview'];
const NODE_BUILTIN = /^(node:|(fs|path|os|crypto|child_process|http|https|net|tls|zlib|util|stream)(\/|$))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function layerOf(file: string): Layer | undefined {
  const top = relative(SRC, file).split(/[\\/]/)[0];
  return top !== undefined && top in MAY_IMPORT ? (top as Layer) : undefined;
}

/** Every import that breaks a boundary, as `file: specifier (why)`. */
function boundaryViolations(files: readonly string[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (layer === undefined) continue;
    const name = relative(ROOT, file);
    for (const specifier of specifiersOf(file)) {
      if (specifier === 'vscode' && WITHOUT_VSCODE.includes(layer))
        violations.push(`${name}: ${specifier} (${layer} runs without VS Code)`);
      if (NODE_BUILTIN.test(specifier) && IN_BROWSER.includes(layer)) violations.push(`${name}: ${specifier} (${layer} runs in a browser)`);
      const target = resolveImport(file, specifier);
      const targetLayer = target === undefined ? undefined : layerOf(target);
      if (targetLayer !== undefined && targetLayer !== layer && !MAY_IMPORT[layer].includes(targetLayer)) {
        violations.push(`${name}: ${specifier} (${layer} may not import ${targetLayer})`);
      }
    }
  }
  return violations;
}

describe('the house', () => {
  const files = sourceFiles(SRC);

  it('finds the sources it checks', () => {
    for (const layer of Object.keys(MAY_IMPORT))
      expect(
        files.some((file) => layerOf(file) === layer),
        layer,
      ).toBe(true);
  });

  it('keeps the layers apart: engine at the base, protocol shared, host, webview and CLI never importing each other', () => {
    expect(boundaryViolations(files)).toEqual([]);
  });

  it('has no import cycles, type-only imports included', () => {
    const cycles = importCycles(files).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' ↔ '));
    expect(cycles).toEqual([]);
  });
});
