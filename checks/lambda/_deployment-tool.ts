/**
 * Was a Lambda change made through a deployment tool, or by hand? Read from what the scan keeps
 * of a CloudTrail record (userIdentity, sourceIPAddress, userAgent), and from the configured
 * deployers. The semantics, after AWS's record-contents and userIdentity reference pages:
 *
 * - sourceIPAddress is set by CloudTrail, not by the caller: when an AWS service makes the call
 *   (CloudFormation, and so SAM, CDK and the Serverless Framework, which deploy through it),
 *   CloudTrail writes the service's DNS name there (and the same name as userAgent and
 *   userIdentity.invokedBy), whichever identity the service acts with (the caller's forward
 *   access session or a stack service role). A deployment service as source is a strong signal.
 * - A configured deployer (--deployers) is a strong signal by declaration: the operator said this
 *   principal is the pipeline.
 * - A CodeBuild build's session is named `AWSCodeBuild-<build id>` by CodeBuild, so the AWS CLI or
 *   SAM/CDK/Terraform running in a buildspec shows as that role session, whatever its user agent.
 *   Strong, but not unforgeable: anyone allowed to assume the role may pick that session name, and
 *   such a principal can already deploy.
 * - userAgent is whatever the client sends. Terraform's AWS provider writes `HashiCorp/…
 *   Terraform/…` (OpenTofu `OpenTofu/…`), but anyone can send that string: a weak signal, taken
 *   only from a machine principal, never from a person's own credentials (an IAM user, root, an IAM
 *   Identity Center session, the console, CloudShell). A person's `terraform apply` from a laptop
 *   bypasses the pipeline of a function that has one; list the principal in deployers if it is
 *   part of the process.
 *
 * Not tools here, on purpose: `cdk deploy --hotswap` and `sam sync` call UpdateFunctionCode
 * directly, outside CloudFormation (the stack drifts), so they count as tool deployments only
 * through a strong signal (a deployer, a CodeBuild session).
 */
import { isDeployer } from '../../src/engine/change-review.js';
import type { FunctionChangeEvent } from '../../src/inventory/schema.js';

export type ToolSignal =
  | 'cloudformation'
  | 'codepipeline'
  | 'codedeploy'
  | 'deployer'
  | 'codebuild'
  | 'terraform';

export interface ToolDeployment {
  tool: ToolSignal;
  strength: 'strong' | 'weak';
}

/**
 * The deployment services CloudTrail may name as a Lambda call's source. CodeDeploy's Lambda
 * deployments shift alias traffic (UpdateAlias) rather than upload code, so it rarely appears on
 * a code change; when it does, the service made the call.
 */
const DEPLOYMENT_SERVICES: Readonly<Record<string, ToolSignal>> = {
  'cloudformation.amazonaws.com': 'cloudformation',
  'codepipeline.amazonaws.com': 'codepipeline',
  'codedeploy.amazonaws.com': 'codedeploy',
};

const CODEBUILD_SESSION = /:assumed-role\/[^/]+\/AWSCodeBuild-[0-9A-Fa-f-]+$/;
const TERRAFORM_AGENT = /(?:^|[\s(])(?:HashiCorp|Terraform|OpenTofu)\/|terraform-provider-aws\//i;
/** What CloudTrail writes as userAgent for a call made from the console. */
const CONSOLE_AGENTS = new Set(['console.amazonaws.com', 'signin.amazonaws.com', 'AWS Internal']);
/** An IAM Identity Center permission-set role: its sessions are people. */
const SSO_ROLE = /:(?:assumed-role|role\/aws-reserved\/sso\.amazonaws\.com(?:\/[^/]+)?)\/AWSReservedSSO_/;

/** How a change that no tool made reached Lambda, for the evidence and the message. */
export type HandChannel = 'console' | 'CloudShell' | 'the CLI or an SDK';

export function handChannel(e: FunctionChangeEvent): HandChannel {
  const agent = e.userAgent ?? '';
  if (CONSOLE_AGENTS.has(agent) || agent.startsWith('Mozilla/')) return 'console';
  if (/exec-env\/CloudShell/i.test(agent)) return 'CloudShell';
  return 'the CLI or an SDK';
}

/**
 * A person's own credentials, as opposed to a machine's role session: root, an IAM user, a
 * federation token, an Identity Center user or permission-set session, or any call from the
 * console or CloudShell (a role switched to in the console is a person too).
 */
export function isPersonPrincipal(e: FunctionChangeEvent): boolean {
  const type = e.identityType;
  if (type === 'Root' || type === 'IAMUser' || type === 'FederatedUser' || type === 'IdentityCenterUser')
    return true;
  if (handChannel(e) !== 'the CLI or an SDK') return true;
  return [e.principalArn, e.sessionIssuerArn].some((arn) => arn !== null && SSO_ROLE.test(arn));
}

/** The deployment tool that made this change, with how far the record proves it; null: none. */
export function deploymentToolOf(
  e: FunctionChangeEvent,
  deployers: readonly string[],
): ToolDeployment | null {
  const service = e.sourceIpAddress === null ? undefined : DEPLOYMENT_SERVICES[e.sourceIpAddress];
  if (service) return { tool: service, strength: 'strong' };
  if (isDeployer(e, deployers)) return { tool: 'deployer', strength: 'strong' };
  if (e.identityType === 'AssumedRole' && e.principalArn !== null && CODEBUILD_SESSION.test(e.principalArn))
    return { tool: 'codebuild', strength: 'strong' };
  if (TERRAFORM_AGENT.test(e.userAgent ?? '') && e.identityType === 'AssumedRole' && !isPersonPrincipal(e))
    return { tool: 'terraform', strength: 'weak' };
  return null;
}

const UPDATE_CODE = /^UpdateFunctionCode(?:\d|$)/;
/** CreateFunction20150331, not CreateFunctionUrlConfig. */
const CREATE_FUNCTION = /^CreateFunction(?:\d|$)/;

export const isUpdateCode = (e: FunctionChangeEvent) => UPDATE_CODE.test(e.eventName);
export const isCreateFunction = (e: FunctionChangeEvent) => CREATE_FUNCTION.test(e.eventName);
