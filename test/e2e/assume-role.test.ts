/**
 * --role-arn end to end: the built CLI assumes the role once from its own credentials and signs
 * every later request with the role's; the scan is attributed to the assumed-role session; a
 * refused role (no trust, a wrong ExternalId) is exit 4 with one line; bad settings are usage
 * errors before any call.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Inventory } from '../../src/inventory/schema.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { readJson, runCli, scanArgs, scratch } from './sim-harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/audit/lambda-posture-audit';

describe('--role-arn (built CLI, simulated STS)', () => {
  const tmp = scratch('assume-role');
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      timeScale: 10,
      generate: { seed: 14, regions: ['us-east-1'], functionsPerRegion: 4, users: 2 },
      assumableRoles: { [ROLE]: { externalId: 'audit-7d3f' } },
    });
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  const scan = (out: string, extra: string[]) =>
    runCli(scanArgs(sim.url, out, ['--save-inventory', join(out, 'inventory.json'), ...extra]));

  it('assumes the role once and signs every other request with its credentials', async () => {
    sim.resetLog();
    const out = tmp.dir('ok');
    const run = await scan(out, [
      '--role-arn',
      ROLE,
      '--external-id',
      'audit-7d3f',
      '--role-session-name',
      'nightly-audit',
    ]);
    assert.ok(run.code === 0 || run.code === 3, run.stderr);
    const assumes = sim.callLog.filter((c) => c.action === 'AssumeRole');
    assert.equal(assumes.length, 1);
    const callerKey = assumes[0]?.accessKeyId;
    const rest = sim.callLog.filter((c) => c.action !== 'AssumeRole');
    assert.ok(rest.length > 10);
    assert.ok(rest.every((c) => c.accessKeyId?.startsWith('ASIASIM') && c.accessKeyId !== callerKey));
    const inv = readJson<Inventory>(join(out, 'inventory.json'));
    assert.equal(
      inv.scan.callerArn,
      'arn:aws:sts::123456789012:assumed-role/lambda-posture-audit/nightly-audit',
    );
  });

  it('a wrong ExternalId, or a role that does not trust the caller, is exit 4 in one line', async () => {
    for (const [args, pattern] of [
      [['--role-arn', ROLE, '--external-id', 'guess'], /with this --external-id/],
      [['--role-arn', ROLE], /if it requires sts:ExternalId, give --external-id/],
      [
        ['--role-arn', 'arn:aws:iam::123456789012:role/not-there'],
        /could not assume arn:aws:iam::123456789012:role\/not-there \(AccessDenied\)/,
      ],
    ] as const) {
      sim.resetLog();
      const run = await scan(tmp.dir('denied'), [...args]);
      assert.equal(run.code, 4, run.stderr);
      assert.match(run.stderr, pattern);
      // Progress lines aside, the failure is one line, without a stack trace.
      const failure = run.stderr.split('\n').filter((l) => l.startsWith('lambda-posture:'));
      assert.equal(failure.length, 1, run.stderr);
      assert.ok(!run.stderr.includes('    at '));
      assert.ok(
        sim.callLog.every((c) => c.action === 'AssumeRole'),
        'nothing read after the refusal',
      );
    }
  });

  it('settings STS would refuse are usage errors before any call', async () => {
    for (const [args, pattern] of [
      [['--role-arn', 'arn:aws:iam::123456789012:user/alice'], /--role-arn: .* is not an IAM role ARN/],
      [['--external-id', 'x-1'], /--external-id is for the role --role-arn assumes/],
      [['--role-arn', ROLE, '--role-duration', '10m'], /--role-duration takes 15m to 12h/],
      [['--role-arn', ROLE, '--role-duration', '13h'], /--role-duration takes 15m to 12h/],
      [['--role-arn', ROLE, '--role-session-name', 'has space'], /--role-session-name: .* must be 2 to 64/],
    ] as const) {
      sim.resetLog();
      const run = await scan(tmp.dir('usage'), [...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, pattern);
      assert.equal(sim.callLog.length, 0);
    }
  });
});
