import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, parseConfig } from '../../src/cli/config-file.js';
import { repoRoot } from '../helpers/paths.js';

const files = (entries: Record<string, string>) => (path: string) => {
  const body = entries[path];
  if (body === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return body;
};

describe('the config file', () => {
  it("accepts the README's example as it is", () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const example = /```yaml\n# lambda-posture\.config\.yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README shows an example config');
    const config = parseConfig('lambda-posture.config.yaml', example);
    assert.deepEqual(config.regions, ['us-east-1', 'eu-west-1']);
    assert.equal(config['rate-scale'], 0.5);
  });

  it('gives each command its own keys, lists as comma strings, a bare timeout as seconds', () => {
    const read = files({
      '/w/lambda-posture.config.yml':
        'regions: [us-east-1, eu-west-1]\ninventory: inv.json\ntimeout: 90\ndeep: true\n',
    });
    assert.deepEqual(loadConfig('scan', undefined, '/w', read), {
      path: '/w/lambda-posture.config.yml',
      values: { regions: 'us-east-1,eu-west-1', timeout: '90', deep: true },
    });
    assert.deepEqual(loadConfig('evaluate', undefined, '/w', read)?.values, {
      inventory: 'inv.json',
      deep: true,
    });
  });

  it('takes the change-review settings for scan only (evaluate judges by the ones the inventory recorded)', () => {
    const read = files({
      '/w/lambda-posture.config.yaml':
        "changes-since: 7d\ndeployers: ['arn:aws:iam::*:role/ci', 'arn:aws:iam::*:user/release']\ntrusted-ip-ranges: 203.0.113.0/24\n",
    });
    assert.deepEqual(loadConfig('scan', undefined, '/w', read)?.values, {
      'changes-since': '7d',
      deployers: 'arn:aws:iam::*:role/ci,arn:aws:iam::*:user/release',
      'trusted-ip-ranges': '203.0.113.0/24',
    });
    assert.deepEqual(loadConfig('evaluate', undefined, '/w', read)?.values, {});
  });

  it('looks for .yaml, then .yml, then .json, and is optional', () => {
    assert.equal(loadConfig('scan', undefined, '/w', files({})), null);
    const both = files({
      '/w/lambda-posture.config.yaml': 'out: y',
      '/w/lambda-posture.config.json': '{"out":"j"}',
    });
    assert.equal(loadConfig('scan', undefined, '/w', both)?.values.out, 'y');
    assert.equal(
      loadConfig('scan', undefined, '/w', files({ '/w/lambda-posture.config.json': '{"out":"j"}' }))?.values
        .out,
      'j',
    );
  });

  it('an empty file sets nothing; hostile or broken files are usage errors that quote no value', () => {
    assert.deepEqual(parseConfig('c.yaml', ''), {});
    assert.deepEqual(parseConfig('c.yaml', '# only a comment\n'), {});
    const bad: [string, string, RegExp][] = [
      ['c.json', '{"out": ', /c\.json: not valid JSON/],
      ['c.yaml', 'out: [a\n', /c\.yaml: not valid YAML/],
      ['c.yaml', 'profile: 12\n', /profile: .*expected string/],
      ['c.yaml', 'regions: []\n', /regions: .*(expected|at least|>=1)/],
      ['c.yaml', 'sekret-token: AKIAIOSFODNN7EXAMPLE\n', /unknown key "sekret-token"/],
      // A billion-laughs alias bomb stops at the alias limit instead of eating memory.
      [
        'c.yaml',
        `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 8 },
          (_, i) =>
            `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(9)
              .fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`)
              .join(', ')}]`,
        ).join('\n')}\nregions: *bbbbbbbb\n`,
        /not valid YAML|regions/,
      ],
    ];
    for (const [path, body, message] of bad) {
      assert.throws(
        () => parseConfig(path, body),
        (e: Error) =>
          e.name === 'UsageError' && message.test(e.message) && !e.message.includes('AKIAIOSFODNN7EXAMPLE'),
        body,
      );
    }
  });
});
