import { createHash } from 'node:crypto';
import type { EligibilityRollEvent } from './eligibility-roll.events.js';

/** The folded state of an EligibilityRoll; also what other contexts (voting) need from it. */
export type EligibilityRoll =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'COMPILED' | 'FROZEN';
      readonly rollId: string;
      readonly scopeUnitId: string;
      readonly cutoffDate: string;
      readonly criteria: string;
      /** Resident ids on the roll, sorted. */
      readonly entries: readonly string[];
      /** Size and hash as frozen; null before freezing. */
      readonly frozen: { readonly size: number; readonly hash: string } | null;
    };

export const initialState = (): EligibilityRoll => ({ status: 'Empty' });

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/** Folds one event. Total and tolerant: events before compilation, after freezing, and unknown types change nothing. */
export const evolve = (state: EligibilityRoll, event: EligibilityRollEvent): EligibilityRoll => {
  if (event.type === 'RollCompiled') {
    if (state.status !== 'Empty') return state;
    const { rollId, scopeUnitId, cutoffDate, criteria, entries } = event.data;
    return { status: 'COMPILED', rollId, scopeUnitId, cutoffDate, criteria, entries: sorted(entries), frozen: null };
  }
  if (state.status !== 'COMPILED') return state;
  switch (event.type) {
    case 'RollEntryAdded':
      return { ...state, entries: sorted([...state.entries, event.data.residentId]) };
    case 'RollEntryRemoved':
      return { ...state, entries: state.entries.filter((id) => id !== event.data.residentId) };
    case 'RollFrozen':
      return { ...state, status: 'FROZEN', frozen: { size: event.data.size, hash: event.data.hash } };
    default:
      return state; // unknown or legacy events must not break rehydration
  }
};

/** The roll a stream's events describe (`eligibilityRoll-<id>`). Pure; for the voting context to check voters and size quorums. */
export const foldRoll = (events: readonly EligibilityRollEvent[]): EligibilityRoll => events.reduce(evolve, initialState());

/** The roll's hash as RollFrozen records it: hex SHA-256 of the sorted resident ids joined by "\n". */
export const rollHash = (residentIds: readonly string[]): string => createHash('sha256').update([...residentIds].sort().join('\n')).digest('hex');
