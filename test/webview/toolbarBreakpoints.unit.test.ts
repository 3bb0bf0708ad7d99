/**
 * The toolbar's breakpoints follow the display language: measured in English, they grow with longer words (here the
 * pseudo-localisation of our bundle, about a quarter longer), and never shrink below English.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { afterEach, describe, expect, it } from 'vitest';
import { TOOLBAR_BREAKPOINTS, breakpoint, textScale } from '../../src/webview/components/toolbarBreakpoints';

const bundle = JSON.parse(readFileSync(resolve(__dirname, '../../l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;

describe('toolbar breakpoints', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('are the measured English widths in English', () => {
    expect(textScale()).toBe(1);
    expect(breakpoint('actions', false)).toBe(TOOLBAR_BREAKPOINTS.actions);
    expect(breakpoint('filters', true)).toBe(TOOLBAR_BREAKPOINTS.filters + 200);
  });

  it('grow with the words of a longer language', () => {
    l10n.config({ contents: getL10nPseudoLocalized(bundle) });
    expect(textScale()).toBeGreaterThan(1.2);
    expect(breakpoint('actions', false)).toBe(Math.round(TOOLBAR_BREAKPOINTS.actions * textScale()));
  });

  it('never shrink below English for a language of short words', () => {
    l10n.config({
      contents: { Namespaces: '命名空间', Kinds: '类型', Fit: '适应', Legend: '图例', 'Group by namespace': '按命名空间分组' },
    });
    expect(textScale()).toBe(1);
    expect(breakpoint('relations', false)).toBe(TOOLBAR_BREAKPOINTS.relations);
  });
});
