/**
 * Suppressions: accepted findings, written down with a reason. A rule names what it covers — a
 * check id or glob (matched against former ids too), a resource ARN glob, an account, a region, an
 * exact finding id, a Lambda function's tags — and why; it may expire. A failing or unknown result the first matching rule
 * covers keeps its status and gains `suppression` (the rule and its reason): it stays in every
 * report, but it no longer counts against the score, the failure counts or the exit code.
 *
 * A rule past its expiry date stops suppressing (its results count again) and is reported as
 * expired; a rule that covers nothing is reported as unused, so the file cannot quietly rot.
 * Dates are compared with the evaluation time, an input (tests pass a fixed clock).
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Check } from './check.js';
import type { Result } from './evaluate.js';

const Glob = z.string().trim().min(1);

export const SuppressionRuleSchema = z
  .strictObject({
    check: Glob.optional().describe('check id or glob (iam.*), matched against former ids too'),
    resource: Glob.optional().describe(
      'resource ARN or glob; * matches any run of characters, : and / included',
    ),
    account: z
      .string()
      .regex(/^\d{12}$/, 'an account id is 12 digits')
      .optional(),
    region: Glob.optional().describe('region or glob; account-wide results (IAM) have no region'),
    findingId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'a finding id is 32 lowercase hex digits')
      .optional(),
    tags: z
      .record(z.string().min(1), Glob)
      .refine((t) => Object.keys(t).length > 0, 'tags names at least one tag')
      .optional()
      .describe(
        "Lambda function tags, key to value glob, all of which the function must carry: the rule covers only functions' results, and only where their tags were read",
      ),
    reason: z.string().trim().min(1, 'say why the finding is accepted'),
    expires: z.iso
      .date('expires is a date: YYYY-MM-DD')
      .optional()
      .describe('suppresses through this day (UTC)'),
  })
  .refine(
    (r) =>
      r.check !== undefined || r.resource !== undefined || r.findingId !== undefined || r.tags !== undefined,
    'a rule names at least a check, a resource, a finding id or tags (a rule of only an account or region would hide everything there)',
  );
export type SuppressionRule = z.infer<typeof SuppressionRuleSchema>;

export const SuppressionsFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  suppressions: z.array(SuppressionRuleSchema),
});

export class SuppressionsError extends Error {
  override name = 'SuppressionsError';
}

/** The rules of a suppressions file (YAML or JSON); an error naming the rule and field otherwise. */
export function parseSuppressions(path: string, body: string): SuppressionRule[] {
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(body) : parseYaml(body, { maxAliasCount: 100 });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : 'not readable';
    throw new SuppressionsError(
      `--suppressions ${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${detail}`,
    );
  }
  const parsed = SuppressionsFileSchema.safeParse(data);
  if (parsed.success) return parsed.data.suppressions;
  const issue = parsed.error.issues[0];
  const at = (issue?.path ?? [])
    .map((k, i) =>
      typeof k === 'number' ? (i === 1 ? ` rule ${k + 1}` : `[${k}]`) : i === 0 ? '' : ` ${String(k)}`,
    )
    .join('')
    .trim();
  const what =
    issue?.code === 'unrecognized_keys'
      ? `unknown key ${JSON.stringify(issue.keys[0])} (a rule takes check, resource, account, region, findingId, tags, reason, expires)`
      : (issue?.message ?? 'not a suppressions file');
  throw new SuppressionsError(`--suppressions ${path}: ${at ? `${at}: ` : ''}${what}`);
}

export interface RuleUse {
  /** 1-based, in file order. */
  rule: number;
  state: 'active' | 'expired' | 'unused';
  /** Failing or unknown results it suppressed (for an expired rule: that it would have). */
  matched: number;
  /**
   * A rule by tags: failing or unknown results it might cover, on functions whose tags are
   * unknown (not read, or the read failed). Never suppressed: unknown is not a match.
   */
  undecided?: number;
}

/**
 * A function's tags as the rules see them: the tags, or null when they are unknown. Undefined:
 * the result is not a Lambda function's.
 */
export type TagsOf = (resourceArn: string) => Readonly<Record<string, string>> | null | undefined;

/**
 * Marks the failing and unknown results the rules cover (first matching rule wins), in place, and
 * says how each rule was used. Passing and not-applicable results are never marked: there is
 * nothing to accept.
 */
export function applySuppressions(
  results: Result[],
  rules: readonly SuppressionRule[],
  checks: readonly Check[],
  now: Date,
  tagsOf: TagsOf = () => undefined,
): RuleUse[] {
  const aliases = new Map(checks.map((c) => [c.id, [c.id, ...(c.aliases ?? [])]]));
  const compiled = rules.map((rule, i) => ({
    rule,
    index: i + 1,
    expired: rule.expires !== undefined && now.getTime() >= endOfDay(rule.expires),
    check: rule.check !== undefined ? globRegExp(rule.check) : null,
    resource: rule.resource !== undefined ? globRegExp(rule.resource) : null,
    region: rule.region !== undefined ? globRegExp(rule.region) : null,
    tags:
      rule.tags !== undefined
        ? Object.entries(rule.tags).map(([key, glob]) => ({ key, value: globRegExp(glob) }))
        : null,
    matched: 0,
    undecided: 0,
  }));
  if (compiled.length === 0) return [];
  for (const r of results) {
    if (r.status !== 'fail' && r.status !== 'unknown') continue;
    const names = aliases.get(r.checkId) ?? [r.checkId];
    for (const c of compiled) {
      if (c.check && !names.some((n) => c.check?.test(n))) continue;
      if (c.resource && !c.resource.test(r.resource.arn)) continue;
      if (c.region && (r.resource.region === null || !c.region.test(r.resource.region))) continue;
      if (c.rule.account !== undefined && c.rule.account !== r.accountId) continue;
      if (c.rule.findingId !== undefined && c.rule.findingId !== r.findingId) continue;
      if (c.tags) {
        const tags = tagsOf(r.resource.arn);
        if (tags === undefined) continue;
        if (tags === null) {
          c.undecided += 1;
          continue;
        }
        if (!c.tags.every((t) => Object.hasOwn(tags, t.key) && t.value.test(tags[t.key] ?? ''))) continue;
      }
      c.matched += 1;
      // An expired rule is counted (the report says what it would still cover) but suppresses nothing.
      if (c.expired) continue;
      r.suppression = {
        rule: c.index,
        reason: c.rule.reason,
        ...(c.rule.expires !== undefined ? { expires: c.rule.expires } : {}),
      };
      break;
    }
  }
  return compiled.map((c) => ({
    rule: c.index,
    state: c.expired ? 'expired' : c.matched === 0 ? 'unused' : 'active',
    matched: c.matched,
    ...(c.undecided > 0 ? { undecided: c.undecided } : {}),
  }));
}

/** Whether any rule matches by tags: then the scan reads the functions' tags. */
export function usesTags(rules: readonly SuppressionRule[]): boolean {
  return rules.some((r) => r.tags !== undefined);
}

/** The first instant after the expiry day, UTC: a rule expiring 2027-03-01 still holds that day. */
function endOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) + 86_400_000;
}

function globRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}
