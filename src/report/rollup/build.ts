/**
 * Builds the organization roll-up from one small entry per target account, and merges the parts
 * of a sharded scan back into it.
 *
 * The organization's score is not an average of account scores: each scanned account keeps the
 * sums its score came from (src/engine/score.ts ScoreSums), and the organization's line is the
 * line of those sums pooled — the score of every account's results together, weighted as one
 * account's are. The pooling always runs in account-id order, whatever order the entries came
 * in, so a merge of shards (the same entries, gathered from N files) gives the same doubles, and
 * the same bytes, as one unsharded run.
 *
 * A merge is exactly `buildRollup` of the union: it only checks that the parts are the N parts of
 * one selection (same tool version, organization, selection and digest; every shard index once;
 * no account twice; every account in the shard the sorting puts it in; the union's digest is the
 * selection's), then rebuilds. Each refusal is a RollupMergeError saying which file and why.
 */
import { createHash } from 'node:crypto';
import { SEVERITY_ORDER, type Severity } from '../../engine/check.js';
import { addScoreSums, type ScoreSums, scoresOfSums, zeroCounts, zeroScoreSums } from '../../engine/score.js';
import type { AwsErrorInfo } from '../../inventory/schema.js';
import { GRADE_LETTERS, gradeOf } from '../grade.js';
import { fixFirst } from '../priority.js';
import type { Report } from '../schema.js';
import {
  ROLLUP_FIX_FIRST,
  ROLLUP_SCHEMA_VERSION,
  ROLLUP_TOP_FINDINGS,
  type Rollup,
  type RollupAccount,
  type RollupOrgFinding,
  RollupSchema,
  type RollupSelection,
} from './schema.js';

