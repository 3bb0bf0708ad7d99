import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_LIMITS } from '../../../src/engine/intake/limits.js';
import {
  DEFAULT_PARSER_OPTIONS,
  ManifestParser,
  ParseCancelled,
  type ManifestParserOptions,
} from '../../../src/extension/intake/manifestParser.js';

/** The real worker, bundled as the extension ships it. */
let dir: string;
let workerScript: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubilitics-parser-'));
  workerScript = join(dir, 'parseWorker.js');
  await esbuild.build({
    entryPoints: [resolve('src/extension/intake/parseWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerScript,
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const configMaps = (count: number): Uint8Array =>
  encode(
    Array.from(
      { length: count },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ns-${i % 7}\ndata:\n  key: value-${i}\n`,
    ).join('---\n'),
  );
const SMALL = encode('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n');

describe('ManifestParser (a real worker thread)', () => {
  it('parses off the host thread and returns objects with their lines', async () => {
    const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, workerScript });
    try {
      const parsed = await parser.parse('svc.yaml', SMALL, DEFAULT_INTAKE_LIMITS);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.objects).toHaveLength(1);
      expect(parsed.objects[0]!.source).toEqual({ file: 'svc.yaml', line: 1 });
      expect(parsed.objects[0]!.valueLines?.get('web')).toBe(4);
    } finally {
      parser.dispose();
    }
  });

  it('keeps the host thread free while a large file parses', async () => {
    const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, workerScript });
    let ticks = 0;
    const interval = setInterval(() => ticks++, 1);
    try {
      const parsed = await parser.parse('many.yaml', configMaps(40_000), DEFAULT_INTAKE_LIMITS);
      expect(parsed.objects).toHaveLength(40_000);
      // Parsed on this thread, the interval could not run until the parse ended: it ran throughout.
      expect(ticks).toBeGreaterThan(10);
    } finally {
      clearInterval(interval);
      parser.dispose();
    }
  });

  it('reports a file that exhausts the worker memory, and reads the next file with a new worker', async () => {
    const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, memoryMb: 16, workerScript });
    try {
      const huge = await parser.parse('huge.yaml', configMaps(60_000), DEFAULT_INTAKE_LIMITS);
      expect(huge.objects).toEqual([]);
      expect(huge.warnings).toEqual([
        expect.objectContaining({
          file: 'huge.yaml',
          severity: 'error',
          problem: 'parser-stopped',
          message: expect.stringContaining('needs more than 16 MB'),
        }),
      ]);
      expect((await parser.parse('svc.yaml', SMALL, DEFAULT_INTAKE_LIMITS)).objects).toHaveLength(1);
    } finally {
      parser.dispose();
    }
  });

  it('stops a file that takes longer than allowed, and goes on', async () => {
    const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, fileTimeoutMs: 5, workerScript });
    try {
      const slow = await parser.parse('slow.yaml', configMaps(40_000), DEFAULT_INTAKE_LIMITS);
      expect(slow.warnings).toEqual([
        expect.objectContaining({ problem: 'parser-stopped', message: expect.stringContaining('took longer than') }),
      ]);
    } finally {
      parser.dispose();
    }
  });

  it('cancels every waiting parse, and parses again afterwards', async () => {
    const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, workerScript });
    try {
      const first = parser.parse('a.yaml', configMaps(20_000), DEFAULT_INTAKE_LIMITS);
      const second = parser.parse('b.yaml', SMALL, DEFAULT_INTAKE_LIMITS);
      parser.cancel();
      await expect(first).rejects.toBeInstanceOf(ParseCancelled);
      await expect(second).rejects.toBeInstanceOf(ParseCancelled);
      expect((await parser.parse('svc.yaml', SMALL, DEFAULT_INTAKE_LIMITS)).objects).toHaveLength(1);
    } finally {
      parser.dispose();
    }
  });

  it('writes its warnings in the language of the bundle it is given, English without one', async () => {
    const bundle = JSON.parse(readFileSync(resolve('l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
    const pseudo = getL10nPseudoLocalized(bundle) as Record<string, string>;
    const english = 'skipped: not a Kubernetes object (no apiVersion and kind)';
    const notAnObject = encode('just: a map\n');
    const messages = async (options: Partial<ManifestParserOptions>): Promise<string[]> => {
      const parser = new ManifestParser({ ...DEFAULT_PARSER_OPTIONS, workerScript, ...options });
      try {
        return (await parser.parse('map.yaml', notAnObject, DEFAULT_INTAKE_LIMITS)).warnings.map((warning) => warning.message);
      } finally {
        parser.dispose();
      }
    };
    expect(pseudo[english]).toBeDefined();
    expect(pseudo[english]).not.toBe(english);
    expect(await messages({ l10nBundle: pseudo })).toEqual([pseudo[english]]);
    expect(await messages({})).toEqual([english]);
  });
});
