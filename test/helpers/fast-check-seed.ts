/**
 * Preloaded into every test process by scripts/run-tests.mjs (`--import`): every fast-check
 * property runs from one fixed seed, so a failure reproduces on any machine and any day. Set
 * FC_SEED to explore other draws; a failing run prints the seed and path to replay it.
 */
import fc from 'fast-check';

export const FC_SEED =
  Number.isInteger(Number(process.env.FC_SEED)) && process.env.FC_SEED
    ? Number(process.env.FC_SEED)
    : 20261201;

fc.configureGlobal({ seed: FC_SEED });
