/**
 * The import arrows of DESIGN.md, enforced: every relative import in src/ and checks/ must point
 * to a layer its layer may use, so a back-arrow (inventory reaching up into report, a check
 * calling AWS, the engine importing the registry) fails CI with the file and the import named.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.js';

/** layer → the layers it may import (its own always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  io: [],
  data: [],
  text: [],
  findings: [],
  inventory: ['io'],
  policy: ['inventory'],
  view: ['inventory', 'policy'],
  engine: ['view', 'inventory', 'policy', 'data', 'findings', 'text'],
  // The IAM evaluator: pure, over the view's IAM index and the action catalogue.
  // engine for its credential-report date helpers (engine/dates.ts), the one reading of key ages.
  iam: ['view', 'policy', 'inventory', 'data', 'engine'],
  // The session's SDK-free defaults: the CLI's flag defaults come from here.
  'aws/defaults': [],
  aws: ['inventory', 'aws/defaults'],
  collect: ['aws', 'aws/defaults', 'inventory', 'policy', 'text'],
  // policy: configuration drift (report/drift.ts) says what a changed resource policy newly opens.
  report: ['engine', 'view', 'inventory', 'data', 'io', 'text', 'iam', 'policy'],
  progress: ['collect'],
  version: [],
  // aws: --upload puts the written reports in S3 (aws/upload.ts), after collection.
  run: ['collect', 'data', 'engine', 'io', 'inventory', 'report', 'view', 'progress', 'aws'],
  // An organization scan: list accounts (collect), then run each account's scan (run) as its
  // role; the roll-up (report) and its upload (aws) once every account is done.
  org: ['run', 'collect', 'aws', 'aws/defaults', 'report', 'engine', 'inventory', 'io', 'text'],
  // progress: the CLI picks how stderr reports (bars, lines, JSON) and hands it to run.
  // org: --org, --ou, --accounts and `merge` (loaded only when used).
  cli: ['run', 'org', 'engine', 'report', 'checks', 'version', 'aws/defaults', 'text', 'progress'],
  checks: ['engine', 'view', 'policy', 'inventory', 'data', 'iam'],
};

const root = repoRoot();

/** The layer of a repository path: src/<folder or file>/…, or checks. */
function layerOf(path: string): string | null {
  const parts = relative(root, path).split(sep);
  if (parts[0] === 'checks') return 'checks';
  if (parts[0] !== 'src' || parts.length < 2) return parts[0] === 'test' ? 'test' : null;
  const head = parts[1] ?? '';
  if (head === 'aws' && parts[2] === 'defaults.ts') return 'aws/defaults';
  return parts.length === 2 ? head.replace(/\.ts$/, '') : head;
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.test.ts'))
    .map((d) => join(d.parentPath, d.name));
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s.startsWith('.'));
}

describe('import directions (DESIGN.md)', () => {
  const files = [...sources('src'), ...sources('checks')];

  it('finds the source files and knows every layer', () => {
    assert.ok(files.length > 40, `only ${files.length} source files found`);
    for (const f of files) {
      const layer = layerOf(f);
      assert.ok(layer && layer in ALLOWED, `${relative(root, f)} is in no known layer (${layer})`);
    }
  });

  it('every relative import points down or sideways within the allowed arrows', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file) ?? '?';
      for (const spec of importsOf(file)) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        const to = layerOf(target);
        if (to === null) {
          // data/*.json (dated data files) sit outside src/ and may be read by their loaders only.
          if (relative(root, target).startsWith(`data${sep}`) && from === 'data') continue;
          violations.push(`${relative(root, file)} imports ${spec} (outside src/ and checks/)`);
          continue;
        }
        if (to === from || ALLOWED[from]?.includes(to)) continue;
        violations.push(`${relative(root, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('catches a back-arrow: the rule table rejects what DESIGN.md forbids', () => {
    assert.ok(!ALLOWED.inventory?.includes('report'), 'inventory may not reach up into report');
    assert.ok(!ALLOWED.engine?.includes('checks'), 'the engine gets the registry as an argument');
    assert.ok(
      !ALLOWED.checks?.includes('aws') && !ALLOWED.checks?.includes('collect'),
      'checks make no AWS call',
    );
    for (const [layer, allowed] of Object.entries(ALLOWED)) assert.ok(!allowed.includes('test'), layer);
    // And the scanner sees the kinds of import the code uses.
    assert.deepEqual(
      importsOf(join(root, 'src', 'run.ts')).filter((s) => s.includes('collect/index')),
      ['./collect/index.js', './collect/index.js'],
    );
  });
});
