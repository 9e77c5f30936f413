/**
 * The built CLI's settings: the config file (discovered or --config; flags override it), the
 * metadata filters (--services, --severity, --practice, --framework) and `explain`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../checks/index.js';
import { isChangeCheck, isCodeScan, isDeep } from '../../src/engine/select.js';
import { inventory, lambdaFunction, ok } from '../helpers/inventory.js';
import { repoRoot } from '../helpers/paths.js';

const cli = join(repoRoot(), 'bin', 'lambda-posture.mjs');

function lp(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder holding a small inventory (one public function URL), and the inventory's path. */
function workspace(): { dir: string; inv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lp-settings-'));
  const inv = join(dir, 'inventory.json');
  const fn = lambdaFunction({
    name: 'api',
    urlConfigs: ok([
      {
        url: 'https://x.lambda-url.us-east-1.on.aws/',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:api',
        authType: 'NONE',
        invokeMode: 'BUFFERED',
        cors: null,
      },
    ]),
  });
  writeFileSync(inv, JSON.stringify(inventory({ functions: [fn] })));
  return { dir, inv };
}

const reportChecks = (out: string): { id: string; severity: string; practice: string; service: string }[] =>
  JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).checks;

describe('the config file', () => {
  it('is found in the working folder, applies to evaluate, and leaves out the keys only scan takes', () => {
    const { dir, inv } = workspace();
    writeFileSync(
      join(dir, 'lambda-posture.config.yaml'),
      `# scheduled audit settings\nformat: [json]\nchecks: ['lambda.*']\nfail-on: none\nallow-incomplete: true\nregions: [us-east-1]\nout: from-config\ninventory: ${inv}\n`,
    );
    const r = lp(['evaluate'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /using settings from .*lambda-posture\.config\.yaml/);
    const out = join(dir, 'from-config');
    assert.deepEqual(readdirSync(out), ['report.json']);
    const ids = reportChecks(out).map((c) => c.id);
    assert.ok(ids.length > 10 && ids.every((id) => id.startsWith('lambda.')), ids.join(','));
  });

  it('is overridden by flags given on the command line', () => {
    const { dir, inv } = workspace();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ format: 'json', 'fail-on': 'none', 'allow-incomplete': true, out: 'a' }),
    );
    const r = lp(
      ['evaluate', '--config', 'settings.json', '--inventory', inv, '--format', 'html', '--out', 'b'],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(dir, 'a')));
    assert.deepEqual(readdirSync(join(dir, 'b')), ['report.html']);
  });

  it('names the file and the key of a mistake, and runs nothing (exit 2)', () => {
    const { dir, inv } = workspace();
    const cases: [string, RegExp][] = [
      ['skip-check: [iam.*]\n', /unknown key "skip-check" \(did you mean skip-checks\?\)/],
      ['concurrency: lots\n', /concurrency: .*expected number/],
      ['regions: [us-east-1\n', /not valid YAML/],
      ['- just\n- a list\n', /must be a mapping of flag names to values/],
    ];
    for (const [body, message] of cases) {
      writeFileSync(join(dir, 'lambda-posture.config.yaml'), body);
      const r = lp(['evaluate', '--inventory', inv, '--out', 'never'], dir);
      assert.equal(r.code, 2, `${body}: ${r.stderr}`);
      assert.match(r.stderr, /lambda-posture\.config\.yaml: /);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, 'no stack trace');
      assert.ok(!existsSync(join(dir, 'never')));
    }
    const missing = lp(['evaluate', '--config', 'nope.yaml', '--inventory', inv], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--config nope\.yaml: cannot be read \(ENOENT\)/);
  });
});

describe('the change-review flags', () => {
  it('are usage errors (exit 2) before any AWS call when wrong', () => {
    const { dir } = workspace();
    const cases: [string[], RegExp][] = [
      [['--deployers', 'arn:aws:iam::*:role/ci'], /add --changes-since/],
      [['--changes-since', '91d'], /--changes-since takes a duration .* 1h to 90d/],
      [
        ['--changes-since', '7d', '--trusted-ip-ranges', '10.0.0.0/33'],
        /--trusted-ip-ranges: "10\.0\.0\.0\/33" is not a CIDR/,
      ],
      [['--changes-since', '7d', '--deployers', 'ci-role'], /--deployers: "ci-role" is not an ARN glob/],
    ];
    for (const [flags, message] of cases) {
      const r = lp(['scan', '--endpoint-url', 'http://127.0.0.1:9', '--out', 'never', ...flags], dir);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(join(dir, 'never')));
    }
  });
});

