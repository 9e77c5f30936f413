import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../src/engine/evaluate.js';
import type { AccountData } from '../../src/inventory/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import { awsError, failed, inventory, ok } from '../../test/helpers/inventory.js';
import check from './security-contact.js';

const ACCOUNT = 'account 123456789012';
const withAccount = (account: AccountData | undefined) => ({
  ...inventory(),
  ...(account ? { account } : {}),
});
const contact = { name: 'Security On-Call', title: 'Security', emailAddress: 'security@example.com' };

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'GetAlternateContact answered ResourceNotFoundException: no SECURITY contact',
      inventory: withAccount({ securityContact: ok(null) }),
      expect: [{ resource: ACCOUNT, status: 'fail', message: 'no SECURITY alternate contact' }],
    },
    {
      kind: 'pass',
      name: 'a SECURITY contact is registered',
      inventory: withAccount({ securityContact: ok(contact) }),
      expect: [{ resource: ACCOUNT, status: 'pass', message: 'Security On-Call' }],
    },
    {
      kind: 'near-miss',
      name: 'a SECURITY contact with no name or title stored still counts as registered (only the SECURITY type matters, not BILLING or OPERATIONS)',
      inventory: withAccount({
        securityContact: ok({ name: null, title: null, emailAddress: 'sec@example.com' }),
      }),
      expect: [{ resource: ACCOUNT, status: 'pass' }],
    },
    {
      kind: 'unknown',
      name: 'GetAlternateContact denied (an SCP on account:*): unknown, not "no contact" — a scanner that reads any error as none fails it falsely',
      inventory: withAccount({
        securityContact: failed(awsError('GetAlternateContact', 'access-denied', 'account', undefined)),
      }),
      expect: [{ resource: ACCOUNT, status: 'unknown', message: 'access-denied' }],
    },
    {
      kind: 'unknown',
      name: 'an inventory from before the read existed',
      inventory: withAccount(undefined),
      expect: [{ resource: ACCOUNT, status: 'unknown', message: 'not collected' }],
    },
  ],
  { neverNotApplicable: 'every account can register a security contact' },
);

describe('account.security-contact evidence', () => {
  it('keeps the contact address’s domain, never the address', () => {
    const view = buildView(
      withAccount({ securityContact: ok({ ...contact, emailAddress: 'Alice.Smith@Example.COM' }) }),
    );
    const [result] = runCheck(check, view);
    assert.equal(result?.evidence.emailDomain, 'example.com');
    assert.ok(!JSON.stringify(result).toLowerCase().includes('alice'));
  });
});
