/**
 * A group of checks whose ground truth lives in its own module, so the manifest grows by adding a
 * module rather than by editing one long file. A group may also plant what its checks look for
 * (and clean look-alikes) into a generated account, after the core generators ran, from its own
 * seeded stream: planting never reshuffles what the core generators drew.
 */
import type { GenContext, SimAccount } from '../account.js';

/** Where a group writes its facts; the manifest sorts and de-duplicates them. */
export interface FactSink<Id extends string> {
  /** A misconfiguration a correct scan must report as failing. */
  finding(checkId: Id, resourceArn: string, region: string | null, note: string): void;
  /** A clean resource built to resemble one: a correct scan must not fail it. */
  lookAlike(checkId: Id, resourceArn: string, note: string): void;
  /** A (check, resource) the check does not concern: a correct scan answers not_applicable. */
  notApplicable(checkId: Id, resourceArn: string, note: string): void;
}

/** The core manifest's findings (manifest.ts), for facts that stand on another check's truth. */
export interface CoreFacts {
  /** Does the core ground truth fail `resourceArn` for `checkId` (e.g. a planted env secret)? */
  fails(checkId: string, resourceArn: string): boolean;
}

export interface FactGroup<Id extends string> {
  readonly ids: readonly Id[];
  /** Checks that judge every function, so a region without functions is one not_applicable each. */
  readonly functionChecks: readonly Id[];
  /** Changes the generated account in place; must be deterministic in (ctx.seed, account). */
  plant?(account: SimAccount, ctx: GenContext): void;
  /** The ground truth for this group's checks, computed from the final model. */
  facts(account: SimAccount, sink: FactSink<Id>, core: CoreFacts): void;
  /**
   * Checks whose finding this account cannot hold at its `now` (a check judged against a dated
   * data file, when nothing in the file falls in its window that day), with the reason: the
   * scenarios then do not require a planted finding of them, so no test depends on the calendar.
   */
  unplantable?(account: SimAccount): { checkId: Id; reason: string }[];
}
