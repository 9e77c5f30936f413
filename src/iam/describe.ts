/**
 * Sentences and evidence for escalation paths and modifiers, shared by the checks and the report
 * so a path reads the same wherever it appears. Names and ARNs only: nothing here can carry a
 * secret (policies hold none; environment values never reach the view).
 */
import type { EscalationPath, PathId } from './escalation.js';
import type { Modifier } from './modifiers.js';
import { describeRef } from './statements.js';

const PATH_TEXT: Record<PathId, string> = {
  'lambda-create-with-role': 'create a function that runs as a more privileged role, and run it',
  'lambda-update-code': 'replace the code of a function whose role is more privileged',
  'lambda-update-configuration':
    'change the layers, handler or environment of a function whose role is more privileged',
  'lambda-role-swap': 'give an existing function a more privileged role',
  'lambda-layer-publish': 'publish a new version of a layer used by a function whose role is more privileged',
  'lambda-alias-redirect': 'point an alias of a more privileged function at another version',
  'lambda-url-redirect': 'change the function URL (and its auth type) of a more privileged function',
  'iam-create-policy-version': 'write a new default version of a policy attached to itself',
  'iam-set-default-policy-version': 'make another version of a policy attached to itself the default',
  'iam-attach-self-policy': 'attach any managed policy (AdministratorAccess) to itself',
  'iam-put-self-policy': 'write an inline policy granting itself anything',
  'iam-attach-group-policy': 'attach any managed policy to a group it belongs to',
  'iam-put-group-policy': 'write an inline policy on a group it belongs to',
  'iam-add-user-to-group': 'add itself to a more privileged group',
  'iam-create-access-key': 'create an access key for a more privileged user',
  'iam-create-login-profile': 'give a more privileged user a console password it chooses',
  'iam-update-login-profile': 'reset the console password of a more privileged user',
  'iam-update-assume-role-policy': 'rewrite the trust policy of a more privileged role, then assume it',
  'passrole-compute': 'pass a more privileged role to a compute service and run code as it',
};

/** "lambda-update-code (replace the code of …) via fn-a and 2 more" */
export function describePath(p: EscalationPath): string {
  const target =
    p.targets.length === 0
      ? ''
      : ` — e.g. ${p.targets
          .slice(0, 2)
          .map((t) => `${t.kind} ${t.name}`)
          .join(', ')}${p.targetCount > 2 ? ` and ${p.targetCount - 2} more` : ''}`;
  return `${p.id}: ${PATH_TEXT[p.id]}${p.conditional ? ' (conditional)' : ''}${target}`;
}

export function pathEvidence(p: EscalationPath): Record<string, unknown> {
  return {
    path: p.id,
    actions: p.actions,
    conditional: p.conditional,
    targets: p.targets,
    targetCount: p.targetCount,
    gain: p.gain,
    statements: p.statements.map(describeRef),
  };
}

/** A modifier in a few words: who, and which actions (the access section has the statements). */
export function briefModifier(m: Modifier): Record<string, unknown> {
  return {
    principal: m.principal.arn,
    actions: m.grants.map((g) => (g.decision === 'conditional' ? `${g.action} (conditional)` : g.action)),
  };
}
