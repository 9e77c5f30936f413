/**
 * Can an AWS service assume this role? True when an Allow statement of the role's trust policy
 * covers sts:AssumeRole and names the service principal (`Service: "lambda.amazonaws.com"`),
 * whatever its conditions (a confused-deputy condition limits *which* resource of the service may
 * use the role, not whether the service can). The full judgement of trust policies is
 * src/policy/trust.ts's; this is only what escalation needs: "could this role run as Lambda?".
 */
import type { IamRole } from '../inventory/schema.js';
import { actionMatches } from '../policy/actions.js';

export function trustsService(role: IamRole, service: string): boolean {
  const trust = role.trustPolicy;
  if (!trust?.parsed) return false;
  const wanted = service.toLowerCase();
  return trust.document.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      (s.Action?.some((a) => actionMatches(a, 'sts:AssumeRole')) ?? false) &&
      Object.entries(s.Principal ?? {}).some(
        ([type, values]) =>
          type.toLowerCase() === 'service' && values.some((v) => v.toLowerCase() === wanted),
      ),
  );
}
