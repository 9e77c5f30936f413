import { defineCheck } from '../../src/engine/check.js';
import { roleKey, roleName } from '../../src/policy/arn.js';

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
    // Each role's sorted, de-duplicated function ARNs, built once per evaluation: a role shared by
    // thousands of functions must not be re-sorted for each of them.
    const users = new Map<string, { sorted: string[]; set: Set<string> }>();
    const usersOf = (roleArn: string) => {
      const key = roleKey(roleArn);
      let u = users.get(key);
      if (!u) {
        const set = new Set(view.functionsWithRole(roleArn).map((f) => f.unqualifiedArn));
        u = { sorted: [...set].sort(), set };
        users.set(key, u);
      }
      return u;
    };
    const unreadable = view.unreadableLambdaRegions;
    return view.eachFunction((fn, v) => {
      // Versions of one function (same ARN without qualifier) running as its role are not sharing.
      const self = fn.unqualifiedArn;
      const { sorted, set } = usersOf(fn.config.roleArn);
      const otherCount = sorted.length - (set.has(self) ? 1 : 0);
      const shown: string[] = [];
      for (const n of sorted) {
        if (shown.length === LIST_CAP) break;
        if (n !== self) shown.push(n);
      }
      const role = roleName(fn.config.roleArn);
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
