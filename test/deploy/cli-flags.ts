/**
 * What the organization examples must agree with in the CLI: the options of `scan` and `merge`,
 * read from the built CLI's own --help (the parser the image runs), with the kind of value each
 * takes, and the value forms of the organization flags. An example that passes a flag the command
 * does not have, a value to a boolean, or `auto/4` where a number belongs fails here, not at 01:00.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { duration } from '../../src/cli/args.js';
import { root } from './sources.js';

export type OptionKind = 'boolean' | 'string' | 'number' | 'array';

const helps = new Map<string, string>();

/** `lambda-posture <command> --help`. A command the CLI lacks prints the top-level help instead. */
export function commandHelp(command: string): string {
  let text = helps.get(command);
  if (text === undefined) {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'lambda-posture.mjs'), command, '--help'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    text = r.stdout;
    helps.set(command, text);
  }
  assert.match(
    text.split('\n')[0] ?? '',
    new RegExp(`^lambda-posture ${command}\\b`),
    `the built CLI has no "${command}" command (its --help is the top-level help)`,
  );
  return text;
}

/** Each long option of the command with the kind yargs prints for it ([boolean], [string] …). */
export function commandOptions(command: string): Map<string, OptionKind> {
  const options = new Map<string, OptionKind>();
  let current: string | undefined;
  let block = '';
  const settle = (): void => {
    if (current === undefined) return;
    const kind = /\[(boolean|string|number|array)\]/.exec(block)?.[1] as OptionKind | undefined;
    // `[choices: "a", "b"]` without a type is a string.
    options.set(current, kind ?? 'string');
  };
  for (const line of commandHelp(command).split('\n')) {
    const start = /^\s+--([a-z][a-z0-9-]*)\s/.exec(line);
    if (start) {
      settle();
      current = start[1];
      block = line;
    } else if (current !== undefined && /^\s{4,}\S/.test(line)) block += ` ${line}`;
    else {
      settle();
      current = undefined;
      block = '';
    }
  }
  settle();
  return options;
}

/**
 * The organization flags planned for issue 12 (scan --org, merge), with the form of value each takes. Every one
 * an example passes must be an option of its command in --help, and its value must have this form.
 */
export const ORG_FLAG_FORMS: Record<string, { command: 'scan' | 'merge'; value: (v: string) => boolean }> = {
  org: { command: 'scan', value: () => true },
  'role-name': { command: 'scan', value: (v) => /^[\w+=,.@-]{1,64}$/.test(v) },
  'external-id': { command: 'scan', value: (v) => /^[\w+=,.@:/-]{2,1224}$/.test(v) },
  'account-concurrency': { command: 'scan', value: (v) => /^[1-9]\d*$/.test(v) },
  shard: { command: 'scan', value: (v) => /^(auto|\d+)\/[1-9]\d*$/.test(v) },
  'expect-shards': { command: 'merge', value: (v) => /^[1-9]\d*$/.test(v) },
  wait: { command: 'merge', value: (v) => duration('wait', v) > 0 },
  upload: { command: 'merge', value: (v) => /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/.test(v) },
};

/** The `--flag value` pairs of an argument list (a boolean flag has value undefined). */
function pairs(args: readonly string[], options: Map<string, OptionKind>): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--')) continue;
    const flag = a.slice(2);
    if (options.get(flag) === 'boolean') out.push([flag, undefined]);
    else out.push([flag, args[i + 1]]);
  }
  return out;
}

/**
 * `args` is a valid command line of `lambda-posture <args[0]>`: the command exists, each flag is
 * one of its options, a boolean takes no value, a number a number, a string a value that is not a
 * flag, and the organization flags their planned forms.
 */
export function assertCommandLine(args: readonly string[], where: string): void {
  const command = args[0] ?? '';
  assert.ok(['scan', 'merge'].includes(command), `${where}: runs ${JSON.stringify(command)}`);
  const options = commandOptions(command);
  for (const [flag, value] of pairs(args, options)) {
    const kind = options.get(flag);
    assert.ok(kind, `${where}: --${flag} is not an option of lambda-posture ${command}`);
    if (kind === 'number') assert.match(String(value), /^\d+(\.\d+)?$/, `${where}: --${flag} takes a number`);
    if (kind === 'string' || kind === 'array')
      assert.ok(
        value !== undefined && !value.startsWith('--'),
        `${where}: --${flag} takes a value, got ${JSON.stringify(value)}`,
      );
    const form = ORG_FLAG_FORMS[flag];
    if (form && value !== undefined) {
      assert.equal(form.command, command, `${where}: --${flag} belongs to ${form.command}`);
      assert.ok(form.value(value), `${where}: --${flag} ${JSON.stringify(value)} is not of its planned form`);
    }
  }
  // A boolean given a value would turn the value into a positional argument: catch `--org true`.
  for (let i = 0; i < args.length - 1; i++) {
    const flag = (args[i] ?? '').slice(2);
    if ((args[i] ?? '').startsWith('--') && options.get(flag) === 'boolean')
      assert.ok(
        (args[i + 1] ?? '').startsWith('--'),
        `${where}: --${flag} is a boolean, followed by a value`,
      );
  }
}
