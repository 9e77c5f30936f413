/**
 * The Lambda actions that change a function, by what they change. Invoking and reading are not
 * here: this is "who can make the function run other code, with other permissions, or be reached
 * another way". Every id is checked against the action catalogue by a test, so a renamed action
 * cannot silently drop out.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
 */
export const MODIFY_CATEGORIES = {
  code: ['lambda:UpdateFunctionCode'],
  configuration: [
    'lambda:UpdateFunctionConfiguration',
    'lambda:PutFunctionCodeSigningConfig',
    'lambda:DeleteFunctionCodeSigningConfig',
    'lambda:PutRuntimeManagementConfig',
    'lambda:DeleteFunction',
  ],
  permissions: [
    'lambda:AddPermission',
    'lambda:RemovePermission',
    'lambda:PutResourcePolicy',
    'lambda:DeleteResourcePolicy',
  ],
  'entry points': [
    'lambda:CreateFunctionUrlConfig',
    'lambda:UpdateFunctionUrlConfig',
    'lambda:CreateAlias',
    'lambda:UpdateAlias',
    'lambda:PublishVersion',
  ],
} as const;

export type ModifyCategory = keyof typeof MODIFY_CATEGORIES;

export const MODIFY_ACTIONS: readonly string[] = Object.values(MODIFY_CATEGORIES).flat();

const CATEGORY_OF = new Map<string, ModifyCategory>(
  Object.entries(MODIFY_CATEGORIES).flatMap(([c, actions]) =>
    actions.map((a) => [a.toLowerCase(), c as ModifyCategory] as const),
  ),
);

export function categoryOf(action: string): ModifyCategory | undefined {
  return CATEGORY_OF.get(action.toLowerCase());
}
