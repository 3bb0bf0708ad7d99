/**
 * action.yml and its entry script agree: every input reaches the script (as an INPUT_* variable, never inside a shell
 * line, where a pull request's text could become a command), and every INPUT_* the script reads is declared.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

interface Step {
  readonly id?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
  readonly 'working-directory'?: string;
}

const action = parse(readFileSync(resolve(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const script = readFileSync(resolve(ROOT, 'action/run.mjs'), 'utf8');
/** Inputs the composite's own steps use (setting up Node, installing the CLI, where to run): not the script's. */
const STEP_INPUTS = ['node-version', 'kubilitics-version', 'working-directory'];

describe('action.yml', () => {
  it('passes every input to the script as INPUT_*, and the script reads only declared ones', () => {
    expect(action.runs.using).toBe('composite');
    const run = action.runs.steps.find((step) => step.id === 'run')!;
    const passed = Object.entries(run.env ?? {}).filter(([name]) => name.startsWith('INPUT_'));
    const scriptInputs = Object.keys(action.inputs).filter((name) => !STEP_INPUTS.includes(name));
    expect(passed.map(([, value]) => value).sort()).toEqual(scriptInputs.map((name) => `\${{ inputs.${name} }}`).sort());
    const read = [...new Set([...script.matchAll(/env\.(INPUT_\w+)/g)].map((match) => match[1]))].sort();
    expect(read).toEqual(passed.map(([name]) => name).sort());
  });

  it('puts no expression inside a shell line', () => {
    const lines = action.runs.steps.flatMap((step) => (step.run ?? '').split('\n'));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((line) => line.includes('${{'))).toEqual([]);
  });

  it('sets every output it declares from the script step', () => {
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect(script).toMatch(new RegExp(`'?${name}'?: `));
    }
  });
});
