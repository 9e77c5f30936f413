import { defineCheck } from '../../src/engine/check.js';
import type { FunctionUrlConfig } from '../../src/inventory/schema.js';

/**
 * A function URL whose CORS configuration lets any web origin read its responses in a visitor's
 * browser. Lambda answers preflight and actual requests itself from the URL's `Cors` settings
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors), so the
 * setting is the whole policy:
 *
 * - `*` in AllowOrigins admits every origin; so does `null`, the origin a sandboxed iframe or a
 *   `data:` page on any site sends (the Fetch standard serializes opaque origins as "null").
 * - AllowCredentials true on top is worse: the function evidently relies on cookies or other
 *   browser credentials, and any site can now make the visitor's browser send them. Browsers
 *   refuse to expose a credentialed response carrying `Access-Control-Allow-Origin: *` (Fetch
 *   standard, CORS check), and AWS documents no rewrite of `*` for this case, so whether the
 *   response is readable depends on an undocumented behaviour: it is reported in the evidence
 *   (`credentialed: true`) and the message, not as a separate status.
 * - AuthType decides whether it matters. An AWS_IAM URL takes only SigV4-signed requests, and a
 *   browser never attaches AWS credentials on its own: a page on another origin can call the URL
 *   only with credentials it already holds, so the wildcard lends it nothing (pass, with the
 *   wildcard in the evidence). An AuthType NONE URL is where a browser-borne attack works.
 *
 * One result per function; not_applicable without a URL.
 */
export default defineCheck({
  id: 'lambda.url-cors-any-origin',
  title: 'Unauthenticated function URL allows cross-origin requests from any origin',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'CORS AllowOrigins "*" (or "null") on an AuthType NONE function URL lets script on any website call the ' +
    'function from its visitors’ browsers and read the answers: another site can build on the endpoint, or ' +
    'drive it from thousands of visitor addresses that defeat per-IP rate limits. With AllowCredentials true the ' +
    'browser also sends the visitor’s cookies, which makes it a cross-site data leak. An AWS_IAM URL is not ' +
    'affected: browsers never add SigV4 signatures on their own, so another origin gains nothing from the wildcard.',
  remediation: {
    text: 'List the exact origins of the front ends that call the URL in AllowOrigins (scheme, host and port), keep AllowCredentials false unless those origins need cookies, or require AWS_IAM authentication.',
    cli: 'aws lambda update-function-url-config --function-name <name> --cors \'{"AllowOrigins":["https://app.example.com"],"AllowCredentials":false}\'',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html',
    'https://fetch.spec.whatwg.org/#cors-check',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.urls'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.urls.ok) return v.missing(fn.urls);
      const urls = fn.urls.value;
      if (urls.length === 0) return v.notApplicable('the function has no URL');
      const wide = urls.filter((u) => anyOrigin(u).length > 0);
      if (wide.length === 0) {
        return v.pass(`no function URL allows every origin (${urls.map(originsOf).join('; ')})`, {
          urls: urls.map(urlFacts),
        });
      }
      const exposed = wide.filter((u) => u.authType !== 'AWS_IAM');
      if (exposed.length === 0) {
        return v.pass(
          `CORS allows any origin (${wide.map((u) => anyOrigin(u).join(', ')).join('; ')}), but the URL requires IAM authentication, which no browser adds on its own`,
          { urls: wide.map(urlFacts) },
        );
      }
      const credentialed = exposed.some((u) => u.cors?.allowCredentials === true);
      const first = exposed[0];
      const origins = first
        ? anyOrigin(first)
            .map((o) => JSON.stringify(o))
            .join(' and ')
        : '';
      return v.fail(
        `the AuthType ${first?.authType} URL allows CORS requests from origin ${origins}: any website can call the function from a visitor’s browser and read the response${credentialed ? ', and AllowCredentials true makes the browser send the visitor’s cookies' : ''}`,
        { urls: exposed.map(urlFacts), credentialed },
      );
    }),
});

/** The entries of AllowOrigins that admit any origin. */
function anyOrigin(u: FunctionUrlConfig): string[] {
  return (u.cors?.allowOrigins ?? []).filter((o) => o.trim() === '*' || o.trim().toLowerCase() === 'null');
}

function originsOf(u: FunctionUrlConfig): string {
  const origins = u.cors?.allowOrigins ?? [];
  return origins.length === 0 ? 'no CORS origins' : `origins ${origins.join(', ')}`;
}

function urlFacts(u: FunctionUrlConfig) {
  return {
    url: u.url,
    authType: u.authType,
    allowOrigins: u.cors?.allowOrigins ?? [],
    allowCredentials: u.cors?.allowCredentials ?? null,
  };
}
