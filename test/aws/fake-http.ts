/**
 * A fake HTTP handler for SDK clients: the real middleware stack (retry, limiter, signing,
 * deserialization) runs, only the network is replaced. aws-sdk-client-mock stubs `send` and
 * would bypass exactly the middleware these tests are about.
 */
import type { LambdaClientConfig } from '@aws-sdk/client-lambda';

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface FakeResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Responder = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

export function fakeHandler(respond: Responder): NonNullable<LambdaClientConfig['requestHandler']> {
  const handler = {
    async handle(request: FakeRequest) {
      const res = await respond(request);
      return {
        response: {
          statusCode: res.statusCode,
          reason: undefined,
          headers: { 'content-type': 'application/json', ...(res.headers ?? {}) },
          body: new TextEncoder().encode(res.body ?? '{}'),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  return handler as unknown as NonNullable<LambdaClientConfig['requestHandler']>;
}

export const json = (body: unknown, statusCode = 200): FakeResponse => ({
  statusCode,
  body: JSON.stringify(body),
});

/** A restJson error as Lambda and GuardDuty send it. */
export const restJsonError = (code: string, statusCode: number): FakeResponse => ({
  statusCode,
  headers: { 'x-amzn-errortype': code },
  body: JSON.stringify({ message: `${code} (test)` }),
});

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
