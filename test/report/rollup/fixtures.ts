/**
 * Account reports for the roll-up tests, made as a scan makes them: an inventory from the typed
 * builders (test/helpers/inventory.ts, the sample report's), its account id replaced, evaluated
 * by the sample report's checks, scored, built by buildReport, and its score sums taken from the
 * same results. Four shapes, so that an organization has every grade and status in it.
 */
import { evaluate } from '../../../src/engine/evaluate.js';
import { scoreSums } from '../../../src/engine/score.js';
import { deriveCoverage } from '../../../src/inventory/coverage.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import {
  buildRollup,
  type RollupAccount,
  type RollupSelection,
  scannedAccount,
  shardTargets,
  targetsDigest,
  unscannedAccount,
} from '../../../src/report/rollup/build.js';
import type { Rollup } from '../../../src/report/rollup/schema.js';
import type { Report } from '../../../src/report/schema.js';
import { buildView } from '../../../src/view/account-view.js';
import {
  ACCOUNT,
  awsError,
  iamData,
  inventory,
  lambdaFunction,
  ok,
  REGION,
  regionInventory,
} from '../../helpers/inventory.js';
import { reportFrom, sampleInventory, TEST_CHECKS } from '../sample.js';

export type Shape = 'sample' | 'clean' | 'public' | 'unreadable';

/** sample: root without MFA (critical) and an open URL (high); clean: nothing fails; public: an open URL only; unreadable: IAM denied. */
function shapeInventory(shape: Shape): Inventory {
  if (shape === 'sample') return sampleInventory();
  const open = (name: string) =>
    lambdaFunction({
      name,
      tracingMode: 'Active',
      urlConfigs: ok([
        {
          url: `https://${name}.lambda-url.us-east-1.on.aws/`,
          functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
          authType: 'NONE',
          invokeMode: 'BUFFERED',
          cors: null,
        },
      ]),
    });
  const inv =
    shape === 'clean'
      ? inventory({
          functions: [lambdaFunction({ name: 'orders', tracingMode: 'Active', urlConfigs: ok([]) })],
        })
      : shape === 'public'
        ? inventory({
            functions: [
              open('webhook'),
              lambdaFunction({ name: 'cron', tracingMode: 'Active', urlConfigs: ok([]) }),
            ],
          })
        : inventory({
            regions: { [REGION]: regionInventory() },
            iam: { status: 'error', error: awsError('GetAccountSummary', 'access-denied', 'iam', undefined) },
            functions: [lambdaFunction({ name: 'api', tracingMode: 'Active', urlConfigs: ok([]) })],
          });
  if (shape !== 'unreadable') inv.iam = { status: 'ok', data: iamData() };
  return { ...inv, coverage: deriveCoverage(inv) };
}

/** The inventory of `shape`, as account `accountId` scanned it at `startedAt`. */
export function accountInventory(accountId: string, shape: Shape, startedAt?: string): Inventory {
  const inv = JSON.parse(JSON.stringify(shapeInventory(shape)).replaceAll(ACCOUNT, accountId)) as Inventory;
  if (startedAt) {
    inv.scan.startedAt = startedAt;
    inv.scan.finishedAt = new Date(Date.parse(startedAt) + 60_000).toISOString();
  }
  return inv;
}

export function accountReport(accountId: string, shape: Shape): { report: Report; entry: RollupAccount } {
  const inv = accountInventory(accountId, shape);
  const results = evaluate(TEST_CHECKS, buildView(inv));
  const sums = scoreSums(results);
  const report = reportFrom(inv, TEST_CHECKS, results);
  return {
    report,
    entry: scannedAccount({
      report,
      sums,
      name: `account ${accountId.slice(-2)}`,
      organizationalUnit: 'Root/Workloads',
      reportDir: `accounts/${accountId}`,
    }),
  };
}

const SHAPES: Shape[] = ['sample', 'clean', 'public', 'unreadable'];

/**
 * An organization of `n` accounts: scanned ones of every shape, every fifth failed (AssumeRole
 * denied) and every seventh suspended. Ids are 1000000000xx, so their order is their number's.
 */
export function organizationAccounts(n: number): RollupAccount[] {
  return Array.from({ length: n }, (_, i) => {
    const id = String(100000000000 + i * 7 + 3);
    if (i % 5 === 4) {
      return unscannedAccount({
        accountId: id,
        name: `failed ${i}`,
        organizationalUnit: 'Root/Sandbox',
        status: 'failed',
        reason: 'AssumeRole was denied: the role is missing or does not trust the scanner',
        error: awsError('AssumeRole', 'access-denied', 'sts', undefined),
      });
    }
    if (i % 7 === 6) {
      return unscannedAccount({
        accountId: id,
        name: `closed ${i}`,
        organizationalUnit: null,
        status: 'suspended',
        reason: 'SUSPENDED in AWS Organizations',
        error: null,
      });
    }
    return accountReport(id, SHAPES[i % SHAPES.length] as Shape).entry;
  });
}

export const ORGANIZATION = { id: 'o-a1b2c3d4e5', managementAccountId: '100000000003' };
export const STARTED = '2026-11-01T12:00:00.000Z';
export const FINISHED = '2026-11-01T12:30:00.000Z';

export function selectionOf(
  accounts: readonly RollupAccount[],
  shard: RollupSelection['shard'] = null,
): RollupSelection {
  const ids = accounts.map((a) => a.accountId);
  return {
    source: 'organization',
    organizationalUnits: [],
    excludedAccounts: ['999999999999'],
    targets: ids.length,
    targetsDigest: targetsDigest(ids),
    shard,
  };
}

/** The unsharded roll-up of these accounts. */
export function wholeRollup(accounts: RollupAccount[]): Rollup {
  return buildRollup({
    toolVersion: '1.2.3-test',
    organization: ORGANIZATION,
    selection: selectionOf(accounts),
    startedAt: STARTED,
    finishedAt: FINISHED,
    accounts,
  });
}

/** The N parts a sharded scan of these accounts writes, each with its own times. */
export function shardRollups(accounts: RollupAccount[], count: number): Rollup[] {
  const ids = accounts.map((a) => a.accountId);
  return Array.from({ length: count }, (_, index) => {
    const mine = new Set(shardTargets(ids, { index, count }));
    return buildRollup({
      toolVersion: '1.2.3-test',
      organization: ORGANIZATION,
      selection: selectionOf(accounts, { index, count }),
      startedAt: new Date(Date.parse(STARTED) + index * 1000).toISOString(),
      finishedAt: new Date(Date.parse(FINISHED) - index * 1000).toISOString(),
      accounts: accounts.filter((a) => mine.has(a.accountId)),
    });
  });
}
