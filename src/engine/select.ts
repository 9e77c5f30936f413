/**
 * Choosing which checks run: `--checks` and `--skip-checks` take ids or globs (`iam.*`,
 * `*-mfa`). A pattern that matches nothing is an error, so a typo cannot silently skip checks.
 */
import type { Check } from './check.js';

export class CheckSelectionError extends Error {
  override name = 'CheckSelectionError';
}

export function selectChecks(all: readonly Check[], include?: string[], exclude?: string[]): Check[] {
  const matchers = (patterns: string[] | undefined, flag: string) =>
    (patterns ?? []).map((p) => {
      const re = globToRegExp(p);
      if (!all.some((c) => re.test(c.id))) throw new CheckSelectionError(`${flag} ${p}: no check matches`);
      return re;
    });
  const inc = matchers(include, '--checks');
  const exc = matchers(exclude, '--skip-checks');
  const selected = all.filter(
    (c) => (inc.length === 0 || inc.some((re) => re.test(c.id))) && !exc.some((re) => re.test(c.id)),
  );
  if (selected.length === 0) throw new CheckSelectionError('the check selection is empty');
  return selected;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
