/**
 * The two escalation checks share their walk and differ only in which paths they report: the
 * exploitable ones (a target exists) or the latent ones (the permissions, no target yet).
 */
import type { Draft } from '../../src/engine/check.js';
import { describePath, pathEvidence } from '../../src/iam/describe.js';
import { eachPrincipal, principalPreamble } from '../../src/iam/walk.js';
import type { AccountView } from '../../src/view/account-view.js';

export interface EscalationSpec {
  pick: 'exploitable' | 'latent';
  /** The pass message. */
  none: string;
  /** The fail message around the first path's description. */
  describe: (first: string, more: number) => string;
}

export function judgeEscalation(view: AccountView, spec: EscalationSpec): Iterable<Draft> {
  return eachPrincipal(view, ['user', 'role'], (model, analysis, v) => {
    const early = principalPreamble(model, v);
    if (early) return early;
    const result = analysis.escalationOf(model);
    if (result.privilege.admin) {
      return v.notApplicable(
        'the principal is administrator-equivalent already (see iam.role-admin-equivalent)',
      );
    }
    const paths = result[spec.pick];
    const first = paths[0];
    if (!first) return v.pass(spec.none);
    return v.fail(spec.describe(describePath(first), paths.length - 1), { paths: paths.map(pathEvidence) });
  });
}
