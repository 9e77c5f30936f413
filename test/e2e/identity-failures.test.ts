/**
 * A scan that cannot start says why in one line, naming what to fix, and never hangs: the built
 * CLI against no credentials, an unknown profile, credentials AWS rejects (the simulator plays
 * STS), a port nobody listens on, and a server that accepts connections and never answers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Simulator, startSimulator } from '../sim/server.js';
import { runCli, scratch, simEnv } from './sim-harness.js';

/** A loopback port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Accepts connections and reads requests, and never writes a byte back. */
async function silentServer(): Promise<{ url: string; connections: () => number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    stop: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** One line on stderr, no stack trace, and the exit code of the failure's kind. */
function assertOneLineFailure(
  run: { code: number | null; stderr: string },
  code: 4 | 5,
  pattern: RegExp,
): void {
  assert.equal(run.code, code, run.stderr);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('lambda-posture: '));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', pattern);
  assert.ok(!/\n\s+at /.test(run.stderr), `a stack trace was printed:\n${run.stderr}`);
  assert.ok(!run.stderr.includes('unexpected error'), run.stderr);
}

describe('a scan that cannot identify the account (built CLI)', () => {
  const tmp = scratch('identity');
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      rejectedAccessKeys: {
        AKIDREVOKEDKEY000000: 'InvalidClientTokenId',
        AKIDEXPIREDSESSION00: 'ExpiredToken',
      },
    });
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });
  const scan = (extra: string[], env: NodeJS.ProcessEnv) =>
    runCli(['scan', '--out', tmp.dir(), '--quiet', ...extra], env);

  it('no credentials anywhere: names every source the SDK tried and how to provide one', async () => {
    const env = simEnv();
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const run = await scan(['--endpoint-url', sim.url], env);
    assertOneLineFailure(
      run,
      4,
      /^lambda-posture: no AWS credentials found: tried environment variables \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\), the shared config and credentials files .*SSO, web identity .*instance metadata endpoints; export credentials, or name a profile with --profile or AWS_PROFILE$/,
    );
    assert.equal(sim.callLog.length, 0, 'nothing was sent without credentials');
  });

  it('a profile that does not exist: names it and the files it was looked for in', async () => {
    const run = await scan(['--endpoint-url', sim.url, '--profile', 'no-such-profile'], simEnv());
    assertOneLineFailure(
      run,
      4,
      /^lambda-posture: could not load the credentials of AWS profile "no-such-profile": check that it exists .*aws sso login --profile no-such-profile$/,
    );
  });

  it('an access key AWS does not know: says the key id does not exist, and where the key came from', async () => {
    const run = await scan(
      ['--endpoint-url', sim.url],
      simEnv({ AWS_ACCESS_KEY_ID: 'AKIDREVOKEDKEY000000' }),
    );
    assertOneLineFailure(
      run,
      4,
      /^lambda-posture: the AWS credentials from the environment \(AWS_ACCESS_KEY_ID\) were rejected \(InvalidClientTokenId\): the access key id does not exist/,
    );
    assert.ok(!run.stderr.includes('AKIDREVOKEDKEY000000'), 'the key id is not repeated');
  });

  it('an expired session: says it expired and how to refresh it', async () => {
    const run = await scan(
      ['--endpoint-url', sim.url],
      simEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXPIREDSESSION00' }),
    );
    assertOneLineFailure(
      run,
      4,
      /^lambda-posture: the AWS credentials from the environment \(AWS_ACCESS_KEY_ID\) have expired \(ExpiredToken\): refresh them/,
    );
  });

  it('an endpoint nothing listens on: names the endpoint and the cause', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await scan(['--endpoint-url', url], simEnv());
    assertOneLineFailure(
      run,
      5,
      new RegExp(
        `^lambda-posture: cannot reach ${url.replace(/[.]/g, '\\.')} \\(ECONNREFUSED: nothing is listening there\\)`,
      ),
    );
  });

  it('an endpoint that accepts and never answers: gives up after the request timeout, never hangs', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const run = await scan(
        ['--endpoint-url', silent.url, '--request-timeout', '0.5', '--max-attempts', '5'],
        simEnv(),
      );
      const elapsed = Date.now() - started;
      assertOneLineFailure(
        run,
        5,
        new RegExp(
          `^lambda-posture: ${silent.url.replace(/[.]/g, '\\.')} did not answer: 3 attempt\\(s\\) each timed out after 0\\.5 s \\(--connect-timeout, --request-timeout\\)`,
        ),
      );
      // Three attempts of 0.5 s and the SDK's backoff: seconds, not the 600 s hang of before.
      assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
      assert.equal(silent.connections() >= 1, true);
    } finally {
      await silent.stop();
    }
  });
});
