import { defineCheck, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';
import type { LambdaFunction } from '../../src/inventory/schema.js';
import { roleKey, roleName, unqualifiedFunctionArn } from '../../src/policy/arn.js';

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
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [] },
  evaluate: (inventory, ctx) => {
    // Every readable function, grouped by the role it runs as.
    const byRole = new Map<string, LambdaFunction[]>();
    const unreadable: string[] = [];
    for (const region of inventory.scan.regions) {
      const slice = inventory.regions[region]?.lambda;
      if (slice?.status !== 'ok') {
        unreadable.push(region);
        continue;
      }
      for (const fn of slice.data.functions) {
        const key = roleKey(fn.roleArn);
        const list = byRole.get(key);
        if (list) list.push(fn);
        else byRole.set(key, [fn]);
      }
    }
    // Each role's sorted, de-duplicated function ARNs, built once: a role shared by thousands of
    // functions must not be re-sorted for each of them.
    const sortedByRole = new Map<string, { sorted: string[]; set: Set<string> }>();
    const usersOf = (key: string) => {
      let users = sortedByRole.get(key);
      if (!users) {
        const set = new Set((byRole.get(key) ?? []).map((o) => unqualifiedFunctionArn(o.arn)));
        users = { sorted: [...set].sort(), set };
        sortedByRole.set(key, users);
      }
      return users;
    };
    return eachFunction(inventory, ctx, (fn, ref) => {
      // Versions of one function (same ARN without qualifier) running as its role are not sharing.
      const self = unqualifiedFunctionArn(fn.arn);
      const users = usersOf(roleKey(fn.roleArn));
      const otherCount = users.sorted.length - (users.set.has(self) ? 1 : 0);
      const shown: string[] = [];
      for (const n of users.sorted) {
        if (shown.length === LIST_CAP) break;
        if (n !== self) shown.push(n);
      }
      const role = roleName(fn.roleArn);
      if (otherCount > 0) {
        return fail(
          ref,
          `execution role ${role} is also used by ${otherCount} other function(s): ${shown.slice(0, 3).join(', ')}${otherCount > 3 ? ', …' : ''}`,
          {
            roleArn: fn.roleArn,
            otherFunctions: shown,
            otherCount,
            truncated: otherCount > LIST_CAP,
          },
        );
      }
      if (unreadable.length > 0) {
        return unknown(
          ref,
          `no other readable function uses execution role ${role}, but another region could not be read (${unreadable.join(', ')}) and may hold one that does`,
          undefined,
          { roleArn: fn.roleArn, unreadableRegions: unreadable },
        );
      }
      return pass(ref, `execution role ${role} is used by this function only`, { roleArn: fn.roleArn });
    });
  },
});
