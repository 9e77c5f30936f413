/**
 * The errors every service answers the same way (throttling, an SCP denial, an internal error,
 * a disabled region, an unknown operation), each in that service's own code, status and shape.
 * Codes and statuses follow what the SDK clients model and what AWS is seen to
 * return: Lambda in a region that is not enabled answers UnrecognizedClientException (403), EC2
 * AuthFailure (401), regional STS InvalidClientTokenId (403).
 */
import { ec2Error, jsonError, queryError, type SimReply, type SimRequest } from './protocol.js';

export const XMLNS: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};
const VERSION: Record<string, string> = { iam: '2010-05-08', sts: '2011-06-15', ec2: '2016-11-15' };

const isQuery = (service: string) => service === 'iam' || service === 'sts';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

export function throttled(req: SimRequest, retryAfterSeconds: number): SimReply {
  const id = req.requestId;
  switch (req.service) {
    case 'lambda':
      return jsonError(
        429,
        'TooManyRequestsException',
        { Reason: 'CallerRateLimitExceeded', Type: 'User', message: 'Rate exceeded' },
        id,
        { 'retry-after': retryAfterSeconds.toFixed(3) },
      );
    case 'ec2':
      return ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.', id);
    case 'config':
    case 'cloudtrail':
      // CloudTrail's API reference: ThrottlingException, HTTP 400; AWS Config (awsJson1_1) the same.
      return jsonError(
        400,
        'ThrottlingException',
        { __type: 'ThrottlingException', Message: 'Rate exceeded' },
        id,
      );
    case 'organizations':
      // Organizations answers every client error with HTTP 400, throttling included.
      return jsonError(
        400,
        'TooManyRequestsException',
        { __type: 'TooManyRequestsException', Message: 'Rate exceeded' },
        id,
      );
    case 'access-analyzer':
      return jsonError(
        429,
        'ThrottlingException',
        { message: 'Rate exceeded', __type: 'ThrottlingException' },
        id,
        { 'retry-after': Math.ceil(retryAfterSeconds).toString() },
      );
    default:
      if (isQuery(req.service))
        return queryError(400, 'Throttling', 'Rate exceeded', id, XMLNS[req.service] ?? '');
      return jsonError(
        429,
        'TooManyRequestsException',
        { message: 'Rate exceeded', __type: 'TooManyRequestsException' },
        id,
      );
  }
}

/** An explicit deny in a service control policy, in the words AWS uses for it. */
export function denied(req: SimRequest, action: string, resource: string, callerArn: string): SimReply {
  const id = req.requestId;
  const message = `User: ${callerArn} is not authorized to perform: ${req.service}:${action} on resource: ${resource} with an explicit deny in a service control policy`;
  switch (req.service) {
    case 'lambda':
      return jsonError(403, 'AccessDeniedException', { Type: 'User', Message: message }, id);
    case 's3':
      return {
        status: 403,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': id },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>`,
      };
    case 'ec2':
      return ec2Error(
        403,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation. ${message}`,
        id,
      );
    default:
      if (isQuery(req.service)) return queryError(403, 'AccessDenied', message, id, XMLNS[req.service] ?? '');
      return jsonError(403, 'AccessDeniedException', { message, __type: 'AccessDeniedException' }, id);
  }
}

export function serverError(req: SimRequest): SimReply {
  const id = req.requestId;
  switch (req.service) {
    case 'lambda':
      return jsonError(
        500,
        'ServiceException',
        { Type: 'Service', Message: 'An internal error occurred.' },
        id,
      );
    case 'ec2':
      return ec2Error(500, 'InternalError', 'An internal error has occurred', id);
    case 'iam':
      return queryError(
        500,
        'ServiceFailure',
        'Request processing has failed due to an unknown error.',
        id,
        XMLNS.iam ?? '',
      );
    case 'sts':
      return queryError(500, 'InternalFailure', 'An internal error occurred.', id, XMLNS.sts ?? '');
    default:
      return jsonError(
        500,
        'InternalServerErrorException',
        { message: 'Internal server error', __type: 'InternalServerErrorException' },
        id,
      );
  }
}

export type CredentialRejection = 'InvalidClientTokenId' | 'ExpiredToken' | 'SignatureDoesNotMatch';

/**
 * A request signed with credentials AWS rejects: an access key id that does not exist, an expired
 * session, or a secret that does not match. STS and IAM answer in the query protocol, EC2 with
 * AuthFailure, the JSON services with their own codes.
 */
export function credentialsRejected(req: SimRequest, why: CredentialRejection): SimReply {
  const id = req.requestId;
  const message: Record<CredentialRejection, string> = {
    InvalidClientTokenId: INVALID_TOKEN,
    ExpiredToken: 'The security token included in the request is expired',
    SignatureDoesNotMatch:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
  };
  if (isQuery(req.service))
    return queryError(why === 'ExpiredToken' ? 400 : 403, why, message[why], id, XMLNS[req.service] ?? '');
  if (req.service === 'ec2') return ec2Error(401, 'AuthFailure', message[why], id);
  const jsonCode: Record<CredentialRejection, string> = {
    InvalidClientTokenId: 'UnrecognizedClientException',
    ExpiredToken: 'ExpiredTokenException',
    SignatureDoesNotMatch: 'InvalidSignatureException',
  };
  return jsonError(403, jsonCode[why], { Type: 'User', message: message[why] }, id);
}

/** A request signed for a region the account has not enabled. IAM is global and never gets here. */
export function regionDisabled(req: SimRequest): SimReply {
  const id = req.requestId;
  switch (req.service) {
    case 'lambda':
      return jsonError(403, 'UnrecognizedClientException', { Type: 'User', message: INVALID_TOKEN }, id);
    case 'ec2':
      return ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials', id);
    case 'sts':
      return queryError(403, 'InvalidClientTokenId', INVALID_TOKEN, id, XMLNS.sts ?? '');
    default:
      return jsonError(
        403,
        'UnrecognizedClientException',
        { message: INVALID_TOKEN, __type: 'UnrecognizedClientException' },
        id,
      );
  }
}

export function unknownOperation(req: SimRequest, what: string): SimReply {
  const id = req.requestId;
  if (isQuery(req.service)) {
    return queryError(
      400,
      'InvalidAction',
      `Could not find operation ${what} for version ${VERSION[req.service]}`,
      id,
      XMLNS[req.service] ?? '',
    );
  }
  if (req.service === 'ec2')
    return ec2Error(400, 'InvalidAction', `The action ${what} is not valid for this web service.`, id);
  return jsonError(
    400,
    'UnknownOperationException',
    { Type: 'User', message: `Unknown operation ${what}` },
    id,
  );
}

/** A request whose signature names no service this simulator knows. */
export function unknownService(requestId: string, service: string): SimReply {
  return jsonError(
    400,
    'UnknownServiceException',
    { message: `service ${service} is not simulated` },
    requestId,
  );
}
