import type { DomainCommand } from '../../shared/domain/message.js';

/**
 * Compiles the roll of a unit on a cutoff date. `entries` (resident ids) are listed by the handler from the residents
 * register under the eligibility policy, and `criteria` names that policy: decide stays pure.
 */
export type CompileRoll = DomainCommand<'CompileRoll', {
  readonly rollId: string; readonly scopeUnitId: string; readonly cutoffDate: string; readonly criteria: string;
  readonly entries: readonly string[]; readonly unitKnown: boolean;
}>;
/** A claim: a resident missing from the roll asks to be on it. `residentKnown`: the handler found them registered. */
export type AddRollEntry = DomainCommand<'AddRollEntry', { readonly rollId: string; readonly residentId: string; readonly reason: string; readonly residentKnown: boolean }>;
/** A challenge: an entry that should not be on the roll. */
export type RemoveRollEntry = DomainCommand<'RemoveRollEntry', { readonly rollId: string; readonly residentId: string; readonly reason: string }>;
export type FreezeRoll = DomainCommand<'FreezeRoll', { readonly rollId: string }>;

export type EligibilityRollCommand = CompileRoll | AddRollEntry | RemoveRollEntry | FreezeRoll;
