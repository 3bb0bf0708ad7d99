/** A line filter by text or regex, which also marks its matches (ANSI inverse video) in what it lets through. */

import * as l10n from '@vscode/l10n';

export interface LogFilterSpec {
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive?: boolean;
}

export interface LogFilter {
  readonly spec: LogFilterSpec;
  test(text: string): boolean;
  /** `text` with every match wrapped in inverse video. */
  highlight(text: string): string;
}

export const MAX_PATTERN_LENGTH = 1000;
const ON = '\x1b[7m';
const OFF = '\x1b[27m';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a filter; an invalid regex or an over-long pattern is an error whose message is fit for the user. */
export function compileFilter(spec: LogFilterSpec): LogFilter {
  if (spec.pattern.length > MAX_PATTERN_LENGTH) throw new Error(l10n.t('the filter is longer than {0} characters', MAX_PATTERN_LENGTH));
  const flags = spec.caseSensitive ? 'g' : 'gi';
  let regex: RegExp;
  try {
    regex = new RegExp(spec.regex ? spec.pattern : escapeRegex(spec.pattern), flags);
  } catch (error) {
    throw new Error(l10n.t('not a valid regular expression: {0}', (error as Error).message), { cause: error });
  }
  // A pattern that matches the empty string would highlight nothing and match everything: treat it as no mark.
  const marks = !regex.test('');
  regex.lastIndex = 0;
  return {
    spec,
    test(text: string): boolean {
      regex.lastIndex = 0;
      return regex.test(text);
    },
    highlight(text: string): string {
      if (!marks) return text;
      regex.lastIndex = 0;
      return text.replace(regex, (match) => (match === '' ? match : `${ON}${match}${OFF}`));
    },
  };
}
