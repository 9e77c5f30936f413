import { defineCheck } from '../../src/engine/check.js';
import { ageInDays, daysText, reportDateText } from '../../src/engine/dates.js';
import type { AccountSummary, CredentialReportRow } from '../../src/inventory/schema.js';
import type { IamView } from '../../src/view/account-view.js';
import { ok, type Read } from '../../src/view/verdict.js';
import { centralizedRootAccess } from './_root-credentials.js';

/** The root row of the credential report (it tells active keys from inactive ones), else the account summary. */
type RootKeys = { from: 'report'; root: CredentialReportRow } | { from: 'summary'; summary: AccountSummary };

function rootKeys(iam: IamView): Read<RootKeys> {
  const report = iam.credentialReport;
  const root = report.ok ? report.value.rows.find((r) => r.isRoot) : undefined;
  if (root) return ok({ from: 'report', root });
  if (iam.accountSummary.ok) return ok({ from: 'summary', summary: iam.accountSummary.value });
  return report.ok ? iam.accountSummary : report;
}

export default defineCheck({
  id: 'iam.root-access-key',
  title: 'Root user has an active access key',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'critical',
  practice: 'BP1',
  threats: ['T1'],
  rationale:
    'A root access key is a long-lived credential that no IAM policy or permissions boundary can restrict and that ' +
    'needs no MFA: whoever finds it in a script, a CI variable or a Lambda environment owns the account. Nothing ' +
    'requires one; automation should use roles with temporary credentials.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials, deactivate each root access key, check nothing broke, then delete it. Move any automation that used it to an IAM role.',
    cli: 'aws iam delete-access-key --access-key-id <root-access-key-id>   # run with the root credentials themselves',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.4'], 'cis-aws-3.0': ['1.4'], 'cis-aws-7.0': ['2.4'] },
  reads: [
    'iam.credential-report',
    'iam.account-summary',
    'iam.organizations-features',
    'organization.root-access',
  ],
  evaluate: (view, ctx) =>
    view.forAccount((v) => {
      const found = rootKeys(view.iam);
      if (!found.ok) return v.missing(found);
      if (found.value.from === 'summary') {
        if (!found.value.summary.accountAccessKeysPresent) {
          return v.pass('the root user has no access keys (account summary)', {
            source: 'GetAccountSummary',
          });
        }
        // The summary counts inactive keys too; only the credential report says whether one is active.
        const report = view.iam.credentialReport;
        const why = report.ok ? 'the credential report has no root row' : report.reason;
        return v.unknown(
          `the root user has access keys, but whether any is active is unknown: ${why}`,
          { source: 'GetAccountSummary', accountAccessKeysPresent: true },
          report.ok ? undefined : report.error,
        );
      }
      const keys = found.value.root.accessKeys.map((k, i) => ({
        slot: i + 1,
        active: k.active,
        lastRotated: reportDateText(k.lastRotated),
        ageDays: ageInDays(k.lastRotated, ctx.now),
        lastUsed: reportDateText(k.lastUsed),
        lastUsedDaysAgo: ageInDays(k.lastUsed, ctx.now),
        lastUsedService: k.lastUsedService,
      }));
      const active = keys.filter((k) => k.active);
      const evidence = { source: 'credential report', keys };
      if (active.length > 0) {
        const used = active
          .map((k) =>
            k.lastUsedDaysAgo === null
              ? `key ${k.slot} never used`
              : `key ${k.slot} last used ${daysText(k.lastUsedDaysAgo)} ago`,
          )
          .join(', ');
        const central = centralizedRootAccess(view);
        return v.fail(`the root user has ${active.length} active access key(s) (${used})${central.remedy}`, {
          ...evidence,
          centralizedRootAccess: central.evidence,
        });
      }
      const inactive = keys.filter((k) => k.ageDays !== null).length;
      return v.pass(
        inactive > 0
          ? `the root user has no active access key (${inactive} inactive key(s) remain: delete them)`
          : 'the root user has no access keys',
        evidence,
      );
    }),
});
