#!/usr/bin/env node
/**
 * The command line: yargs only. It turns argv into options, calls run(), prints the summary and
 * sets the exit code: 0 clean, 1 failing results at or above --fail-on, 2 usage or runtime error,
 * 3 no such failures but the scan is incomplete (unknown results), 130 interrupted.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CHECKS } from '../checks/index.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from './aws/defaults.js';
import { SEVERITY_ORDER } from './engine/check.js';
import { formatSummary } from './report/summary.js';
import { type FailOn, type Format, type RunOptions, run } from './run.js';
import { TOOL_VERSION } from './version.js';

const FORMATS: Format[] = ['json', 'html'];
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

class UsageError extends Error {
  override name = 'UsageError';
}

const list = (v: unknown): string[] | undefined => {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim());
  return items.filter((s) => s.length > 0);
};

function common(y: Argv) {
  return y
    .option('out', { type: 'string', default: 'reports', describe: 'Folder for the report files' })
    .option('format', { type: 'string', default: 'json,html', describe: 'Report formats: json, html' })
    .option('fail-on', {
      choices: [...SEVERITY_ORDER, 'none'] as const,
      default: 'high' as const,
      describe: 'Exit 1 when a failing result has this severity or higher',
    })
    .option('allow-incomplete', {
      type: 'boolean',
      default: false,
      describe: 'Exit 0 (not 3) when results are unknown because reads failed',
    })
    .option('checks', { type: 'string', describe: 'Only these check ids or globs, comma-separated (iam.*)' })
    .option('skip-checks', { type: 'string', describe: 'Skip these check ids or globs, comma-separated' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only errors' })
    .option('color', {
      type: 'boolean',
      default: process.stdout.isTTY === true && !process.env.NO_COLOR,
      describe: 'Colour the summary (default: on a terminal, unless NO_COLOR is set)',
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of unexpected errors' });
}

type CommonArgs = {
  out: string;
  format: string;
  'fail-on': FailOn;
  'allow-incomplete': boolean;
  checks?: string;
  'skip-checks'?: string;
  quiet: boolean;
};

function commonOptions(argv: CommonArgs, signal: AbortSignal) {
  const formats = list(argv.format) ?? [];
  const bad = formats.filter((f) => !FORMATS.includes(f as Format));
  if (bad.length > 0 || formats.length === 0) {
    throw new UsageError(
      `--format takes ${FORMATS.join(', ')} (comma-separated); got ${JSON.stringify(argv.format)}`,
    );
  }
  const opts = {
    out: argv.out,
    formats: [...new Set(formats)] as Format[],
    failOn: argv['fail-on'],
    allowIncomplete: argv['allow-incomplete'],
    checks: CHECKS,
    toolVersion: TOOL_VERSION,
    log: argv.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`),
    signal,
    include: list(argv.checks),
    exclude: list(argv['skip-checks']),
  };
  return opts;
}

function positiveInt(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`--${name} takes a whole number from 1 to ${max}; got ${value}`);
  }
  return value;
}

/** A timeout flag in seconds (fractions allowed), as milliseconds. */
function secondsToMs(name: string, value: number): number {
  if (!(value > 0 && value <= 3600)) {
    throw new UsageError(`--${name} takes a number of seconds above 0 and at most 3600; got ${value}`);
  }
  return Math.round(value * 1000);
}

async function execute(opts: RunOptions, argv: { quiet: boolean; color: boolean }): Promise<number> {
  const outcome = await run(opts);
  if (!argv.quiet)
    process.stdout.write(`${formatSummary(outcome.report, outcome.files, { color: argv.color })}\n`);
  return outcome.exitCode;
}

