/**
 * The view's words in VS Code's display language. The host sends its translations with every `graph/init`; they are
 * given to @vscode/l10n before the init's state is set, so the render it causes is the first to show text (until
 * then the page keeps its text hidden: see `.app.loading` in main.css). Every `l10n.t` runs at render time, none at
 * module load, which would be before any translation is known.
 */
import * as l10n from '@vscode/l10n';
import type { GraphInit, MessageOf } from '../protocol/messages';

export function applyDisplayLanguage({ l10n: translations, language }: MessageOf<typeof GraphInit>['params']): void {
  // An empty bundle is English: l10n.t then formats the message it was given.
  l10n.config({ contents: translations ?? {} });
  document.documentElement.lang = language ?? 'en';
}
