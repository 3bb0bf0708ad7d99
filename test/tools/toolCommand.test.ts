/**
 * Running a tool: output cap, time limit, stderr in the message, version parsing. The stand-in programs are shell
 * scripts that misbehave on purpose (fault injection); the real tools are in renderTarget.test.ts.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOlder, parseVersion, runTool, ToolError, type ToolLocation } from '../../src/tools/toolCommand.js';

function script(body: string): ToolLocation {
  const dir = mkdtempSync(join(tmpdir(), 'tool-'));
  const command = join(dir, 'helm');
  writeFileSync(command, `#!/bin/sh\n${body}\n`);
  chmodSync(command, 0o755);
  return { tool: 'helm', command, configured: true, pointAt: 'set kubilitics.helm.path' };
}

describe.skipIf(process.platform === 'win32')('running a tool', () => {
  it('passes arguments as they are, never through a shell', async () => {
    const echo = script('for a in "$@"; do printf "[%s]" "$a"; done');
    expect(await runTool(echo, ['template', '$(touch /tmp/x)', 'a b;c'])).toBe('[template][$(touch /tmp/x)][a b;c]');
  });

  it('output over the cap stops the program with a message naming the cap', async () => {
    const loud = script('head -c 3000000 /dev/zero');
    const error = (await runTool(loud, ['template'], { maxBytes: 2 * 1024 * 1024 }).catch((e: unknown) => e)) as ToolError;
    expect(error).toBeInstanceOf(ToolError);
    expect(error.problem).toBe('too-large');
    expect(error.message).toBe('helm template wrote more than 2 MB; stopped');
  });

  it('a program that does not finish is stopped at the time limit', async () => {
    const stuck = script('sleep 60');
    const error = (await runTool(stuck, ['template'], { timeoutMs: 300 }).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('timeout');
    expect(error.message).toBe('helm template did not finish within 300 ms; stopped');
  });

  it('a failure carries the last lines of stderr', async () => {
    const failing = script('echo "line one" >&2; echo "Error: the real reason" >&2; exit 1');
    const error = (await runTool(failing, ['template']).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('failed');
    expect(error.message).toBe('helm template failed: line one\nError: the real reason');
  });
});

describe('versions', () => {
  it('reads helm, kustomize (v4 and v5) and kubectl (old and new) version output', () => {
    expect(parseVersion('v3.21.4')).toEqual([3, 21, 4]);
    expect(parseVersion('v5.8.0\n')).toEqual([5, 8, 0]);
    expect(parseVersion('{Version:kustomize/v4.5.7 GitCommit:56d82a8 BuildDate:2022-08-02}')).toEqual([4, 5, 7]);
    expect(parseVersion('Client Version: v1.37.2\nKustomize Version: v5.8.1\n')).toEqual([1, 37, 2]);
    expect(parseVersion('Client Version: version.Info{Major:"1", Minor:"20", GitVersion:"v1.20.4", GitCommit:"e87"}')).toEqual([1, 20, 4]);
    expect(parseVersion('(devel)')).toBeUndefined();
  });

  it('compares versions part by part', () => {
    expect(isOlder([3, 9, 9], [3, 10, 0])).toBe(true);
    expect(isOlder([3, 10, 0], [3, 10, 0])).toBe(false);
    expect(isOlder([4, 0, 0], [3, 10, 0])).toBe(false);
    expect(isOlder([1, 26, 15], [1, 27, 0])).toBe(true);
  });
});
