/**
 * The built CLI, end to end on fixture inventories: exit codes, files written, JSON valid against
 * the committed reports/schema.json, no unescaped payload in the HTML, clear errors on bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ReportSchema } from '../../src/report/schema.js';
import { awsError, failed, inventory, lambdaFunction, ok } from '../helpers/inventory.js';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();
const cli = join(root, 'bin', 'lambda-posture.mjs');
// ajv-formats is CommonJS with `exports.default`: under nodenext its default import is the module.
const addFormats = addFormatsModule.default;
const XSS = '<img src=x onerror=alert(1)>';

function lp(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fixture(dir: string, inv: unknown, name = 'inventory.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof inv === 'string' ? inv : JSON.stringify(inv));
  return path;
}

const hostile = () =>
  inventory({
    functions: [
      lambdaFunction({
        name: XSS,
        urlConfigs: ok([
          {
            url: 'https://x.lambda-url.us-east-1.on.aws/',
            functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:x',
            authType: 'NONE',
            invokeMode: '"><script>alert(2)</script>',
            cors: null,
          },
        ]),
      }),
      lambdaFunction({
        name: 'clean',
        reservedConcurrency: ok({ value: 5, source: 'GetFunction' as const }),
      }),
    ],
  });

describe('the installed command (bin/lambda-posture.mjs, the bundled CLI)', () => {
  it('prints stack traces only with --debug, mapped to the TypeScript sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-bin-'));
    const corrupt = fixture(dir, '{"schemaVersion": 2', 'corrupt.json');
    const plain = lp(['evaluate', '--inventory', corrupt, '--out', join(dir, 'out')]);
    assert.equal(plain.code, 7);
    assert.ok(!plain.stderr.includes('    at '), plain.stderr);
    const debug = lp(['evaluate', '--inventory', corrupt, '--out', join(dir, 'out'), '--debug']);
    assert.equal(debug.code, 7);
    assert.match(debug.stderr, /src\/inventory\/store\.ts:\d+/, 'the source map names the .ts file and line');
  });
});

describe('lambda-posture CLI (built)', () => {
  it('evaluate writes both reports, exits 1 on a high finding, and the JSON matches reports/schema.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
    const out = join(dir, 'out');
    const r = lp(['evaluate', '--inventory', fixture(dir, hostile()), '--out', out]);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(existsSync(join(out, 'report.json')) && existsSync(join(out, 'report.html')));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    ReportSchema.parse(report);
    // A dashboard validates against the published JSON Schema, not our zod code: do the same.
    const committed = JSON.parse(readFileSync(join(root, 'reports', 'schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(committed);
    assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.match(r.stdout, /score/i);
    // No temp files left behind by the atomic writer.
    assert.deepEqual(readdirSync(out).sort(), ['report.html', 'report.json']);
  });

  it('escapes hostile names and evidence in the HTML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
    const out = join(dir, 'out');
    lp(['evaluate', '--inventory', fixture(dir, hostile()), '--out', out, '--format', 'html']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.ok(!html.includes(XSS), 'raw <img> payload in HTML');
    assert.ok(!html.includes('<script>alert(2)</script>'), 'raw <script> payload in HTML');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('--fail-on none exits 0; --fail-on critical exits 0 when only high findings fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
    const inv = fixture(dir, hostile());
    // The fixture's execution roles are not in its IAM data, so some results are unknown: allow that here.
    const run = (out: string, failOn: string) =>
      lp([
        'evaluate',
        '--inventory',
        inv,
        '--out',
        join(dir, out),
        '--fail-on',
        failOn,
        '--quiet',
        '--allow-incomplete',
      ]);
    assert.equal(run('a', 'none').code, 0);
    assert.equal(run('b', 'critical').code, 0);
    assert.equal(run('c', 'high').code, 1);
  });

  it('exits 3 and says INCOMPLETE when results are unknown and nothing fails; --allow-incomplete gives 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
    const inv = fixture(
      dir,
      inventory({ functions: [lambdaFunction({ name: 'denied', policy: failed(awsError('GetPolicy')) })] }),
    );
    const r = lp(['evaluate', '--inventory', inv, '--out', join(dir, 'o'), '--fail-on', 'none']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /INCOMPLETE/);
    const report = JSON.parse(readFileSync(join(dir, 'o', 'report.json'), 'utf8'));
    assert.equal(report.summary.incomplete, true);
    assert.ok(report.coverage.some((g: { operation: string }) => g.operation === 'GetPolicy'));
    assert.equal(
      lp(['evaluate', '--inventory', inv, '--out', join(dir, 'p'), '--fail-on', 'none', '--allow-incomplete'])
        .code,
      0,
    );
  });

  for (const [name, content, expected] of [
    ['truncated JSON', '{"schemaVersion": 1, "tool": {', /not valid JSON/],
    ['a JSON array', '[]', /not a lambda-posture inventory/],
    ['a future schema version', JSON.stringify({ schemaVersion: 99 }), /schema version 99/],
    ['a wrong shape', JSON.stringify({ schemaVersion: 1, tool: {} }), /not a valid inventory/],
  ] as const) {
    it(`a corrupt inventory (${name}) is a one-line error with exit 7 and no report`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
      const r = lp(['evaluate', '--inventory', fixture(dir, content), '--out', join(dir, 'o')]);
      assert.equal(r.code, 7);
      assert.match(r.stderr, expected);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
      assert.ok(!existsSync(join(dir, 'o', 'report.json')));
    });
  }

  for (const args of [
    ['scan', '--regions', 'us-east-1,not a region'],
    ['scan', '--concurrency', '0'],
    ['scan', '--format', 'pdf'],
    ['evaluate'],
    ['bogus-command'],
    ['scan', '--no-such-flag'],
    ['evaluate', '--inventory', '/dev/null', '--checks', 'iam.does-not-exist'],
  ]) {
    it(`bad input ${JSON.stringify(args)} exits 2 with a message and no stack trace`, () => {
      const r = lp(args);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^lambda-posture: /);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    });
  }

  for (const [args, expected] of [
    [
      ['scan', '--fail-on', 'bogus'],
      /Invalid values:\n {2}Argument: fail-on, Given: "bogus", Choices: "critical", "high", "medium", "low", "info", "none"\n/,
    ],
    [['scan', '--concurrency', 'abc'], /--concurrency takes a whole number from 1 to 256; got "abc"/],
    [['scan', '--out'], /Not enough arguments following: out/],
    [['scan', '--timeout', '5x'], /--timeout takes a duration from 1s to 7d, like 30m, 90s or 2h .*got "5x"/],
    [['scna'], /unknown command "scna" \(did you mean scan\?\)/],
    [['scan', '--regoins', 'eu-west-1'], /Unknown argument: regoins \(did you mean --regions\?\)/],
    [
      ['scan', '--checks', 'lambda.env-secret'],
      /--checks lambda\.env-secret: no check matches \(did you mean lambda\.env-secrets\?\)/,
    ],
  ] as const) {
    it(`usage error ${JSON.stringify(args)}: the whole message and the usage hint, exit 2`, () => {
      const r = lp([...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.match(r.stderr, /run 'lambda-posture --help'/);
    });
  }

  it('an inventory file that does not exist is an inventory error (exit 7), naming it', () => {
    const r = lp([
      'evaluate',
      '--inventory',
      '/nonexistent/inventory.json',
      '--out',
      mkdtempSync(join(tmpdir(), 'lp-e2e-')),
    ]);
    assert.equal(r.code, 7);
    assert.equal(
      r.stderr,
      'lambda-posture: cannot read inventory file "/nonexistent/inventory.json" (ENOENT)\n',
    );
  });

  it('checks lists the catalogue, as a table and as JSON', () => {
    const table = lp(['checks']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /lambda\.function-url-auth-none/);
    const json = JSON.parse(lp(['checks', '--json']).stdout) as {
      id: string;
      severity: string;
      practice: string;
    }[];
    assert.ok(json.length >= 16);
    assert.ok(json.every((c) => c.id && c.severity && c.practice));
  });

  it('checks --framework lists every control in scope with its checks or why none, as a table and as JSON', () => {
    const json = JSON.parse(lp(['checks', '--framework', 'cis-aws-3.0', '--json']).stdout) as {
      framework: string;
      counts: Record<string, number>;
      controls: { control: string; status: string; checks: string[]; note: string | null }[];
    };
    assert.equal(json.framework, 'cis-aws-3.0');
    const byId = new Map(json.controls.map((c) => [c.control, c]));
    // A control a check maps names it; one none maps says why.
    assert.deepEqual(byId.get('1.4')?.checks, ['iam.root-access-key']);
    assert.equal(byId.get('1.3')?.status, 'not-automated');
    assert.match(byId.get('1.3')?.note ?? '', /no AWS API/);
    const total = Object.values(json.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, json.controls.length);
    const table = lp(['checks', '--framework', 'cis-aws-3.0']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^1\.4 +automated +Ensure no 'root' user account access key exists$/m);
    assert.match(table.stdout, /automated, \d+ partly, \d+ not automated, of \d+ controls in scope/);
    const bad = lp(['checks', '--framework', 'cis-aws-9.9']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Choices: "aws-fsbp", "cis-aws-3.0", "cis-aws-7.0"/);
  });
});
