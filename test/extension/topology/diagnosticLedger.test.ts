import { describe, expect, it } from 'vitest';
import { DiagnosticLedger } from '../../../src/extension/topology/diagnosticLedger.js';

interface Problem {
  readonly line: number;
  readonly message: string;
}

const ledger = (): DiagnosticLedger<Problem> => new DiagnosticLedger((problem) => `${problem.line}:${problem.message}`);
const broken: Problem = { line: 12, message: 'ConfigMap settings is missing' };
const yamlError: Problem = { line: 3, message: 'bad indentation' };

describe('diagnostics shared by several views of one file', () => {
  it('a view closing keeps the problems another view of the same file reports', () => {
    const problems = ledger();
    const folderView = {};
    const fileView = {};
    problems.replace(folderView, new Map([['file:///app.yaml', [broken, yamlError]]]));
    problems.replace(fileView, new Map([['file:///app.yaml', [broken]]]));
    expect(problems.merged('file:///app.yaml')).toEqual([broken, yamlError]);
    expect(problems.clear(fileView)).toEqual(['file:///app.yaml']);
    expect(problems.merged('file:///app.yaml')).toEqual([broken, yamlError]);
    problems.clear(folderView);
    expect(problems.merged('file:///app.yaml')).toEqual([]);
  });

  it('a refresh that fixes a file reports it as touched, so its old problems are taken down', () => {
    const problems = ledger();
    const view = {};
    problems.replace(
      view,
      new Map([
        ['file:///a.yaml', [yamlError]],
        ['file:///b.yaml', [broken]],
      ]),
    );
    expect(problems.replace(view, new Map([['file:///b.yaml', [broken]]])).sort()).toEqual(['file:///a.yaml', 'file:///b.yaml']);
    expect(problems.merged('file:///a.yaml')).toEqual([]);
    expect(problems.merged('file:///b.yaml')).toEqual([broken]);
  });
});
