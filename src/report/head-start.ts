/**
 * A scan's head start on the report: as soon as IAM is collected (a few seconds in, while the
 * per-function Lambda reads are paced by the quota for the rest of the scan), the IAM side of the
 * access analysis is built in slices between network events (iam/prepared.ts), so the seconds
 * after the last response no longer include it. Here, not in run.ts, because the report layer is
 * the one that may use the IAM evaluator (as report/access.ts does).
 */
import { iamCatalogue } from '../data/iam-actions.js';
import { prepareAccess } from '../iam/prepared.js';
import type { Inventory, OrganizationContext } from '../inventory/schema.js';
import { iamIndexOf } from '../view/iam-index.js';
import { readOf } from '../view/verdict.js';

export interface HeadStartFacts {
  accountId: string;
  /** The scan's startedAt (ISO), as the view reads it. */
  startedAt: string;
  organization?: OrganizationContext;
}

/**
 * Prepares what the access analysis of this IAM slice will need, reading it exactly as the
 * account view does (so the analysis recognises its inputs). Never rejects: whatever is not ready
 * is simply built later, as without a head start. `stop()`: give up (the scan failed or ended).
 */
export async function startAccessHeadStart(
  iam: Inventory['iam'],
  facts: HeadStartFacts,
  stop: () => boolean,
): Promise<void> {
  if (iam.status !== 'ok' || !iam.data.authorization?.ok) return;
  const report = readOf(iam.data.credentialReport, 'the credential report');
  const scps = facts.organization?.serviceControlPolicies;
  try {
    await prepareAccess(
      {
        iam: iamIndexOf(iam.data.authorization.value),
        report: report.ok ? report.value : null,
        accountId: facts.accountId,
        scanAt: new Date(facts.startedAt),
        scps: scps?.ok ? scps.value : null,
      },
      iamCatalogue(),
      stop,
    );
  } catch {
    // Built again by the analysis itself, which then reports any real failure as the check's.
  }
}
