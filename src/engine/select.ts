/**
 * Choosing which checks run: `--checks` and `--skip-checks` take ids or globs (`iam.*`,
 * `*-mfa`), matched against each check's id and its former ids (aliases), so a renamed check is
 * still selected by its old name. A pattern that matches nothing is an error, so a typo cannot
 * silently skip checks. --services, --severity, --practice and --framework narrow by metadata.
 */
import type { DataFileId } from '../data/index.js';
import { CHANGE_READS, CODE_READS, DEEP_READS, READS, type ReadId, ReadPlan } from '../inventory/reads.js';
import { nearest } from '../text/nearest.js';
import type { Check } from './check.js';

export class CheckSelectionError extends Error {
  override name = 'CheckSelectionError';
}

/** What a read calls and what it costs, as `explain` and the docs say it. */
export function readCost(read: ReadId): string {
  return READS[read];
}

/** A check that needs a deep read (see DEEP_READS): off unless --deep, or named by its id. */
export function isDeep(check: Pick<Check, 'reads'>): boolean {
  return check.reads.some((r) => DEEP_READS.has(r));
}

/** A check that judges CloudTrail changes (CHANGE_READS): runs only with --changes-since. */
export function isChangeCheck(check: Pick<Check, 'reads'>): boolean {
  return check.reads.some((r) => CHANGE_READS.has(r));
}

/** A check that downloads code (see CODE_READS): off unless --scan-code, or named by its id. */
export function isCodeScan(check: Pick<Check, 'reads'>): boolean {
  return check.reads.some((r) => CODE_READS.has(r));
}

export interface SelectOptions {
  /** --changes-since (or an inventory that holds the changes): run the change checks. */
  changes?: boolean;
  /** --scan-code: also run the checks that download function and layer packages. */
  scanCode?: boolean;
  /** --deep: also run the checks whose reads cost more than the default budget. */
  deep?: boolean;
  /** --services: only checks of these services. */
  services?: readonly string[];
  /** --severity: only checks of these severities. */
  severities?: readonly string[];
  /** --practice: only checks of these practices (BP1–BP7). */
  practices?: readonly string[];
  /** --framework: only checks mapped to a control of one of these frameworks. */
  frameworks?: readonly string[];
}

/**
 * The filters by metadata (--services, --severity, --practice, --framework): each keeps the checks
 * whose field is one of the values given, all of them together (AND across filters, OR within one).
 * A value no check has is an error, like a --checks pattern that matches nothing.
 */
const FILTERS = [
  { flag: '--services', key: 'services', of: (c: Check) => [c.service] },
  { flag: '--severity', key: 'severities', of: (c: Check) => [c.severity] },
  { flag: '--practice', key: 'practices', of: (c: Check) => [c.practice] },
  {
    flag: '--framework',
    key: 'frameworks',
    of: (c: Check) =>
      Object.entries(c.frameworks)
        .filter(([, controls]) => controls.length > 0)
        .map(([framework]) => framework),
  },
] as const;

function metadataFilter(all: readonly Check[], options: SelectOptions): (c: Check) => boolean {
  const tests = FILTERS.flatMap(({ flag, key, of }) => {
    const wanted = options[key];
    if (wanted === undefined) return [];
    const known = [...new Set(all.flatMap(of))].sort();
    for (const value of wanted) {
      if (!known.includes(value)) {
        const close = nearest(value, known);
        throw new CheckSelectionError(
          `${flag} ${value}: no check has it (one of: ${known.join(', ')})${close ? `; did you mean ${close}?` : ''}`,
        );
      }
    }
    const set = new Set(wanted);
    return [(c: Check) => of(c).some((v) => set.has(v))];
  });
  return (c) => tests.every((t) => t(c));
}

export function selectChecks(
  all: readonly Check[],
  include?: string[],
  exclude?: string[],
  options: SelectOptions = {},
): Check[] {
  const names = (c: Check) => [c.id, ...(c.aliases ?? [])];
  const matches = (re: RegExp, c: Check) => names(c).some((n) => re.test(n));
  const matchers = (patterns: string[] | undefined, flag: string) =>
    (patterns ?? []).map((p) => {
      const re = globToRegExp(p);
      if (!all.some((c) => matches(re, c))) {
        const close = p.includes('*') ? null : nearest(p, all.flatMap(names));
        throw new CheckSelectionError(
          `${flag} ${p}: no check matches${close ? ` (did you mean ${close}?)` : ''}`,
        );
      }
      return re;
    });
  const inc = matchers(include, '--checks');
  const exc = matchers(exclude, '--skip-checks');
  // A deep check runs with --deep, or when --checks names it exactly (a glob does not pull one in:
  // `--checks 'lambda.*'` should not quietly cost a call per layer version).
  const named = new Set((include ?? []).filter((p) => !p.includes('*')));
  // A change check needs --changes-since, which says the window: naming it is not enough.
  const isNamed = (c: Check) => names(c).some((n) => named.has(n));
  const allowed = (c: Check) =>
    (options.deep === true || !isDeep(c) || isNamed(c)) &&
    (options.scanCode === true || !isCodeScan(c) || isNamed(c)) &&
    (options.changes === true || !isChangeCheck(c));
  const byMetadata = metadataFilter(all, options);
  const selected = all.filter(
    (c) =>
      (inc.length === 0 || inc.some((re) => matches(re, c))) &&
      !exc.some((re) => matches(re, c)) &&
      byMetadata(c) &&
      allowed(c),
  );
  if (selected.length === 0) {
    const codeOnly = all.some(
      (c) =>
        isCodeScan(c) &&
        byMetadata(c) &&
        (inc.length === 0 || inc.some((re) => matches(re, c))) &&
        !exc.some((re) => matches(re, c)),
    );
    const deepOnly = all.some(
      (c) =>
        isDeep(c) &&
        byMetadata(c) &&
        (inc.length === 0 || inc.some((re) => matches(re, c))) &&
        !exc.some((re) => matches(re, c)),
    );
    const changesOnly =
      options.changes !== true &&
      all.some(
        (c) =>
          isChangeCheck(c) &&
          byMetadata(c) &&
          (inc.length === 0 || inc.some((re) => matches(re, c))) &&
          !exc.some((re) => matches(re, c)),
      );
    throw new CheckSelectionError(
      codeOnly && !deepOnly
        ? 'the check selection holds only checks that download code: add --scan-code, or name them by id'
        : deepOnly
          ? 'the check selection holds only deep checks (their reads cost a call per layer version or per function): add --deep, or name them by id'
          : changesOnly
            ? 'the check selection holds only change checks (they read CloudTrail): add --changes-since (24h, 7d)'
            : 'the check selection is empty',
    );
  }
  return selected;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** What the selected checks need read: the scan's call plan follows the selection. */
export function readPlanFor(checks: readonly Check[], extra: readonly ReadId[] = []): ReadPlan {
  return new ReadPlan([...checks.flatMap((c) => c.reads), ...extra]);
}

/** The dated data files the selected checks judge by, in registry order. */
export function dataFilesFor(checks: readonly Check[]): DataFileId[] {
  // The IAM action catalogue is the evaluator's ground truth: every report names its version.
  return [...new Set<DataFileId>(['iam-actions', ...checks.flatMap((c) => c.data ?? [])])];
}
