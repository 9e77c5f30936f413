import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import {
  InventoryFileError,
  loadInventory,
  parseInventory,
  saveInventory,
} from '../../src/inventory/store.js';
import {
  awsError,
  failed,
  inventory,
  lambdaFunction,
  lambdaRegion,
  regionInventory,
} from '../helpers/inventory.js';

describe('inventory store', () => {
  it('round-trips an inventory through save and load, leaving no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-inv-'));
    const path = join(dir, 'inv.json');
    const inv = inventory({ functions: [lambdaFunction({ name: 'f' })] });
    await saveInventory(path, inv);
    assert.deepEqual(await loadInventory(path), inv);
    assert.deepEqual(readdirSync(dir), ['inv.json']);
    assert.ok(readFileSync(path, 'utf8').endsWith('\n'));
  });

  it('refuses to save an invalid inventory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-inv-'));
    const bad = { ...inventory(), scan: { ...inventory().scan, startedAt: 'yesterday' } };
    await assert.rejects(saveInventory(join(dir, 'x.json'), bad), InventoryFileError);
  });

  it('turns any malformed input into an InventoryFileError, never another exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) =>
            JSON.stringify({
              schemaVersion: 1,
              ...(typeof v === 'object' && v && !Array.isArray(v) ? v : { v }),
            }),
          ),
        ),
        (text) => {
          try {
            parseInventory(text);
          } catch (err) {
            assert.ok(err instanceof InventoryFileError, String(err));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the first problem and its path', () => {
    const inv = inventory() as unknown as { scan: { accountId: unknown } };
    inv.scan.accountId = 42;
    assert.throws(() => parseInventory(JSON.stringify(inv)), /scan\.accountId/);
  });
});

describe('deriveCoverage', () => {
  it('lists every failed read and failed slice once, sorted', () => {
    const inv = inventory({
      regions: {
        'us-east-1': regionInventory({
          lambda: {
            status: 'ok',
            data: lambdaRegion(
              [
                lambdaFunction({ name: 'a', policy: failed(awsError('GetPolicy')) }),
                lambdaFunction({
                  name: 'b',
                  codeSigningConfigArn: failed(awsError('ListCodeSigningConfigs')),
                }),
              ],
              { codeSigningConfigs: failed(awsError('ListCodeSigningConfigs')) },
            ),
          },
        }),
        'eu-west-1': regionInventory({
          guardduty: {
            status: 'error',
            error: awsError('ListDetectors', 'access-denied', 'guardduty', 'eu-west-1'),
          },
        }),
      },
    });
    const gaps = deriveCoverage(inv);
    assert.deepEqual(
      gaps.map((g) => [g.service, g.region, g.operation, g.resource]),
      [
        ['guardduty', 'eu-west-1', 'ListDetectors', null],
        ['lambda', 'us-east-1', 'GetPolicy', 'arn:aws:lambda:us-east-1:123456789012:function:a'],
        ['lambda', 'us-east-1', 'ListCodeSigningConfigs', null],
      ],
    );
  });
});
