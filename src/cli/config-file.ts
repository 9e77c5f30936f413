/**
 * The config file: every flag of `scan` and `evaluate` can be set in `lambda-posture.config.yaml`
 * (or `.yml`, `.json`) in the working folder, or in the file `--config FILE` names. Flags given on
 * the command line override the file. The file is validated before anything runs: an unknown key
 * or a wrong type is a usage error naming the file and the key's path, so a typo never silently
 * drops a setting (an unknown `skip-check:` would otherwise run every check).
 *
 * One file serves both commands: a key only `scan` takes (regions, profile …) is left out when
 * the command is `evaluate`, and the reverse.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { nearest } from '../text/nearest.js';
import { UsageError } from './failures.js';

export const CONFIG_FILE_NAMES = [
  'lambda-posture.config.yaml',
  'lambda-posture.config.yml',
  'lambda-posture.config.json',
] as const;

/** A comma list on the command line; a list or a comma string in the file. */
const listValue = z.union([z.string(), z.array(z.string()).min(1)]);
const text = z.string().min(1);
const positive = z.number().positive();

const COMMON = {
  out: text,
  format: listValue,
  results: listValue,
  'fail-on': text,
  'allow-incomplete': z.boolean(),
  checks: listValue,
  'skip-checks': listValue,
  services: listValue,
  severity: listValue,
  practice: listValue,
  framework: listValue,
  deep: z.boolean(),
  'scan-code': z.boolean(),
  baseline: text,
  'fail-on-new': text,
  suppressions: text,
  quiet: z.boolean(),
  color: z.boolean(),
  debug: z.boolean(),
};

const SCAN_ONLY = {
  regions: listValue,
  profile: text,
  'role-arn': text,
  'external-id': text,
  'role-session-name': text,
  'role-duration': z.union([text, positive]),
  'endpoint-url': text,
  'save-inventory': text,
  concurrency: positive,
  'max-attempts': positive,
  'rate-scale': positive,
  'policy-source': z.enum(['lambda', 'config']),
  'connect-timeout': positive,
  'request-timeout': positive,
  'baseline-dir': text,
  'fingerprint-key': text,
  upload: text,
  'upload-kms-key': text,
  timeout: z.union([text, positive]),
  'changes-since': text,
  deployers: listValue,
  'trusted-ip-ranges': listValue,
  org: z.boolean(),
  ou: listValue,
  accounts: listValue,
  'accounts-file': text,
  'exclude-accounts': listValue,
  'role-name': text,
  'account-concurrency': positive,
  shard: text,
};

const EVALUATE_ONLY = { inventory: text };

export const ConfigFileSchema = z.strictObject({ ...COMMON, ...SCAN_ONLY, ...EVALUATE_ONLY }).partial();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

const KEYS_OF: Record<'scan' | 'evaluate', ReadonlySet<string>> = {
  scan: new Set([...Object.keys(COMMON), ...Object.keys(SCAN_ONLY)]),
  evaluate: new Set([...Object.keys(COMMON), ...Object.keys(EVALUATE_ONLY)]),
};

export interface LoadedConfig {
  path: string;
  /** The settings that apply to the command, as yargs takes them (lists as comma strings). */
  values: Record<string, string | number | boolean>;
}

/**
 * The config for `command`: from `explicit` (--config), else the first of CONFIG_FILE_NAMES in
 * `cwd`, else none. An explicit file that cannot be read is an error; a missing default is not.
 */
export function loadConfig(
  command: 'scan' | 'evaluate',
  explicit: string | undefined,
  cwd: string,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): LoadedConfig | null {
  const candidates = explicit !== undefined ? [explicit] : CONFIG_FILE_NAMES.map((n) => `${cwd}/${n}`);
  for (const path of candidates) {
    let body: string;
    try {
      body = read(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (explicit === undefined && code === 'ENOENT') continue;
      throw new UsageError(`--config ${path}: cannot be read (${code ?? 'error'})`);
    }
    return { path, values: forCommand(command, parseConfig(path, body)) };
  }
  return null;
}

/** The file's settings, validated; a usage error with the file and the key's path otherwise. */
export function parseConfig(path: string, body: string): ConfigFile {
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(body) : parseYaml(body, { maxAliasCount: 100 });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : 'not readable';
    throw new UsageError(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${detail}`);
  }
  if (data === null || data === undefined) return {};
  const parsed = ConfigFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`${path}: ${describeIssue(issue)}`);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'not a valid config file';
  const at =
    issue.path.length > 0
      ? issue.path
          .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`))
          .join('')
      : '(the file)';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const close = nearest(key, Object.keys(ConfigFileSchema.shape));
    const where = issue.path.length > 0 ? ` in ${at}` : '';
    return `unknown key ${JSON.stringify(key)}${where}${close ? ` (did you mean ${close}?)` : ''}; keys are the flags' names, e.g. regions, fail-on`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    return 'must be a mapping of flag names to values';
  }
  if (issue.code === 'invalid_union') {
    // Every union here is "one value or several": say that, not zod's "Invalid input".
    return `${at}: expected ${issue.path[0] === 'timeout' ? 'a duration (30m, 2h) or seconds' : 'a comma-separated string or a list of strings'}`;
  }
  return `${at}: ${issue.message}`;
}

function forCommand(command: 'scan' | 'evaluate', config: ConfigFile): LoadedConfig['values'] {
  const keys = KEYS_OF[command];
  const values: LoadedConfig['values'] = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || !keys.has(key)) continue;
    // --timeout is text (30m, 90s); a bare number in YAML means seconds, as on the command line.
    values[key] = Array.isArray(value) ? value.join(',') : key === 'timeout' ? String(value) : value;
  }
  return values;
}
