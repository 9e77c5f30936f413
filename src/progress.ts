/**
 * Human progress lines for a scan, on stderr. Per-function events arrive thousands of times, so
 * counted events print only at each quarter and at the end; everything else prints as it comes,
 * prefixed with its region.
 */
import type { ProgressEvent } from './collect/index.js';

export function progressPrinter(log: (line: string) => void): (event: ProgressEvent) => void {
  const started = Date.now();
  return (e) => {
    if (e.done !== undefined && e.total !== undefined && e.total > 0 && e.phase === 'lambda') {
      const step = Math.max(1, Math.ceil(e.total / 4));
      if (e.done !== e.total && (e.done === 0 || e.done % step !== 0)) return;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    const where = e.region ? `${e.region}: ` : '';
    log(`[${seconds}s] ${e.phase.padEnd(8)} ${where}${e.message}`);
  };
}
