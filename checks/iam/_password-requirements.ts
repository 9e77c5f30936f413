/**
 * The account password policy, requirement by requirement, as the two frameworks state them, so
 * iam.password-policy (CIS) and iam.password-policy-complexity (Security Hub IAM.7) judge from the
 * same lines and both show all of them as evidence.
 *
 * - CIS 1.8 / 1.9 (7.0: 2.8 / 2.9): minimum length 14 or more; reuse prevention 24.
 * - FSBP IAM.7 with its default parameters: at least one uppercase letter, one lowercase letter,
 *   one symbol and one number, minimum length 8 or more. Its PasswordReusePrevention and
 *   MaxPasswordAge parameters have no default value, so by default IAM.7 requires neither.
 *
 * Without a policy AWS applies its default (8 to 128 characters, three of the four character
 * classes, no reuse prevention), which satisfies none of these as a setting: every line is unmet,
 * as Security Hub and AWS Config also report the default policy.
 */
import type { PasswordPolicy } from '../../src/inventory/schema.js';

export interface Requirement {
  /** Stable id: the framework and control it comes from. */
  id: string;
  framework: 'cis' | 'fsbp';
  /** What is required, in words. */
  requirement: string;
  /** What the policy says, in words. */
  actual: string;
  met: boolean;
}

export const CIS_MIN_LENGTH = 14;
export const CIS_MIN_REUSE_PREVENTION = 24;
export const FSBP_MIN_LENGTH = 8;

const NO_POLICY = 'no password policy (the AWS default applies)';

export function cisRequirements(policy: PasswordPolicy | null): Requirement[] {
  const length = policy?.minimumPasswordLength ?? null;
  const reuse = policy?.passwordReusePrevention ?? null;
  return [
    {
      id: 'cis-1.8',
      framework: 'cis',
      requirement: `minimum length ${CIS_MIN_LENGTH} or more`,
      actual: policy === null ? NO_POLICY : `minimum length ${length ?? 'not set'}`,
      met: length !== null && length >= CIS_MIN_LENGTH,
    },
    {
      id: 'cis-1.9',
      framework: 'cis',
      requirement: `${CIS_MIN_REUSE_PREVENTION} previous passwords remembered`,
      actual:
        policy === null
          ? NO_POLICY
          : reuse === null
            ? 'reuse not prevented'
            : `${reuse} previous passwords remembered`,
      met: reuse !== null && reuse >= CIS_MIN_REUSE_PREVENTION,
    },
  ];
}

export function fsbpRequirements(policy: PasswordPolicy | null): Requirement[] {
  const flag = (id: string, what: string, on: boolean | undefined): Requirement => ({
    id: `fsbp-iam.7-${id}`,
    framework: 'fsbp',
    requirement: `at least one ${what}`,
    actual: policy === null ? NO_POLICY : `${on ? 'requires' : 'does not require'} ${article(what)} ${what}`,
    met: on === true,
  });
  const length = policy?.minimumPasswordLength ?? null;
  return [
    flag('uppercase', 'uppercase letter', policy?.requireUppercaseCharacters),
    flag('lowercase', 'lowercase letter', policy?.requireLowercaseCharacters),
    flag('symbols', 'symbol', policy?.requireSymbols),
    flag('numbers', 'number', policy?.requireNumbers),
    {
      id: 'fsbp-iam.7-length',
      framework: 'fsbp',
      requirement: `minimum length ${FSBP_MIN_LENGTH} or more`,
      actual: policy === null ? NO_POLICY : `minimum length ${length ?? 'not set'}`,
      met: length !== null && length >= FSBP_MIN_LENGTH,
    },
  ];
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** Every line, CIS first: the evidence both checks show. */
export function allRequirements(policy: PasswordPolicy | null): Requirement[] {
  return [...cisRequirements(policy), ...fsbpRequirements(policy)];
}
