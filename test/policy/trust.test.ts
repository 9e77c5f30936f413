import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { accountOfAwsPrincipal, analyzeTrust, type TrustEntry } from '../../src/policy/trust.js';

const OWN = '123456789012';
const OTHER = '210987654321';
const GITHUB = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`;

/** The entries of a raw trust policy, normalized as collection would, as [kind, scopedBy] pairs. */
function analyse(raw: unknown, trusted?: string[]): TrustEntry[] {
  const p = parsePolicy(raw);
  assert.ok(p.parsed, 'fixture parses');
  const opts = trusted ? { accountId: OWN, trustedAccounts: new Set(trusted) } : { accountId: OWN };
  return analyzeTrust(p.document, opts).entries;
}
const trust = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Condition?: unknown, Action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal,
  Action,
  ...(Condition ? { Condition } : {}),
});
const summary = (entries: TrustEntry[]) => entries.map((e) => [e.kind, e.scopedBy]);

describe('analyzeTrust: anyone', () => {
  it('finds "*", {"AWS": "*"} and Allow+NotPrincipal with no condition', () => {
    assert.deepEqual(summary(analyse(trust(allow('*')))), [['any-principal', null]]);
    assert.deepEqual(summary(analyse(trust(allow({ AWS: ['*'] })))), [['any-principal', null]]);
    const notPrincipal = {
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` },
      Action: 'sts:*',
    };
    assert.deepEqual(summary(analyse(trust(notPrincipal))), [['any-principal', null]]);
  });

  it('keeps "*" + sts:ExternalId a finding, with the external id as a weak control', () => {
    const [e] = analyse(trust(allow('*', { StringEquals: { 'sts:ExternalId': 'vendor-123' } })));
    assert.equal(e?.scopedBy, null);
    assert.deepEqual(e?.weakControls, ['sts:ExternalId']);
  });

  it('is scoped by an organization, a source network or a source account, case-insensitively', () => {
    for (const Condition of [
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { 'ForAnyValue:StringLike': { 'AWS:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' } },
      { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      { StringEquals: { 'aws:userid': 'AROAEXAMPLEEXAMPLE123:alice' } },
    ]) {
      assert.deepEqual(summary(analyse(trust(allow('*', Condition)))).at(0)?.[0], 'any-principal');
      assert.notEqual(analyse(trust(allow('*', Condition)))[0]?.scopedBy, null, JSON.stringify(Condition));
    }
  });

  it('is not scoped by IfExists, ForAllValues, an all-wildcard value, 0.0.0.0/0 or an unrelated key', () => {
    for (const Condition of [
      { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } },
      { StringLike: { 'aws:PrincipalOrgID': '*' } },
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { Bool: { 'aws:SecureTransport': 'true' } },
      { StringLike: { 'aws:userid': 'AROA*' } },
    ]) {
      assert.deepEqual(
        summary(analyse(trust(allow('*', Condition)))),
        [['any-principal', null]],
        JSON.stringify(Condition),
      );
    }
  });

  it('turns a wildcard scoped to accounts (aws:PrincipalAccount, aws:PrincipalArn) into trusts of those accounts', () => {
    const byAccount = analyse(trust(allow('*', { StringEquals: { 'aws:PrincipalAccount': [OTHER, OWN] } })));
    assert.deepEqual(summary(byAccount), [
      ['any-principal', 'aws:PrincipalAccount'],
      ['own-account-root', null],
      ['other-account', null],
    ]);
    assert.deepEqual(byAccount[2]?.accounts, [OTHER]);
    const byArn = analyse(
      trust(allow('*', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/ci-*` } })),
    );
    assert.deepEqual(summary(byArn), [
      ['any-principal', 'aws:PrincipalArn'],
      ['other-account', null],
    ]);
  });

  it('counts a Deny with a wildcard principal and one negated org condition as scoping every Allow', () => {
    const guard = {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    };
    assert.deepEqual(summary(analyse(trust(allow('*'), guard))), [['any-principal', 'aws:PrincipalOrgID']]);
    // Two clauses in the Deny are ANDed: it denies only when both hold, which scopes nothing.
    const weak = { ...guard, Condition: { ...guard.Condition, Bool: { 'aws:SecureTransport': 'false' } } };
    assert.deepEqual(summary(analyse(trust(allow('*'), weak))), [['any-principal', null]]);
  });

  it('ignores Deny statements and statements that allow no assume action (sts:TagSession alone)', () => {
    assert.deepEqual(analyse(trust({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })), []);
    assert.deepEqual(analyse(trust(allow('*', undefined, 'sts:TagSession'))), []);
    assert.deepEqual(summary(analyse(trust(allow('*', undefined, 'sts:Assume*')))), [
      ['any-principal', null],
    ]);
    const notAction = { Effect: 'Allow', Principal: '*', NotAction: 'sts:TagSession' };
    assert.deepEqual(summary(analyse(trust(notAction))), [['any-principal', null]]);
  });
});

describe('analyzeTrust: GitHub Actions and Cognito', () => {
  const gh = (Condition?: unknown) =>
    trust(allow({ Federated: GITHUB }, Condition, 'sts:AssumeRoleWithWebIdentity'));
  const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

  it('finds a GitHub OIDC trust without sub, or with sub "*", "repo:*" or "repo:org*"', () => {
    for (const Condition of [
      { StringEquals: aud },
      { StringLike: { 'token.actions.githubusercontent.com:sub': '*' } },
      { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } },
      { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example*' } },
      { StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:example/app:*', 'repo:*'] } },
      undefined,
    ]) {
      assert.deepEqual(
        summary(analyse(gh(Condition))),
        [['github-actions', null]],
        JSON.stringify(Condition),
      );
    }
  });

  it('reads ForAllValues/ForAnyValue/IfExists on sub like the plain operator: every GitHub token has one sub', () => {
    for (const operator of ['ForAllValues:StringLike', 'ForAnyValue:StringLike', 'StringLikeIfExists']) {
      const Condition = { [operator]: { 'token.actions.githubusercontent.com:sub': 'repo:example/app:*' } };
      assert.deepEqual(summary(analyse(gh(Condition))), [
        ['github-actions', 'token.actions.githubusercontent.com:sub'],
      ]);
      const open = { [operator]: { 'token.actions.githubusercontent.com:sub': 'repo:*' } };
      assert.deepEqual(summary(analyse(gh(open))), [['github-actions', null]]);
    }
  });

  it('is scoped by a sub naming an owner: repo:org/repo:*, a branch, or a customised subject', () => {
    for (const sub of [
      'repo:example/app:*',
      'repo:example/*',
      'repo:example/app:ref:refs/heads/main',
      'repository_owner_id:123456:*',
    ]) {
      const entries = analyse(
        gh({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': sub } }),
      );
      assert.deepEqual(
        summary(entries),
        [['github-actions', 'token.actions.githubusercontent.com:sub']],
        sub,
      );
    }
  });

  it('leaves other OIDC and SAML providers, and a per-enterprise GitHub issuer, alone', () => {
    const enterprise = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com/example-corp`;
    assert.deepEqual(
      analyse(trust(allow({ Federated: enterprise }, undefined, 'sts:AssumeRoleWithWebIdentity'))),
      [],
    );
    const saml = `arn:aws:iam::${OWN}:saml-provider/Okta`;
    assert.deepEqual(analyse(trust(allow({ Federated: saml }, undefined, 'sts:AssumeRoleWithSAML'))), []);
  });

  it('finds a Cognito identity trust without a fixed aud', () => {
    const cognito = (Condition?: unknown) =>
      trust(
        allow({ Federated: 'cognito-identity.amazonaws.com' }, Condition, 'sts:AssumeRoleWithWebIdentity'),
      );
    assert.deepEqual(summary(analyse(cognito())), [['cognito-identity', null]]);
    const pinned = {
      StringEquals: {
        'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012',
      },
    };
    assert.deepEqual(summary(analyse(cognito(pinned))), [
      ['cognito-identity', 'cognito-identity.amazonaws.com:aud'],
    ]);
  });
});

describe('analyzeTrust: accounts', () => {
  it('finds another account by id, root, role or assumed-role ARN, listing each account once', () => {
    const entries = analyse(
      trust(
        allow({
          AWS: [
            OTHER,
            `arn:aws:iam::${OTHER}:root`,
            'arn:aws:iam::333333333333:role/x',
            'arn:aws:sts::333333333333:assumed-role/x/s',
          ],
        }),
      ),
    );
    assert.deepEqual(summary(entries), [['other-account', null]]);
    assert.deepEqual(entries[0]?.accounts, [OTHER, '333333333333']);
  });

  it('is scoped by a fixed external id or by Bool aws:MultiFactorAuthPresent "true" — not by BoolIfExists', () => {
    const of = (Condition: unknown) =>
      summary(analyse(trust(allow({ AWS: `arn:aws:iam::${OTHER}:root` }, Condition))));
    assert.deepEqual(of({ StringEquals: { 'sts:ExternalId': 'x-1' } }), [
      ['other-account', 'sts:ExternalId'],
    ]);
    assert.deepEqual(of({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), [
      ['other-account', 'aws:MultiFactorAuthPresent'],
    ]);
    assert.deepEqual(of({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), [
      ['other-account', 'aws:MultiFactorAuthAge'],
    ]);
    // Long-term access keys carry no aws:MultiFactorAuthPresent, so BoolIfExists lets them in without MFA.
    assert.deepEqual(of({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }), [
      ['other-account', null],
    ]);
    assert.deepEqual(of({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } }), [
      ['other-account', null],
    ]);
    assert.deepEqual(of({ StringLike: { 'sts:ExternalId': '*' } }), [['other-account', null]]);
    assert.deepEqual(of({ StringEqualsIfExists: { 'sts:ExternalId': 'x-1' } }), [['other-account', null]]);
  });

  it('scopes trusted (organization) accounts apart from the others', () => {
    const entries = analyse(trust(allow({ AWS: [OTHER, '333333333333'] })), [OTHER]);
    assert.deepEqual(
      entries.map((e) => [e.accounts, e.scopedBy]),
      [
        [['333333333333'], null],
        [[OTHER], 'trusted account'],
      ],
    );
  });

  it('finds the own root and bare id, scoped by aws:PrincipalArn naming roles or by MFA — not by role/*', () => {
    const of = (Condition?: unknown) =>
      summary(analyse(trust(allow({ AWS: [OWN, `arn:aws:iam::${OWN}:root`] }, Condition))));
    assert.deepEqual(of(), [['own-account-root', null]]);
    assert.deepEqual(of({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWN}:role/admin-*` } }), [
      ['own-account-root', 'aws:PrincipalArn'],
    ]);
    assert.deepEqual(of({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWN}:role/*` } }), [
      ['own-account-root', null],
    ]);
    assert.deepEqual(of({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), [
      ['own-account-root', 'aws:MultiFactorAuthPresent'],
    ]);
  });

  it('does not report a named role of the own account, nor a deleted principal (its unique id)', () => {
    assert.deepEqual(analyse(trust(allow({ AWS: `arn:aws:iam::${OWN}:role/deployer` }))), []);
    const p = parsePolicy(trust(allow({ AWS: 'AROAJQABLZS4A7QSKGF2S' })));
    assert.ok(p.parsed);
    assert.deepEqual(analyzeTrust(p.document, { accountId: OWN }), { entries: [], unrecognized: [] });
  });
});

describe('analyzeTrust: services', () => {
  const of = (Service: unknown, Condition?: unknown) =>
    summary(analyse(trust(allow({ Service }, Condition))));

  it('finds a service without a source condition, exempting services gated by iam:PassRole', () => {
    assert.deepEqual(of('states.amazonaws.com'), [['service', null]]);
    assert.deepEqual(of('lambda.amazonaws.com'), [['service', 'iam:PassRole']]);
    assert.deepEqual(of(['lambda.amazonaws.com', 'states.amazonaws.com']), [
      ['service', null],
      ['service', 'iam:PassRole'],
    ]);
  });

  it('is scoped by a fixed aws:SourceAccount or an aws:SourceArn with a literal account', () => {
    assert.deepEqual(of('states.amazonaws.com', { StringEquals: { 'aws:SourceAccount': OWN } }), [
      ['service', 'aws:SourceAccount'],
    ]);
    const arn = `arn:aws:states:us-east-1:${OWN}:stateMachine:*`;
    assert.deepEqual(of('states.amazonaws.com', { ArnLike: { 'aws:SourceArn': arn } }), [
      ['service', 'aws:SourceArn'],
    ]);
    assert.deepEqual(of('states.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:states:*:*:*' } }), [
      ['service', null],
    ]);
  });
});

