import { defineCheck } from '../../src/engine/check.js';
import { ageInDays, daysText, reportDateText } from '../../src/engine/dates.js';

/**
 * The window for "recent". Root is needed for a short list of tasks (closing the account, changing
 * the support plan, restoring an IAM admin) that come up a few times a year; a sign-in or key use in
 * the last 30 days is more often than those explain. Prowler looks back 1 day, which misses weekly
 * use unless the scan runs the day after; CloudSploit uses 15.
 */
const RECENT_DAYS = 30;

export default defineCheck({
  id: 'iam.root-used-recently',
  title: 'Root user signed in or used an access key in the last 30 days',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'high',
  practice: 'BP2',
  threats: ['T1', 'T5'],
  rationale:
    'CIS 1.7 asks that root not be used for administration or daily tasks: its sessions bypass every IAM policy and ' +
    'boundary, so each use is a chance to phish, log or leak the most powerful credential in the account. The ' +
    'credential report dates root’s last console sign-in and each key’s last use; any of them within 30 days fails. ' +
    'A key created but never used is not use (that key is iam.root-access-key).',
  remediation: {
    text: 'Find who used root and for what (CloudTrail, userIdentity.type Root), give that task to an IAM role or Identity Center permission set, and lock the root credentials away (hardware MFA, no access keys; in an Organization, centralized root access).',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.7'], 'cis-aws-7.0': ['2.7'] },
  reads: ['iam.credential-report'],
  evaluate: (view, ctx) =>
    view.forAccount((v) => {
      const report = view.iam.credentialReport;
      if (!report.ok) return v.missing(report);
      const root = report.value.rows.find((r) => r.isRoot);
      if (!root)
        return v.unknown('the credential report has no root row', { rows: report.value.rows.length });
      const uses = [
        { credential: 'password', lastUsed: root.passwordLastUsed, service: null as string | null },
        ...root.accessKeys.map((k, i) => ({
          credential: `access key ${i + 1}`,
          lastUsed: k.lastUsed,
          service: k.lastUsedService,
        })),
      ].map((u) => ({
        credential: u.credential,
        lastUsed: reportDateText(u.lastUsed),
        daysAgo: ageInDays(u.lastUsed, ctx.now),
        service: u.service,
      }));
      const evidence = { recentDays: RECENT_DAYS, uses };
      const recent = uses.filter((u) => u.daysAgo !== null && u.daysAgo < RECENT_DAYS);
      if (recent.length > 0) {
        const list = recent
          .map((u) => `${u.credential} ${u.daysAgo === 0 ? 'today' : `${daysText(u.daysAgo ?? 0)} ago`}`)
          .join(', ');
        return v.fail(`the root user was used in the last ${RECENT_DAYS} days: ${list}`, evidence);
      }
      const dated = uses.filter((u) => u.daysAgo !== null);
      const last = dated.length === 0 ? null : Math.min(...dated.map((u) => u.daysAgo ?? 0));
      return v.pass(
        last === null
          ? 'the credential report records no use of the root user'
          : `the root user was last used ${daysText(last)} ago`,
        evidence,
      );
    }),
});
