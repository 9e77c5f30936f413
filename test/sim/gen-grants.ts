/**
 * Cross-account grants planted on request (organization.ts asks for them in org members): a
 * Lambda AddPermission-style statement letting another account's root invoke one function, the
 * shape `aws lambda add-permission --principal <account>` writes. The org-context checks tell a
 * grant to another account of the organization from one to an outside account, so the
 * organization generator plants one of each.
 *
 * Each grant goes on its own function that had no resource policy, so the manifest (which names
 * the first foreign grant of a policy as `AWS principal of account <id>`) records exactly this
 * grant as the function's lambda.cross-account-grant finding. The draws come from their own
 * stream, after every other draw of the account, so nothing else moves.
 */
import type { SimAccount, SimFunction } from './account.js';
import { chars, fork, HEX } from './prng.js';

export interface CrossAccountGrantSpec {
  /** The 12-digit account the statement names (`arn:aws:iam::<grantee>:root`). */
  grantee: string;
}

export interface PlantedGrant {
  /** The account holding the function (the grantor). */
  accountId: string;
  functionArn: string;
  region: string;
  grantee: string;
  sid: string;
}

export function plantCrossAccountGrants(
  account: SimAccount,
  seed: number,
  specs: readonly CrossAccountGrantSpec[],
): PlantedGrant[] {
  const rng = fork(seed, 'cross-account-grants');
  const candidates: SimFunction[] = account.regions.flatMap((r) =>
    (account.lambda[r]?.functions ?? []).filter((f) => f.policy === null),
  );
  const out: PlantedGrant[] = [];
  for (const spec of specs) {
    if (candidates.length === 0) break;
    const [fn] = candidates.splice(Math.floor(rng() * candidates.length), 1);
    if (!fn) break;
    const sid = `invoke-from-${spec.grantee}-${chars(rng, HEX, 6)}`;
    fn.policy = {
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: sid,
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${spec.grantee}:root` },
          Action: 'lambda:InvokeFunction',
          Resource: fn.arn,
        },
      ],
    };
    out.push({
      accountId: account.accountId,
      functionArn: fn.arn,
      region: fn.arn.split(':')[3] ?? '',
      grantee: spec.grantee,
      sid,
    });
  }
  return out;
}