describe('analyzeTrust: hostile and odd input', () => {
  it('reads hostile keys as data and unknown principal types as unrecognized', () => {
    const raw =
      '{"Statement":[{"Effect":"Allow","Principal":{"__proto__":["x"],"constructor":"y","AWS":"not-an-arn"},' +
      '"Action":"sts:AssumeRole","Condition":{"__proto__":{"aws:PrincipalOrgID":"o-1"}}}]}';
    const p = parsePolicy(raw);
    assert.ok(p.parsed);
    const a = analyzeTrust(p.document, { accountId: OWN });
    assert.deepEqual(a.entries, []);
    assert.deepEqual(a.unrecognized.sort(), ['AWS:not-an-arn', '__proto__:x', 'constructor:y']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('reads account ids only from IAM and STS principals', () => {
    assert.equal(accountOfAwsPrincipal(OTHER), OTHER);
    assert.equal(accountOfAwsPrincipal(`arn:aws-cn:iam::${OTHER}:user/a`), OTHER);
    assert.equal(accountOfAwsPrincipal(`arn:aws:s3:::${OTHER}`), null);
    assert.equal(accountOfAwsPrincipal('arn:aws:iam::12345:root'), null);
    assert.equal(accountOfAwsPrincipal(''), null);
  });

  it('never throws on any parsable statement, and catastrophic action patterns stay fast', () => {
    const str = fc.oneof(
      fc.constantFrom('*', '?', 'sts:AssumeRole', OWN, GITHUB, '__proto__', 'aws:PrincipalOrgID'),
      fc.string(),
    );
    const statement = fc.record(
      {
        Effect: fc.constantFrom('Allow', 'Deny'),
        Principal: fc.dictionary(
          fc.constantFrom('AWS', 'Service', 'Federated', '__proto__', 'x'),
          fc.array(str, { maxLength: 3 }),
        ),
        Action: fc.array(str, { minLength: 1, maxLength: 3 }),
        Condition: fc.dictionary(str, fc.dictionary(str, fc.array(str, { maxLength: 2 }))),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), (Statement) => {
        const a = analyzeTrust({ Statement: Statement as PolicyStatement[] }, { accountId: OWN });
        assert.ok(Array.isArray(a.entries));
      }),
      { numRuns: 300 },
    );
    const started = Date.now();
    assert.deepEqual(analyse(trust(allow('*', undefined, `${'*a'.repeat(40)}b`))), []);
    assert.deepEqual(analyse(trust(allow('*', undefined, '*?'.repeat(5000)))), []);
    assert.deepEqual(summary(analyse(trust(allow('*', undefined, 'STS:assume?ole'))))[0], [
      'any-principal',
      null,
    ]);
    assert.ok(Date.now() - started < 1000);
  });
});
