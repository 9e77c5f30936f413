/**
 * The compliance frameworks a check can map to, each with the control ids that exist in it, so a
 * mapping is checked twice: by the compiler (a check's `frameworks` is typed against these lists)
 * and by registry.test.ts (the metadata schema rejects an id the framework does not have). A
 * check lists every framework; an empty list records "this framework has no such control".
 *
 * Only the controls in this scanner's scope are listed (Lambda, IAM, GuardDuty, account). Sources:
 * - aws-fsbp: the Security Hub FSBP standard page (fsbp-standard.html) and the Lambda, IAM,
 *   GuardDuty and Account control pages. Only controls AWS lists *in the FSBP standard*: IAM.9,
 *   IAM.15, IAM.16 and IAM.22 are Security Hub controls of the CIS standards, not of FSBP, and
 *   Lambda.3/6/7 are NIST/PCI/tagging only (Prowler's FSBP file lists some of them; AWS does not).
 * - cis-aws-3.0: CIS AWS Foundations Benchmark v3.0.0 (2024-01-31), section 1, plus 3.1 and 4.16.
 * - cis-aws-7.0: CIS AWS Foundations Benchmark v7.0.0 (2026), whose IAM recommendations moved to
 *   section 2 (2.1.x on AWS Organizations is new), plus 4.1 and 5.16. The numbering is taken from
 *   three independent implementations that agree (CIS distributes the text behind a login).
 */
import { z } from 'zod';

export const FRAMEWORKS = {
  'aws-fsbp': {
    title: 'AWS Foundational Security Best Practices (Security Hub)',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html',
    controls: [
      'Account.1',
      'GuardDuty.1',
      'GuardDuty.5',
      'GuardDuty.6',
      'GuardDuty.7',
      'GuardDuty.8',
      'GuardDuty.9',
      'GuardDuty.10',
      'GuardDuty.11',
      'GuardDuty.12',
      'GuardDuty.13',
      'IAM.1',
      'IAM.2',
      'IAM.3',
      'IAM.4',
      'IAM.5',
      'IAM.6',
      'IAM.7',
      'IAM.8',
      'IAM.21',
      'Lambda.1',
      'Lambda.2',
      'Lambda.5',
    ],
  },
  'cis-aws-3.0': {
    title: 'CIS Amazon Web Services Foundations Benchmark v3.0.0',
    url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
    controls: [
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '1.10',
      '1.11',
      '1.12',
      '1.13',
      '1.14',
      '1.15',
      '1.16',
      '1.17',
      '1.18',
      '1.19',
      '1.20',
      '1.21',
      '1.22',
      '3.1',
      '4.16',
    ],
  },
  'cis-aws-7.0': {
    title: 'CIS Amazon Web Services Foundations Benchmark v7.0.0',
    url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
    controls: [
      '2.1.1',
      '2.1.2',
      '2.1.3',
      '2.1.4',
      '2.1.5',
      '2.1.6',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.7',
      '2.8',
      '2.9',
      '2.10',
      '2.11',
      '2.12',
      '2.13',
      '2.14',
      '2.15',
      '2.16',
      '2.17',
      '2.18',
      '2.19',
      '2.20',
      '2.21',
      '4.1',
      '5.16',
    ],
  },
} as const;

export type FrameworkId = keyof typeof FRAMEWORKS;
export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];
export type ControlId<F extends FrameworkId> = (typeof FRAMEWORKS)[F]['controls'][number];

/** framework → control ids; every framework is listed, an empty list meaning "no such control". */
export type FrameworkMappings = { readonly [F in FrameworkId]: readonly ControlId<F>[] };

/** The same rule at run time (metadata schema, reports): known frameworks, known ids, no repeats. */
export const FrameworkMappingsSchema = z
  .object(
    Object.fromEntries(
      FRAMEWORK_IDS.map((f) => [
        f,
        z
          .array(z.enum(FRAMEWORKS[f].controls as unknown as [string, ...string[]]))
          .refine((ids) => new Set(ids).size === ids.length, 'a control is listed twice'),
      ]),
    ) as unknown as Record<FrameworkId, z.ZodType<string[]>>,
  )
  .strict();
