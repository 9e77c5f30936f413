#!/usr/bin/env node
/**
 * The command line: yargs only. It turns argv into options, calls run(), prints the summary and
 * sets the exit code (src/cli/failures.ts: 0 clean, 1 findings, 2 usage, 3 incomplete,
 * 4 credentials, 5 network, 6 output, 7 inventory, 70 internal, 130 SIGINT, 143 SIGTERM).
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CHECKS } from '../checks/index.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_ROLE_SESSION_NAME,
  EXTERNAL_ID,
  ROLE_ARN,
  ROLE_DURATION_S,
  ROLE_SESSION_NAME,
} from './aws/defaults.js';
import {
  changesSince,
  duration,
  explainUnknownCommand,
  list,
  positiveInt,
  positiveNumber,
  rawValue,
  seconds,
  suggestFlags,
} from './cli/args.js';
import { CONFIG_FILE_NAMES, loadConfig } from './cli/config-file.js';
import { explainJson, explainText, findCheck } from './cli/explain.js';
import { describeFailure, EXIT, type Failure, UsageError } from './cli/failures.js';
import { isValidCidr } from './engine/change-review.js';
import { SEVERITY_ORDER, type Severity, Status } from './engine/check.js';
import { coverageCounts, frameworkCoverage } from './engine/framework-coverage.js';
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId } from './engine/frameworks.js';
import { isChangeCheck, isCodeScan, isDeep, selectChecks } from './engine/select.js';
import { createReporter, type Reporter, SILENT } from './progress.js';
import { loadBaseline } from './report/baseline.js';
import { diffSnapshots, newAtOrAbove } from './report/changes.js';
import { formatChangesLines } from './report/changes-summary.js';
import { RENDERERS } from './report/index.js';
import { formatSummary } from './report/summary.js';
import { type FailOn, type Format, type RunOptions, run, type ScanOptions } from './run.js';
import { painter } from './text/terminal.js';
import { TOOL_VERSION } from './version.js';

const FORMATS = Object.keys(RENDERERS) as Format[];
/** --results: the statuses a report lists (its summary always counts every result). */
const RESULT_STATUSES = Status.options;
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

