import { defineCheck } from '../../src/engine/check.js';
import { reportDateText } from '../../src/engine/dates.js';

export default defineCheck({
  id: 'iam.user-multiple-active-keys',
  title: 'IAM user has two active access keys',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'medium',
  practice: 'BP1',
  threats: ['T1'],
  rationale:
    'IAM allows two keys per user so that a key can be rotated without downtime: create the second, move the ' +
    'workload, deactivate the first. Two keys left active doubles what can leak and usually means a rotation was ' +
    'never finished, so the old key still works wherever it was copied. A second key that is inactive is the ' +
    'documented rotation state and passes; only the Active status in the credential report counts.',
  remediation: {
    text: 'Find which key the workload uses (access_key_N_last_used_date), deactivate the other, confirm nothing broke, then delete it.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <unused-key-id> --status Inactive',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  // CIS 7.0 dropped this recommendation (3.0 1.13 has no 7.0 counterpart); FSBP has none.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.13'], 'cis-aws-7.0': [] },
  reads: ['iam.credential-report'],
  evaluate: (view) =>
    view.eachUser((row, v) => {
      const keys = row.accessKeys.map((k, i) => ({
        slot: i + 1,
        active: k.active,
        lastRotated: reportDateText(k.lastRotated),
        lastUsed: reportDateText(k.lastUsed),
      }));
      const active = keys.filter((k) => k.active);
      const evidence = { keys };
      if (active.length === 0) return v.notApplicable(`${row.user} has no active access keys`, evidence);
      if (active.length > 1) {
        return v.fail(
          `${row.user} has ${active.length} active access keys (created ${active.map((k) => k.lastRotated).join(' and ')})`,
          evidence,
        );
      }
      return v.pass(`${row.user} has one active access key (key ${active[0]?.slot})`, evidence);
    }),
});