describe('the metadata filters', () => {
  const cases: [string[], (c: ReturnType<typeof reportChecks>[number]) => boolean][] = [
    [['--severity', 'critical,high'], (c) => c.severity === 'critical' || c.severity === 'high'],
    [['--practice', 'bp2'], (c) => c.practice === 'BP2'],
    [['--services', 'guardduty'], (c) => c.service === 'guardduty'],
    [
      ['--services', 'lambda', '--severity', 'critical'],
      (c) => c.service === 'lambda' && c.severity === 'critical',
    ],
  ];
  for (const [flags, keep] of cases) {
    it(`${flags.join(' ')} runs exactly the checks that match`, () => {
      const { dir, inv } = workspace();
      const r = lp(
        [
          'evaluate',
          '--inventory',
          inv,
          '--out',
          'o',
          '--format',
          'json',
          '--fail-on',
          'none',
          '--allow-incomplete',
          ...flags,
        ],
        dir,
      );
      assert.equal(r.code, 0, r.stderr);
      const got = reportChecks(join(dir, 'o')).map((c) => c.id);
      // Deep checks stay out without --deep, code-scan checks without --scan-code, and change
      // checks on an inventory without CloudTrail changes (no --changes-since), whatever the
      // filters say.
      const expected = CHECKS.filter((c) => keep(c) && !isDeep(c) && !isCodeScan(c) && !isChangeCheck(c)).map(
        (c) => c.id,
      );
      assert.ok(expected.length > 0);
      assert.deepEqual([...got].sort(), [...expected].sort());
    });
  }

  it('--framework keeps the checks mapped to a control of the framework', () => {
    const { dir, inv } = workspace();
    const r = lp(
      [
        'evaluate',
        '--inventory',
        inv,
        '--out',
        'o',
        '--format',
        'json',
        '--fail-on',
        'none',
        '--allow-incomplete',
        '--framework',
        'aws-fsbp',
      ],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    const mapped = new Set(
      CHECKS.filter((c) => (c.frameworks['aws-fsbp'] ?? []).length > 0).map((c) => c.id),
    );
    const got = reportChecks(join(dir, 'o')).map((c) => c.id);
    assert.ok(got.length > 0 && got.every((id) => mapped.has(id)), got.join(','));
  });

  it('a value no check has is a usage error listing the values there are', () => {
    const { dir, inv } = workspace();
    const r = lp(['evaluate', '--inventory', inv, '--services', 'lamda'], dir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /--services lamda: no check has it \(one of: account, guardduty, iam, lambda\); did you mean lambda\?/,
    );
    const empty = lp(['evaluate', '--inventory', inv, '--severity', ','], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--severity is empty/);
  });
});

describe('explain', () => {
  it("prints a check's rationale, remediation with its CLI line, reads and references", () => {
    const check = CHECKS.find((c) => c.id === 'lambda.denial-of-wallet');
    assert.ok(check);
    const r = lp(['explain', check.id], tmpdir());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^lambda\.denial-of-wallet — /);
    assert.ok(r.stdout.includes(`$ ${check.remediation.cli}`));
    for (const ref of check.references) assert.ok(r.stdout.includes(ref));
    assert.match(r.stdout, /lambda\.policies: GetPolicy/);
    const json = JSON.parse(lp(['explain', check.id, '--json'], tmpdir()).stdout);
    assert.equal(json.id, check.id);
    assert.equal(json.rationale, check.rationale);
  });

  it('an unknown id is a usage error with the nearest id', () => {
    const r = lp(['explain', 'lambda.public-resource-polcy'], tmpdir());
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /no check "lambda\.public-resource-polcy" \(did you mean lambda\.public-resource-policy\?\)/,
    );
  });
});

