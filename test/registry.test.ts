/**
 * The registry's consistency (ESLint's checkRuleFiles): every check file is registered, ids match
 * file names, metadata passes its schema, the list is sorted, and every check has a test beside it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/index.js';
import { CheckMeta } from '../src/engine/check.js';
import { repoRoot } from './helpers/paths.js';

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
    });
  }
});
