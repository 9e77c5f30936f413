/**
 * The demo account's report without a scan: the demo's generator options (scripts/demo.ts) at a
 * fixed time, turned into an inventory by the benchmark's synthesiser, evaluated by every check.
 * For the browser test's screenshots and docs/report.png. `suppress` picks suppression rules from
 * the account's own results; they are applied as run.ts applies them.
 */
import { CHECKS } from '../../checks/index.js';
import { dataFreshness } from '../../src/data/index.js';
import { contextOf, evaluate, type Result } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { dataFilesFor } from '../../src/engine/select.js';
import { applySuppressions, type SuppressionRule } from '../../src/engine/suppressions.js';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import { accessSection } from '../../src/report/access.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { synthesizeInventory } from '../bench/synth.js';

export const DEMO_NOW = '2026-11-01T12:00:00.000Z';

export async function demoReport(
  functionsPerRegion: Record<string, number> = { 'us-east-1': 32, 'eu-west-1': 24, 'ap-southeast-2': 14 },
  suppress?: (results: readonly Result[]) => SuppressionRule[],
): Promise<Report> {
  const { inventory: inv } = await synthesizeInventory({
    seed: 2026,
    regions: Object.keys(functionsPerRegion),
    functionsPerRegion,
    users: 12,
    now: DEMO_NOW,
    passwordPolicy: 'weak',
  });
  const inventory = { ...inv, coverage: deriveCoverage(inv) };
  const view = buildView(inventory);
  const results = evaluate(CHECKS, view, contextOf(view));
  const rules = suppress?.(results);
  const uses = rules ? applySuppressions(results, rules, CHECKS, new Date(DEMO_NOW)) : [];
  return buildReport({
    inventory,
    checks: CHECKS,
    results,
    scores: score(results),
    mode: 'scan',
    evaluatedAt: new Date(DEMO_NOW),
    toolVersion: '0.1.0',
    dataFiles: dataFreshness(dataFilesFor(CHECKS), new Date(inventory.scan.startedAt)),
    access: accessSection(view),
    ...(rules ? { suppressions: { file: 'suppressions.json', rules, uses } } : {}),
  });
}
