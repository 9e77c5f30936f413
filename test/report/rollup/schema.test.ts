import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ROLLUP_RENDERERS } from '../../../src/report/rollup/render.js';
import { ROLLUP_SCHEMA_VERSION, RollupSchema, rollupJsonSchema } from '../../../src/report/rollup/schema.js';
import { organizationAccounts, wholeRollup } from './fixtures.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) return process.cwd();
    dir = dirname(dir);
  }
  return dir;
}

describe('roll-up schema', () => {
  it('a built roll-up validates, and its JSON parses back to the same roll-up', () => {
    const rollup = wholeRollup(organizationAccounts(12));
    assert.equal(rollup.schemaVersion, ROLLUP_SCHEMA_VERSION);
    const text = ROLLUP_RENDERERS.json.render(rollup);
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"schemaVersion": 1,\n {2}"tool": \{/);
    assert.deepEqual(RollupSchema.parse(JSON.parse(text)), rollup);
    assert.equal(ROLLUP_RENDERERS.json.fileName, 'rollup.json');
    assert.equal(ROLLUP_RENDERERS.html.fileName, 'rollup.html');
  });

  it('keys come out in the schema order, whatever order the object was given in', () => {
    const rollup = wholeRollup(organizationAccounts(3));
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const shuffled = reversed(rollup) as typeof rollup;
    assert.notEqual(JSON.stringify(shuffled), JSON.stringify(rollup));
    assert.equal(ROLLUP_RENDERERS.json.render(shuffled), ROLLUP_RENDERERS.json.render(rollup));
  });

  it('is closed: an unknown field is refused, here and in the JSON Schema', () => {
    const rollup = wholeRollup(organizationAccounts(2));
    assert.equal(RollupSchema.safeParse({ ...rollup, extra: 1 }).success, false);
    const account = { ...(rollup.accounts[0] as object), secret: 'x' };
    assert.equal(RollupSchema.safeParse({ ...rollup, accounts: [account] }).success, false);
    const schema = rollupJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.additionalProperties, false);
  });

  it('a report directory other than accounts/<12 digits> is refused (it becomes a link)', () => {
    const rollup = wholeRollup(organizationAccounts(2));
    for (const reportDir of [
      'javascript:alert(1)',
      '../accounts/100000000003',
      'accounts/100000000003/..',
      '/etc',
    ]) {
      const accounts = rollup.accounts.map((a) => ({ ...a, reportDir }));
      assert.equal(RollupSchema.safeParse({ ...rollup, accounts }).success, false, reportDir);
    }
  });

  it('reports/rollup-schema.json is current (regenerate: npx tsx scripts/write-schema.ts)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(repoRoot(), 'reports', 'rollup-schema.json'), 'utf8'),
    );
    assert.deepEqual(committed, rollupJsonSchema());
  });
});
