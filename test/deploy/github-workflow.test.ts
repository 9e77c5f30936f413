/**
 * deploy/github-actions/lambda-posture.yml: valid to GitHub's own workflow parser
 * (@actions/workflow-parser, the schema behind GitHub's editor and language server), which rejects
 * unknown keys; then what the example promises: a schedule and a manual trigger, OIDC with the
 * least permissions, the scan with flags the CLI has, and the SARIF and HTML/JSON uploads of the
 * files that scan writes (file names from `scan --help`, not re-typed).
 */
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { assertKnownScanFlags, flagValue, formatFiles, readRepoFile } from './sources.js';

register(new URL('./json-import-hook.js', import.meta.url));
const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const PATH = 'deploy/github-actions/lambda-posture.yml';
const text = readRepoFile(PATH);
const errorsOf = (content: string): string[] =>
  parseWorkflow({ name: PATH, content }, new NoOperationTraceWriter()).context.errors.getErrors().map(String);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
}
const wf = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string | number>;
  jobs: Record<string, { steps: Step[]; 'timeout-minutes': number }>;
};
const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
const using = (action: string): Step => {
  const found = steps.filter((s) => s.uses?.split('@')[0] === action);
  assert.equal(found.length, 1, `one step uses ${action}`);
  return found[0] as Step;
};
const scanStep = steps.find((s) => s.run?.includes(' scan ')) as Step;
/** The scan's argument list, after the package spec. */
const scanArgs = (): string[] => {
  const words = (scanStep.run ?? '').trim().split(/\s+/);
  return words.slice(words.indexOf('scan'));
};

describe('GitHub Actions workflow', () => {
  it("is valid to GitHub's workflow parser, which does reject an unknown key", () => {
    assert.deepEqual(errorsOf(text), []);
    assert.match(errorsOf(text.replace('timeout-minutes:', 'timeout-minute:')).join('\n'), /timeout-minute/);
  });

  it('runs nightly and on demand, with only the OIDC token and code-scanning writes', () => {
    assert.deepEqual(Object.keys(wf.on).sort(), ['schedule', 'workflow_dispatch']);
    const [schedule] = wf.on.schedule as { cron: string }[];
    assert.match(schedule?.cron ?? '', /^\d+ \d+ \* \* \*$/);
    assert.deepEqual(wf.permissions, {
      actions: 'read',
      contents: 'read',
      'id-token': 'write',
      'security-events': 'write',
    });
  });

  it('assumes a role through OIDC: a role-to-assume, and no access key anywhere', () => {
    const creds = using('aws-actions/configure-aws-credentials');
    assert.match(String(creds.with?.['role-to-assume']), /^\$\{\{ vars\.[A-Z_]+ \}\}$/);
    for (const key of ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'])
      assert.ok(!(key in (creds.with ?? {})), key);
    assert.doesNotMatch(text, /AKIA[0-9A-Z]{16}|secrets\.AWS_/);
  });

  it('scans with json,html,sarif and --fail-on high, using flags the CLI has, at a pinned version', () => {
    const args = scanArgs();
    assertKnownScanFlags(args, PATH);
    assert.deepEqual(String(flagValue(args, 'format')).split(','), ['json', 'html', 'sarif']);
    assert.equal(flagValue(args, 'fail-on'), 'high');
    assert.equal(flagValue(args, 'out'), 'reports');
    assert.match(
      scanStep.run ?? '',
      /^npx --yes lambda-posture@\$\{\{ env\.LAMBDA_POSTURE_VERSION \}\} scan /,
    );
    const pkg = JSON.parse(readRepoFile('package.json')) as { name: string; version: string };
    assert.equal(String(wf.env.LAMBDA_POSTURE_VERSION), pkg.version, 'the example pins the current release');
    const timeout = Number(/^(\d+)m$/.exec(String(flagValue(args, 'timeout')))?.[1]);
    const [job] = Object.values(wf.jobs);
    assert.ok(
      timeout > 0 && timeout < (job?.['timeout-minutes'] ?? 0),
      'the scan ends before GitHub cancels the job',
    );
  });

  it('uploads the SARIF file the scan writes to code scanning, even after exit 1', () => {
    const files = formatFiles();
    const out = String(flagValue(scanArgs(), 'out'));
    const sarif = using('github/codeql-action/upload-sarif');
    assert.equal(sarif.with?.sarif_file, `${out}/${files.get('sarif')}`);
    assert.match(sarif.if ?? '', /^always\(\)/);
  });

  it('keeps the HTML and JSON reports as an artifact, even after exit 1', () => {
    const files = formatFiles();
    const out = String(flagValue(scanArgs(), 'out'));
    const artifact = using('actions/upload-artifact');
    assert.deepEqual(String(artifact.with?.path).trim().split('\n'), [
      `${out}/${files.get('html')}`,
      `${out}/${files.get('json')}`,
    ]);
    assert.match(artifact.if ?? '', /^always\(\)/);
  });

  it('pins every action by major version, and says to pin by SHA', () => {
    const uses = steps.map((s) => s.uses).filter((u): u is string => u !== undefined);
    assert.ok(uses.length >= 4);
    for (const u of uses) assert.match(u, /^[\w-]+\/[\w./-]+@v\d+$/, u);
    assert.match(text, /full commit SHA/);
  });
});
