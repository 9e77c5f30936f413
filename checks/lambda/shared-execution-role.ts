import { defineCheck } from '../../src/engine/check.js';
import { roleName } from '../../src/policy/arn.js';
import type { FunctionView } from '../../src/view/account-view.js';

/** At most this many other functions are listed in evidence; the total is always given. */
export const LIST_CAP = 20;

export default defineCheck({
  id: 'lambda.shared-execution-role',
  title: 'Function shares its execution role with other functions',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A role shared by several functions must hold the union of their permissions, so each function runs with ' +
    'rights it does not need, and a compromise of any one of them yields all of them. One role per function ' +
    'keeps least privilege reviewable and the blast radius to one function. Functions are compared by role ' +
    'name within the account (IAM role names are unique regardless of path or case), across all regions.',
  remediation: {
    text: 'Create a dedicated execution role for each function with only the permissions that function uses, then point the function at it.',
    cli: 'aws lambda update-function-configuration --function-name <name> --role arn:aws:iam::<account>:role/<name>-role',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  evaluate: (view) => {
    // Per role, once per evaluation: its functions' sorted, de-duplicated ARNs and the evidence
    // list most of them share. A role used by thousands of functions must not be re-sorted, or its
    // list rebuilt, for each of them.
    const roles = new Map<
      string,
      { name: string; count: number; set: Set<string>; top: string[]; shown: string[] }
    >();
    const roleOf = (fn: FunctionView) => {
      let r = roles.get(fn.roleKey);
      if (!r) {
        const set = new Set(view.functionsWithRole(fn.config.roleArn).map((f) => f.unqualifiedArn));
        const top = [...set].sort().slice(0, LIST_CAP + 1);
        r = { name: roleName(fn.config.roleArn), count: set.size, set, top, shown: top.slice(0, LIST_CAP) };
        roles.set(fn.roleKey, r);
      }
      return r;
    };
    const unreadable = view.unreadableLambdaRegions;
    return view.eachFunction((fn, v) => {
      // Versions of one function (same ARN without qualifier) running as its role are not sharing.
      const self = fn.unqualifiedArn;
      const r = roleOf(fn);
      const otherCount = r.count - (r.set.has(self) ? 1 : 0);
      // The first LIST_CAP others: the role's shared list, unless this function is among them.
      const shown = r.top.includes(self) ? r.top.filter((n) => n !== self).slice(0, LIST_CAP) : r.shown;
      const role = r.name;
      const roleArn = fn.config.roleArn;
      if (otherCount > 0) {
        return v.fail(
          `execution role ${role} is also used by ${otherCount} other function(s): ${shown.slice(0, 3).join(', ')}${otherCount > 3 ? ', …' : ''}`,
          { roleArn, otherFunctions: shown, otherCount, truncated: otherCount > LIST_CAP },
        );
      }
      if (unreadable.length > 0) {
        return v.unknown(
          `no other readable function uses execution role ${role}, but another region could not be read (${unreadable.join(', ')}) and may hold one that does`,
          { roleArn, unreadableRegions: unreadable },
        );
      }
      return v.pass(`execution role ${role} is used by this function only`, { roleArn });
    });
  },
});
