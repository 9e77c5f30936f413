import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../checks/index.js';
import { checksMarkdown } from '../../src/report/checks-doc.js';
import { repoRoot } from '../helpers/paths.js';

describe('docs/checks.md', () => {
  const doc = checksMarkdown(CHECKS);

  it('is current (regenerate: npm run docs)', () => {
    assert.equal(readFileSync(join(repoRoot(), 'docs', 'checks.md'), 'utf8'), doc);
  });

  it('documents every check once, under its practice, with its remediation command', () => {
    for (const c of CHECKS) {
      assert.equal(doc.split(`\n### ${c.id}\n`).length, 2, `${c.id} has one section`);
      const section = doc.slice(doc.indexOf(`\n### ${c.id}\n`));
      const practiceHeading = doc.lastIndexOf(`\n## ${c.practice} — `, doc.indexOf(`\n### ${c.id}\n`));
      assert.ok(practiceHeading >= 0, `${c.id} sits under ${c.practice}`);
      if (c.remediation.cli) assert.ok(section.includes(c.remediation.cli), `${c.id} shows its CLI line`);
    }
  });

  it('escapes table cells, so a pipe in a title cannot break the table', () => {
    const [first] = CHECKS;
    assert.ok(first);
    const piped = { ...first, title: 'a | b title that is long enough' };
    const text = checksMarkdown([piped]);
    assert.ok(text.includes('a \\| b title'));
  });
});
