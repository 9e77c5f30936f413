import { defineCheck } from '../../src/engine/check.js';
import type { Answer } from '../../src/iam/evaluate.js';
import { coversEveryAction, coversService } from '../../src/policy/actions.js';
import {
  describeAttachment,
  eachPolicy,
  grantingStatements,
  MANAGED_POLICY_TYPE,
  SENSITIVE_SERVICES,
  subjectEvidence,
  undecided,
} from './_policy-grants.js';

/**
 * "Full access to a service" by AWS's evaluation of the document: a statement whose Action is the
 * service's wildcard (`iam:*`, `KMS:*`, `i*:*`) is where to look, and every action the catalogue
 * lists for the service must then be granted on every resource. A Deny of some of them, or a
 * Resource narrower than "*", makes it less than full access; what remains is judged by the
 * narrower checks (iam.policy-pass-any-role, lambda.modify-any-function, …). `*` itself is
 * iam.policy-full-admin's, so a "*:*" policy is not applicable here. Only SENSITIVE_SERVICES
 * count: `logs:*` or `xray:*` on "*" is broad, but no escalation or exfiltration path.
 */
export default defineCheck({
  id: 'iam.policy-service-wildcard',
  title: 'IAM policy grants full access to a sensitive service on every resource',
  service: 'iam',
  resourceType: MANAGED_POLICY_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'Every action of IAM, STS or Organizations is an escalation to administrator; every action of KMS, Secrets ' +
    'Manager, SSM or S3 reads any secret or data; every action of Lambda rewrites any function; every action of ' +
    'CloudTrail, GuardDuty or Config switches off the account’s audit and detection. A "service:*" on "*" grants ' +
    'all of it, and every action the service adds later. Judged per document, by AWS’s evaluation of its Allow and ' +
    'Deny statements.',
  remediation: {
    text: 'List the actions the policy’s holders use (IAM Access Analyzer policy generation, or the service’s last-accessed data) and the resources they use them on; keep a prefix wildcard such as "ec2:Describe*" where a family of read actions is meant.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://scoped.json --set-as-default',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-full-access.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.21'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) =>
    eachPolicy(view, (judge, v) => {
      if (judge.fullAdmin().full) {
        return v.notApplicable(
          'the policy allows every action on every resource (see iam.policy-full-admin)',
        );
      }
      const evidence = subjectEvidence(judge.subject);
      const full: { service: string; statements: string[]; undecidedKeys: string[] }[] = [];
      const partial: { service: string; notGranted: string }[] = [];
      for (const service of SENSITIVE_SERVICES) {
        const wide = judge.statements.some(
          (s) =>
            s.effect === 'Allow' &&
            (s.statement.Action?.some((p) => coversService(p, service) && !coversEveryAction(p)) ?? false),
        );
        if (!wide) continue;
        // Stop at the first action not granted: a wildcard on named resources (the common case)
        // is settled by one question instead of one per action of the service.
        const answers: Answer[] = [];
        let notGranted: string | null = null;
        for (const a of judge.catalogue.actionsOf(service)) {
          const answer = judge.ask(a.id);
          if (answer.decision === 'denied' || answer.decision === 'unknown') {
            notGranted = a.id;
            break;
          }
          answers.push(answer);
        }
        if (notGranted !== null) partial.push({ service, notGranted });
        else
          full.push({ service, statements: grantingStatements(answers), undecidedKeys: undecided(answers) });
      }
      if (full.length === 0) {
        const cut = partial.map(
          (p) => `${p.service} (${p.notGranted} is denied or not granted on every resource)`,
        );
        return v.pass(
          cut.length > 0
            ? `its service wildcards do not grant a whole sensitive service on every resource: ${cut.join(', ')}`
            : 'grants no sensitive service’s every action',
          { ...evidence, partial },
        );
      }
      const keys = [...new Set(full.flatMap((f) => f.undecidedKeys))].sort();
      const when = keys.length > 0 ? ` when conditions the scan cannot decide hold (${keys.join(', ')})` : '';
      return v.fail(
        `grants every action of ${full.map((f) => f.service).join(', ')} on every resource${when}, through ${full[0]?.statements.slice(0, 2).join(', ')}; ${describeAttachment(judge.subject)}`,
        { ...evidence, services: full, conditional: keys.length > 0 },
      );
    }),
});
