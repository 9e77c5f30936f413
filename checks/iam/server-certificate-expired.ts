import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'iam.server-certificate-expired',
  title: 'An expired SSL/TLS certificate is still stored in IAM',
  service: 'iam',
  resourceType: 'AWS::IAM::ServerCertificate',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'IAM server certificates are the legacy store for TLS certificates (before ACM, or in Regions without it). An ' +
    'expired one can still be attached to a load balancer or CloudFront by mistake, breaking TLS for callers such ' +
    'as API front ends of functions, and it shows a certificate lifecycle nobody owns. A certificate counts as ' +
    'expired when its expiration time is before the scan.',
  remediation: {
    text: 'Confirm the certificate is attached to nothing, then delete it; move certificates to AWS Certificate Manager, which renews them.',
    cli: 'aws iam delete-server-certificate --server-certificate-name <name>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServerCertificates.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.19'], 'cis-aws-7.0': ['2.17'] },
  reads: ['iam.server-certificates'],
  evaluate: (view, ctx) =>
    view.eachServerCertificate((c, v) => {
      const evidence = {
        serverCertificateId: c.id,
        path: c.path,
        uploadedAt: c.uploadedAt,
        expiresAt: c.expiresAt,
      };
      if (c.expiresAt === null)
        return v.unknown(`IAM server certificate ${c.name} has no readable expiration date`, evidence);
      if (Date.parse(c.expiresAt) <= ctx.now.getTime()) {
        return v.fail(
          `IAM server certificate ${c.name} expired on ${c.expiresAt} and is still stored`,
          evidence,
        );
      }
      return v.pass(`IAM server certificate ${c.name} is valid until ${c.expiresAt}`, evidence);
    }),
});
