import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReporter } from '../src/progress.js';

const clock = () => {
  let t = Date.parse('2026-12-01T00:00:00.000Z');
  return () => {
    t += 500;
    return new Date(t);
  };
};

function capture(style: 'lines' | 'json') {
  const out: string[] = [];
  const reporter = createReporter({ style, write: (t) => out.push(t), now: clock() });
  return { reporter, out };
}

describe('progress reporters', () => {
  it('lines: region-prefixed lines, counted Lambda reads only at each quarter and the end', () => {
    const { reporter, out } = capture('lines');
    reporter.progress({ phase: 'iam', message: 'reading authorization details' });
    for (let done = 0; done <= 8; done++) {
      reporter.progress({
        phase: 'lambda',
        region: 'eu-west-1',
        done,
        total: 8,
        message: `${done}/8 functions read`,
      });
    }
    reporter.info('inventory saved to inv.json');
    reporter.warn('rule 2 expired');
    // The clock moves 0.5 s a reading, and only printed lines read it.
    assert.deepEqual(out, [
      '[   0.5s] iam      reading authorization details\n',
      '[   1.0s] lambda   eu-west-1: 2/8 functions read\n',
      '[   1.5s] lambda   eu-west-1: 4/8 functions read\n',
      '[   2.0s] lambda   eu-west-1: 6/8 functions read\n',
      '[   2.5s] lambda   eu-west-1: 8/8 functions read\n',
      'inventory saved to inv.json\n',
      'lambda-posture: warning: rule 2 expired\n',
    ]);
  });

  it('json: one parseable object per line with time, level and the event fields', () => {
    const { reporter, out } = capture('json');
    reporter.progress({ phase: 'lambda', region: 'us-east-1', done: 4, total: 4, message: 'all read' });
    reporter.warn('a "quoted" <warning>\nwith a newline');
    const lines = out.join('').trimEnd().split('\n');
    assert.equal(lines.length, 2, 'a newline in a message stays inside its JSON line');
    assert.deepEqual(JSON.parse(lines[0] as string), {
      time: '2026-12-01T00:00:00.500Z',
      level: 'info',
      phase: 'lambda',
      region: 'us-east-1',
      done: 4,
      total: 4,
      message: 'all read',
    });
    assert.equal(JSON.parse(lines[1] as string).level, 'warn');
  });
});
