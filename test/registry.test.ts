/**
 * The registry's consistency (ESLint's checkRuleFiles): every check file is registered, ids match
 * file names, metadata passes its schema, the list is sorted, and every check has a test beside it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CHECKS } from '../checks/index.js';
import { DATA_FILE_IDS, dataFileModule } from '../src/data/index.js';
import { CheckMeta, metaOf } from '../src/engine/check.js';
import { runCheck } from '../src/engine/evaluate.js';
import { type ControlInfo, FRAMEWORK_CONTROLS } from '../src/engine/framework-controls.js';
import { FRAMEWORK_IDS, FRAMEWORKS } from '../src/engine/frameworks.js';
import { readPlanFor } from '../src/engine/select.js';
import type { Inventory } from '../src/inventory/schema.js';
import { buildView } from '../src/view/account-view.js';
import { toInventory } from './bench/synth.js';
import { narrowInventory } from './helpers/narrow.js';
import { repoRoot } from './helpers/paths.js';
import { generateAccount } from './sim/account.js';

// The .ts sources are the truth for which check files exist, compiled or not.
const sourceChecksDir = join(repoRoot(), 'checks');

function checkFiles(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith(ext) && !f.endsWith(`.test${ext}`) && !f.startsWith('_'))
        .map((f) => `${d.name}.${f.slice(0, -ext.length)}`),
    )
    .sort();
}

describe('check registry', () => {
  it('registers at least the checks the first release promises', () => {
    assert.ok(CHECKS.length >= 16, `only ${CHECKS.length} checks registered`);
  });

  it('registers every check file exactly once, sorted by id', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    assert.deepEqual(ids, [...ids].sort(), 'checks/index.ts is not sorted by id');
    assert.deepEqual(ids, checkFiles(sourceChecksDir, '.ts'));
  });

  it('every check has a test file beside it', () => {
    for (const c of CHECKS) {
      const [folder, name] = c.id.split('.');
      const test = join(sourceChecksDir, folder ?? '', `${name}.test.ts`);
      assert.ok(existsSync(test), `${c.id} has no ${test}`);
    }
  });

  for (const check of CHECKS) {
    it(`${check.id}: metadata is valid and the service matches the id`, () => {
      const { evaluate: _evaluate, ...meta } = check;
      const parsed = CheckMeta.strict().safeParse(meta);
      assert.ok(parsed.success, parsed.error?.message);
      assert.equal(check.id.split('.')[0], check.service);
      assert.equal(typeof check.evaluate, 'function');
      assert.deepEqual(metaOf(check), parsed.data, 'metaOf copies every metadata field');
    });
  }

  it('ids and former ids (aliases) are unique across the registry', () => {
    const names = CHECKS.flatMap((c) => [c.id, ...(c.aliases ?? [])]);
    assert.equal(new Set(names).size, names.length);
  });

  it('every check maps every known framework, with control ids that framework has', () => {
    for (const c of CHECKS) {
      assert.deepEqual(Object.keys(c.frameworks).sort(), [...FRAMEWORK_IDS].sort(), c.id);
      for (const f of FRAMEWORK_IDS) {
        const known: readonly string[] = FRAMEWORKS[f].controls;
        for (const id of c.frameworks[f]) assert.ok(known.includes(id), `${c.id}: ${f} has no control ${id}`);
      }
    }
  });

  it('every framework control in scope is either mapped by a check or says why not (framework-controls.ts)', () => {
    for (const f of FRAMEWORK_IDS) {
      const controls: Record<string, ControlInfo> = FRAMEWORK_CONTROLS[f];
      assert.deepEqual(
        Object.keys(controls).sort(),
        [...FRAMEWORKS[f].controls].sort(),
        `${f}: one entry per control`,
      );
      for (const [control, info] of Object.entries(controls)) {
        const mapped = CHECKS.some((c) => (c.frameworks[f] as readonly string[]).includes(control));
        if (mapped) {
          assert.equal(
            info.notAutomated,
            undefined,
            `${f} ${control} is mapped by a check: drop its "not automated" reason`,
          );
        } else {
          assert.ok(info.notAutomated, `${f} ${control}: no check maps it, so say why not`);
          assert.equal(info.partial, undefined, `${f} ${control}: "partial" needs a mapping check`);
        }
      }
    }
  });

  it('the metadata schema rejects a mistyped control id and an unknown framework', () => {
    const { evaluate: _e, ...meta } = CHECKS[0] ?? assert.fail('no checks');
    const typo = { ...meta, frameworks: { ...meta.frameworks, 'cis-aws-7.0': ['1.16'] } };
    assert.equal(CheckMeta.safeParse(typo).success, false, 'CIS 7.0 has no 1.16 (IAM moved to section 2)');
    const unknown = { ...meta, frameworks: { ...meta.frameworks, 'cis-aws-9.9': [] } };
    assert.equal(CheckMeta.safeParse(unknown).success, false);
  });

  it('a check that loads a data file declares it (reports show the age of what was used)', () => {
    for (const c of CHECKS) {
      const [folder, name] = c.id.split('.');
      const own = readFileSync(join(sourceChecksDir, folder ?? '', `${name}.ts`), 'utf8');
      // A check's local helpers (checks/<service>/_*.ts) load for it: read them with it.
      const helpers = [...own.matchAll(/from '\.\/(_[\w-]+)\.js'/g)].map((m) =>
        readFileSync(join(sourceChecksDir, folder ?? '', `${m[1]}.ts`), 'utf8'),
      );
      const source = [own, ...helpers].join('\n');
      for (const id of DATA_FILE_IDS) {
        const module = dataFileModule(id);
        // The IAM evaluator (src/iam/) stands on the action catalogue: using it is loading it.
        const loads =
          source.includes(`src/data/${module}`) || (id === 'iam-actions' && source.includes('src/iam/'));
        assert.equal(loads, (c.data ?? []).includes(id), `${c.id}: loads ${module} but data says ${c.data}`);
      }
    }
  });
});

describe('each check’s declared reads', () => {
  // A realistic account with everything planted, converted offline (no HTTP) into a full inventory.
  let full: Inventory;
  before(async () => {
    const { account } = generateAccount({
      seed: 5,
      regions: ['us-east-1', 'eu-west-1'],
      functionsPerRegion: 25,
      users: 10,
      misconfigRate: 0.5,
      now: '2026-11-01T12:00:00.000Z',
    });
    full = await toInventory(account);
  });

  for (const check of CHECKS) {
    it(`${check.id}: are enough: over a scan narrowed to them, nothing is "not collected" and the results are those of a full scan`, () => {
      const narrowed = narrowInventory(full, readPlanFor([check]));
      const fromFull = runCheck(check, buildView(full));
      const fromNarrowed = runCheck(check, buildView(narrowed));
      const missing = fromNarrowed.filter((r) => /not collected|was skipped/.test(r.message));
      assert.deepEqual(
        missing.map((r) => r.message),
        [],
      );
      assert.deepEqual(fromNarrowed, fromFull);
      assert.ok(fromFull.length > 0);
    });
  }
});
