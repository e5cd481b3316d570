import type { Decider } from '../domain/decider.js';

type Entry = {
  decider: object;
  version: number;
  /** Revision and id of the last event folded into `state`: the next read starts there to check it is still the same event. */
  revision: bigint;
  eventId: string;
  position: bigint;
  /** Latest business and record time (epoch ms) among the events folded into `state`, for snapshots taken from it. */
  occurredMs: number;
  recordedMs: number;
  state: unknown;
};

/** Where a cached state stands: the last event folded into it, and the latest times of the events folded. */
export type CachedAt = { revision: bigint; eventId: string; position: bigint; occurredMs: number; recordedMs: number };

/**
 * Folded states of streams, by stream id, for the decider (and its `version`) that folded them: a command on a long
 * stream reads only the events after the cached revision instead of the whole stream. An entry is used only by the
 * same decider at the same version; the least recently used entries are dropped beyond `maxEntries`.
 * States are shared between commands, so deciders must not mutate them (they are pure: evolve returns a new state).
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly maxEntries = 5000) {}

  get<S>(streamId: string, decider: Decider<S, any, any>): (CachedAt & { state: S }) | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider || entry.version !== versionOf(decider)) {
      this.missCount += 1;
      return undefined;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.hitCount += 1;
    const { revision, eventId, position, occurredMs, recordedMs } = entry;
    return { revision, eventId, position, occurredMs, recordedMs, state: entry.state as S };
  }

  set<S>(streamId: string, decider: Decider<S, any, any>, at: CachedAt, state: S): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(streamId);
    const { revision, eventId, position, occurredMs, recordedMs } = at;
    this.entries.set(streamId, { decider, version: versionOf(decider), revision, eventId, position, occurredMs, recordedMs, state });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.entries.size, hits: this.hitCount, misses: this.missCount };
  }
}

const versionOf = (decider: Decider<any, any, any>): number => decider.version ?? 1;
