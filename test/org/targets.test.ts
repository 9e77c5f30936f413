import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { accountIds, organizationalUnitIds, readAccountsFile, selectTargets } from '../../src/org/targets.js';
import { targetsDigest } from '../../src/report/rollup/build.js';

const root = [{ id: 'r-root', name: 'Root' }];
const listing = {
  id: 'o-abcdef1234',
  managementAccountId: '111111111111',
  serviceControlPolicies: true,
  accounts: [
    { id: '111111111111', name: 'management', status: 'ACTIVE', organizationalUnit: 'Root', parents: root },
    { id: '222222222222', name: 'sandbox', status: 'SUSPENDED', organizationalUnit: 'Root', parents: root },
    {
      id: '333333333333',
      name: 'shared',
      status: 'ACTIVE',
      organizationalUnit: 'Root/Workloads',
      parents: [...root, { id: 'ou-root-11111111', name: 'Workloads' }],
    },
  ],
};
const base = { organizationalUnits: [], accounts: [], exclude: [], shard: null };

describe('selectTargets', () => {
  it('--org: every listed account, excluded ones left out, by id; the digest covers them all', () => {
    const s = selectTargets({ ...base, source: 'organization', exclude: ['333333333333'] }, listing);
    assert.deepEqual(
      s.all.map((t) => [t.id, t.status]),
      [
        ['111111111111', 'ACTIVE'],
        ['222222222222', 'SUSPENDED'],
      ],
    );
    assert.equal(s.targetsDigest, targetsDigest(s.all.map((t) => t.id)));
  });

  it('the shards of one selection share its digest and split its accounts', () => {
    const one = selectTargets({ ...base, source: 'organization', shard: { index: 0, count: 2 } }, listing);
    const two = selectTargets({ ...base, source: 'organization', shard: { index: 1, count: 2 } }, listing);
    assert.equal(one.targetsDigest, two.targetsDigest);
    assert.deepEqual(
      [...one.mine, ...two.mine].map((t) => t.id).sort(),
      listing.accounts.map((a) => a.id),
    );
  });

  it('--accounts without a listing: the ids as given, sorted and once, with no name', () => {
    const s = selectTargets(
      { ...base, source: 'accounts', accounts: ['999999999999', '123456789012', '999999999999'] },
      null,
    );
    assert.deepEqual(
      s.all.map((t) => [t.id, t.name, t.status]),
      [
        ['123456789012', null, 'ACTIVE'],
        ['999999999999', null, 'ACTIVE'],
      ],
    );
  });
});

describe('flag values', () => {
  it('account and OU ids are checked, each bad one named', () => {
    assert.deepEqual(accountIds('--accounts', ['123456789012']), ['123456789012']);
    assert.throws(() => accountIds('--accounts', ['12345', 'abc']), /"12345", "abc" are not account ids/);
    assert.deepEqual(organizationalUnitIds(['ou-ab12-cd34ef56']), ['ou-ab12-cd34ef56']);
    assert.throws(() => organizationalUnitIds(['r-root']), /"r-root" is not an OU id/);
  });

  it('--accounts-file: ids one per line, comments and blank lines skipped, CSV first column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lp-accounts-'));
    const file = join(dir, 'accounts.txt');
    await writeFile(file, '# prod\n123456789012\n\n210987654321,payments\r\n  111111111111  # mgmt\n');
    assert.deepEqual(await readAccountsFile(file), ['123456789012', '210987654321', '111111111111']);
    await writeFile(file, '123456789012\nnot-an-id\n');
    await assert.rejects(readAccountsFile(file), /line 2: "not-an-id" is not an account id/);
    await writeFile(file, '# nothing\n');
    await assert.rejects(readAccountsFile(file), /lists no account/);
    await assert.rejects(readAccountsFile(join(dir, 'missing.txt')), /cannot be read/);
  });
});
