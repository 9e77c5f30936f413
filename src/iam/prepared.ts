/**
 * The IAM-only half of the access analysis, made ahead of time. The principal models and each
 * principal's privilege summary depend on the IAM slice, the credential report, the account, the
 * scan time and the SCPs only, never on Lambda; a scan has them all ~3 s in, while its Lambda
 * reads go on for a minute or more with the event loop mostly waiting on the quota. So a scan
 * builds them then (`prepareAccess`, a slice of a few milliseconds at a time, so no response
 * waits on it), and `accessAnalysis` takes them instead of building them again after the last
 * response (~1 s of the evaluation at 7,000 principals).
 *
 * The analysis uses what was prepared only for the very same inputs (the same index and report
 * objects, account, scan time and SCP object); anything else is built as before. The values are
 * those the analysis would compute itself: the same pure functions, in the same order.
 */
import type { IamCatalogue } from '../data/iam-actions.js';
import type { CredentialReport, ServiceControlPolicies } from '../inventory/schema.js';
import type { IamIndex } from '../view/iam-index.js';
import { eachPrincipalModel, type PrincipalModel } from './principals.js';
import { type Privilege, privilegeOf } from './privilege.js';

export interface AccessInputs {
  iam: IamIndex;
  report: CredentialReport | null;
  accountId: string;
  scanAt: Date;
  scps: ServiceControlPolicies | null;
}

export interface PreparedAccess {
  readonly models: readonly PrincipalModel[];
  /** Every model's privilege summary (privilegeOf), to seed the analysis's own map. */
  readonly privileges: ReadonlyMap<PrincipalModel, Privilege>;
}

interface Entry extends PreparedAccess {
  inputs: AccessInputs;
}

const prepared = new WeakMap<IamIndex, Entry>();

/** What was prepared for exactly these inputs, if anything. */
export function preparedAccess(inputs: AccessInputs): PreparedAccess | undefined {
  const entry = prepared.get(inputs.iam);
  if (!entry) return undefined;
  const p = entry.inputs;
  const same =
    p.report === inputs.report &&
    p.accountId === inputs.accountId &&
    p.scanAt.getTime() === inputs.scanAt.getTime() &&
    p.scps === inputs.scps;
  return same ? entry : undefined;
}

/** A slice of work this long at most before the event loop gets its turn (responses, timers). */
const SLICE_MS = 8;

/**
 * Builds the models and privileges for `inputs` in slices of SLICE_MS, yielding to the event loop
 * between them, and keeps them for `preparedAccess`. Stops early (keeping nothing) when `stop()`
 * says so: the scan ended, or failed.
 */
export async function prepareAccess(
  inputs: AccessInputs,
  catalogue: IamCatalogue,
  stop: () => boolean = () => false,
): Promise<void> {
  let sliceStart = performance.now();
  const pause = async (): Promise<boolean> => {
    if (performance.now() - sliceStart < SLICE_MS) return !stop();
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    return !stop();
  };
  const models: PrincipalModel[] = [];
  for (const m of eachPrincipalModel(
    inputs.iam,
    inputs.report,
    inputs.accountId,
    inputs.scanAt,
    inputs.scps,
  )) {
    models.push(m);
    if (!(await pause())) return;
  }
  const privileges = new Map<PrincipalModel, Privilege>();
  for (const m of models) {
    privileges.set(m, privilegeOf(m, catalogue, inputs.accountId));
    if (!(await pause())) return;
  }
  prepared.set(inputs.iam, { inputs, models, privileges });
}
