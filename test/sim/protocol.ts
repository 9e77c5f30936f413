/**
 * Wire-format helpers for the protocol families the scanner's clients speak: awsQuery
 * (IAM, STS: form-encoded request, XML `<XResponse><XResult>` reply), ec2Query (flat XML reply),
 * restJson1 (Lambda, GuardDuty, Account: JSON body, error code in `x-amzn-errortype`) and
 * awsJson1_1 (Organizations: POST / with the operation in `X-Amz-Target`, JSON both ways,
 * error code in the body's `__type`).
 */

/** One parsed request, after routing by the SigV4 credential scope. */
export interface SimRequest {
  service: string;
  region: string;
  method: string;
  /** Decoded path segments are the service module's business; this is the raw path without query. */
  path: string;
  query: URLSearchParams;
  /** Form parameters of a query-protocol POST (empty for REST calls). */
  form: URLSearchParams;
  /** The raw request body (JSON for restJson1 and awsJson1_1 POSTs; '' when there is none). */
  body: string;
  /** awsJson's `X-Amz-Target` header (`<Service>.<Operation>`); null when absent. */
  target: string | null;
  requestId: string;
  /** `http://host:port` the request was sent to, for URLs the simulator hands out (presigned downloads). */
  origin?: string;
  /** The request's headers, lower-case names (S3 reads its x-amz-* headers from here). */
  headers?: Readonly<Record<string, string | undefined>>;
  /** The raw body's bytes (S3 PutObject stores and checks exactly these). */
  bytes?: Buffer;
  /** The access key id the request was signed with. */
  accessKeyId?: string;
}

/** The JSON body of a request, or null when it is empty or not a JSON object. */
export function jsonBody(req: SimRequest): Record<string, unknown> | null {
  if (req.body === '') return {};
  try {
    const v: unknown = JSON.parse(req.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A binary body (a zip download); sent instead of `body` when present. */
  bytes?: Buffer;
}

/** A request resolved to an operation; `handle` runs only if no fault or quota stops it first. */
export interface Route {
  action: string;
  /** The resource an SCP-style denial names (defaults to '*'). */
  resource?: string;
  handle: () => SimReply;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** `<name>value</name>`, or nothing for null/undefined (absent members are omitted, as AWS does). */
export function tx(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `<${name}>${typeof value === 'string' ? esc(value) : String(value)}</${name}>`;
}

/** `<name>inner</name>` with already-rendered children. */
export const el = (name: string, inner: string): string => `<${name}>${inner}</${name}>`;

/** An awsQuery list: `<name><member>…</member></name>`; `items` are rendered member bodies. */
export const members = (name: string, items: string[]): string =>
  el(name, items.map((i) => `<member>${i}</member>`).join(''));

export const xmlHeaders = (requestId: string): Record<string, string> => ({
  'content-type': 'text/xml',
  'x-amzn-requestid': requestId,
});

export function queryReply(action: string, xmlns: string, result: string, requestId: string): SimReply {
  const body =
    `<${action}Response xmlns="${xmlns}">` +
    (result === '' ? '' : `<${action}Result>${result}</${action}Result>`) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

export function queryError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  xmlns: string,
  type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
): SimReply {
  const body =
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${esc(code)}</Code>` +
    `<Message>${esc(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: xmlHeaders(requestId), body };
}

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function ec2Reply(action: string, inner: string, requestId: string): SimReply {
  const body = `<${action}Response xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${inner}</${action}Response>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

export function ec2Error(status: number, code: string, message: string, requestId: string): SimReply {
  const body =
    `<Response><Errors><Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`;
  return { status, headers: xmlHeaders(requestId), body };
}

export function jsonReply(value: unknown, requestId: string, status = 200): SimReply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(value),
  };
}

export function jsonError(
  status: number,
  code: string,
  body: Record<string, unknown>,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): SimReply {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': code,
      ...extraHeaders,
    },
    body: JSON.stringify(body),
  };
}

/** Opaque pagination tokens: AWS's are opaque too, so a client that parses them is wrong. */
export function encodeToken(offset: number): string {
  return Buffer.from(`sim:${offset}`).toString('base64url');
}

export function decodeToken(token: string | null): number | 'invalid' {
  if (token === null || token === '') return 0;
  const m = /^sim:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : 'invalid';
}

/** A page of `items` from `offset`; `next` is the token for the rest, or undefined at the end. */
export function page<T>(
  items: readonly T[],
  offset: number,
  size: number,
): { items: T[]; next: string | undefined } {
  const slice = items.slice(offset, offset + size);
  const end = offset + slice.length;
  return { items: slice, next: end < items.length ? encodeToken(end) : undefined };
}