async function main(args: string[]): Promise<number> {
  // The pinned SDK supports Node 20; its notice about future SDK releases is not the user's concern
  // on every run (the engines field and the README say which Node to use).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('interrupted: stopping; no report will be written (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let exitCode = 0;
  let debug = args.includes('--debug');

  const parser = yargs(args)
    .scriptName('lambda-posture')
    .usage('$0 <command> [options]\n\nMeasures the security posture of an AWS account around AWS Lambda.')
    .command(
      'scan',
      'Scan an AWS account (read-only) and write reports',
      (y) =>
        common(y)
          .option('regions', {
            type: 'string',
            describe: 'Regions to scan, comma-separated (default: every enabled region)',
          })
          .option('profile', { type: 'string', describe: 'AWS shared-config / SSO profile' })
          .option('endpoint-url', { type: 'string', describe: 'Send every AWS request to this endpoint' })
          .option('save-inventory', {
            type: 'string',
            describe: 'Also save the collected inventory to this file',
          })
          .option('concurrency', {
            type: 'number',
            default: 64,
            describe:
              'Most AWS requests in flight at once (client-side pacing keeps Lambda within its quotas)',
          })
          .option('max-attempts', {
            type: 'number',
            default: 8,
            describe: 'Attempts per AWS request (adaptive retry)',
          })
          .option('rate-scale', {
            type: 'number',
            default: 1,
            describe:
              "Pace Lambda calls at this multiple of AWS's per-region quotas (0.5 leaves half for deployments)",
          })
          .option('connect-timeout', {
            type: 'number',
            default: DEFAULT_CONNECT_TIMEOUT_MS / 1000,
            describe: 'Seconds to wait for a connection to AWS, per attempt',
          })
          .option('request-timeout', {
            type: 'number',
            default: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
            describe:
              'Seconds a request may take, sending to the last byte of its answer, per attempt (then retried)',
          }),
      async (argv) => {
        const regions = list(argv.regions);
        const badRegion = regions?.find((r) => !REGION_RE.test(r));
        if (badRegion !== undefined)
          throw new UsageError(`--regions: ${JSON.stringify(badRegion)} is not a region name`);
        if (regions && regions.length === 0) throw new UsageError('--regions is empty');
        if (!(argv['rate-scale'] > 0 && argv['rate-scale'] <= 1000)) {
          throw new UsageError(
            `--rate-scale takes a number above 0 and at most 1000; got ${argv['rate-scale']}`,
          );
        }
        if (argv['endpoint-url'] !== undefined && !/^https?:\/\/[^\s]+$/.test(argv['endpoint-url'])) {
          throw new UsageError(
            `--endpoint-url must be an http(s) URL; got ${JSON.stringify(argv['endpoint-url'])}`,
          );
        }
        const opts: RunOptions = {
          ...commonOptions(argv, controller.signal),
          mode: 'scan',
          concurrency: positiveInt('concurrency', argv.concurrency, 256),
          maxAttempts: positiveInt('max-attempts', argv['max-attempts'], 20),
          rateScale: argv['rate-scale'],
          connectTimeoutMs: secondsToMs('connect-timeout', argv['connect-timeout']),
          requestTimeoutMs: secondsToMs('request-timeout', argv['request-timeout']),
        };
        if (regions) opts.regions = [...new Set(regions)];
        if (argv.profile) opts.profile = argv.profile;
        if (argv['endpoint-url']) opts.endpointUrl = argv['endpoint-url'];
        if (argv['save-inventory']) opts.saveInventory = argv['save-inventory'];
        exitCode = await execute(opts, argv);
      },
    )
    .command(
      'evaluate',
      'Re-evaluate a saved inventory offline and write reports',
      (y) =>
        common(y).option('inventory', {
          type: 'string',
          demandOption: true,
          describe: 'Inventory file (from --save-inventory)',
        }),
      async (argv) => {
        exitCode = await execute(
          { ...commonOptions(argv, controller.signal), mode: 'evaluate', inventoryPath: argv.inventory },
          argv,
        );
      },
    )
    .command(
      'checks',
      'List the checks',
      (y) => y.option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
      (argv) => {
        process.stdout.write(argv.json ? checksJson() : checksTable());
      },
    )
    .demandCommand(1, 'name a command: scan, evaluate or checks')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, err) => {
      throw err ?? new UsageError(message);
    });

  try {
    const argv = await parser.parseAsync();
    debug = Boolean((argv as { debug?: boolean }).debug);
  } catch (err) {
    exitCode = reportError(err, debug, controller.signal.aborted);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return exitCode;
}

function reportError(err: unknown, debug: boolean, aborted: boolean): number {
  if (aborted) {
    process.stderr.write('lambda-posture: interrupted; no report files were written\n');
    return 130;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const known = [
    'UsageError',
    'YError',
    'InventoryFileError',
    'CheckSelectionError',
    'CollectError',
  ].includes(e.name);
  const prefix = known ? '' : `unexpected error (${e.name}): `;
  process.stderr.write(`lambda-posture: ${prefix}${e.message.split('\n')[0]}\n`);
  if (e.name === 'UsageError' || e.name === 'YError')
    process.stderr.write("run 'lambda-posture --help' for usage\n");
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return 2;
}

function checksJson(): string {
  const rows = CHECKS.map(({ evaluate: _e, ...meta }) => meta);
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function checksTable(): string {
  const rows = CHECKS.map((c) => [c.id, c.severity, c.practice, c.service, c.title]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), 8));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  return `${[line(['ID', 'SEVERITY', 'PRACTICE', 'SERVICE', 'TITLE']), ...rows.map(line)].join('\n')}\n${CHECKS.length} checks\n`;
}

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
