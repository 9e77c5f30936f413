import { defineCheck } from '../../src/engine/check.js';
import type { FunctionChangeEvent } from '../../src/inventory/schema.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';
import {
  deploymentToolOf,
  handChannel,
  isCreateFunction,
  isUpdateCode,
  type ToolDeployment,
} from './_deployment-tool.js';

/** The tool deployments listed in the evidence: the newest few establish the pipeline well enough. */
const LISTED_TOOL_DEPLOYMENTS = 5;

/**
 * A function whose code a deployment tool deployed in the --changes-since window, and whose code
 * was also changed there outside any tool (the console, or the CLI or an SDK under a principal
 * no tool signal vouches for; see _deployment-tool.ts for the signals and their strength).
 *
 * A code change is UpdateFunctionCode, or a CreateFunction that replaces a function the window
 * already saw (deleted and created again). A function's first event being its CreateFunction is
 * its creation, not a change of code a pipeline deployed. Configuration changes, versions and
 * aliases are not code changes here (lambda.changed-by-non-deployer judges every change).
 *
 * One tool deployment in the window is enough to say a pipeline deploys the function: a pipeline
 * may deploy once a week, and a rule by majority would let whoever makes three hand changes after
 * one deployment turn the function not applicable. A function no tool deployed in the window is
 * not applicable: nothing in the window shows a pipeline, and passing it would claim a review that
 * was never made. Changes by AWSService identities (AWS acting for itself) are neither.
 */
export default defineCheck({
  id: 'lambda.code-changed-outside-pipeline',
  title: 'Pipeline-deployed function’s code changed outside any deployment tool',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP4',
  threats: ['T2'],
  rationale:
    'CloudTrail shows a deployment tool (CloudFormation, CodePipeline, a CodeBuild build, Terraform, or a configured ' +
    'deployer) deploying this function’s code, and its code also replaced by hand: from the console, or with the ' +
    'CLI or an SDK under a principal no tool vouches for. A hand-made code change skips the review, tests and ' +
    'artefact provenance the pipeline enforces and drifts the function from its stack or state; it is how a hurried ' +
    'hotfix, or an attacker with someone’s credentials, gets code to run as the function’s execution role. That code ' +
    'runs on every invocation with the role’s permissions, hence high.',
  remediation: {
    text: 'Find out who made the change and why; redeploy the function from the pipeline (or compare its CodeSha256 with the last pipeline artefact), then limit lambda:UpdateFunctionCode and lambda:CreateFunction to the pipeline’s roles. If the principal is part of the deployment process, add it to deployers:.',
    cli: 'aws lambda get-function --function-name <name> --query Configuration.[CodeSha256,LastModified,RevisionId]',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(view, (fn, v, review) => {
      const tools: { e: FunctionChangeEvent; via: ToolDeployment }[] = [];
      const byHand: FunctionChangeEvent[] = [];
      // Newest first (as LookupEvents returns them; sorted again, stably, for a hand-edited
      // inventory): an event's predecessors in the window are the ones after it.
      const changes = [...fn.changes].sort((a, b) => b.eventTime.localeCompare(a.eventTime));
      changes.forEach((e, i) => {
        const create = isCreateFunction(e);
        if (!create && !isUpdateCode(e)) return;
        const via = deploymentToolOf(e, review.deployers);
        if (via) tools.push({ e, via });
        else if (e.identityType === 'AWSService') return;
        else if (!create || i < changes.length - 1) byHand.push(e);
      });
      const codeChanges = tools.length + byHand.length;
      if (tools.length === 0)
        return v.notApplicable(
          codeChanges === 0
            ? `${fn.changes.length} change(s) in the window, none that replaced its code`
            : `code changed ${codeChanges} time(s) in the window, never through a deployment tool: nothing shows a pipeline deploys it (lambda.changed-by-non-deployer judges who changed it)`,
          { codeChanges },
        );
      const toolNames = [...new Set(tools.map((t) => t.via.tool))];
      if (byHand.length === 0)
        return v.pass(`${tools.length} code change(s) in the window, all through ${toolNames.join(', ')}`, {
          toolDeployments: tools.length,
          tools: toolNames,
        });
      const last = byHand[0] as FunctionChangeEvent;
      const newestTool = tools[0] as (typeof tools)[number];
      // $LATEST, not necessarily what an alias invokes: versions are not followed here.
      const latest = last.eventTime >= newestTool.e.eventTime;
      return failOnEvents(
        v,
        byHand,
        `code changed ${byHand.length} time(s) outside any deployment tool, last by ${last.principalArn ?? 'an unnamed principal'} ` +
          `via ${handChannel(last)} at ${last.eventTime}, though ${toolNames.join(', ')} deployed it ${tools.length} time(s) in the window; ` +
          (latest ? 'no tool deployment has replaced it since' : 'a tool deployment has replaced it since'),
        {
          handMadeChanges: byHand.map((e) => ({ ...changeFacts(e), channel: handChannel(e) })),
          toolDeployments: tools.length,
          newestToolDeployments: tools
            .slice(0, LISTED_TOOL_DEPLOYMENTS)
            .map(({ e, via }) => ({ ...changeFacts(e), tool: via.tool, signal: via.strength })),
          handMadeCodeIsLatest: latest,
        },
      );
    }),
});
