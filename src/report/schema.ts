/**
 * The JSON report: the stable contract for dashboards. `buildReport` validates its own output with
 * this schema, and `reports/schema.json` is generated from it (`scripts/write-schema.ts`) and kept
 * current by `test/report/schema.test.ts`. A breaking change bumps REPORT_SCHEMA_VERSION.
 *
 * Version 2 (from 1): every result has `findingId`, `accountId` and `resource.type`; the status
 * `not_applicable` joins pass, fail and unknown (and every `counts` object has it); `run.reads`
 * and `run.timeout`
 * lists what the scan collected; `dataFiles` gives the age of the dated data the checks used;
 * `frameworks` names the frameworks check mappings refer to; check metadata carries `reads`,
 * optional `aliases` and `data`, and a mapping for every framework.
 *
 * Version 3 (from 2): `access`, who can change each function (the IAM evaluator); the data file
 * `iam-actions` (the action catalogue) in `dataFiles`, which every entry of now has `version`.
 * The schema is closed, so a validator of version 2 would reject these: hence the bump.
 *
 * Version 4 (from 3): `changes`, the comparison with a baseline (an earlier report or inventory),
 * present when the run was given one (--baseline, --baseline-dir).
 *
 * Within version 4: `summary.grade` (the letter grade, src/report/grade.ts), optional so reports
 * written before it still validate; buildReport always writes it.
 */
import { z } from 'zod';
import { DATA_FILE_IDS } from '../data/index.js';
import { CheckMeta, Practice, Severity, Status } from '../engine/check.js';
import { FRAMEWORK_IDS } from '../engine/frameworks.js';
import { ReadIdSchema } from '../inventory/reads.js';
import { AwsErrorInfo, CoverageGap, FunctionChangeEvent } from '../inventory/schema.js';
import { GRADE_LETTERS } from './grade.js';

export const REPORT_SCHEMA_VERSION = 4;

const isoDate = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
/** 0–100 with one decimal; null when there was nothing to measure. */
const percent = z.number().min(0).max(100).nullable();

export const Counts = z.object({ pass: count, fail: count, unknown: count, not_applicable: count });
export type Counts = z.infer<typeof Counts>;

export const ReportCheck = CheckMeta.extend({
  // Re-stated without zod's `startsWith` (which serializes to a non-standard JSON Schema format).
  references: z
    .array(z.string().regex(/^https:\/\/\S+$/))
    .min(1)
    .describe('https links to the documentation behind the check'),
  counts: Counts.describe('results of this check by status'),
});
export type ReportCheck = z.infer<typeof ReportCheck>;

export const ReportResource = z.object({
  arn: z
    .string()
    .describe(
      'the resource ARN, with its qualifier (:alias, :version) where it has one; a * ARN is a whole scope',
    ),
  name: z.string(),
  region: z.string().nullable().describe('null for account-wide resources (IAM)'),
  type: z.string().describe('CloudFormation resource type, or AWS::::Account for account-wide results'),
});

export const FINDING_ID_RECIPE =
  'first 32 hex digits of SHA-256 over the UTF-8 bytes of "lambda-posture/finding/v1" NUL checkId NUL accountId NUL resource.arn (NUL = U+0000); the same for the same check, account and resource in every scan';

