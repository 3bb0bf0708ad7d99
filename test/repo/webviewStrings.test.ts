/**
 * The webview's words are ready for translation: no JSX text, and no title, aria-label, placeholder or other shown
 * attribute, is a plain English literal in src/webview; each goes through `l10n.t` (l10n/bundle.l10n.json has it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const WEBVIEW = join(ROOT, 'src', 'webview');

/** Attributes whose value is shown or read aloud (`label` and `summary` are our Menu's button text and name). */
const SHOWN_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-roledescription',
  'aria-description',
  'placeholder',
  'alt',
  'label',
  'summary',
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** Two letters in a row: a word. Symbols (×, ⋯, −), numbers and punctuation are no text to translate. */
const hasWords = (text: string): boolean => /[A-Za-z]{2}/.test(text);

/**
 * The literals an expression shows as it is written: itself, either branch of `a ? b : c`, the right of `a && b`,
 * both sides of `a || b` and `a ?? b`. A comparison's operands (`mode === 'cluster'`) and a call's arguments (`l10n.t`
 * itself, a class-name helper) are not shown.
 */
export function shownLiterals(node: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(node)) return shownLiterals(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const own = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    const inner = node.templateSpans.flatMap((span) => shownLiterals(span.expression));
    return hasWords(own) ? [node, ...inner] : inner;
  }
  if (ts.isConditionalExpression(node)) return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(node.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
      return [...shownLiterals(node.left), ...shownLiterals(node.right)];
    }
  }
  return [];
}

/** Every plain English text in one TSX source, as `file:line: text`. */
export function untranslated(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, shown: string): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${fileName}:${line}: ${shown.trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression !== undefined && !ts.isJsxAttribute(node.parent)) {
      for (const literal of shownLiterals(node.expression)) report(literal, literal.getText(source));
    }
    if (ts.isJsxAttribute(node) && SHOWN_ATTRIBUTES.has(node.name.getText(source)) && node.initializer !== undefined) {
      const value = node.initializer;
      const expression = ts.isJsxExpression(value) ? value.expression : value;
      for (const literal of expression === undefined ? [] : shownLiterals(expression)) report(literal, literal.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the webview (src/webview)', () => {
  it('shows no plain English text: JSX text and shown attributes go through l10n.t', () => {
    const files = tsxFiles(WEBVIEW);
    expect(files.length).toBeGreaterThan(15);
    const plain = files.flatMap((file) => untranslated(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(plain).toEqual([]);
  });

  // The check must be able to fail: each of these is what a future plain string would look like.
  it.each([
    ['JSX text', '<button>Fit</button>'],
    ['a title', '<span title="Lay out again">x</span>'],
    ['an aria-label in braces', "<input aria-label={'Search by name'} />"],
    ['a placeholder', '<input placeholder="Search name or label" />'],
    ['a template child', '<span>{`${n} found`}</span>'],
    ['a conditional child', "<span>{busy ? 'Laying out…' : null}</span>"],
    ['a && child', "<span>{busy && 'Laying out…'}</span>"],
    ['a concatenated label', "<div aria-label={'Topology graph. ' + keys} />"],
    ['a component label', '<Menu label="More tools" name="more" />'],
  ])('finds %s', (_what, jsx) => {
    expect(untranslated('probe.tsx', `const probe = ${jsx};`)).toHaveLength(1);
  });

  it.each([
    ['a translated text', "<button>{l10n.t('Fit')}</button>"],
    ['a translated title with an argument', "<span title={l10n.t('{0} hidden', n)}>x</span>"],
    ['a symbol', '<button aria-pressed={open}>×</button>'],
    ['a compared mode', "<span>{mode === 'cluster' && l10n.t('live')}</span>"],
    ['a class name', '<span class="title-text">{name}</span>'],
  ])('lets %s through', (_what, jsx) => {
    expect(untranslated('probe.tsx', `const probe = ${jsx};`)).toEqual([]);
  });
});
