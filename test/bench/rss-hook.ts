/**
 * Preloaded into the scanner child by the benchmark (`node --import …/rss-hook.js bin/lambda-posture.mjs …`):
 * at exit, writes the process's peak RSS and CPU time to the file named by LP_BENCH_RSS_FILE. It
 * observes only; the scanner does not know it is there.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.LP_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    try {
      writeFileSync(
        out,
        JSON.stringify({
          maxRssBytes: u.maxRSS * 1024,
          userCpuMs: u.userCPUTime / 1000,
          systemCpuMs: u.systemCPUTime / 1000,
        }),
      );
    } catch {
      // The benchmark falls back to its /proc polling.
    }
  });
}
