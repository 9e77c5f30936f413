import { defineCheck } from '../../src/engine/check.js';
import type { FunctionUrlConfig } from '../../src/inventory/schema.js';
import { FUNCTION_URL_GRACE_END } from '../../src/policy/function-url-access.js';
import { judgeUrl, policyName } from './_url-access.js';

/**
 * An AuthType NONE URL is judged with the resource policy that authorizes it — the function's for
 * its own URL, the alias's for an alias URL (Lambda keeps a policy per qualifier; the alias's is
 * read with the URL) — because since October 2025 the URL needs two grants
 * (src/policy/function-url-access.ts):
 *
 * - fail, evidence `exposure: "open"`: the policy lets anyone through for lambda:InvokeFunctionUrl
 *   and lambda:InvokeFunction (or, before 2026-11-01, for the first alone): the function is
 *   reachable by anyone on the internet now;
 * - fail, evidence `exposure: "latent"`, message starting "latent:": the URL is unauthenticated
 *   but a grant is missing, so requests are refused today; anyone who may call
 *   lambda:AddPermission opens it with one statement. It stays a fail (an unauthenticated
 *   endpoint is the misconfiguration this check is about), with its own message and evidence so
 *   reports and suppressions can tell it from an open one; the finding id is the same, so it
 *   turns into an open finding in place rather than appearing as new;
 * - unknown: the policy could not be read or parsed (the URL is not provably closed);
 * - pass: every URL requires IAM authentication (the policy is then not needed).
 *
 * The grace-period end is compared with the scan time (`ctx.now`), never the wall clock.
 */

export default defineCheck({
  id: 'lambda.function-url-auth-none',
  title: 'Function URL allows unauthenticated invocation',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'A function URL with AuthType NONE is a public HTTPS endpoint: anyone on the internet can invoke the function, ' +
    'run up its cost (denial of wallet), exhaust its concurrency and probe its code for vulnerabilities. Unless the ' +
    'function authenticates every request itself, this is an open door.',
  remediation: {
    text: 'Set the URL AuthType to AWS_IAM and sign requests with SigV4, or put the function behind API Gateway or CloudFront with authentication; delete URLs that are not needed.',
    cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.urls', 'lambda.policies'],
  evaluate: (view, ctx) =>
    view.eachFunction((fn, v) => {
      if (!fn.urls.ok) return v.missing(fn.urls);
      const urls = fn.urls.value;
      if (urls.length === 0) return v.notApplicable('the function has no URL');
      const unauthenticated = urls.filter((u) => u.authType !== 'AWS_IAM');
      if (unauthenticated.length === 0)
        return v.pass(`all ${urls.length} function URL(s) require IAM authentication`);
      const urlEvidence = unauthenticated.map(urlFacts);
      const count = `${unauthenticated.length} function URL(s) with AuthType ${unauthenticated[0]?.authType}`;
      // Each URL is authorized by its own policy: the alias's for an alias URL.
      const judged = unauthenticated.map((u) => ({ url: u, j: judgeUrl(fn, u, ctx.now) }));
      const open = judged.flatMap(({ url, j }) => (j.kind === 'open' ? [{ url, access: j }] : []));
      const first = open[0];
      if (first) {
        const all = open.length === unauthenticated.length;
        const networkOnly = open.every((o) => o.access.networkOnly);
        const byGracePeriod = open.every((o) => o.access.byGracePeriod);
        const who = networkOnly ? 'anyone in the allowed public address ranges' : 'anyone on the internet';
        const grace = byGracePeriod
          ? ` (lambda:InvokeFunctionUrl alone suffices for URLs made before October 2025 until ${FUNCTION_URL_GRACE_END.slice(0, 10)})`
          : '';
        const which = all ? count : `${open.length} of the ${count}`;
        return v.fail(`${which} accept unauthenticated requests: ${who} can invoke the function${grace}`, {
          exposure: 'open',
          urls: urlEvidence,
          openUrls: open.map((o) => o.url.url),
          invokeFunctionUrlGrants: first.access.invokeFunctionUrl,
          invokeFunctionGrants: first.access.invokeFunction,
          networkOnly,
          byGracePeriod,
        });
      }
      for (const { j } of judged) {
        if (j.kind === 'unread') return v.missing(j.read, { urls: urlEvidence });
        if (j.kind === 'unjudgeable')
          return v.unknown(`${count}, and ${j.problem}`, { urls: urlEvidence, ...j.evidence });
      }
      const missing = [...new Set(judged.flatMap(({ j }) => (j.kind === 'latent' ? j.missing : [])))];
      const only = judged.length === 1 ? judged[0] : undefined;
      const lacking = only ? `${policyName(only.url)} lacks` : 'their resource policies lack';
      return v.fail(
        `latent: ${count} would accept unauthenticated requests, but ${lacking} a public ${missing.join(' and ')} grant; whoever adds it opens the URL`,
        { exposure: 'latent', urls: urlEvidence, missingGrants: missing },
      );
    }),
});

function urlFacts(u: FunctionUrlConfig) {
  return { url: u.url, authType: u.authType, functionArn: u.functionArn };
}
