/**
 * The settings the cloudtrail ground truth (cloudtrail.ts) assumes a simulated scan runs with, in
 * a module of their own (no imports), so tests and the bench can take them without loading the
 * generator.
 */
export const CHANGES_SINCE_DAYS = 7;
export const CI_ROLE_NAME = 'ci-deploy';
export const DEPLOYERS = `arn:aws:iam::*:role/${CI_ROLE_NAME}`;
export const TRUSTED_RANGE = '203.0.113.0/24';
/** The flags every simulated scan of this ground truth runs with. */
export const CHANGE_ARGS = [
  '--changes-since',
  `${CHANGES_SINCE_DAYS}d`,
  '--deployers',
  DEPLOYERS,
  '--trusted-ip-ranges',
  TRUSTED_RANGE,
] as const;
/** The secret planted in an UpdateFunctionConfiguration's requestParameters.environment. */
export const PLANTED_ENV_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY';
