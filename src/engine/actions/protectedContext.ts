/**
 * Contexts where a destructive action needs the context's name typed to confirm (a production cluster). The
 * pattern is the user's (`kubilitics.actions.protectedContexts`); a pattern that does not compile protects every
 * context rather than none, since the failure must be on the safe side.
 */
import * as l10n from '@vscode/l10n';

export const DEFAULT_PROTECTED_PATTERN = 'prod|production';

export interface ProtectionRule {
  readonly matches: (context: string) => boolean;
  /** Set when the pattern could not be used: what to tell the user. */
  readonly problem?: string;
}

export function protectionRule(pattern: string): ProtectionRule {
  if (pattern.trim() === '') return { matches: () => false };
  try {
    const regex = new RegExp(pattern, 'i');
    return { matches: (context) => regex.test(context) };
  } catch (error) {
    return {
      matches: () => true,
      problem: l10n.t(
        'kubilitics.actions.protectedContexts "{0}" is not a valid regular expression ({1}): every context is treated as protected',
        pattern,
        (error as Error).message,
      ),
    };
  }
}