/** A part that cannot be merged, or a file that is not a roll-up: the message says what to do. */
export class RollupMergeError extends Error {
  override name = 'RollupMergeError';
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** hex SHA-256 of the sorted account ids joined by "\n" (selection.targetsDigest). */
export function targetsDigest(accountIds: readonly string[]): string {
  return createHash('sha256')
    .update([...accountIds].sort(cmp).join('\n'), 'utf8')
    .digest('hex');
}

/**
 * The accounts a shard scans: the targets sorted by account id, position k going to shard
 * k mod count (0-based, as JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX count); all of
 * them without a shard. The merge checks every account against this same rule.
 */
export function shardTargets(
  targets: readonly string[],
  shard: { index: number; count: number } | null,
): string[] {
  const sorted = [...new Set(targets)].sort(cmp);
  return shard === null ? sorted : sorted.filter((_, k) => k % shard.count === shard.index);
}

const zeroFailures = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;

// ---------------------------------------------------------------------------------------------
// One account
// ---------------------------------------------------------------------------------------------

/**
 * A scanned account's entry. Counts, scores and failures come from the report's summary and the
 * sums (both cover every result even when --results narrowed `results`); the top findings come
 * from the failing results the report lists. The sums must be the report's: their score and
 * coverage are checked against its summary, so a mismatched pair fails here, not in a total.
 */
export function scannedAccount(input: {
  report: Report;
  sums: ScoreSums;
  name: string | null;
  organizationalUnit: string | null;
  reportDir: string;
}): RollupAccount {
  const { report, sums } = input;
  const { run, summary } = report;
  const fromSums = scoresOfSums(sums);
  if (fromSums.overall.score !== summary.score || fromSums.overall.coverage !== summary.coverage) {
    throw new Error(
      `rollup: the score sums of account ${run.accountId} give ${fromSums.overall.score}/${fromSums.overall.coverage}, its report ${summary.score}/${summary.coverage}: they are not of the same results`,
    );
  }
  if (input.reportDir !== `accounts/${run.accountId}`) {
    throw new Error(`rollup: account ${run.accountId}'s reports must be in accounts/${run.accountId}`);
  }
  const titles = new Map(report.checks.map((c) => [c.id, c.title]));
  return {
    accountId: run.accountId,
    name: input.name,
    organizationalUnit: input.organizationalUnit,
    status: 'scanned',
    reason: null,
    error: null,
    reportDir: input.reportDir,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    score: summary.score,
    coverage: summary.coverage,
    incomplete: summary.incomplete,
    grade: summary.grade ?? gradeOf(summary.score, summary.failuresBySeverity),
    counts: { ...summary.counts },
    failuresBySeverity: { ...zeroFailures(), ...summary.failuresBySeverity },
    practices: Object.fromEntries(
      Object.entries(summary.practices).map(([p, l]) => [p, { score: l.score, coverage: l.coverage }]),
    ) as RollupAccount['practices'],
    coverageGaps: summary.coverageGaps,
    apiCalls: run.apiCalls.total,
    throttledResponses: run.throttledResponses,
    sums,
    topFindings: fixFirst(report, ROLLUP_TOP_FINDINGS).map(({ result: r, reason }) => ({
      findingId: r.findingId,
      checkId: r.checkId,
      title: titles.get(r.checkId) ?? r.checkId,
      severity: r.severity,
      reason,
      resource: { arn: r.resource.arn, name: r.resource.name, region: r.resource.region },
      message: r.message,
    })),
  };
}

/**
 * An account that was not scanned: failed (it could not be: the role is missing, AssumeRole was
 * denied, anything thrown) or suspended. Nothing is measured, so its score and grade are null;
 * a failed account is incomplete (unknown is never clean), a suspended one is not (see Rollup's
 * summary.incomplete).
 */
export function unscannedAccount(input: {
  accountId: string;
  name: string | null;
  organizationalUnit: string | null;
  status: 'failed' | 'suspended';
  reason: string;
  error: AwsErrorInfo | null;
}): RollupAccount {
  const sums = zeroScoreSums();
  const lines = scoresOfSums(sums);
  return {
    accountId: input.accountId,
    name: input.name,
    organizationalUnit: input.organizationalUnit,
    status: input.status,
    reason: input.reason,
    error: input.error,
    reportDir: null,
    startedAt: null,
    finishedAt: null,
    score: null,
    coverage: null,
    incomplete: input.status === 'failed',
    grade: { letter: null, cappedBy: null },
    counts: zeroCounts(),
    failuresBySeverity: zeroFailures(),
    practices: Object.fromEntries(
      Object.entries(lines.practices).map(([p, l]) => [p, { score: l.score, coverage: l.coverage }]),
    ) as RollupAccount['practices'],
    coverageGaps: 0,
    apiCalls: 0,
    throttledResponses: 0,
    sums,
    topFindings: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------------

/**
 * Worst first. A failed account comes before every scanned one (nothing is known of it, and
 * unknown is never clean), then a scanned account where nothing was measured, then grades F to
 * A; suspended accounts, which hold nothing to fix, last. Within a rank: score ascending (null
 * first), then account id.
 */
function accountRank(a: RollupAccount): number {
  if (a.status === 'failed') return 0;
  if (a.status === 'suspended') return 2 + GRADE_LETTERS.length;
  return a.grade.letter === null ? 1 : 1 + GRADE_LETTERS.length - GRADE_LETTERS.indexOf(a.grade.letter);
}

export function compareAccounts(a: RollupAccount, b: RollupAccount): number {
  return (
    accountRank(a) - accountRank(b) || (a.score ?? -1) - (b.score ?? -1) || cmp(a.accountId, b.accountId)
  );
}

/**
 * The organization's findings to fix first: the accounts' top findings ranked as one account's
 * are (src/report/priority.ts: severity; public exposure and escalation paths before the rest;
 * check id; one per check before a second of any), ties by account id, then ARN (which keeps one
 * account's order exactly its report's), then finding id.
 */
export function organizationFixFirst(
  accounts: readonly RollupAccount[],
  limit = ROLLUP_FIX_FIRST,
): RollupOrgFinding[] {
  const sev = (f: RollupOrgFinding) => SEVERITY_ORDER.indexOf(f.severity);
  const order = (a: RollupOrgFinding, b: RollupOrgFinding) =>
    sev(a) - sev(b) ||
    (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) ||
    cmp(a.checkId, b.checkId) ||
    cmp(a.accountId, b.accountId) ||
    cmp(a.resource.arn, b.resource.arn) ||
    cmp(a.findingId, b.findingId);
  const byCheck = new Map<string, RollupOrgFinding[]>();
  for (const account of accounts) {
    for (const f of account.topFindings) {
      const list = byCheck.get(f.checkId) ?? [];
      byCheck.set(f.checkId, list);
      list.push({ ...f, accountId: account.accountId, accountName: account.name });
    }
  }
  const lists = [...byCheck.values()].map((l) => l.sort(order).slice(0, limit));
  const out: RollupOrgFinding[] = [];
  for (let round = 0; out.length < limit; round++) {
    const row = lists.map((l) => l[round]).filter((x): x is RollupOrgFinding => x !== undefined);
    if (row.length === 0) break;
    out.push(...row.sort(order).slice(0, limit - out.length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The roll-up
// ---------------------------------------------------------------------------------------------

export interface RollupInput {
  toolVersion: string;
  organization: { id: string; managementAccountId: string } | null;
  selection: RollupSelection;
  startedAt: string;
  finishedAt: string;
  accounts: RollupAccount[];
}

/**
 * The roll-up of these account entries, validated by the schema. Unsharded, the entries must be
 * exactly the selection's targets (their digest is checked); a shard's, at most that many.
 */
export function buildRollup(input: RollupInput): Rollup {
  const { selection } = input;
  const byId = [...input.accounts].sort((a, b) => cmp(a.accountId, b.accountId));
  for (let i = 1; i < byId.length; i++) {
    if (byId[i]?.accountId === byId[i - 1]?.accountId) {
      throw new Error(`rollup: account ${byId[i]?.accountId} has two entries`);
    }
  }
  const ids = byId.map((a) => a.accountId);
  if (selection.shard === null) {
    if (ids.length !== selection.targets || targetsDigest(ids) !== selection.targetsDigest) {
      throw new Error(
        `rollup: ${ids.length} account entries are not the selection's ${selection.targets} targets (digest ${selection.targetsDigest.slice(0, 12)}…)`,
      );
    }
  } else if (ids.length > selection.targets) {
    throw new Error(
      `rollup: a shard holds ${ids.length} accounts, more than the ${selection.targets} targets`,
    );
  }

  // In account-id order: the same entries always add up to the same doubles.
  const pooled = byId.reduce<ScoreSums>((s, a) => addScoreSums(s, a.sums), zeroScoreSums());
  const lines = scoresOfSums(pooled);
  const counts = zeroCounts();
  const failuresBySeverity = zeroFailures();
  const tally = { total: byId.length, scanned: 0, failed: 0, suspended: 0 };
  for (const a of byId) {
    tally[a.status] += 1;
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += a.counts[k];
    for (const s of SEVERITY_ORDER) failuresBySeverity[s] += a.failuresBySeverity[s];
  }

  const rollup: Rollup = {
    schemaVersion: ROLLUP_SCHEMA_VERSION,
    tool: { name: 'lambda-posture', version: input.toolVersion },
    organization: input.organization,
    selection: {
      ...selection,
      organizationalUnits: [...selection.organizationalUnits].sort(cmp),
      excludedAccounts: [...selection.excludedAccounts].sort(cmp),
    },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    summary: {
      accounts: tally,
      score: lines.overall.score,
      coverage: lines.overall.coverage,
      incomplete: byId.some((a) => a.status === 'failed' || (a.status === 'scanned' && a.incomplete)),
      grade: gradeOf(lines.overall.score, failuresBySeverity),
      counts,
      failuresBySeverity,
      practices: lines.practices,
    },
    accounts: [...byId].sort(compareAccounts),
    fixFirst: organizationFixFirst(byId),
  };
  // Parsing also lays every object out in the schema's key order, whatever order an entry read
  // from a part had: the JSON of the same roll-up is the same bytes.
  return RollupSchema.parse(rollup);
}

// ---------------------------------------------------------------------------------------------
// Shards
// ---------------------------------------------------------------------------------------------

const shardText = (s: { index: number; count: number }) => `shard ${s.index}/${s.count}`;
const short = (digest: string) => `${digest.slice(0, 12)}…`;

/**
 * The roll-up of the N parts of one sharded scan: exactly `buildRollup` of all their accounts,
 * shard null, from the earliest start to the latest finish. `sources` name the parts in errors
 * (their file names); without them a part is named by its shard.
 *
 * Tool versions must agree: every shard of one job runs one image, and a part from another
 * version is a part from another run (a stale shard-2/ left from yesterday's job has the same
 * selection and digest, and only its version or its accounts' times can tell); the roll-up also
 * has one `tool.version` to give, and checks that differ between versions would make the pooled
 * score a sum of two measures. Re-run the odd shard, or merge the parts of one run.
 */
export function mergeRollups(parts: readonly Rollup[], sources: readonly string[] = []): Rollup {
  if (parts.length === 0)
    throw new RollupMergeError('no roll-up to merge: give the shards’ rollup.json files');
  const named = parts.map((rollup, i) => ({
    rollup,
    name: sources[i] ?? (rollup.selection.shard ? shardText(rollup.selection.shard) : `part ${i + 1}`),
  }));
  const [first] = named as [(typeof named)[number]];
  const ref = first.rollup;
  if (parts.length === 1 && ref.selection.shard === null) return rebuild(ref, [ref]);

  for (const { rollup, name } of named) {
    if (rollup.selection.shard === null) {
      throw new RollupMergeError(
        `${name} is a whole roll-up (written without --shard), not a shard's part: merge only the parts of one sharded scan`,
      );
    }
  }
  for (const { rollup, name } of named.slice(1)) {
    const sel = rollup.selection;
    const refSel = ref.selection;
    if (rollup.tool.version !== ref.tool.version) {
      throw new RollupMergeError(
        `${name} was written by lambda-posture ${rollup.tool.version} and ${first.name} by ${ref.tool.version}: every shard of one scan runs one version — re-run the odd shard, or merge the parts of one run`,
      );
    }
    if (JSON.stringify(rollup.organization) !== JSON.stringify(ref.organization)) {
      throw new RollupMergeError(
        `${name} is from another organization (${rollup.organization?.id ?? 'none'}, while ${first.name} is from ${ref.organization?.id ?? 'none'})`,
      );
    }
    if (sel.targetsDigest !== refSel.targetsDigest) {
      throw new RollupMergeError(
        `${name} is from another selection (targets digest ${short(sel.targetsDigest)}, ${sel.targets} targets; ${first.name}: ${short(refSel.targetsDigest)}, ${refSel.targets} targets)`,
      );
    }
    const same =
      sel.source === refSel.source &&
      sel.targets === refSel.targets &&
      JSON.stringify(sel.organizationalUnits) === JSON.stringify(refSel.organizationalUnits) &&
      JSON.stringify(sel.excludedAccounts) === JSON.stringify(refSel.excludedAccounts);
    if (!same) {
      throw new RollupMergeError(
        `${name} is from another selection (--org/--ou/--accounts/--exclude-accounts differ from ${first.name}'s)`,
      );
    }
    if (sel.shard?.count !== refSel.shard?.count) {
      throw new RollupMergeError(
        `${name} is one of ${sel.shard?.count} shards, ${first.name} one of ${refSel.shard?.count}: merge the parts of one --shard I/N`,
      );
    }
  }

  const count = ref.selection.shard?.count ?? 1;
  const byIndex = new Map<number, (typeof named)[number]>();
  for (const part of named) {
    const shard = part.rollup.selection.shard as { index: number; count: number };
    if (shard.index >= count) {
      throw new RollupMergeError(
        `${part.name} says ${shardText(shard)}: a shard index runs from 0 to ${count - 1}`,
      );
    }
    const seen = byIndex.get(shard.index);
    if (seen) throw new RollupMergeError(`${shardText(shard)} is given twice: ${seen.name} and ${part.name}`);
    byIndex.set(shard.index, part);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new RollupMergeError(
      `${missing.map((i) => shardText({ index: i, count })).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (${byIndex.size} of ${count} parts given): wait for ${missing.length === 1 ? 'it' : 'them'} to finish, or re-run ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }

  const owner = new Map<string, (typeof named)[number]>();
  for (const part of named) {
    for (const a of part.rollup.accounts) {
      const seen = owner.get(a.accountId);
      if (seen) {
        throw new RollupMergeError(
          `account ${a.accountId} is in both ${seen.name} and ${part.name}: the parts overlap, so they are not one sharding`,
        );
      }
      owner.set(a.accountId, part);
    }
  }
  const ids = [...owner.keys()];
  if (ids.length !== ref.selection.targets || targetsDigest(ids) !== ref.selection.targetsDigest) {
    throw new RollupMergeError(
      `the ${count} parts hold ${ids.length} accounts, which are not the selection's ${ref.selection.targets} targets (digest ${short(ref.selection.targetsDigest)}): a part lost or gained accounts — re-run it`,
    );
  }
  for (let i = 0; i < count; i++) {
    const part = byIndex.get(i) as (typeof named)[number];
    const want = shardTargets(ids, { index: i, count });
    const got = part.rollup.accounts.map((a) => a.accountId).sort(cmp);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      throw new RollupMergeError(
        `${part.name} holds other accounts than ${shardText({ index: i, count })} scans (the sorted targets at positions k with k mod ${count} = ${i}): the parts are not one sharding`,
      );
    }
  }
  return rebuild(ref, parts);
}

function rebuild(ref: Rollup, parts: readonly Rollup[]): Rollup {
  const time = (pick: (r: Rollup) => string, earliest: boolean) =>
    parts
      .map(pick)
      .reduce((a, b) => ((earliest ? Date.parse(b) < Date.parse(a) : Date.parse(b) > Date.parse(a)) ? b : a));
  return buildRollup({
    toolVersion: ref.tool.version,
    organization: ref.organization,
    selection: { ...ref.selection, shard: null },
    startedAt: time((r) => r.startedAt, true),
    finishedAt: time((r) => r.finishedAt, false),
    accounts: parts.flatMap((p) => p.accounts),
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a part
// ---------------------------------------------------------------------------------------------

/**
 * A rollup.json read back. Anything that is not a valid roll-up of this schema version is a
 * RollupMergeError naming the file and, for a schema failure, the first bad field's path.
 */
export function parseRollup(text: string, source: string): Rollup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RollupMergeError(
      `${source} is not JSON (${(e as Error).message}): it may be cut short or not a roll-up`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RollupMergeError(`${source} is not a lambda-posture roll-up (not a JSON object)`);
  }
  const doc = json as Record<string, unknown>;
  if ('run' in doc && 'results' in doc) {
    throw new RollupMergeError(`${source} is an account's report (report.json), not a roll-up (rollup.json)`);
  }
  if ('schemaVersion' in doc && doc.schemaVersion !== ROLLUP_SCHEMA_VERSION && 'selection' in doc) {
    throw new RollupMergeError(
      `${source} is a roll-up of schema version ${String(doc.schemaVersion)}; this lambda-posture reads version ${ROLLUP_SCHEMA_VERSION}: merge with the version that wrote it`,
    );
  }
  const parsed = RollupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(the document)';
    const more =
      parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new RollupMergeError(
      `${source} is not a valid lambda-posture roll-up: ${path}: ${issue?.message ?? 'invalid'}${more}`,
    );
  }
  return parsed.data;
}

export type { Rollup, RollupAccount, RollupSelection };
