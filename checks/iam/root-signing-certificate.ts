import { defineCheck } from '../../src/engine/check.js';
import { ageInDays, daysText, reportDateText } from '../../src/engine/dates.js';

export default defineCheck({
  id: 'iam.root-signing-certificate',
  title: 'Root user has an active X.509 signing certificate',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'high',
  practice: 'BP1',
  threats: ['T1'],
  rationale:
    'A root X.509 signing certificate is a long-lived root credential like an access key: it signs requests to the ' +
    'few SOAP-era APIs that accept one, needs no MFA and no IAM policy restricts it. Nothing current requires one, ' +
    'and peers that check root keys (FSBP IAM.4, CIS 1.4) do not look at certificates. Only an Active certificate ' +
    'fails; the account summary counts inactive ones too, so it alone can clear an account but not fail it.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials, X.509 certificates, and deactivate then delete each certificate. Anything that still signs with it should move to an IAM role.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.credential-report', 'iam.account-summary'],
  evaluate: (view, ctx) =>
    view.forAccount((v) => {
      const report = view.iam.credentialReport;
      const root = report.ok ? report.value.rows.find((r) => r.isRoot) : undefined;
      if (!root) {
        // Without the report's root row, the summary can only say that no certificate exists at all.
        const summary = view.iam.accountSummary;
        const why = report.ok ? 'the credential report has no root row' : report.reason;
        if (!summary.ok) return report.ok ? v.missing(summary) : v.missing(report);
        const present = summary.value.raw.AccountSigningCertificatesPresent;
        if (present === 0) {
          return v.pass('the root user has no signing certificate (account summary)', {
            source: 'GetAccountSummary',
          });
        }
        return v.unknown(
          present === undefined
            ? `the account summary does not report signing certificates and ${why}`
            : `the root user has a signing certificate, but whether it is active is unknown: ${why}`,
          { source: 'GetAccountSummary', accountSigningCertificatesPresent: present ?? null },
          report.ok ? undefined : report.error,
        );
      }
      const certs = root.certificates.map((c, i) => ({
        slot: i + 1,
        active: c.active,
        lastRotated: reportDateText(c.lastRotated),
        ageDays: ageInDays(c.lastRotated, ctx.now),
      }));
      const evidence = { source: 'credential report', certificates: certs };
      const active = certs.filter((c) => c.active);
      if (active.length > 0) {
        const list = active
          .map((c) => `certificate ${c.slot}${c.ageDays === null ? '' : `, ${daysText(c.ageDays)} old`}`)
          .join('; ');
        return v.fail(`the root user has ${active.length} active signing certificate(s) (${list})`, evidence);
      }
      const inactive = certs.filter((c) => c.ageDays !== null).length;
      return v.pass(
        inactive > 0
          ? `the root user has no active signing certificate (${inactive} inactive one(s) remain: delete them)`
          : 'the root user has no signing certificate',
        evidence,
      );
    }),
});
