/**
 * How a scan reports its progress on stderr, in one of three forms the CLI picks:
 *  - lines: human lines, for logs and pipes. Per-function events arrive thousands of times, so
 *    counted events print only at each quarter and at the end; everything else prints as it
 *    comes, prefixed with its region.
 *  - bars: on a terminal, one bar per region for the per-function reads, with counts and an ETA
 *    (cli-progress); other events print above the bars.
 *  - json: one JSON object per line (`--log-format json`), for log collectors.
 * Every form also carries the run's own messages (log) and warnings, so nothing is printed twice
 * in two styles.
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from './collect/index.js';

export type ProgressStyle = 'lines' | 'bars' | 'json';

export interface Reporter {
  /** Collection progress. */
  progress(event: ProgressEvent): void;
  /** A message of the run ("inventory saved to …"). */
  info(message: string): void;
  warn(message: string): void;
  /** Collection is over: bars are taken down, so what follows prints below them. */
  done(): void;
}

export interface ReporterOptions {
  style: ProgressStyle;
  /** Where the text goes (stderr); bars draw on `stream`. */
  write: (text: string) => void;
  stream?: NodeJS.WriteStream;
  /** Time is an input: tests pass a fixed clock. */
  now?: () => Date;
}

export function createReporter(options: ReporterOptions): Reporter {
  if (options.style === 'json') return jsonReporter(options);
  if (options.style === 'bars' && options.stream) return barReporter(options, options.stream);
  return lineReporter(options);
}

/** Nothing at all (--quiet): errors still reach stderr from the CLI. */
export const SILENT: Reporter = { progress() {}, info() {}, warn() {}, done() {} };

function lineReporter({ write, now = () => new Date() }: ReporterOptions): Reporter {
  const started = now().getTime();
  return {
    progress(e) {
      if (!atQuarter(e)) return;
      const seconds = ((now().getTime() - started) / 1000).toFixed(1).padStart(6);
      const where = e.region ? `${e.region}: ` : '';
      write(`[${seconds}s] ${e.phase.padEnd(8)} ${where}${e.message}\n`);
    },
    info: (message) => write(`${message}\n`),
    warn: (message) => write(`lambda-posture: warning: ${message}\n`),
    done() {},
  };
}

/** A counted Lambda event is worth a line only at 0 %, each quarter and 100 %. */
function atQuarter(e: ProgressEvent): boolean {
  if (e.done === undefined || e.total === undefined || e.total <= 0 || e.phase !== 'lambda') return true;
  const step = Math.max(1, Math.ceil(e.total / 4));
  return e.done === e.total || (e.done !== 0 && e.done % step === 0);
}

function jsonReporter({ write, now = () => new Date() }: ReporterOptions): Reporter {
  const line = (level: 'info' | 'warn', fields: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: now().toISOString(), level, ...fields })}\n`);
  return {
    progress(e) {
      if (!atQuarter(e)) return;
      line('info', {
        phase: e.phase,
        ...(e.region ? { region: e.region } : {}),
        ...(e.done !== undefined ? { done: e.done } : {}),
        ...(e.total !== undefined ? { total: e.total } : {}),
        message: e.message,
      });
    },
    info: (message) => line('info', { message }),
    warn: (message) => line('warn', { message }),
    done() {},
  };
}

function barReporter({ write }: ReporterOptions, stream: NodeJS.WriteStream): Reporter {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: ' {region} [{bar}] {value}/{total} functions | {percentage}% | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 200,
      fps: 8,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const byRegion = new Map<string, cliProgress.SingleBar>();
  let stopped = false;
  const above = (text: string) => {
    if (stopped) write(text);
    else bars.log(text);
  };
  return {
    progress(e) {
      if (e.phase === 'lambda' && e.region && e.total !== undefined && e.total > 0 && e.done !== undefined) {
        let bar = byRegion.get(e.region);
        if (!bar) {
          bar = bars.create(e.total, 0, { region: e.region.padEnd(14) });
          byRegion.set(e.region, bar);
        }
        bar.setTotal(e.total);
        bar.update(e.done);
        return;
      }
      above(`${e.phase.padEnd(8)} ${e.region ? `${e.region}: ` : ''}${e.message}\n`);
    },
    info: (message) => above(`${message}\n`),
    warn: (message) => above(`lambda-posture: warning: ${message}\n`),
    done() {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}
