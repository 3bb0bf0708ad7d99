/**
 * A vitest reporter that prints, after the default summary, where the time of a run went: the slowest test files
 * and, per project, how many files ran, how long they took together and the wall-clock span from the first file
 * being queued to the last one ending (projects run side by side, so the spans overlap and do not add up).
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface FileTime {
  readonly project: string;
  readonly file: string;
  /** Environment, set-up and import of the file, in milliseconds. */
  readonly importMs: number;
  /** Its tests and hooks, in milliseconds. */
  readonly testsMs: number;
}

interface Span {
  queuedAt: number;
  endedAt: number;
}

export class SlowestFilesReporter implements Reporter {
  /** Per project, when its first file was queued and its last one ended (Date.now() of this process). */
  private readonly spans = new Map<string, Span>();

  constructor(
    private readonly shown = 10,
    private readonly root = process.cwd(),
  ) {}

  onTestModuleQueued(module: TestModule): void {
    const now = Date.now();
    const span = this.spans.get(projectOf(module));
    if (span === undefined) this.spans.set(projectOf(module), { queuedAt: now, endedAt: now });
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(projectOf(module));
    if (span !== undefined) span.endedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const times = testModules.map((module) => this.timeOf(module)).filter((time) => total(time) > 0);
    if (times.length === 0) return;
    const lines = ['', `Slowest test files (of ${times.length}):`];
    for (const time of [...times].sort((a, b) => total(b) - total(a)).slice(0, this.shown)) {
      lines.push(
        `  ${seconds(total(time)).padStart(7)}  ${`[${time.project}]`.padEnd(10)} ${time.file}` +
          `  (import ${seconds(time.importMs)}, tests ${seconds(time.testsMs)})`,
      );
    }
    lines.push('Per project: files, their time summed, wall-clock span from the first file queued to the last one done');
    for (const [project, files] of groupByProject(times)) {
      const span = this.spans.get(project);
      const summed = seconds(files.reduce((sum, f) => sum + total(f), 0));
      lines.push(
        `  ${project.padEnd(9)} ${String(files.length).padStart(4)} files  ${summed.padStart(7)}` +
          (span === undefined ? '' : `  ${seconds(span.endedAt - span.queuedAt).padStart(7)} wall`),
      );
    }
    console.log(lines.join('\n'));
  }

  private timeOf(module: TestModule): FileTime {
    const diagnostic = module.diagnostic();
    return {
      project: projectOf(module),
      file: relative(this.root, module.moduleId),
      importMs: diagnostic.environmentSetupDuration + diagnostic.prepareDuration + diagnostic.setupDuration + diagnostic.collectDuration,
      testsMs: diagnostic.duration,
    };
  }
}

function projectOf(module: TestModule): string {
  return module.project.name || 'root';
}

function total(time: FileTime): number {
  return time.importMs + time.testsMs;
}

function groupByProject(times: readonly FileTime[]): Map<string, FileTime[]> {
  const byProject = new Map<string, FileTime[]>();
  for (const time of times) byProject.set(time.project, [...(byProject.get(time.project) ?? []), time]);
  return byProject;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