function common(y: Argv) {
  return y
    .option('out', {
      type: 'string',
      default: 'reports',
      requiresArg: true,
      describe: 'Folder for the report files',
    })
    .option('format', {
      type: 'string',
      default: 'json,html',
      requiresArg: true,
      describe: `Report formats, comma-separated: ${Object.entries(RENDERERS)
        .map(([format, r]) => `${format} (${r.fileName})`)
        .join(', ')}`,
    })
    .option('results', {
      type: 'string',
      default: 'all',
      requiresArg: true,
      describe: `Which results the reports list, comma-separated: all, or ${RESULT_STATUSES.join(', ')}; summaries, scores and the exit code still count every result (fail,unknown keeps a large account's reports small)`,
    })
    .option('fail-on', {
      choices: [...SEVERITY_ORDER, 'none'] as const,
      default: 'high' as const,
      requiresArg: true,
      describe: 'Exit 1 when a failing result has this severity or higher',
    })
    .option('allow-incomplete', {
      type: 'boolean',
      default: false,
      describe: 'Exit 0 (not 3) when results are unknown because reads failed',
    })
    .option('checks', {
      type: 'string',
      requiresArg: true,
      describe: 'Only these check ids or globs, comma-separated (iam.*); the scan reads only what they need',
    })
    .option('skip-checks', {
      type: 'string',
      requiresArg: true,
      describe: 'Skip these check ids or globs, comma-separated',
    })
    .option('services', {
      type: 'string',
      requiresArg: true,
      describe: 'Only the checks of these services, comma-separated: lambda, iam, guardduty, account',
    })
    .option('severity', {
      type: 'string',
      requiresArg: true,
      describe: 'Only the checks of these severities, comma-separated: critical, high, medium, low, info',
    })
    .option('practice', {
      type: 'string',
      requiresArg: true,
      describe: 'Only the checks of these practices, comma-separated: BP1 … BP7',
    })
    .option('framework', {
      type: 'string',
      requiresArg: true,
      describe: `Only the checks mapped to a control of these frameworks, comma-separated: ${FRAMEWORK_IDS.join(', ')}`,
    })
    .option('deep', {
      type: 'boolean',
      default: false,
      describe:
        "Also run the checks whose reads cost more than the default plan: the account's own layer versions (ListLayerVersions per layer, GetLayerVersionPolicy per version, in Lambda's shared 15/s bucket); per function ListFunctionEventInvokeConfigs, GetFunctionRecursionConfig and ListAliases (shared 15/s bucket) and GetFunction for tags (100/s bucket); the published versions (ListFunctions with FunctionVersion=ALL: a page more per 50 versions); and GetPolicy per alias and per published version (15/s bucket)",
    })
    .option('scan-code', {
      type: 'boolean',
      default: false,
      describe:
        "Also download every Zip function's deployment package (GetFunction, Lambda's 100/s bucket) and each layer version the functions use (GetLayerVersion, shared 15/s bucket), and scan their files for secrets (file path, detector and fingerprint kept, never a value). Downloads are S3 traffic: up to 250 MiB each, 4 at a time per region",
    })
    .option('baseline', {
      type: 'string',
      requiresArg: true,
      describe:
        'Compare with an earlier report.json or inventory: findings new, resolved and unchanged (by finding id), and the score and coverage change',
    })
    .option('fail-on-new', {
      choices: SEVERITY_ORDER,
      requiresArg: true,
      describe:
        'Exit 1 only for failures new since the baseline at this severity or higher, instead of --fail-on (failures under checks the baseline did not run do not count)',
    })
    .option('suppressions', {
      type: 'string',
      requiresArg: true,
      describe:
        "YAML or JSON file of accepted findings (by check, resource ARN, account, region, finding id or Lambda function tags; a reason each, an expiry if you like): they stay in the reports but count neither in the score nor in the exit code. A rule by tags makes the scan read the tags: one GetFunction per function (Lambda's 100/s bucket)",
    })
    .option('config', {
      type: 'string',
      requiresArg: true,
      describe: `Settings file (YAML or JSON) whose keys are these flags' names; flags override it (default: ${CONFIG_FILE_NAMES.join(', ')} in this folder, if there)`,
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only errors' })
    .option('log-format', {
      choices: ['text', 'json'] as const,
      default: 'text' as const,
      requiresArg: true,
      describe:
        'stderr as text (progress bars on a terminal, plain lines otherwise) or as one JSON object per line (time, level, phase, region, message) for log collectors',
    })
    .option('color', {
      type: 'boolean',
      default: colourByDefault(),
      describe:
        'Colour the summary (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR=1 forces it)',
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' });
}

type CommonArgs = {
  out: string;
  format: string;
  results: string;
  'fail-on': FailOn;
  'allow-incomplete': boolean;
  checks?: string;
  'skip-checks'?: string;
  services?: string;
  severity?: string;
  practice?: string;
  framework?: string;
  deep: boolean;
  'scan-code': boolean;
  baseline?: string;
  'fail-on-new'?: Severity;
  'baseline-dir'?: string;
  suppressions?: string;
  quiet: boolean;
  'log-format': 'text' | 'json';
};

/** NO_COLOR wins; FORCE_COLOR (not "0" or "false") forces colour; else colour on a terminal. */
function colourByDefault(): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return process.stdout.isTTY === true;
}

/** How stderr reports: nothing with --quiet, JSON lines, bars on a terminal, else plain lines. */
function reporterFor(argv: Pick<CommonArgs, 'quiet' | 'log-format'>): Reporter {
  if (argv.quiet) return SILENT;
  const write = (text: string) => process.stderr.write(text);
  if (argv['log-format'] === 'json') return createReporter({ style: 'json', write });
  // Many accounts at once would be a bar per account and region: lines say which is which.
  const many = ['org', 'ou', 'accounts', 'accounts-file'].some((k) => {
    const v = (argv as Record<string, unknown>)[k];
    return v !== undefined && v !== false;
  });
  const tty = !many && process.stderr.isTTY === true && process.env.TERM !== 'dumb';
  return createReporter({ style: tty ? 'bars' : 'lines', write, stream: process.stderr });
}

function commonOptions(argv: CommonArgs, signal: AbortSignal, onWritten: (uploading: boolean) => void) {
  const formats = list(argv.format) ?? [];
  const bad = formats.filter((f) => !FORMATS.includes(f as Format));
  if (bad.length > 0 || formats.length === 0) {
    throw new UsageError(
      `--format takes ${FORMATS.join(', ')} (comma-separated); got ${JSON.stringify(argv.format)}`,
    );
  }
  if (
    argv['fail-on-new'] !== undefined &&
    argv.baseline === undefined &&
    argv['baseline-dir'] === undefined
  ) {
    throw new UsageError(
      '--fail-on-new needs a baseline to compare with: add --baseline FILE (or, for scan, --baseline-dir DIR)',
    );
  }
  return {
    deep: argv.deep,
    scanCode: argv['scan-code'],
    ...(argv.baseline !== undefined ? { baseline: argv.baseline } : {}),
    ...(argv['fail-on-new'] !== undefined ? { failOnNew: argv['fail-on-new'] } : {}),
    ...(argv.suppressions !== undefined ? { suppressions: argv.suppressions } : {}),
    out: argv.out,
    formats: [...new Set(formats)] as Format[],
    ...resultsOf(argv.results),
    failOn: argv['fail-on'],
    allowIncomplete: argv['allow-incomplete'],
    checks: CHECKS,
    toolVersion: TOOL_VERSION,
    ...reporting(reporterFor(argv)),
    signal,
    onWritten,
    include: list(argv.checks),
    exclude: list(argv['skip-checks']),
    filters: filtersOf(argv),
  };
}

/** --results: the statuses to list, or nothing for all of them. */
function resultsOf(value: string): { results?: Status[] } {
  const given = list(value) ?? [];
  if (given.length === 1 && given[0] === 'all') return {};
  // not-applicable is accepted for not_applicable: flags are spelled with hyphens.
  const statuses = given.map((s) => s.replace(/-/g, '_'));
  const bad = statuses.filter((s) => !(RESULT_STATUSES as readonly string[]).includes(s));
  if (given.length === 0 || bad.length > 0) {
    throw new UsageError(
      `--results takes all, or ${RESULT_STATUSES.join(', ')} (comma-separated); got ${JSON.stringify(value)}`,
    );
  }
  const chosen = new Set(statuses as Status[]);
  return chosen.size === RESULT_STATUSES.length
    ? {}
    : { results: RESULT_STATUSES.filter((s) => chosen.has(s)) };
}

/** --services, --severity, --practice, --framework as selection filters (absent ones left out). */
function filtersOf(argv: Pick<CommonArgs, 'services' | 'severity' | 'practice' | 'framework'>) {
  const filters: NonNullable<RunOptions['filters']> = {};
  const services = list(argv.services);
  const severities = list(argv.severity);
  const practices = list(argv.practice)?.map((p) => p.toUpperCase());
  const frameworks = list(argv.framework);
  for (const [flag, values] of [
    ['--services', services],
    ['--severity', severities],
    ['--practice', practices],
    ['--framework', frameworks],
  ] as const) {
    if (values !== undefined && values.length === 0) throw new UsageError(`${flag} is empty`);
  }
  if (services) filters.services = services;
  if (severities) filters.severities = severities;
  if (practices) filters.practices = practices;
  if (frameworks) filters.frameworks = frameworks;
  return filters;
}

/** The run's hooks into one reporter: messages, progress, end of collection, warnings. */
function reporting(reporter: Reporter) {
  return {
    reporter,
    log: (line: string) => reporter.info(line),
    onProgress: reporter.progress.bind(reporter),
    onCollected: () => reporter.done(),
  };
}

async function execute(
  opts: RunOptions & { reporter: Reporter },
  argv: { quiet: boolean; color: boolean },
): Promise<number> {
  const outcome = await run(opts);
  opts.reporter.done();
  for (const w of outcome.warnings) opts.reporter.warn(w);
  if (!argv.quiet)
    process.stdout.write(`${formatSummary(outcome.report, outcome.files, { color: argv.color })}\n`);
  return outcome.exitCode;
}

/** --role-arn and its settings, checked against STS's own patterns before any call. */
function assumeRoleOf(argv: {
  'role-arn'?: string;
  'external-id'?: string;
  'role-session-name': string;
  'role-duration': string;
}): ScanOptions['assumeRole'] {
  const roleArn = argv['role-arn'];
  if (roleArn === undefined) {
    if (argv['external-id'] !== undefined)
      throw new UsageError('--external-id is for the role --role-arn assumes: add --role-arn');
    return undefined;
  }
  if (!ROLE_ARN.test(roleArn))
    throw new UsageError(
      `--role-arn: ${JSON.stringify(roleArn)} is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`,
    );
  const sessionName = argv['role-session-name'];
  if (!ROLE_SESSION_NAME.test(sessionName))
    throw new UsageError(
      `--role-session-name: ${JSON.stringify(sessionName)} must be 2 to 64 letters, digits and +=,.@_-`,
    );
  const externalId = argv['external-id'];
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId))
    throw new UsageError('--external-id must be 2 to 1,224 letters, digits and +=,.@:/_-');
  const seconds = Math.round(duration('role-duration', argv['role-duration']) / 1000);
  if (seconds < ROLE_DURATION_S.min || seconds > ROLE_DURATION_S.max)
    throw new UsageError(
      `--role-duration takes 15m to 12h (STS's range); got ${JSON.stringify(argv['role-duration'])}`,
    );
  return {
    roleArn,
    sessionName,
    durationSeconds: seconds,
    ...(externalId !== undefined ? { externalId } : {}),
  };
}

/** An IAM role name, with its path if it has one (role/PATH/NAME): what --role-name takes. */
const ROLE_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

type OrganizationArgs = {
  org: boolean;
  ou?: string;
  accounts?: string;
  'accounts-file'?: string;
  'exclude-accounts'?: string;
  'role-name'?: string;
  'role-arn'?: string;
  'external-id'?: string;
  'role-session-name': string;
  'role-duration': string;
  'account-concurrency': number;
  shard?: string;
  'save-inventory'?: string;
};

/**
 * --org, --ou, --accounts, --accounts-file and their settings, checked before any call; null for
 * a single-account scan (then every organization-only flag is a usage error, not ignored).
 */
async function organizationRequest(argv: OrganizationArgs, raw: readonly string[]) {
  const sources = [
    argv.org ? '--org' : null,
    argv.ou !== undefined ? '--ou' : null,
    argv.accounts !== undefined || argv['accounts-file'] !== undefined ? '--accounts' : null,
  ].filter((x) => x !== null);
  if (sources.length === 0) {
    for (const flag of ['role-name', 'exclude-accounts', 'shard'] as const) {
      if (argv[flag] !== undefined)
        throw new UsageError(`--${flag} is for scanning many accounts: add --org, --ou or --accounts`);
    }
    return null;
  }
  if (sources.length > 1 && !(sources.length === 2 && sources.includes('--org') && sources.includes('--ou')))
    throw new UsageError(`${sources.join(' and ')} choose the accounts in two ways: give one`);
  if (argv['role-arn'] !== undefined)
    throw new UsageError(
      '--role-arn scans one account; for many accounts give the role name to assume in each: --role-name NAME',
    );
  if (argv['save-inventory'] !== undefined)
    throw new UsageError(
      "--save-inventory names one file; an organization scan keeps each account's inventory with --baseline-dir DIR",
    );
  const roleName = argv['role-name'];
  if (roleName === undefined)
    throw new UsageError(
      'an organization scan assumes a role in each account: add --role-name NAME (e.g. the audit role of deploy/aws/audit-role.cfn.yaml)',
    );
  if (!ROLE_NAME.test(roleName))
    throw new UsageError(
      `--role-name: ${JSON.stringify(roleName)} is not an IAM role name (PATH/NAME allowed)`,
    );
  // The session settings are checked as --role-arn's are, against a role of that name.
  const role = assumeRoleOf({ ...argv, 'role-arn': `arn:aws:iam::000000000000:role/${roleName}` });
  if (!role) throw new Error('unreachable: a role ARN was given');
  const [{ accountIds, organizationalUnitIds, readAccountsFile }, { parseShard }] = await Promise.all([
    import('./org/targets.js'),
    import('./org/shard.js'),
  ]);
  const listed = [
    ...accountIds('--accounts', list(argv.accounts) ?? []),
    ...(argv['accounts-file'] !== undefined ? await readAccountsFile(argv['accounts-file']) : []),
  ];
  if (argv.accounts !== undefined && listed.length === 0) throw new UsageError('--accounts is empty');
  const ous = organizationalUnitIds(list(argv.ou) ?? []);
  if (argv.ou !== undefined && ous.length === 0) throw new UsageError('--ou is empty');
  return {
    targets: {
      source:
        ous.length > 0
          ? ('organizational-units' as const)
          : argv.org
            ? ('organization' as const)
            : ('accounts' as const),
      organizationalUnits: ous,
      accounts: [...new Set(listed)],
      exclude: accountIds('--exclude-accounts', list(argv['exclude-accounts']) ?? []),
      shard: argv.shard !== undefined ? parseShard(argv.shard, process.env) : null,
    },
    roleName,
    sessionName: role.sessionName,
    durationSeconds: role.durationSeconds,
    ...(role.externalId !== undefined ? { externalId: role.externalId } : {}),
    accountConcurrency: positiveInt(raw, 'account-concurrency', argv['account-concurrency'], 64),
  };
}

async function executeOrganization(
  opts: import('./org/scan.js').OrganizationScanOptions & { reporter: Reporter },
  argv: { quiet: boolean; color: boolean },
): Promise<number> {
  const [{ scanOrganization }, { formatRollupSummary }] = await Promise.all([
    import('./org/scan.js'),
    import('./org/summary.js'),
  ]);
  const outcome = await scanOrganization(opts);
  opts.reporter.done();
  for (const w of outcome.warnings) opts.reporter.warn(w);
  if (!argv.quiet)
    process.stdout.write(`${formatRollupSummary(outcome.rollup, outcome.files, { color: argv.color })}\n`);
  return outcome.exitCode;
}

type MergeArgs = {
  inputs: string[];
  out: string;
  format: string;
  'expect-shards'?: number;
  wait?: string;
  'fail-on': Severity | 'none';
  'allow-incomplete': boolean;
  upload?: string;
  'upload-kms-key'?: string;
  'endpoint-url'?: string;
  profile?: string;
  quiet: boolean;
  color: boolean;
};

async function mergeCommand(argv: MergeArgs, raw: readonly string[], signal: AbortSignal): Promise<number> {
  const formats = [...new Set(list(argv.format) ?? [])];
  const bad = formats.filter((f) => f !== 'json' && f !== 'html');
  if (formats.length === 0 || bad.length > 0)
    throw new UsageError(`--format takes json, html (comma-separated); got ${JSON.stringify(argv.format)}`);
  if (argv.wait !== undefined && argv['expect-shards'] === undefined)
    throw new UsageError('--wait waits for the shards --expect-shards counts: add --expect-shards N');
  const expectShards =
    argv['expect-shards'] !== undefined
      ? positiveInt(raw, 'expect-shards', argv['expect-shards'], 10_000)
      : undefined;
  if (argv['upload-kms-key'] !== undefined && argv.upload === undefined)
    throw new UsageError('--upload-kms-key encrypts what --upload sends: add --upload s3://BUCKET/PREFIX');
  const reporter = reporterFor({ quiet: argv.quiet, 'log-format': 'text' });
  const [{ mergeShards }, { formatRollupSummary, rollupExitCode }, upload] = await Promise.all([
    import('./org/merge.js'),
    import('./org/summary.js'),
    import('./org/upload.js'),
  ]);
  // A mistyped bucket is found before the merge, as scan finds it before the scan.
  const target = argv.upload !== undefined ? upload.uploadTarget(argv.upload, argv['upload-kms-key']) : null;
  const outcome = await mergeShards({
    inputs: argv.inputs,
    out: argv.out,
    formats: formats as ('json' | 'html')[],
    ...(expectShards !== undefined ? { expectShards } : {}),
    ...(argv.wait !== undefined ? { waitMs: duration('wait', argv.wait) } : {}),
    log: (line) => reporter.info(line),
    signal,
  });
  if (target) {
    await upload.uploadRollup(target, outcome.files, outcome.rollup, {
      log: (line) => reporter.info(line),
      signal,
      ...(argv.profile ? { profile: argv.profile } : {}),
      ...(argv['endpoint-url'] ? { endpointUrl: argv['endpoint-url'] } : {}),
    });
  }
  if (!argv.quiet)
    process.stdout.write(`${formatRollupSummary(outcome.rollup, outcome.files, { color: argv.color })}\n`);
  return rollupExitCode(outcome.rollup, {
    failOn: argv['fail-on'],
    allowIncomplete: argv['allow-incomplete'],
  });
}

/** A stop requested by a signal: SIGINT (Ctrl-C) exits 130, SIGTERM (a scheduler) 143. */
function onStopSignals(controller: AbortController): {
  signal: () => NodeJS.Signals | null;
  /** The reports are in --out: a stop now loses no file (and cuts an --upload short). */
  markWritten: (uploading: boolean) => void;
  written: () => boolean;
  off: () => void;
} {
  let received: NodeJS.Signals | null = null;
  let written = false;
  let uploading = false;
  const handler = (sig: NodeJS.Signals) => {
    if (received !== null) process.exit(sig === 'SIGTERM' ? EXIT.terminated : EXIT.interruptedByUser);
    received = sig;
    const again = sig === 'SIGINT' && process.stderr.isTTY ? ' (Ctrl-C again to quit now)' : '';
    process.stderr.write(
      `${sig === 'SIGINT' ? 'interrupted' : 'terminated'}: stopping; ${written ? `the reports are written${uploading ? ', the upload stops' : ''}` : 'no report will be written'}${again}\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: () => received,
    markWritten: (upload) => {
      written = true;
      uploading = upload;
    },
    written: () => written,
    off: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

async function main(args: string[]): Promise<number> {
  // The pinned SDK supports Node 20; its notice about future SDK releases is not the user's concern
  // on every run (the engines field and the README say which Node to use).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const controller = new AbortController();
  const stops = onStopSignals(controller);
  let exitCode: number = EXIT.ok;
  /** What a stop leaves behind, when the run knows better than "written or not" (an organization). */
  const stop: { detail: (() => string) | null } = { detail: null };

  let config: ReturnType<typeof loadConfig> = null;
  try {
    const command = args.find((a) => !a.startsWith('-'));
    if (command === 'scan' || command === 'evaluate') {
      config = loadConfig(command, rawValue(args, 'config'), process.cwd());
    }
  } catch (err) {
    const failure = describeFailure(err, args.includes('--debug'));
    printFailure(failure, args);
    stops.off();
    return failure.code;
  }
  if (config && !args.includes('--quiet') && config.values.quiet !== true) {
    process.stderr.write(`using settings from ${config.path}\n`);
  }

  const parser = yargs(args)
    .config(config?.values ?? {})
    .scriptName('lambda-posture')
    .usage('$0 <command> [options]\n\nMeasures the security posture of an AWS account around AWS Lambda.')
    .command(
      'scan',
      'Scan an AWS account (read-only) and write reports',
      (y) =>
        common(y)
          .option('regions', {
            type: 'string',
            requiresArg: true,
            describe: 'Regions to scan, comma-separated (default: every enabled region)',
          })
          .option('profile', {
            type: 'string',
            requiresArg: true,
            describe: 'AWS shared-config / SSO profile',
          })
          .option('role-arn', {
            type: 'string',
            requiresArg: true,
            describe:
              "Scan as this role (another account's audit role), assumed from the caller's credentials with sts:AssumeRole and renewed before it expires",
          })
          .option('external-id', {
            type: 'string',
            requiresArg: true,
            describe: "With --role-arn: the ExternalId the role's trust policy requires",
          })
          .option('role-session-name', {
            type: 'string',
            requiresArg: true,
            default: DEFAULT_ROLE_SESSION_NAME,
            describe: "With --role-arn: the session's name, which the scanned account's CloudTrail shows",
          })
          .option('role-duration', {
            type: 'string',
            requiresArg: true,
            default: '1h',
            describe:
              "With --role-arn: each role session's length, 15m to 12h (at most the role's maximum session duration)",
          })
          .option('org', {
            type: 'boolean',
            default: false,
            describe:
              "Scan every account of the caller's organization (listed from the management account or a delegated administrator) as --role-name",
          })
          .option('ou', {
            type: 'string',
            requiresArg: true,
            describe:
              'Scan the accounts under these organizational units (ou-…, comma-separated), nested OUs included',
          })
          .option('accounts', {
            type: 'string',
            requiresArg: true,
            describe: 'Scan these accounts (ids, comma-separated) as --role-name',
          })
          .option('accounts-file', {
            type: 'string',
            requiresArg: true,
            describe: 'Scan the accounts in this file (one id per line; # comments) as --role-name',
          })
          .option('exclude-accounts', {
            type: 'string',
            requiresArg: true,
            describe: 'With --org, --ou or --accounts: leave these accounts out (ids, comma-separated)',
          })
          .option('role-name', {
            type: 'string',
            requiresArg: true,
            describe:
              'With --org, --ou or --accounts: the audit role assumed in each account (arn:<partition>:iam::<id>:role/NAME), with --external-id, --role-session-name and --role-duration',
          })
          .option('account-concurrency', {
            type: 'number',
            default: 4,
            requiresArg: true,
            describe:
              'With --org, --ou or --accounts: accounts scanned at once (each has its own quotas and its own --concurrency)',
          })
          .option('shard', {
            type: 'string',
            requiresArg: true,
            describe:
              'Scan one share of the accounts: INDEX/COUNT, INDEX from 0 (0/4 … 3/4), or auto/COUNT from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX; writes to --out/shard-INDEX for `merge`',
          })
          .option('endpoint-url', {
            type: 'string',
            requiresArg: true,
            describe: 'Send every AWS request to this endpoint',
          })
          .option('save-inventory', {
            type: 'string',
            requiresArg: true,
            describe: 'Also save the collected inventory to this file',
          })
          .option('concurrency', {
            type: 'number',
            default: 64,
            requiresArg: true,
            describe:
              'Most AWS requests in flight at once (client-side pacing keeps Lambda within its quotas)',
          })
          .option('max-attempts', {
            type: 'number',
            default: 8,
            requiresArg: true,
            describe: 'Attempts per AWS request (adaptive retry)',
          })
          .option('policy-source', {
            choices: ['lambda', 'config'] as const,
            default: 'lambda' as const,
            requiresArg: true,
            describe:
              "Where to read function resource policies: lambda (GetPolicy each, 15/s per region) or config (AWS Config's configuration items, 100 a call, where its recorder records AWS::Lambda::Function; any item missing, stale or unprocessed, and every policy of a region Config does not record, is read from Lambda; the source and age of each policy are in the evidence)",
          })
          .option('rate-scale', {
            type: 'number',
            default: 1,
            requiresArg: true,
            describe:
              "Pace Lambda calls at this multiple of AWS's per-region quotas (0.5 leaves half for deployments)",
          })
          .option('connect-timeout', {
            type: 'number',
            default: DEFAULT_CONNECT_TIMEOUT_MS / 1000,
            requiresArg: true,
            describe: 'Seconds to wait for a connection to AWS, per attempt',
          })
          .option('request-timeout', {
            type: 'number',
            default: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
            requiresArg: true,
            describe:
              'Seconds to wait for an answer to start, and at most between two parts of it, per attempt (then retried)',
          })
          .option('baseline-dir', {
            type: 'string',
            requiresArg: true,
            conflicts: 'baseline',
            describe:
              "For scheduled runs: compare with the newest earlier inventory of this account in this folder, then save this scan's inventory there",
          })
          .option('fingerprint-key', {
            type: 'string',
            requiresArg: true,
            describe:
              'Key file (created if absent, mode 0600) for fingerprints of every environment value, so the next scan with it reports which values changed, never the values (default with --baseline-dir: fingerprint.key there)',
          })
          .option('upload', {
            type: 'string',
            requiresArg: true,
            describe:
              'After writing the reports, upload each to s3://BUCKET/PREFIX/<account>/<scan start>/ and to …/<account>/latest/ (SSE-S3, or SSE-KMS with --upload-kms-key; needs s3:PutObject)',
          })
          .option('upload-kms-key', {
            type: 'string',
            requiresArg: true,
            describe: 'With --upload: encrypt the objects with this KMS key (id, ARN or alias/NAME)',
          })
          .option('changes-since', {
            type: 'string',
            requiresArg: true,
            describe:
              'Also read who changed functions (CloudTrail LookupEvents, Lambda events) over this window, 1h to 90d (24h, 7d); costs a call per 50 Lambda events per region, paced at 2/s per region',
          })
          .option('deployers', {
            type: 'string',
            requiresArg: true,
            describe:
              'With --changes-since: ARN globs of the roles/users that deploy functions (CI/CD), comma-separated; a change by anyone else is a finding',
          })
          .option('trusted-ip-ranges', {
            type: 'string',
            requiresArg: true,
            describe:
              'With --changes-since: CIDRs changes are expected from, comma-separated; a change from elsewhere is a finding',
          })
          .option('timeout', {
            type: 'string',
            requiresArg: true,
            describe:
              'Stop collecting after this long (30m, 2h, 90s): what is not read yet is recorded as timed out, and the reports are still written',
          })
          .example(
            '$0 scan --profile audit --regions us-east-1,eu-west-1',
            'Scan two regions with an SSO profile',
          )
          .example('$0 scan --severity critical,high --fail-on high', 'A CI gate on the serious checks only')
          .example(
            '$0 scan --format json,sarif --results fail,unknown',
            'Only the problems, also as SARIF for code scanning',
          )
          .example(
            '$0 scan --baseline-dir /var/lib/lambda-posture --rate-scale 0.5',
            'A scheduled run that diffs itself',
          )
          .example(
            '$0 scan --out /reports --upload s3://audit-reports/lambda-posture --fail-on none',
            'A container job: the reports also go to S3, dated and under latest/',
          )
          .example(
            '$0 scan --org --role-name LambdaPostureAudit --external-id audit-7f3a --out org-reports',
            'Every account of the organization: a report per account and a roll-up',
          )
          .example(
            '$0 scan --org --role-name LambdaPostureAudit --shard auto/4 --out /reports/run',
            'One of 4 shards (a Kubernetes Indexed Job or AWS Batch array job); then: merge /reports/run',
          )
          .example(
            '$0 scan --deep --save-inventory inv.json',
            'Every check, and keep the inventory for evaluate',
          ),
      async (argv) => {
        const regions = list(argv.regions);
        const badRegion = regions?.find((r) => !REGION_RE.test(r));
        if (badRegion !== undefined)
          throw new UsageError(`--regions: ${JSON.stringify(badRegion)} is not a region name`);
        if (regions && regions.length === 0) throw new UsageError('--regions is empty');
        if (argv['endpoint-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(argv['endpoint-url'])) {
          throw new UsageError(
            `--endpoint-url must be an http(s) URL; got ${JSON.stringify(argv['endpoint-url'])}`,
          );
        }
        const opts: RunOptions & { reporter: Reporter } = {
          ...commonOptions(argv, controller.signal, stops.markWritten),
          mode: 'scan',
          concurrency: positiveInt(args, 'concurrency', argv.concurrency, 256),
          maxAttempts: positiveInt(args, 'max-attempts', argv['max-attempts'], 20),
          rateScale: positiveNumber(args, 'rate-scale', argv['rate-scale'], 1000),
          policySource: argv['policy-source'],
          connectTimeoutMs: seconds(args, 'connect-timeout', argv['connect-timeout'], 3600),
          requestTimeoutMs: seconds(args, 'request-timeout', argv['request-timeout'], 3600),
        };
        if (argv.timeout !== undefined) opts.timeoutMs = duration('timeout', argv.timeout);
        const deployers = list(argv.deployers);
        const ranges = list(argv['trusted-ip-ranges']);
        if (argv['changes-since'] === undefined && (deployers || ranges)) {
          throw new UsageError(
            '--deployers and --trusted-ip-ranges judge changes: add --changes-since (24h, 7d)',
          );
        }
        if (argv['changes-since'] !== undefined) {
          const badRange = ranges?.find((r) => !isValidCidr(r));
          if (badRange !== undefined)
            throw new UsageError(`--trusted-ip-ranges: ${JSON.stringify(badRange)} is not a CIDR`);
          const badGlob = deployers?.find((d) => !d.startsWith('arn:'));
          if (badGlob !== undefined)
            throw new UsageError(
              `--deployers: ${JSON.stringify(badGlob)} is not an ARN glob (arn:aws:iam::…)`,
            );
          opts.changes = {
            sinceMs: changesSince(argv['changes-since']),
            deployers: deployers ?? [],
            trustedIpRanges: ranges ?? [],
          };
        }
        if (regions) opts.regions = [...new Set(regions)];
        if (argv.profile) opts.profile = argv.profile;
        if (argv['endpoint-url']) opts.endpointUrl = argv['endpoint-url'];
        if (argv['save-inventory']) opts.saveInventory = argv['save-inventory'];
        if (argv['baseline-dir']) opts.baselineDir = argv['baseline-dir'];
        if (argv['fingerprint-key']) opts.fingerprintKey = argv['fingerprint-key'];
        const organization = await organizationRequest(argv, args);
        const assumeRole = organization ? undefined : assumeRoleOf(argv);
        if (assumeRole) opts.assumeRole = assumeRole;
        if (argv['upload-kms-key'] !== undefined && argv.upload === undefined)
          throw new UsageError(
            '--upload-kms-key encrypts what --upload sends: add --upload s3://BUCKET/PREFIX',
          );
        if (argv.upload !== undefined)
          opts.upload = {
            uri: argv.upload,
            ...(argv['upload-kms-key'] !== undefined ? { kmsKeyId: argv['upload-kms-key'] } : {}),
          };
        if (organization) {
          if (opts.mode !== 'scan') throw new Error('unreachable: an organization is scanned');
          const { mode: _mode, assumeRole: _role, saveInventory: _save, ...scan } = opts;
          let finished = 0;
          stop.detail = () =>
            `the reports of ${finished} finished account(s) are in ${scan.out}, complete; no roll-up was written`;
          exitCode = await executeOrganization(
            { ...scan, ...organization, onAccountWritten: () => finished++ },
            argv,
          );
          return;
        }
        exitCode = await execute(opts, argv);
      },
    )
    .command(
      'evaluate',
      'Re-evaluate a saved inventory offline and write reports',
      (y) =>
        common(y)
          .option('inventory', {
            type: 'string',
            demandOption: true,
            requiresArg: true,
            describe: 'Inventory file (from --save-inventory)',
          })
          .example('$0 evaluate --inventory inv.json --format html --out audit', 'Re-render a saved scan')
          .example(
            '$0 evaluate --inventory inv.json --format asff,ocsf,csv',
            'The same scan for Security Hub, a SIEM and a spreadsheet',
          )
          .example(
            '$0 evaluate --inventory inv.json --checks "iam.*" --fail-on none',
            'Only the IAM checks, never failing',
          ),
      async (argv) => {
        exitCode = await execute(
          {
            ...commonOptions(argv, controller.signal, stops.markWritten),
            mode: 'evaluate',
            inventoryPath: argv.inventory,
          },
          argv,
        );
      },
    )
    .command(
      'diff <old> <new>',
      'Compare two scans (report.json or inventory files): findings new, resolved and unchanged',
      (y) =>
        y
          .positional('old', {
            type: 'string',
            demandOption: true,
            describe: 'The earlier report.json or inventory',
          })
          .positional('new', {
            type: 'string',
            demandOption: true,
            describe: 'The later report.json or inventory',
          })
          .option('json', { type: 'boolean', default: false, describe: 'Print the comparison as JSON' })
          .option('fail-on-new', {
            choices: SEVERITY_ORDER,
            requiresArg: true,
            describe: 'Exit 1 when a failure new in NEW has this severity or higher',
          })
          .option('checks', {
            type: 'string',
            requiresArg: true,
            describe: 'Only these check ids or globs (used to evaluate inventory files)',
          })
          .option('skip-checks', {
            type: 'string',
            requiresArg: true,
            describe: 'Skip these check ids or globs',
          })
          .option('deep', {
            type: 'boolean',
            default: false,
            describe:
              'Also evaluate the deep checks (layer versions; async failure destinations, recursion, tags; aliases, published versions and their policies) on inventory files',
          })
          .option('color', {
            type: 'boolean',
            default: colourByDefault(),
            describe: 'Colour the output',
          })
          .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' })
          .example('$0 diff last-week/report.json reports/report.json', 'What changed between two reports')
          .example(
            '$0 diff old-inv.json new-inv.json --fail-on-new high',
            'Fail CI on a new high or critical finding',
          ),
      async (argv) => {
        exitCode = await diffCommand(argv as unknown as DiffArgs);
      },
    )
    .command(
      'merge <inputs..>',
      'Combine the shards of an organization scan (--shard) into one roll-up',
      (y) =>
        y
          .positional('inputs', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: "Folders holding shard-*/rollup.json (a sharded scan's --out), or rollup.json files",
          })
          .option('out', {
            type: 'string',
            demandOption: true,
            requiresArg: true,
            describe: "Folder for the merged rollup.json and rollup.html and every account's reports",
          })
          .option('format', {
            type: 'string',
            default: 'json,html',
            requiresArg: true,
            describe: 'Roll-up formats, comma-separated: json (rollup.json), html (rollup.html)',
          })
          .option('expect-shards', {
            type: 'number',
            requiresArg: true,
            describe:
              'The number of shards: merge only when all of them are there (with --wait, wait for them)',
          })
          .option('wait', {
            type: 'string',
            requiresArg: true,
            describe:
              'With --expect-shards: how long to wait for the missing shards (3h, 90m), for engines without job dependencies',
          })
          .option('fail-on', {
            choices: [...SEVERITY_ORDER, 'none'] as const,
            default: 'high' as const,
            requiresArg: true,
            describe: 'Exit 1 when an account has a failing result of this severity or higher',
          })
          .option('allow-incomplete', {
            type: 'boolean',
            default: false,
            describe: 'Exit 0 rather than 3 when an account failed or is incomplete',
          })
          .option('upload', {
            type: 'string',
            requiresArg: true,
            describe:
              'Upload the merged roll-up to s3://BUCKET/PREFIX/organization/<scan start>/ and …/organization/latest/',
          })
          .option('upload-kms-key', {
            type: 'string',
            requiresArg: true,
            describe: 'With --upload: encrypt the objects with this KMS key (id, ARN or alias/NAME)',
          })
          .option('endpoint-url', {
            type: 'string',
            requiresArg: true,
            describe: 'Send the upload to this endpoint',
          })
          .option('profile', { type: 'string', requiresArg: true, describe: 'AWS profile for --upload' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' })
          .option('color', { type: 'boolean', default: colourByDefault(), describe: 'Colour the output' })
          .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' })
          .example(
            '$0 merge /reports/run --out /reports/run/merged',
            'After every shard of a sharded scan ended',
          )
          .example(
            '$0 merge /reports/run --out /reports/run/merged --expect-shards 4 --wait 3h',
            'Started beside the shards (Kubernetes): wait for all 4, then merge',
          ),
      async (argv) => {
        exitCode = await mergeCommand(argv as unknown as MergeArgs, args, controller.signal);
      },
    )
    .command(
      'checks',
      'List the checks',
      (y) =>
        y
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
          .option('framework', {
            type: 'string',
            choices: FRAMEWORK_IDS,
            requiresArg: true,
            describe:
              'Show the coverage of a framework instead: each control in scope, the checks that automate it, or why none does',
          })
          .example('$0 checks', 'The catalogue')
          .example(
            '$0 checks --framework cis-aws-7.0',
            'Which CIS 7.0 controls are automated, and why not the others',
          ),
      (argv) => {
        const framework = argv.framework as FrameworkId | undefined;
        if (framework) process.stdout.write(argv.json ? coverageJson(framework) : coverageTable(framework));
        else process.stdout.write(argv.json ? checksJson() : checksTable());
      },
    )
    .command(
      'explain <check>',
      "Print a check's rationale, remediation, reads and references",
      (y) =>
        y
          .positional('check', {
            type: 'string',
            demandOption: true,
            describe: 'A check id (or a former id)',
          })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
          .example(
            '$0 explain lambda.public-resource-policy',
            'Why a public resource policy fails, and the fix',
          ),
      (argv) => {
        const check = findCheck(CHECKS, String(argv.check));
        process.stdout.write(argv.json ? explainJson(check) : explainText(check));
      },
    )
    .example('$0 scan', 'Scan the account of the current credentials, every enabled region')
    .example('$0 explain lambda.denial-of-wallet', 'What a check looks for and how to fix it')
    .epilogue(
      'Exit codes: 0 nothing failed at --fail-on and every read succeeded; 1 findings at --fail-on (or new ones at --fail-on-new); ' +
        '2 usage; 3 incomplete (unknown results); 4 credentials; 5 network; 6 output; 7 inventory file; 70 a bug; 130/143 interrupted. ' +
        'Settings can also come from lambda-posture.config.yaml (see --config).',
    )
    .demandCommand(1, 'name a command: scan, evaluate, diff, checks or explain')
    .recommendCommands()
    .strict()
    .version(TOOL_VERSION)
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, err) => {
      if (err) throw err;
      // The whole message, with the nearest real flag for a mistyped one (yargs lists the flags of
      // the command being parsed).
      const text = explainUnknownCommand(message ?? 'invalid command line', args);
      throw new UsageError(suggestFlags(text, knownFlags(parser)));
    });

  try {
    await parser.parseAsync();
  } catch (err) {
    const stopped = stops.signal();
    if (stopped !== null && controller.signal.aborted) {
      process.stderr.write(
        `lambda-posture: ${stopped === 'SIGINT' ? 'interrupted' : 'terminated'}; ${stop.detail?.() ?? (stops.written() ? 'the reports are in --out, the upload is incomplete' : 'no report files were written')}\n`,
      );
      exitCode = stopped === 'SIGTERM' ? EXIT.terminated : EXIT.interruptedByUser;
    } else {
      const failure = describeFailure(err, args.includes('--debug'));
      printFailure(failure, args);
      exitCode = failure.code;
    }
  } finally {
    stops.off();
  }
  return exitCode;
}

/** The error that ended the run, on stderr: text, or one JSON line with --log-format json. */
function printFailure(failure: Failure, args: readonly string[]): void {
  const [first, ...rest] = failure.lines;
  if (rawValue(args, 'log-format') === 'json') {
    const line = {
      time: new Date().toISOString(),
      level: 'error',
      exitCode: failure.code,
      message: first,
      detail: rest,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    return;
  }
  process.stderr.write(`lambda-posture: ${first}\n${rest.map((l) => `${l}\n`).join('')}`);
}

/** The flags yargs knows at this point of the parse, dashed spellings only (it adds camelCase aliases). */
function knownFlags(parser: Argv): string[] {
  const options = (parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions();
  return Object.keys(options.key).filter((k) => k.length > 1 && !/[A-Z]/.test(k));
}

interface DiffArgs {
  old: string;
  new: string;
  json: boolean;
  'fail-on-new'?: Severity;
  checks?: string;
  'skip-checks'?: string;
  deep: boolean;
  color: boolean;
}

/** `diff OLD NEW`: both files read as baselines (an inventory is evaluated with today's checks). */
async function diffCommand(argv: DiffArgs): Promise<number> {
  // Change checks too: each side runs them if it holds the changes a --changes-since scan read.
  const checks = selectChecks(CHECKS, list(argv.checks), list(argv['skip-checks']), {
    deep: argv.deep,
    changes: true,
  });
  const before = await loadBaseline(argv.old, checks, 'diff OLD');
  const after = await loadBaseline(argv.new, checks, 'diff NEW');
  const changes = diffSnapshots(before, after);
  if (argv.json) process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
  else {
    process.stdout.write(`${formatChangesLines(changes, painter(argv.color)).join('\n')}\n`);
  }
  const failOn = argv['fail-on-new'];
  return failOn !== undefined && newAtOrAbove(changes, failOn) > 0 ? EXIT.findings : EXIT.ok;
}

function checksJson(): string {
  const rows = CHECKS.map(({ evaluate: _e, ...meta }) => meta);
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function checksTable(): string {
  const rows = CHECKS.map((c) => [
    c.id,
    c.severity,
    c.practice,
    c.service,
    isDeep(c)
      ? `${c.title} (--deep)`
      : isChangeCheck(c)
        ? `${c.title} (--changes-since)`
        : isCodeScan(c)
          ? `${c.title} (--scan-code)`
          : c.title,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), 8));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  return `${[line(['ID', 'SEVERITY', 'PRACTICE', 'SERVICE', 'TITLE']), ...rows.map(line)].join('\n')}\n${CHECKS.length} checks\n`;
}

function coverageJson(framework: FrameworkId): string {
  const controls = frameworkCoverage(CHECKS, framework);
  const { title, url } = FRAMEWORKS[framework];
  return `${JSON.stringify({ framework, title, url, counts: coverageCounts(controls), controls }, null, 2)}\n`;
}

function coverageTable(framework: FrameworkId): string {
  const rows = frameworkCoverage(CHECKS, framework);
  const n = coverageCounts(rows);
  const width = Math.max(...rows.map((r) => r.control.length), 'CONTROL'.length);
  const statusWidth = 'not-automated'.length;
  const lines = rows.map((r) => {
    const detail = [r.checks.join(', '), r.note ?? ''].filter((x) => x.length > 0).join(' — ');
    return `${r.control.padEnd(width)}  ${r.status.padEnd(statusWidth)}  ${r.title}\n${' '.repeat(width + statusWidth + 4)}${detail}`;
  });
  return [
    `${FRAMEWORKS[framework].title}`,
    `${'CONTROL'.padEnd(width)}  ${'STATUS'.padEnd(statusWidth)}  TITLE / CHECKS, OR WHY NOT`,
    ...lines,
    `${n.automated} automated, ${n.partial} partly, ${n['not-automated']} not automated, of ${rows.length} controls in scope`,
    '',
  ].join('\n');
}

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
