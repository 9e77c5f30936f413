/**
 * The organization roll-up (rollup.json): one small entry per target account — its grade, score,
 * failures, the sums its score was computed from, and its few worst findings — and the
 * organization's summary pooled from those sums. The contract for dashboards of an organization
 * and for `lambda-posture merge`, which reads the shards' parts back with this schema;
 * `reports/rollup-schema.json` is generated from it (scripts/write-schema.ts) and kept current by
 * test/report/rollup/schema.test.ts. A breaking change bumps ROLLUP_SCHEMA_VERSION.
 *
 * Every object is closed (strict): a part written by another tool, or by a later version with
 * fields this one does not know, is refused rather than half-read and merged into a wrong total.
 * Nothing here holds a secret value: messages come from results, which never carry one.
 */
import { z } from 'zod';
import { Practice, SEVERITY_ORDER, Severity } from '../../engine/check.js';
import { AwsErrorInfo } from '../../inventory/schema.js';
import { GRADE_LETTERS } from '../grade.js';

export const ROLLUP_SCHEMA_VERSION = 1;

/** Findings listed in `fixFirst`, across the organization. */
export const ROLLUP_FIX_FIRST = 20;
/** Findings kept per account in `topFindings`. */
export const ROLLUP_TOP_FINDINGS = 5;

const isoDate = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
/** 0–100 with one decimal; null when there was nothing to measure. */
const percent = z.number().min(0).max(100).nullable();
const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('a 12-digit AWS account id');

/** One object with a member per key, in the keys' order (so a parsed part keeps the key order). */
const everyKey = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);

export const RollupCounts = z
  .strictObject({ pass: count, fail: count, unknown: count, not_applicable: count })
  .describe('results by status');

const FailuresBySeverity = everyKey(SEVERITY_ORDER, count).describe(
  'failing results by severity; suppressed results do not count',
);

export const RollupGrade = z
  .strictObject({
    letter: z
      .enum(GRADE_LETTERS)
      .nullable()
      .describe('A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below, from the score; null when the score is'),
    cappedBy: z
      .strictObject({ severity: Severity, count: count.describe('failing results of that severity') })
      .nullable()
      .describe(
        'the worst open finding when it lowered the letter: a failing critical caps at D, high at C, medium at B',
      ),
  })
  .describe('the letter grade, as in report.json (src/report/grade.ts)');

const SumLine = z.strictObject({
  weighted: z
    .number()
    .nonnegative()
    .describe('Σ severity weight × pass share over the check × scope cells with an applicable result'),
  weights: z.number().nonnegative().describe('Σ severity weight of those cells'),
  counts: RollupCounts.describe('results of every cell, suppressed ones left out'),
});

export const RollupScoreSums = z
  .strictObject({
    overall: SumLine,
    practices: everyKey(Practice.options, SumLine),
  })
  .describe(
    'what the score was computed from (src/engine/score.ts ScoreSums): score = round(100 × weighted / weights, 1); sums of different accounts add up to the score of their results together',
  );

const FindingResource = z.strictObject({
  arn: z.string(),
  name: z.string(),
  region: z.string().nullable().describe('null for account-wide resources (IAM)'),
});

export const RollupFinding = z.strictObject({
  findingId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .describe("the result's finding id, as in the account's report.json"),
  checkId: z.string(),
  title: z.string().describe("the check's title"),
  severity: Severity,
  reason: z
    .enum(['public exposure', 'escalation path'])
    .nullable()
    .describe('why it ranks before findings of its severity that are neither (src/report/priority.ts)'),
  resource: FindingResource,
  message: z.string(),
});
export type RollupFinding = z.infer<typeof RollupFinding>;

export const RollupOrgFinding = RollupFinding.extend({
  accountId,
  accountName: z.string().nullable(),
});
export type RollupOrgFinding = z.infer<typeof RollupOrgFinding>;

