/**
 * Merging the parts of a sharded scan: two and three parts give the unsharded roll-up byte for
 * byte (once the times, which every shard has its own of, are those of the whole run), and every
 * way parts can fail to be one sharding is refused with a message naming the file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRollups, parseRollup, RollupMergeError } from '../../../src/report/rollup/build.js';
import { ROLLUP_RENDERERS } from '../../../src/report/rollup/render.js';
import type { Rollup } from '../../../src/report/rollup/schema.js';
import { accountReport, organizationAccounts, shardRollups, wholeRollup } from './fixtures.js';

const json = (r: Rollup) => ROLLUP_RENDERERS.json.render(r);
const html = (r: Rollup) => ROLLUP_RENDERERS.html.render(r);
const retimed = (r: Rollup, startedAt: string, finishedAt: string): Rollup => ({
  ...r,
  startedAt,
  finishedAt,
});
const files = (n: number) => Array.from({ length: n }, (_, i) => `out/shard-${i}/rollup.json`);

/** Asserts `fn` throws a RollupMergeError whose message matches. */
function refuses(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof RollupMergeError, `a RollupMergeError, not ${String(e)}`);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace in the message');
    return true;
  });
}

describe('merge', () => {
  const accounts = organizationAccounts(17);
  const whole = wholeRollup(accounts);

  for (const n of [2, 3]) {
    it(`${n} parts, read back from their files, are the unsharded roll-up byte for byte`, () => {
      const parts = shardRollups(accounts, n).map((p, i) => parseRollup(json(p), files(n)[i] as string));
      assert.ok(parts.every((p) => p.accounts.length > 0 && p.accounts.length < accounts.length));
      const merged = mergeRollups([...parts].reverse(), [...files(n)].reverse());
      assert.equal(merged.selection.shard, null);
      const earliest = parts.map((p) => p.startedAt).sort()[0] as string;
      const latest = parts
        .map((p) => p.finishedAt)
        .sort()
        .at(-1) as string;
      assert.equal(merged.startedAt, earliest);
      assert.equal(merged.finishedAt, latest);
      const expected = retimed(whole, earliest, latest);
      assert.equal(json(merged), json(expected));
      assert.equal(html(merged), html(expected));
    });
  }

  it('the earliest start and the latest finish, whichever shard has them', () => {
    const [a, b] = shardRollups(accounts, 2) as [Rollup, Rollup];
    const merged = mergeRollups([
      retimed(a, '2026-11-01T12:00:05.000Z', '2026-11-01T12:10:00.000Z'),
      retimed(b, '2026-11-01T11:59:00.000Z', '2026-11-01T12:09:00.000Z'),
    ]);
    assert.equal(merged.startedAt, '2026-11-01T11:59:00.000Z');
    assert.equal(merged.finishedAt, '2026-11-01T12:10:00.000Z');
  });

  it('a whole roll-up merged alone is itself', () => {
    assert.equal(json(mergeRollups([whole])), json(whole));
  });

  it('refuses a missing shard, naming it', () => {
    const parts = shardRollups(accounts, 4);
    refuses(
      () => mergeRollups([parts[0], parts[1], parts[3]] as Rollup[]),
      /^shard 2\/4 is missing \(3 of 4 parts given\)/,
    );
    refuses(() => mergeRollups([parts[0]] as Rollup[]), /^shard 1\/4, shard 2\/4, shard 3\/4 are missing/);
  });

  it('refuses a shard given twice, naming both files', () => {
    const parts = shardRollups(accounts, 2);
    refuses(
      () =>
        mergeRollups([parts[0], parts[1], parts[1]] as Rollup[], [
          'a/rollup.json',
          'b/rollup.json',
          'c/rollup.json',
        ]),
      /^shard 1\/2 is given twice: b\/rollup.json and c\/rollup.json/,
    );
  });

  it('refuses a part of another selection (targets digest)', () => {
    const [a] = shardRollups(accounts, 2) as [Rollup];
    const [, other] = shardRollups(organizationAccounts(16), 2) as [Rollup, Rollup];
    refuses(
      () => mergeRollups([a, other], files(2)),
      /^out\/shard-1\/rollup.json is from another selection \(targets digest [0-9a-f]{12}…, 16 targets; out\/shard-0\/rollup.json: [0-9a-f]{12}…, 17 targets\)/,
    );
  });

  it('refuses parts of another shard count, another organization, another version, or an unsharded roll-up', () => {
    const [a, b] = shardRollups(accounts, 2) as [Rollup, Rollup];
    const [, , c] = shardRollups(accounts, 3) as [Rollup, Rollup, Rollup];
    refuses(() => mergeRollups([a, c], files(2)), /is one of 3 shards, out\/shard-0\/rollup.json one of 2/);
    refuses(
      () =>
        mergeRollups([
          a,
          { ...b, organization: { id: 'o-other00000', managementAccountId: '100000000003' } },
        ]),
      /is from another organization \(o-other00000/,
    );
    refuses(
      () => mergeRollups([a, { ...b, tool: { name: 'lambda-posture', version: '9.9.9' } }]),
      /written by lambda-posture 9\.9\.9/,
    );
    refuses(
      () => mergeRollups([a, whole], files(2)),
      /^out\/shard-1\/rollup.json is a whole roll-up \(written without --shard\)/,
    );
    refuses(
      () => mergeRollups([a, { ...b, selection: { ...b.selection, excludedAccounts: [] } }]),
      /is from another selection \(--org\/--ou\/--accounts\/--exclude-accounts differ/,
    );
  });

  it('refuses an account in two parts, and a part holding accounts its shard does not scan', () => {
    const [a, b] = shardRollups(accounts, 2) as [Rollup, Rollup];
    const stray = b.accounts[0];
    refuses(
      () => mergeRollups([{ ...a, accounts: [...a.accounts, stray] } as Rollup, b], files(2)),
      new RegExp(
        `^account ${stray?.accountId} is in both out/shard-0/rollup.json and out/shard-1/rollup.json`,
      ),
    );
    // Swapped: every account is there once, but in the other shard than the sorting puts it in.
    const x = a.accounts[0];
    const y = b.accounts[0];
    const swappedA = { ...a, accounts: [y, ...a.accounts.slice(1)] } as Rollup;
    const swappedB = { ...b, accounts: [x, ...b.accounts.slice(1)] } as Rollup;
    refuses(
      () => mergeRollups([swappedA, swappedB], files(2)),
      /^out\/shard-0\/rollup.json holds other accounts than shard 0\/2 scans/,
    );
    // Lost: one account gone from its part.
    refuses(
      () => mergeRollups([{ ...a, accounts: a.accounts.slice(1) }, b], files(2)),
      /^the 2 parts hold 16 accounts, which are not the selection's 17 targets/,
    );
  });

  it('refuses an index beyond the count', () => {
    const [a, b] = shardRollups(accounts, 2) as [Rollup, Rollup];
    refuses(
      () =>
        mergeRollups([a, { ...b, selection: { ...b.selection, shard: { index: 2, count: 2 } } }], files(2)),
      /^out\/shard-1\/rollup.json says shard 2\/2: a shard index runs from 0 to 1/,
    );
  });
});

describe('parseRollup', () => {
  const good = json(shardRollups(organizationAccounts(5), 2)[0] as Rollup);

  it('reads back what the renderer wrote', () => {
    assert.equal(json(parseRollup(good, 'x')), good);
  });

  it('names the file for JSON that is cut short or not JSON', () => {
    refuses(
      () => parseRollup(good.slice(0, good.length / 2), 'out/shard-1/rollup.json'),
      /^out\/shard-1\/rollup.json is not JSON \(/,
    );
    refuses(() => parseRollup('', 'empty.json'), /^empty.json is not JSON/);
    refuses(
      () => parseRollup('[1,2]', 'list.json'),
      /^list.json is not a lambda-posture roll-up \(not a JSON object\)/,
    );
  });

  it('names the file and the field for a foreign or damaged document', () => {
    const doc = JSON.parse(good);
    doc.accounts[0].score = 'high';
    refuses(
      () => parseRollup(JSON.stringify(doc), 'shard-0/rollup.json'),
      /^shard-0\/rollup.json is not a valid lambda-posture roll-up: accounts\.0\.score: /,
    );
    refuses(
      () => parseRollup('{"hello":"world"}', 'other.json'),
      /^other.json is not a valid lambda-posture roll-up: schemaVersion: /,
    );
    const later = { ...JSON.parse(good), schemaVersion: 2 };
    refuses(
      () => parseRollup(JSON.stringify(later), 'new.json'),
      /^new.json is a roll-up of schema version 2; this lambda-posture reads version 1/,
    );
  });

  it("says so when given an account's report.json instead", () => {
    const report = accountReport('100000000003', 'sample').report;
    refuses(
      () => parseRollup(JSON.stringify(report), 'accounts/100000000003/report.json'),
      /is an account's report \(report.json\), not a roll-up/,
    );
  });
});
