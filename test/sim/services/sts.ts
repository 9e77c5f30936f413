/**
 * STS (awsQuery): GetCallerIdentity, the scanner's first call, and AssumeRole for --role-arn.
 *
 * AssumeRole succeeds only for a role the simulator was told is assumable (SimOptions
 * assumableRoles), with the ExternalId its trust policy requires, and for a duration within STS's
 * 900 s – 12 h; otherwise it answers as STS does (AccessDenied, ValidationError). The credentials
 * it returns are remembered by access key id, so GetCallerIdentity signed with them answers the
 * assumed-role session's ARN — what a scan run as the role sees.
 *
 * In an organization (SimOptions.organization) the sessions are shared by every account, and the
 * router answers a session's requests from its role's account: GetCallerIdentity then reports
 * that account and the session in it. The audit role of every account that is ACTIVE and has it
 * is assumable; a suspended account or a missing role answers AccessDenied like any role whose
 * trust does not admit the caller.
 */
import { createHash } from 'node:crypto';
import { XMLNS } from '../errors.js';
import { queryError, queryReply, type Route, type SimRequest, tx } from '../protocol.js';
import { accountOfArn, type SimState, sessionArn } from '../state.js';

export function stsRoute(req: SimRequest, st: SimState): Route | null {
  const action = req.form.get('Action') ?? '';
  if (action === 'GetCallerIdentity') return { action, handle: () => callerIdentity(req, st) };
  if (action === 'AssumeRole') {
    const roleArn = req.form.get('RoleArn') ?? '';
    return { action, resource: roleArn, handle: () => assumeRole(req, st, roleArn) };
  }
  return null;
}

function callerIdentity(req: SimRequest, st: SimState) {
  const a = st.account;
  const assumed = req.accessKeyId ? st.assumedSessions.get(req.accessKeyId) : undefined;
  const arn = assumed ? sessionArn(a.accountId, assumed.roleArn, assumed.sessionName) : a.caller.arn;
  const userId = assumed ? `AROASIMULATEDROLE0001:${assumed.sessionName}` : a.caller.userId;
  const result = tx('Arn', arn) + tx('UserId', userId) + tx('Account', a.accountId);
  return queryReply('GetCallerIdentity', XMLNS.sts ?? '', result, req.requestId);
}

function assumeRole(req: SimRequest, st: SimState, roleArn: string) {
  const ns = XMLNS.sts ?? '';
  const sessionName = req.form.get('RoleSessionName') ?? '';
  const duration = Number(req.form.get('DurationSeconds') ?? '3600');
  const trust = st.assumableRoles[roleArn];
  const caller = st.principalArn(req.accessKeyId);
  if (!trust || (trust.externalId !== undefined && req.form.get('ExternalId') !== trust.externalId)) {
    return queryError(
      403,
      'AccessDenied',
      `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      req.requestId,
      ns,
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return queryError(400, 'ValidationError', 'RoleSessionName is invalid', req.requestId, ns);
  }
  if (!(duration >= 900 && duration <= 43_200)) {
    return queryError(
      400,
      'ValidationError',
      `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      req.requestId,
      ns,
    );
  }
  // Deterministic per session: the same request gets the same key, as a test can then name it.
  const digest = createHash('sha256')
    .update(`${roleArn}\0${sessionName}\0${st.assumedSessions.size}`)
    .digest('hex');
  const accessKeyId = `ASIASIM${digest.slice(0, 13).toUpperCase()}`;
  st.assumedSessions.set(accessKeyId, { roleArn, sessionName });
  const expiration = new Date(Date.now() + duration * 1000).toISOString();
  const accountId = accountOfArn(roleArn) || st.account.accountId;
  const result =
    `<Credentials>${tx('AccessKeyId', accessKeyId)}${tx('SecretAccessKey', `sim-secret-${digest.slice(13, 29)}`)}` +
    `${tx('SessionToken', `sim-token-${digest.slice(29, 61)}`)}${tx('Expiration', expiration)}</Credentials>` +
    `<AssumedRoleUser>${tx('Arn', sessionArn(accountId, roleArn, sessionName))}${tx('AssumedRoleId', `AROASIMULATEDROLE0001:${sessionName}`)}</AssumedRoleUser>`;
  return queryReply('AssumeRole', ns, result, req.requestId);
}