export const RollupAccountSchema = z.strictObject({
  accountId,
  name: z.string().nullable().describe('the account name in AWS Organizations (chosen by its owners)'),
  organizationalUnit: z
    .string()
    .nullable()
    .describe('its OU path, like "Root/Workloads/Prod"; null when unknown (--accounts)'),
  status: z
    .enum(['scanned', 'failed', 'suspended'])
    .describe(
      'scanned: its report is in reportDir; failed: it could not be scanned (reason, error); suspended: SUSPENDED in AWS Organizations, not scanned',
    ),
  reason: z.string().nullable().describe('failed or suspended: why it was not scanned'),
  error: AwsErrorInfo.nullable().describe('failed: the AWS error, when one was the cause'),
  reportDir: z
    .string()
    .regex(/^accounts\/\d{12}$/)
    .nullable()
    .describe('scanned: the folder of its reports, relative to the roll-up ("accounts/<id>")'),
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  score: percent.describe('its report’s score; null when not scanned or nothing was measured'),
  coverage: percent,
  incomplete: z
    .boolean()
    .describe('scanned: its report is incomplete (a read failed or a result is unknown); failed: true'),
  grade: RollupGrade,
  counts: RollupCounts.describe('its report’s summary.counts (suppressed results included, as there)'),
  failuresBySeverity: FailuresBySeverity,
  practices: everyKey(Practice.options, z.strictObject({ score: percent, coverage: percent })),
  coverageGaps: count.describe('failed reads in its scan'),
  apiCalls: count.describe('AWS API calls its scan made'),
  throttledResponses: count,
  sums: RollupScoreSums,
  topFindings: z
    .array(RollupFinding)
    .max(ROLLUP_TOP_FINDINGS)
    .describe(
      'its findings to fix first, ranked as in its report; from the results its report lists (--results may leave failures out)',
    ),
});
export type RollupAccount = z.infer<typeof RollupAccountSchema>;

export const RollupSelectionSchema = z.strictObject({
  source: z
    .enum(['organization', 'organizational-units', 'accounts'])
    .describe('organization: --org; organizational-units: --ou; accounts: --accounts or --accounts-file'),
  organizationalUnits: z.array(z.string()).describe('--ou, sorted'),
  excludedAccounts: z.array(accountId).describe('--exclude-accounts, sorted'),
  targets: count.describe('accounts selected, before sharding'),
  targetsDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe(
      'hex SHA-256 of the sorted target account ids joined by "\\n": the same selection, the same digest',
    ),
  shard: z
    .strictObject({
      index: count.describe('from 0'),
      count: z.number().int().min(1),
    })
    .nullable()
    .describe(
      '--shard I/N: this part holds the targets at sorted positions k with k mod N = I; null: all of them',
    ),
});
export type RollupSelection = z.infer<typeof RollupSelectionSchema>;

const PracticeLine = z.strictObject({
  title: z.string(),
  score: percent,
  coverage: percent,
  counts: RollupCounts,
});

export const RollupSchema = z
  .strictObject({
    schemaVersion: z.literal(ROLLUP_SCHEMA_VERSION),
    tool: z.strictObject({ name: z.literal('lambda-posture'), version: z.string() }),
    organization: z
      .strictObject({ id: z.string(), managementAccountId: accountId })
      .nullable()
      .describe('the AWS organization; null when the accounts were given (--accounts) without one'),
    selection: RollupSelectionSchema,
    startedAt: isoDate.describe('when the first account’s scan started (a merge: the earliest shard)'),
    finishedAt: isoDate.describe('when the last account finished (a merge: the latest shard)'),
    summary: z.strictObject({
      accounts: z.strictObject({
        total: count,
        scanned: count,
        failed: count,
        suspended: count,
      }),
      score: percent.describe(
        'the score of every scanned account’s results together (pooled sums), not an average of account scores',
      ),
      coverage: percent,
      incomplete: z
        .boolean()
        .describe(
          'true when an account failed or a scanned account is incomplete: scores are lower bounds; a suspended account does not make it incomplete',
        ),
      grade: RollupGrade,
      counts: RollupCounts,
      failuresBySeverity: FailuresBySeverity,
      practices: everyKey(Practice.options, PracticeLine),
    }),
    accounts: z
      .array(RollupAccountSchema)
      .describe(
        'worst first: failed, then nothing measured, then grade F to A, then suspended; within, score ascending, then account id',
      ),
    fixFirst: z
      .array(RollupOrgFinding)
      .max(ROLLUP_FIX_FIRST)
      .describe(
        "the organization's findings to fix first: the accounts' top findings ranked as one account's are, ties by account id",
      ),
  })
  .meta({
    title: 'lambda-posture organization roll-up',
    description: 'The organization roll-up written by lambda-posture scan --org and merge (rollup.json).',
  });

export type Rollup = z.infer<typeof RollupSchema>;

/** The roll-up's JSON Schema (draft 2020-12), as committed in reports/rollup-schema.json. */
export function rollupJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RollupSchema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
}
