import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'account.security-contact',
  title: 'No security alternate contact is registered for the account',
  service: 'account',
  resourceType: 'AWS::::Account',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T1', 'T2'],
  rationale:
    'AWS sends security notices (a leaked access key found on GitHub, abuse reports, a compromised function ' +
    'attacking others) to the SECURITY alternate contact, and otherwise only to the root e-mail, which is often an ' +
    'unread mailbox. Without it a warning about stolen keys can sit unread while they are used. Only the SECURITY ' +
    'contact counts; billing and operations contacts do not receive these notices.',
  remediation: {
    text: 'Register a SECURITY alternate contact: a monitored distribution list and an on-call phone, not one person. In an organization the management account (or a delegated administrator for Account Management) can set it for every member.',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "<team>" --title "Security" --email-address <security-list@example.com> --phone-number "<phone>"',
  },
  references: [
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
    'https://docs.aws.amazon.com/accounts/latest/reference/API_GetAlternateContact.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['Account.1'], 'cis-aws-3.0': ['1.2'], 'cis-aws-7.0': ['2.3'] },
  reads: ['account.security-contact'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const contact = view.accountInfo.securityContact;
      if (!contact.ok) return v.missing(contact);
      if (contact.value === null) {
        return v.fail(
          'The account has no SECURITY alternate contact: AWS security notices go to the root e-mail only',
        );
      }
      const who = [contact.value.name, contact.value.title].filter(Boolean).join(', ');
      // The address is a person's or a list's, and reports travel (SARIF to a code host, ASFF to
      // Security Hub): the evidence keeps its domain, enough to tell a company list from a
      // private mailbox; the address itself stays in the inventory.
      const email = contact.value.emailAddress;
      const at = email?.lastIndexOf('@') ?? -1;
      return v.pass(`A SECURITY alternate contact is registered${who ? ` (${who})` : ''}`, {
        name: contact.value.name,
        title: contact.value.title,
        emailDomain: email && at >= 0 ? email.slice(at + 1).toLowerCase() : null,
      });
    }),
});
