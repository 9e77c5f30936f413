/**
 * The scan's head start (src/report/head-start.ts, src/iam/prepared.ts) may only make the access
 * analysis sooner, never different: every check's results over a synthesized account are the
 * same with and without it, and the analysis really uses what was prepared (and nothing prepared
 * for other inputs).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../checks/index.js';
import { iamCatalogue } from '../../src/data/iam-actions.js';
import { contextOf, evaluate } from '../../src/engine/evaluate.js';
import { selectChecks } from '../../src/engine/select.js';
import { accessAnalysis } from '../../src/iam/analysis.js';
import { prepareAccess, preparedAccess } from '../../src/iam/prepared.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { startAccessHeadStart } from '../../src/report/head-start.js';
import { buildView } from '../../src/view/account-view.js';
import { iamIndexOf } from '../../src/view/iam-index.js';
import { synthesizeInventory } from '../bench/synth.js';

const checks = selectChecks(CHECKS, undefined, undefined, { deep: false, scanCode: false, changes: false });

async function account(): Promise<Inventory> {
  const { inventory } = await synthesizeInventory({
    seed: 3,
    regions: ['us-east-1', 'eu-west-1'],
    functionsPerRegion: 60,
    users: 80,
  });
  return inventory;
}

const resultsOf = (inventory: Inventory) => {
  const view = buildView(inventory);
  return JSON.stringify(evaluate(checks, view, contextOf(view)));
};

describe('the access analysis head start', () => {
  it('gives every check the same results, from the prepared models', async () => {
    const inventory = await account();
    const without = resultsOf(structuredClone(inventory));

    const early = structuredClone(inventory);
    await startAccessHeadStart(
      early.iam,
      { accountId: early.scan.accountId, startedAt: early.scan.startedAt },
      () => false,
    );
    const view = buildView(early);
    const analysis = accessAnalysis(view);
    assert.ok(analysis.ok);
    const auth = early.iam.status === 'ok' ? early.iam.data.authorization : undefined;
    assert.ok(auth?.ok);
    const report = early.iam.status === 'ok' ? early.iam.data.credentialReport : undefined;
    const ready = preparedAccess({
      iam: iamIndexOf(auth.value),
      report: report?.ok ? report.value : null,
      accountId: early.scan.accountId,
      scanAt: new Date(early.scan.startedAt),
      scps: null,
    });
    assert.ok(ready, 'the head start left its models for the view to find');
    assert.equal(analysis.value.models, ready.models, 'the analysis took the prepared models');
    assert.equal(ready.privileges.size, ready.models.length);
    assert.equal(JSON.stringify(evaluate(checks, view, contextOf(view))), without);
  });

  it('is not used for other inputs (another scan time), and stops when told to', async () => {
    const inventory = await account();
    assert.equal(inventory.iam.status, 'ok');
    if (inventory.iam.status !== 'ok' || !inventory.iam.data.authorization?.ok) return;
    const iam = iamIndexOf(inventory.iam.data.authorization.value);
    const inputs = {
      iam,
      report: null,
      accountId: inventory.scan.accountId,
      scanAt: new Date(0),
      scps: null,
    };
    await prepareAccess(inputs, iamCatalogue(), () => true);
    assert.equal(preparedAccess(inputs), undefined, 'a stopped head start keeps nothing');
    await prepareAccess(inputs, iamCatalogue());
    assert.ok(preparedAccess(inputs));
    assert.equal(preparedAccess({ ...inputs, scanAt: new Date(1) }), undefined);
    assert.equal(preparedAccess({ ...inputs, accountId: '210987654321' }), undefined);
    // The view reads the report and the real scan time: the analysis builds its own models.
    const view = buildView(inventory);
    const analysis = accessAnalysis(view);
    assert.ok(analysis.ok);
    assert.notEqual(analysis.value.models, preparedAccess(inputs)?.models);
  });
});
