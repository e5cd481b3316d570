import type { AddRollEntry, CompileRoll, EligibilityRollCommand, FreezeRoll, RemoveRollEntry } from './eligibility-roll.commands.js';
import { ResidentNotRegistered, RollAlreadyCompiled, RollFrozenError, RollNotFound, RollUnitNotFound } from './eligibility-roll.errors.js';
import type { EligibilityRollEvent } from './eligibility-roll.events.js';
import { type EligibilityRoll, rollHash } from './eligibility-roll.state.js';

type CompiledRoll = Exclude<EligibilityRoll, { status: 'Empty' }>;

const changeable = (state: EligibilityRoll, rollId: string): CompiledRoll & { status: 'COMPILED' } => {
  if (state.status === 'Empty') throw new RollNotFound(rollId);
  if (state.status === 'FROZEN') throw new RollFrozenError(rollId);
  return state as CompiledRoll & { status: 'COMPILED' };
};

export const compileRoll = ({ data, metadata }: CompileRoll, state: EligibilityRoll): EligibilityRollEvent[] => {
  if (state.status !== 'Empty') {
    if (state.scopeUnitId === data.scopeUnitId && state.cutoffDate === data.cutoffDate) return []; // resent: the first compilation stands
    throw new RollAlreadyCompiled(data.rollId);
  }
  if (!data.unitKnown) throw new RollUnitNotFound(data.scopeUnitId);
  const { rollId, scopeUnitId, cutoffDate, criteria } = data;
  return [{ type: 'RollCompiled', data: { rollId, scopeUnitId, cutoffDate, criteria, entries: [...new Set(data.entries)].sort(), compiledAt: metadata.now } }];
};

export const addRollEntry = ({ data, metadata }: AddRollEntry, state: EligibilityRoll): EligibilityRollEvent[] => {
  const roll = changeable(state, data.rollId);
  if (roll.entries.includes(data.residentId)) return [];
  if (!data.residentKnown) throw new ResidentNotRegistered(data.residentId);
  return [{ type: 'RollEntryAdded', data: { rollId: roll.rollId, residentId: data.residentId, reason: data.reason, addedAt: metadata.now } }];
};

export const removeRollEntry = ({ data, metadata }: RemoveRollEntry, state: EligibilityRoll): EligibilityRollEvent[] => {
  const roll = changeable(state, data.rollId);
  if (!roll.entries.includes(data.residentId)) return [];
  return [{ type: 'RollEntryRemoved', data: { rollId: roll.rollId, residentId: data.residentId, reason: data.reason, removedAt: metadata.now } }];
};

export const freezeRoll = ({ data, metadata }: FreezeRoll, state: EligibilityRoll): EligibilityRollEvent[] => {
  if (state.status === 'FROZEN') return [];
  const roll = changeable(state, data.rollId);
  return [{ type: 'RollFrozen', data: { rollId: roll.rollId, size: roll.entries.length, hash: rollHash(roll.entries), frozenAt: metadata.now } }];
};

/** Decides an EligibilityRoll command. Pure: entries and facts about residents and units come from the handler. */
export const decide = (command: EligibilityRollCommand, state: EligibilityRoll): EligibilityRollEvent[] => {
  switch (command.type) {
    case 'CompileRoll': return compileRoll(command, state);
    case 'AddRollEntry': return addRollEntry(command, state);
    case 'RemoveRollEntry': return removeRollEntry(command, state);
    case 'FreezeRoll': return freezeRoll(command, state);
    default: {
      const exhaustive: never = command;
      throw new Error(`Unknown EligibilityRoll command: ${(exhaustive as { type: string }).type}`);
    }
  }
};
