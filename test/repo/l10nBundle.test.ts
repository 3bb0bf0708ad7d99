/**
 * User-facing strings are ready for translation: l10n/bundle.l10n.json is what `npm run l10n` (Microsoft's
 * @vscode/l10n-dev export) makes of src/extension, src/engine and src/webview, every `l10n.t` call gives it a literal
 * it can extract, and notifications say nothing in plain English text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
/** Where user-facing text is written: the host, the engine (Problems, insights, CLI text) and the webview. */
const SOURCES = ['extension', 'engine', 'webview'].map((dir) => join(ROOT, 'src', dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every call in the files whose callee, as written, passes `test`, with the file:line it is at. */
function calls(files: readonly string[], test: (callee: string) => boolean): Array<{ where: string; call: ts.CallExpression }> {
  const found: Array<{ where: string; call: ts.CallExpression }> = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && test(node.expression.getText(source))) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${relative(ROOT, file)}:${line}`, call: node });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Words in a literal's own text: icons (`$(info)`) and punctuation around `${…}` are no text to translate. */
const hasWords = (text: string): boolean => /[A-Za-z]{2}/.test(text.replace(/\$\([\w~-]+\)/g, ''));

/** A string or template literal that has words of its own, as written, else undefined. */
function plainText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? node.text : undefined;
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return hasWords(parts) ? node.getText() : undefined;
  }
  return undefined;
}

describe('l10n/bundle.l10n.json', () => {
  const files = SOURCES.flatMap(sourceFiles);

  // The export parses every file with tree-sitter (WebAssembly): seconds, more on a loaded machine.
  it(
    'is what `npm run l10n` exports from src/extension, src/engine and src/webview (run it after adding a string)',
    { timeout: 240_000 },
    async () => {
      const exported = await getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: extname(file) })));
      const committed = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(exported).length).toBeGreaterThan(200);
      expect(committed).toEqual(exported);
    },
  );

  it('gets every vscode.l10n.t message as a literal (the export skips a concatenation or a ${} template)', () => {
    const translated = calls(files, (callee) => /(^|\.)l10n\.t$/.test(callee));
    expect(translated.length).toBeGreaterThan(200);
    const unreadable = translated.filter(({ call }) => {
      const first = call.arguments[0];
      return !(first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)));
    });
    expect(unreadable.map(({ where, call }) => `${where}: ${call.getText()}`)).toEqual([]);
  });

  it('leaves no notification, button or status bar message in plain English', () => {
    const shown = calls(files, (callee) => /^vscode\.window\.(show(Information|Warning|Error)Message|setStatusBarMessage)$/.test(callee));
    expect(shown.length).toBeGreaterThan(50);
    const plain = shown.flatMap(({ where, call }) =>
      call.arguments.flatMap((argument) => {
        const text = plainText(argument);
        return text === undefined ? [] : [`${where}: ${text}`];
      }),
    );
    expect(plain).toEqual([]);
  });

  it('is where package.json says, and the npm script exports to it', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { l10n?: string; scripts: Record<string, string> };
    expect(manifest.l10n).toBe('./l10n');
    expect(manifest.scripts['l10n']).toBe('vscode-l10n-dev export --outDir ./l10n ./src/extension ./src/engine ./src/webview');
  });
});
