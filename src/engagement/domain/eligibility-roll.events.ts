import type { DomainEvent } from '../../shared/domain/message.js';

/**
 * The events of an EligibilityRoll (DOMAIN.md 5.6), stream `eligibilityRoll-<rollId>`. A published contract: the
 * voting context folds these events to check that a voter is on a frozen roll and to size quorums.
 */
export type RollCompiled = DomainEvent<
  'RollCompiled',
  {
    rollId: string;
    /** The administrative unit whose residents the roll lists. */
    scopeUnitId: string;
    /** Residents registered (and aged 18 or more, by birth band, per policy) on this date. */
    cutoffDate: string;
    criteria: string;
    /** Resident ids (pseudonymous), sorted. */
    entries: string[];
    compiledAt: string;
  }
>;
export type RollEntryAdded = DomainEvent<'RollEntryAdded', { rollId: string; residentId: string; reason: string; addedAt: string }>;
export type RollEntryRemoved = DomainEvent<'RollEntryRemoved', { rollId: string; residentId: string; reason: string; removedAt: string }>;
/** The roll can no longer change. `hash` = hex SHA-256 of the sorted resident ids joined by "\n". */
export type RollFrozen = DomainEvent<'RollFrozen', { rollId: string; size: number; hash: string; frozenAt: string }>;

export type EligibilityRollEvent = RollCompiled | RollEntryAdded | RollEntryRemoved | RollFrozen;

export const rollStream = (rollId: string): string => `eligibilityRoll-${rollId}`;