describe('--suppressions', () => {
  it('keeps accepted findings in the report, marked, out of the score and the exit code; warns of stale rules', () => {
    const { dir, inv } = workspace();
    const base = ['evaluate', '--inventory', inv, '--format', 'json', '--allow-incomplete'];
    const before = lp([...base, '--out', 'before'], dir);
    assert.equal(before.code, 1, 'the public URL fails at high');
    writeFileSync(
      join(dir, 'accepted.yaml'),
      [
        'suppressions:',
        '  - check: lambda.*',
        '    resource: "arn:aws:lambda:*:function:api"',
        '    reason: public webhook, reviewed by security 2026-11',
        '  - check: iam.root-mfa',
        '    reason: old exception',
        '    expires: 2020-01-01',
        '  - check: guardduty.*',
        '    resource: "arn:aws:guardduty:eu-north-1:*"',
        '    reason: matches nothing here',
        '',
      ].join('\n'),
    );
    const after = lp([...base, '--out', 'after', '--suppressions', 'accepted.yaml'], dir);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stderr, /accepted\.yaml rule 2 \(iam\.root-mfa\) expired on 2020-01-01/);
    assert.match(after.stderr, /accepted\.yaml rule 3 .* matches no failing or unknown result/);
    assert.match(after.stdout, /Suppressed \(accepted, not counted\): \d+ fail/);
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name, 'report.json'), 'utf8'));
    const was = read('before');
    const now = read('after');
    const marked = now.results.filter((r: { suppression?: unknown }) => r.suppression);
    assert.ok(marked.length > 0);
    for (const r of marked) {
      assert.equal(r.resource.name, 'api');
      assert.deepEqual(r.suppression, { rule: 1, reason: 'public webhook, reviewed by security 2026-11' });
      assert.ok(r.status === 'fail' || r.status === 'unknown');
    }
    assert.equal(now.results.length, was.results.length, 'nothing is dropped');
    assert.ok(now.summary.score > was.summary.score);
    assert.equal(now.summary.suppressed.fail + now.summary.suppressed.unknown, marked.length);
    assert.deepEqual(
      now.suppressions.rules.map((r: { state: string }) => r.state),
      ['active', 'expired', 'unused'],
    );
    assert.equal(now.suppressions.file, 'accepted.yaml');
  });

  it('a broken file stops the run before anything is read (exit 2)', () => {
    const { dir, inv } = workspace();
    writeFileSync(join(dir, 'bad.yaml'), 'suppressions:\n  - check: lambda.*\n');
    const r = lp(['evaluate', '--inventory', inv, '--out', 'o', '--suppressions', 'bad.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--suppressions bad\.yaml: rule 1 reason: /);
    assert.ok(!existsSync(join(dir, 'o')));
    const missing = lp(['evaluate', '--inventory', inv, '--suppressions', 'none.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--suppressions none\.yaml: cannot be read/);
  });
});

describe('--log-format json', () => {
  it('writes every stderr line as one JSON object: messages, warnings and the error that ends a run', () => {
    const { dir, inv } = workspace();
    writeFileSync(
      join(dir, 's.yaml'),
      'suppressions:\n  - check: iam.*\n    resource: "arn:aws:iam::*:user/nobody"\n    reason: r\n',
    );
    const ok = lp(
      [
        'evaluate',
        '--inventory',
        inv,
        '--out',
        'o',
        '--fail-on',
        'none',
        '--allow-incomplete',
        '--suppressions',
        's.yaml',
        '--log-format',
        'json',
      ],
      dir,
    );
    assert.equal(ok.code, 0, ok.stderr);
    const lines = ok.stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(
      lines.some(
        (l) => l.level === 'warn' && /rule 1 .* matches no failing or unknown result/.test(l.message),
      ),
    );
    for (const l of lines) assert.ok(typeof l.time === 'string' && typeof l.message === 'string');
    const bad = lp(['evaluate', '--inventory', inv, '--services', 'lamda', '--log-format', 'json'], dir);
    assert.equal(bad.code, 2);
    const error = JSON.parse(bad.stderr.trim());
    assert.equal(error.level, 'error');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /--services lamda: no check has it/);
  });
});

describe('--fingerprint-key', () => {
  it('a file that is not a key stops the scan before any AWS call (exit 6), quoting nothing of it', () => {
    const { dir } = workspace();
    writeFileSync(join(dir, 'bad.key'), 'ghp_notakeyatall\n');
    const r = lp(['scan', '--fingerprint-key', 'bad.key', '--out', 'o', '--regions', 'us-east-1'], dir);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /--fingerprint-key bad\.key: not a lambda-posture fingerprint key/);
    assert.ok(!r.stderr.includes('ghp_'));
  });
});
