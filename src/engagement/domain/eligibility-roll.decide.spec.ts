import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import { ELIGIBILITY_POLICY } from '../meeting-policy.js';
import type { EligibilityRollCommand } from './eligibility-roll.commands.js';
import { eligibilityRollDecider, foldRoll, rollHash, rollStream } from './eligibility-roll.decider.js';
import { ResidentNotRegistered, RollAlreadyCompiled, RollFrozenError, RollNotFound, RollUnitNotFound } from './eligibility-roll.errors.js';
import type { EligibilityRollEvent } from './eligibility-roll.events.js';

const given = DeciderSpecification.for(eligibilityRollDecider);

describe('EligibilityRoll', () => {
  describe('CompileRoll', () => {
    it('compiles the listed residents, sorted and without duplicates', () =>
      given([]).when(compile({ entries: ['r3', 'r1', 'r2', 'r1'] })).then([compiled()]));
    it('ignores a resent compilation (the first list stands)', () => given([compiled()]).when(compile({ entries: ['r9'] })).thenNothingHappened());
    it('refuses to recompile for another cutoff date', () =>
      given([compiled()]).when(compile({ cutoffDate: '2019-07-01' })).thenThrows(RollAlreadyCompiled, (e) => e.code === 'roll-already-compiled' && e instanceof IllegalStateError));
    it('refuses an unknown unit', () =>
      given([]).when(compile({ unitKnown: false })).thenThrows(RollUnitNotFound, (e) => e.errors[0]?.path === 'scopeUnitId' && e instanceof ValidationError));
  });

  describe('AddRollEntry (claim)', () => {
    it('adds a registered resident', () => given([compiled()]).when(add()).then([added()]));
    it('ignores a resident already on the roll', () => given([compiled()]).when(add({ residentId: 'r1' })).thenNothingHappened());
    it('refuses a resident who is not registered', () => given([compiled()]).when(add({ residentKnown: false })).thenThrows(ResidentNotRegistered));
    it('refuses a frozen roll', () => given([compiled(), frozen()]).when(add()).thenThrows(RollFrozenError, (e) => e.code === 'roll-frozen'));
    it('refuses an unknown roll', () => given([]).when(add()).thenThrows(RollNotFound, (e) => e instanceof NotFoundError));
  });

  describe('RemoveRollEntry (challenge)', () => {
    it('removes an entry', () => given([compiled()]).when(remove()).then([removed()]));
    it('ignores a resident not on the roll', () => given([compiled(), removed()]).when(remove()).thenNothingHappened());
    it('refuses a frozen roll', () => given([compiled(), frozen()]).when(remove()).thenThrows(RollFrozenError));
    it('refuses an unknown roll', () => given([]).when(remove()).thenThrows(RollNotFound));
  });

  describe('FreezeRoll', () => {
    it('freezes with the size and hash of the current entries', () =>
      given([compiled(), added(), removed()]).when(freeze()).then([{ type: 'RollFrozen', data: { rollId: ROLL, size: 3, hash: sha(['r1', 'r3', 'r4']), frozenAt: NOW } }]));
    it('ignores freezing a frozen roll', () => given([compiled(), frozen()]).when(freeze()).thenNothingHappened());
    it('refuses an unknown roll', () => given([]).when(freeze()).thenThrows(RollNotFound));
  });

  describe('foldRoll and rollHash (for other contexts)', () => {
    it('folds entries and ignores changes after freezing', () => {
      const late: EligibilityRollEvent = { type: 'RollEntryAdded', data: { rollId: ROLL, residentId: 'r7', reason: 'late', addedAt: NOW } };
      expect(foldRoll([compiled(), added(), frozen(), late])).toMatchObject({ status: 'FROZEN', entries: ['r1', 'r2', 'r3', 'r4'], frozen: { size: 3 } });
      expect(foldRoll([added()])).toEqual({ status: 'Empty' });
    });
    it('hashes the sorted ids joined by newlines, whatever their order', () => {
      expect(rollHash(['r2', 'r1'])).toBe(sha(['r1', 'r2']));
      expect(rollHash([])).toBe(createHash('sha256').update('').digest('hex'));
    });
  });

  describe('eligibility policy', () => {
    it.each([
      ['2000–2004', '2019-06-01', false],
      ['1995–1999', '2019-06-01', true],
      ['2000–2004', '2022-01-01', true],
      ['2000–2004', '2021-12-31', false],
      ['unknown', '2019-06-01', false],
    ])('band %s on %s is adult: %s', (band, cutoff, adult) => expect(ELIGIBILITY_POLICY.isAdult(band, cutoff)).toBe(adult));
  });

  it('names the stream eligibilityRoll-<id>', () => expect(rollStream(ROLL)).toBe(`eligibilityRoll-${ROLL}`));
});

// ---------------------------------------------------------------------------------------------------------------

const NOW = '2019-06-05T09:30:00.000Z';
const ROLL = 'roll-izendy-2019';
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'meeting-secretary' }, now: NOW, correlationId: 'corr-1' };
const sha = (ids: string[]) => createHash('sha256').update(ids.join('\n')).digest('hex');

type Data<T extends EligibilityRollCommand['type']> = Extract<EligibilityRollCommand, { type: T }>['data'];
const command = <T extends EligibilityRollCommand['type']>(type: T, data: Data<T>) => ({ type, data, metadata: META }) as Extract<EligibilityRollCommand, { type: T }>;

const compile = (o: Partial<Data<'CompileRoll'>> = {}) =>
  command('CompileRoll', { rollId: ROLL, scopeUnitId: 'unit-izendy', cutoffDate: '2019-06-01', criteria: 'adults', entries: ['r1', 'r2', 'r3'], unitKnown: true, ...o });
const compiled = (): EligibilityRollEvent => ({
  type: 'RollCompiled', data: { rollId: ROLL, scopeUnitId: 'unit-izendy', cutoffDate: '2019-06-01', criteria: 'adults', entries: ['r1', 'r2', 'r3'], compiledAt: NOW },
});
const add = (o: Partial<Data<'AddRollEntry'>> = {}) => command('AddRollEntry', { rollId: ROLL, residentId: 'r4', reason: 'claim', residentKnown: true, ...o });
const added = (): EligibilityRollEvent => ({ type: 'RollEntryAdded', data: { rollId: ROLL, residentId: 'r4', reason: 'claim', addedAt: NOW } });
const remove = () => command('RemoveRollEntry', { rollId: ROLL, residentId: 'r2', reason: 'challenge' });
const removed = (): EligibilityRollEvent => ({ type: 'RollEntryRemoved', data: { rollId: ROLL, residentId: 'r2', reason: 'challenge', removedAt: NOW } });
const freeze = () => command('FreezeRoll', { rollId: ROLL });
const frozen = (): EligibilityRollEvent => ({ type: 'RollFrozen', data: { rollId: ROLL, size: 3, hash: sha(['r1', 'r2', 'r3']), frozenAt: NOW } });
