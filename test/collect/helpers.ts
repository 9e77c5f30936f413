/**
 * Shared setup for collector tests: a real session (clients are created normally, so the
 * collectors' client getters are exercised) whose `send` is stubbed by aws-sdk-client-mock.
 */
import { type AwsSession, createAwsSession } from '../../src/aws/clients.js';

export function testSession(): AwsSession {
  return createAwsSession({
    concurrency: 8,
    maxAttempts: 1,
    rateScale: 1,
    clientOverrides: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' } },
  });
}

/** An error shaped like the SDK's service exceptions (name = code, HTTP status in $metadata). */
export function awsError(code: string, httpStatusCode: number, message = `${code} (test)`): Error {
  return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode } });
}
