/**
 * `npm run demo`: a live scan of a generated demo account, through the real CLI and the real AWS
 * SDK, against the simulated AWS endpoint on 127.0.0.1. No AWS credentials are needed or used:
 * the child process gets placeholder keys and an empty shared config, so nothing reaches AWS.
 *
 * The account has three regions, ~70 functions, IAM users and roles, a mix of planted
 * misconfigurations and clean look-alikes (test/sim/account.ts); the simulator applies AWS's
 * Lambda quotas and regional latency, so the progress you see is the real pipeline at work.
 * It runs with --changes-since (CHANGE_ARGS): the simulator's CloudTrail holds a few synthetic
 * changes to the demo's functions (a root code update, a user's change without MFA, a denied
 * attempt, …; test/sim/facts/cloudtrail.ts), so the report shows who changed what.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANGE_ARGS } from '../test/sim/facts/cloudtrail-settings.js';
import { startSimulator } from '../test/sim/server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'bin', 'lambda-posture.mjs');
const out = join(root, 'reports', 'demo');

async function main(): Promise<number> {
  // Time scale 4: AWS's quotas ×4 and latencies ÷4, so the demo takes seconds, not minutes.
  const sim = await startSimulator({
    generate: {
      seed: 2026,
      regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
      functionsPerRegion: { 'us-east-1': 32, 'eu-west-1': 24, 'ap-southeast-2': 14 },
      users: 12,
      now: new Date().toISOString(),
      passwordPolicy: 'weak',
    },
    timeScale: 4,
    faults: {
      regionLatency: {
        'us-east-1': { meanMs: 60, jitterMs: 30 },
        'eu-west-1': { meanMs: 120, jitterMs: 40 },
        'ap-southeast-2': { meanMs: 280, jitterMs: 60 },
      },
    },
  });
  const empty = join(mkdtempSync(join(tmpdir(), 'lp-demo-')), 'empty');
  writeFileSync(empty, '');
  process.stderr.write(`demo: simulated AWS account 123456789012 at ${sim.url} (no real AWS is contacted)\n`);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          cli,
          'scan',
          '--endpoint-url',
          sim.url,
          '--out',
          out,
          '--rate-scale',
          '4',
          '--save-inventory',
          join(out, 'inventory.json'),
          ...CHANGE_ARGS,
        ],
        {
          stdio: 'inherit',
          env: {
            ...withoutAwsVariables(process.env),
            AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEDEMO00000',
            AWS_SECRET_ACCESS_KEY: 'demo-placeholder-not-a-secret',
            AWS_REGION: 'us-east-1',
            AWS_CONFIG_FILE: empty,
            AWS_SHARED_CREDENTIALS_FILE: empty,
          },
        },
      );
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 2)));
    });
    if (code === 0 || code === 1 || code === 3) {
      process.stderr.write(
        `\ndemo: done. The scanner exited ${code}${code === 1 ? ' (failing findings at or above high, as planted)' : ''}.\n` +
          `Open ${join(out, 'report.html')} in a browser; ${join(out, 'report.json')} is the dashboard feed.\n` +
          `Re-evaluate offline: node bin/lambda-posture.mjs evaluate --inventory ${join(out, 'inventory.json')} --out reports/demo-offline\n`,
      );
      return 0;
    }
    return code;
  } finally {
    await sim.stop();
  }
}

/** The demo must never pick up the user's real AWS identity, endpoint or profile. */
function withoutAwsVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_')));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