export const ReportResult = z.object({
  findingId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .describe(FINDING_ID_RECIPE),
  checkId: z.string(),
  status: Status.describe(
    'pass, fail, unknown (a read failed: never a pass), or not_applicable (the check does not concern the resource)',
  ),
  severity: Severity,
  practice: Practice,
  accountId: z.string(),
  resource: ReportResource,
  message: z.string(),
  evidence: z
    .record(z.string(), z.unknown())
    .describe('structured evidence: a JSON object, never a secret value'),
  error: AwsErrorInfo.optional().describe(
    'for unknown results: the failed read that made the answer unknowable',
  ),
  occurrences: z
    .array(z.string())
    .optional()
    .describe(
      'for a finding made of recorded events (the CloudTrail change checks): one key per event behind it (eventTime|eventName|principalArn), so a comparison with a baseline calls a failure new again when it carries an event the baseline did not',
    ),
  suppression: z
    .object({
      rule: z.number().int().min(1).describe("the rule's place in the suppressions file, from 1"),
      reason: z.string(),
      expires: z.string().optional().describe('YYYY-MM-DD: the rule suppresses through this day (UTC)'),
    })
    .optional()
    .describe(
      'an accepted failing or unknown result: it keeps its status but counts neither in the score nor in failure counts or the exit code',
    ),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const DataFileAge = z.object({
  id: z.enum(DATA_FILE_IDS),
  title: z.string(),
  path: z.string(),
  source: z.string(),
  retrievedAt: z.string().nullable().describe('YYYY-MM-DD; null when the file did not validate'),
  version: z
    .string()
    .nullable()
    .describe("the data's own version where it has one (the IAM catalogue's npm version)"),
  ageDays: count.nullable().describe('days from retrievedAt to the scan'),
  stale: z
    .boolean()
    .describe('older than 120 days at the scan (or invalid): its checks may miss recent changes'),
});

export const ReportGrade = z
  .object({
    letter: z
      .enum(GRADE_LETTERS)
      .nullable()
      .describe('A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below, from the score; null when the score is'),
    cappedBy: z
      .object({ severity: Severity, count: count.describe('failing results of that severity') })
      .nullable()
      .describe(
        'the worst open finding when it lowered the letter: a failing critical caps at D, high at C, medium at B',
      ),
  })
  .describe(
    'the letter grade: the score’s letter, capped by the worst failing finding (always written since 0.1; optional so earlier version-4 reports still validate)',
  );

export const PracticeSummary = z.object({
  title: z.string(),
  score: percent,
  coverage: percent,
  counts: Counts,
});

const AccessModifier = z.object({
  kind: z.enum(['user', 'role']),
  name: z.string(),
  arn: z.string(),
  categories: z
    .array(z.string())
    .describe('what it can change: code, configuration, permissions, entry points'),
  consoleWithoutMfa: z.boolean(),
  staleKey: z.boolean().describe('holds an active access key not rotated for 90 days'),
  actions: z.array(
    z.object({
      action: z.string(),
      decision: z
        .enum(['allowed', 'conditional'])
        .describe('conditional: only if conditions undecidable at scan time hold'),
      mfaRequired: z.boolean(),
      undecidedKeys: z.array(z.string()),
      statements: z.array(z.string()).describe('the granting statements'),
    }),
  ),
});

const AccessSection = z
  .object({
    available: z.boolean(),
    reason: z.string().nullable().describe('why the analysis could not be made (unreadable IAM)'),
    regions: z.array(
      z.object({
        region: z.string(),
        functionCount: count,
        modifiers: z
          .array(AccessModifier)
          .describe('principals that can modify every function of the region'),
      }),
    ),
    functionGroups: z
      .array(
        z.object({
          region: z.string(),
          functions: z.array(z.string()).describe('function names'),
          modifiers: z
            .array(AccessModifier)
            .describe(
              "principals whose grants on these functions differ from the region's list, with those grants",
            ),
          withoutRegionModifiers: z
            .array(z.string())
            .describe("ARNs of the region's modifiers that cannot modify these functions"),
        }),
      )
      .describe(
        "functions whose modifiers differ from their region's, grouped; the region's list plus the difference is each function's complete list",
      ),
    unknownPrincipals: z
      .array(
        z.object({
          kind: z.enum(['user', 'role']),
          name: z.string(),
          arn: z.string(),
          reasons: z.array(z.string()),
        }),
      )
      .describe(
        'principals whose policies could not all be read: whether they can modify functions is unknown',
      ),
  })
  .describe('who can change each function (the IAM evaluator); present when a check using it ran');

/** The most changes listed per function; `count` says how many there were. */
export const CHANGE_HISTORY_CAP = 20;

const ChangeHistorySection = z
  .object({
    since: isoDate.describe('the start of the --changes-since window'),
    until: isoDate.describe('its end: the scan start'),
    functions: z
      .record(
        z.string(),
        z.object({
          region: z.string(),
          name: z.string(),
          count: count.describe('changes in the window, failed attempts included'),
          changes: z.array(FunctionChangeEvent).describe(`newest first, at most ${CHANGE_HISTORY_CAP}`),
        }),
      )
      .describe('by function ARN (unqualified): each function CloudTrail recorded a change to'),
    unreadRegions: z
      .array(z.string())
      .describe('regions whose LookupEvents failed: their history is unknown, not empty'),
  })
  .describe(
    "--changes-since: each function's recent changes from CloudTrail (who, when, from where; never request parameters)",
  );

const ChangeEntry = z.object({
  findingId: z.string().regex(/^[0-9a-f]{32}$/),
  checkId: z.string(),
  severity: Severity,
  resource: ReportResource.pick({ arn: true, name: true, region: true }),
  suppressed: z
    .literal(true)
    .optional()
    .describe('accepted by a suppression rule in the later run: --fail-on-new does not count it'),
});
/** A score before and after, and the difference (after − before, one decimal; null if either is). */
const ScoreChange = z.object({ before: percent, after: percent, delta: z.number().nullable() });

export const DriftSection = z.object({
  functions: z.object({
    added: count,
    removed: count,
    changed: count.describe('functions with at least one change below'),
    unchanged: count,
  }),
  notCompared: count.describe(
    'function reads (environment, policy, URLs, code signing) unread in either scan, so not compared',
  ),
  unreadRegions: z
    .array(z.string())
    .describe('regions whose functions either scan could not list: nothing there is called added or removed'),
  items: z
    .array(
      z.object({
        kind: z.enum([
          'function-added',
          'function-removed',
          'code-changed',
          'configuration-changed',
          'policy-changed',
          'url-added',
          'url-removed',
          'url-auth-changed',
          'code-signing-removed',
          'code-signing-changed',
        ]),
        arn: z.string(),
        name: z.string(),
        region: z.string(),
        before: z
          .record(z.string(), z.unknown())
          .nullable()
          .describe('the changed fields then (never a secret value)'),
        after: z.record(z.string(), z.unknown()).nullable().describe('the changed fields now'),
        opened: z
          .array(z.string())
          .describe(
            'policy-changed: what the new policy opens that the old did not (public, any-aws-account, account:<id>, organization:<id>, …)',
          ),
        codePublished: z
          .enum(['published', 'unpublished', 'unknown'])
          .optional()
          .describe(
            'code-changed only: published — a published version carries the new code (after.publishedAs); unpublished — none does, so the function runs code no version records (it cannot be rolled back to, and no alias can have been moved to it through review); unknown — the newer scan did not read the versions (scan with --deep)',
          ),
      }),
    )
    .describe('by region, function, kind'),
});
export type DriftSection = z.infer<typeof DriftSection>;

export const ChangesSection = z
  .object({
    baseline: z.object({
      kind: z
        .enum(['report', 'inventory'])
        .describe('report: an earlier report.json as it was; inventory: an earlier inventory evaluated now'),
      file: z.string().describe("the baseline file's name"),
      accountId: z.string(),
      startedAt: isoDate.describe('when the baseline scan started'),
      toolVersion: z.string(),
    }),
    counts: z.object({
      new: count.describe('failing now, not failing in the baseline (its check ran there)'),
      newFromNewChecks: count.describe(
        'failing now under a check the baseline did not run: not a regression of the account',
      ),
      resolved: count.describe(
        'failing in the baseline; now passing, not applicable, or the resource is gone',
      ),
      unchanged: count.describe(
        'failing in both (a finding made of events: with no event the baseline did not have)',
      ),
      unresolved: count.describe(
        'failing in the baseline and now unknown or not evaluated: never counted as resolved',
      ),
    }),
    score: ScoreChange,
    coverage: ScoreChange,
    practices: z.record(Practice, ScoreChange),
    new: z
      .array(
        ChangeEntry.extend({
          previously: z
            .enum(['pass', 'unknown', 'not_applicable', 'absent', 'not-evaluated', 'not-listed', 'fail'])
            .describe(
              "the baseline's status; absent: the resource was not there; not-evaluated: the baseline did not run the check; not-listed: the baseline report was written with --results and left this result's (non-failing) status out; fail: a finding made of events (see occurrences) that failed in the baseline too and now carries events it did not",
            ),
          newOccurrences: count
            .optional()
            .describe('previously fail: how many of its events the baseline did not have'),
        }),
      )
      .describe('by severity, check, resource'),
    resolved: z
      .array(
        ChangeEntry.extend({
          now: z
            .enum(['pass', 'not_applicable', 'absent'])
            .describe('absent: the check ran, and the resource is no longer there'),
        }),
      )
      .describe('by severity, check, resource; severity as in the baseline'),
    drift: z
      .discriminatedUnion('available', [
        DriftSection.extend({ available: z.literal(true) }),
        z.object({ available: z.literal(false), reason: z.string() }),
      ])
      .describe('configuration drift between the two inventories; a report baseline has no configuration'),
    unresolved: z
      .array(ChangeEntry.extend({ now: z.enum(['unknown', 'not-evaluated']) }))
      .describe(
        'failing in the baseline, and this run could not tell (unknown) or did not look (not evaluated)',
      ),
  })
  .describe('what changed since a baseline, matched by finding id; present when the run was given one');
export type ChangesSection = z.infer<typeof ChangesSection>;

export const SuppressionsSection = z
  .object({
    file: z.string().describe("the suppressions file's name (never its folder)"),
    rules: z.array(
      z.object({
        rule: z.number().int().min(1),
        state: z
          .enum(['active', 'expired', 'unused'])
          .describe(
            'expired: past its date, suppresses nothing; unused: covers no failing or unknown result',
          ),
        matched: count.describe('failing or unknown results it covers (an expired rule: would cover)'),
        undecided: count
          .optional()
          .describe(
            'a rule by tags: failing or unknown results on functions whose tags are unknown (not read, or the read failed), left unsuppressed',
          ),
        check: z.string().optional(),
        resource: z.string().optional(),
        account: z.string().optional(),
        region: z.string().optional(),
        findingId: z.string().optional(),
        tags: z.record(z.string(), z.string()).optional(),
        reason: z.string(),
        expires: z.string().optional(),
      }),
    ),
  })
  .describe('the suppression rules of --suppressions, and how each was used; present when given');

export const ReportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('lambda-posture'), version: z.string() }),
    run: z.object({
      mode: z
        .enum(['scan', 'evaluate'])
        .describe('scan: read live; evaluate: re-evaluated a saved inventory'),
      accountId: z.string(),
      partition: z.string(),
      callerArn: z.string(),
      regions: z.array(z.string()),
      startedAt: isoDate.describe('when the scan that produced the inventory started'),
      finishedAt: isoDate,
      durationMs: count,
      evaluatedAt: isoDate.describe('when the checks were run over the inventory'),
      endpoint: z.string().nullable().describe('a custom AWS endpoint, or null for the real AWS endpoints'),
      apiCalls: z.object({
        total: count,
        byAction: z
          .record(z.string(), count)
          .describe('calls made, keyed `service:Operation`, retries included'),
      }),
      throttledResponses: count,
      timeout: z
        .object({ limitMs: count, reached: z.boolean() })
        .nullable()
        .describe(
          '--timeout, and whether the scan reached it (then what it had not read is unknown, class timed-out)',
        ),
      reads: z
        .array(ReadIdSchema)
        .describe(
          'what the scan collected, planned from the checks it ran; what it left out is unknown to other checks',
        ),
      policySources: z
        .object({
          fromConfig: count.describe("policies taken from AWS Config's configuration items"),
          fromLambda: count.describe('policies read live with GetPolicy'),
          oldestCapturedAt: isoDate
            .nullable()
            .describe('capture time of the oldest configuration item used; null: none used'),
          refusedRegions: z
            .array(z.object({ region: z.string(), reason: z.string() }))
            .describe('regions where AWS Config was not used, and why (every policy there read live)'),
        })
        .optional()
        .describe(
          '--policy-source config: where function policies came from; absent when every policy was read with GetPolicy',
        ),
      resultsListed: z
        .object({
          statuses: z.array(Status).min(1),
          omitted: count.describe('results left out of `results` (still in every count and score)'),
        })
        .optional()
        .describe(
          '--results: `results` lists only results of these statuses; absent when every result is listed',
        ),
    }),
    summary: z.object({
      score: percent.describe('weighted pass ratio, 0–100; unknown results count as not passed'),
      coverage: percent.describe('share of results that are not unknown, 0–100'),
      incomplete: z
        .boolean()
        .describe('true when any result is unknown or any read failed: scores are lower bounds'),
      counts: Counts,
      failuresBySeverity: z.record(Severity, count),
      practices: z.record(Practice, PracticeSummary),
      coverageGaps: count.describe('number of failed reads (entries in `coverage`)'),
      staleDataFiles: count.describe('data files older than 120 days at the scan (see `dataFiles`)'),
      suppressed: z
        .object({ fail: count, unknown: count })
        .optional()
        .describe(
          'failing and unknown results accepted by a suppression rule (in `counts`, but not in the score, `failuresBySeverity` or the exit code); present with --suppressions',
        ),
      grade: ReportGrade.optional(),
    }),
    frameworks: z
      .record(z.enum(FRAMEWORK_IDS), z.object({ title: z.string(), url: z.string() }))
      .describe('the frameworks that check mappings refer to'),
    dataFiles: z.array(DataFileAge).describe('the dated data files the checks judged by, with their age'),
    checks: z.array(ReportCheck).describe('every evaluated check, by id'),
    results: z
      .array(ReportResult)
      .describe('one per check and resource, by check id, account, region, resource ARN'),
    coverage: z
      .array(CoverageGap)
      .describe('every read that failed, by service, region, operation, resource'),
    access: AccessSection.optional(),
    changes: ChangesSection.optional(),
    changeHistory: ChangeHistorySection.optional(),
    suppressions: SuppressionsSection.optional(),
  })
  .meta({
    title: 'lambda-posture report',
    description: 'The JSON report written by lambda-posture (report.json).',
  });

export type Report = z.infer<typeof ReportSchema>;

/** The report's JSON Schema (draft 2020-12), as committed in reports/schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
}
