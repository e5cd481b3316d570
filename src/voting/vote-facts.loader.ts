import { Inject, Injectable } from '@nestjs/common';
import type { EligibilityRollEvent } from '../engagement/domain/eligibility-roll.events.js';
import { rollStream } from '../engagement/domain/eligibility-roll.events.js';
import { fold } from '../shared/domain/decider.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { RollFacts } from './domain/vote.commands.js';
import { type Vote, voteDecider, voteStream } from './domain/vote.decider.js';
import type { VoteEvent } from './domain/vote.events.js';

/** A roll folded from its published events: the RollFacts plus its entries. */
export type Roll = NonNullable<RollFacts> & { entries: ReadonlySet<string> };

/** Folds the published EligibilityRoll events (engagement/domain/eligibility-roll.events.ts); a frozen roll never changes. */
export const foldRoll = (events: readonly EligibilityRollEvent[]): Roll | null =>
  events.reduce<Roll | null>((roll, e) => {
    if (e.type === 'RollCompiled') {
      return roll ?? { rollId: e.data.rollId, scopeUnitId: e.data.scopeUnitId, frozen: false, size: new Set(e.data.entries).size, hash: null, entries: new Set(e.data.entries) };
    }
    if (!roll || roll.frozen) return roll;
    switch (e.type) {
      case 'RollEntryAdded': {
        const entries = new Set([...roll.entries, e.data.residentId]);
        return { ...roll, entries, size: entries.size };
      }
      case 'RollEntryRemoved': {
        const entries = new Set([...roll.entries].filter((r) => r !== e.data.residentId));
        return { ...roll, entries, size: entries.size };
      }
      case 'RollFrozen':
        return { ...roll, frozen: true, size: e.data.size, hash: e.data.hash };
      default:
        return roll;
    }
  }, null);

/** Reads what the voting commands need from other streams before deciding: rolls, votes, ballots. */
@Injectable()
export class VoteFactsLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async roll(rollId: string): Promise<Roll | null> {
    return foldRoll((await this.store.readStream(rollStream(rollId))) as unknown as EligibilityRollEvent[]);
  }

  async voteEvents(voteId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(voteStream(voteId));
  }

  async vote(voteId: string): Promise<Vote> {
    return fold(voteDecider, (await this.voteEvents(voteId)) as unknown as VoteEvent[]);
  }

  /** Ballot streams of the given residents in one vote (empty arrays for those who did not vote), a few at a time. */
  async ballots(streams: string[]): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for (let i = 0; i < streams.length; i += 50) {
      const batch = await Promise.all(streams.slice(i, i + 50).map((s) => this.store.readStream(s, { maxCount: 1 })));
      for (const events of batch) found.push(...events);
    }
    return found;
  }
}
