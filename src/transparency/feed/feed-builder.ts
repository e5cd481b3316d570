import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { DocumentWrite, ReadStore } from '../../shared/read-store/read-store.port.js';
import { DEFAULT_POLICY } from '../domain/default-policy.js';
import type { PolicyContent, PublicationPolicyChanged } from '../domain/publication-policy.events.js';
import { FEED_COLLECTION, type FeedDoc, type FeedEntry, type FeedHeadDoc, type FeedLabelDoc, type FeedPolicyDoc, seqOf } from './feed-entry.js';
import { type Label, RENDERERS } from './renderers.js';

type Policy = PolicyContent & { version: number };

/**
 * Builds the public feed from the log, one event at a time, under the publication policy in force at that event.
 * An entry becomes public at the position where it is decided: its own event, the event that releases it from a delay,
 * or the policy change that publishes its type; so a reader who follows the feed by position never misses one.
 * A correction adds an entry and updates the one it corrects; nothing is ever removed, and a policy change never
 * withdraws what was published. Every write of an event (entries, labels, policy, head) and the checkpoint are stored
 * together, so a replay after a crash neither loses nor repeats a change.
 */
export class FeedBuilder {
  /** Write-through cache of the documents of this single writer; dropped when a write fails. */
  private cache = new Map<string, FeedDoc | null>();

  constructor(
    private readonly reads: ReadStore,
    private readonly collection = FEED_COLLECTION,
    readonly checkpointKey = collection,
  ) {}

  /** Applies a batch of events in log order and stores every change with the checkpoint of the last one, atomically. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const writes = new Map<string, DocumentWrite>();
    try {
      for (const event of events) {
        const changes = new Map<string, FeedDoc>();
        await this.step(event, changes);
        for (const [id, doc] of changes) writes.set(id, { collection: this.collection, id, doc, position: event.position });
      }
      await this.reads.applyBatch({ projection: this.checkpointKey, checkpoint: events.at(-1)!.position, writes: [...writes.values()] });
    } catch (e) {
      this.cache.clear();
      throw e;
    }
  }

  private async step(event: RecordedEvent, writes: Map<string, FeedDoc>): Promise<void> {
    const put = (id: string, doc: FeedDoc) => {
      writes.set(id, doc);
      this.cache.set(id, doc);
    };
    let n = 0;
    const nextSeq = () => seqOf(event.position, n++);
    const at = event.metadata.occurredAt ?? event.recordedAt;
    const changed: string[] = [];
    const publish = (doc: FeedEntry): FeedEntry => {
      const seq = nextSeq();
      changed.push(seq);
      return { ...doc, visibility: 'public', publishedSeq: seq, changedSeq: seq, updated: at };
    };

    let policy = await this.policy();
    if (event.type === 'PublicationPolicyChanged') {
      const previous = policy;
      const { version, publicEventTypes, delays, allowOfficialNames } = (event as unknown as PublicationPolicyChanged).data;
      policy = { version, publicEventTypes, delays, allowOfficialNames };
      put('policy', { kind: 'policy', ...policy });
      // Types made public: their private entries are published now (or held, if the new policy delays them).
      for (const type of publicEventTypes.filter((t) => !previous.publicEventTypes.includes(t))) {
        for (const entry of await this.entries({ eventType: type, visibility: 'private' })) {
          const held = this.holdOf(policy, entry);
          put(`entry:${entry.key}`, held ? { ...entry, visibility: 'held', releaseOn: [held] } : publish(entry));
        }
      }
      // Delays lifted on public types: held entries are published now. Types no longer public stop being held.
      for (const type of new Set([...previous.delays.map((d) => d.eventType)])) {
        const stillPublic = publicEventTypes.includes(type);
        const stillDelayed = delays.some((d) => d.eventType === type);
        if (stillPublic && stillDelayed) continue;
        for (const entry of await this.entries({ eventType: type, visibility: 'held' })) put(`entry:${entry.key}`, stillPublic ? publish(entry) : { ...entry, visibility: 'private' });
      }
    }

    const renderer = RENDERERS[event.type];
    if (renderer?.labels) {
      for (const { id, label } of renderer.labels(event)) {
        const current = await this.label(id);
        put(`label:${id}`, { ...(current ?? {}), ...label, kind: 'label' });
      }
    }
    const labels = new Map<string, Label>();
    for (const id of renderer?.needs?.(event) ?? []) {
      const l = await this.label(id);
      if (!l) continue;
      labels.set(id, l);
      if (l.unitId && !labels.has(`unit/${l.unitId}`)) {
        const unit = await this.label(`unit/${l.unitId}`);
        if (unit) labels.set(`unit/${l.unitId}`, unit);
      }
    }

    // Releases: the event may release entries held under a delay of the policy in force, by a data field or a key it offers.
    const offered = renderer?.releaseKeys?.(event, (id) => labels.get(id)) ?? {};
    for (const rule of policy.delays.filter((r) => r.releasedBy === event.type)) {
      const value = (event.data as Record<string, unknown>)[rule.matchOn] ?? offered[rule.matchOn];
      if (typeof value !== 'string') continue;
      for (const entry of await this.entries({ releaseOn: `${rule.eventType}:${rule.matchOn}=${value}`, visibility: 'held' })) put(`entry:${entry.key}`, publish(entry));
    }

    if (renderer?.render) {
      const actorLabel = await this.label(`actor/${event.metadata.actor.id}`);
      const isPublic = policy.publicEventTypes.includes(event.type);
      for (const draft of renderer.render(event, (id) => labels.get(id))) {
        if (await this.entry(draft.key)) continue; // the key exists already (a replayed decision): the first one stands
        let doc: FeedEntry = {
          kind: 'entry', key: draft.key, eventType: event.type, eventId: event.eventId, sourcePosition: event.position.toString(),
          visibility: 'private', publishedSeq: null, changedSeq: null, published: at, updated: at,
          titles: draft.titles, summary: draft.summary, categories: draft.categories, facts: draft.facts, keys: draft.keys,
          releaseOn: [], corrects: draft.corrects ?? null, correctedBy: [],
          actor: { role: event.metadata.actor.role, name: actorLabel?.name ?? null },
        };
        if (isPublic) {
          const held = this.holdOf(policy, doc);
          doc = held ? { ...doc, visibility: 'held', releaseOn: [held] } : publish(doc);
        }
        put(`entry:${doc.key}`, doc);
        if (draft.corrects) {
          const original = await this.entry(draft.corrects);
          if (original) {
            const updated: FeedEntry = { ...original, correctedBy: [...original.correctedBy, doc.key], updated: at };
            if (original.visibility === 'public') {
              updated.changedSeq = nextSeq();
              changed.push(updated.changedSeq);
            }
            put(`entry:${original.key}`, updated);
          }
        }
      }
    }
    if (changed.length > 0) {
      const head: FeedHeadDoc = { kind: 'head', changedSeq: changed.at(-1)!, updated: at, position: event.position.toString() };
      put('head', head);
    }
  }

  /** The release key of an entry under the policy's delay for its type, or null when it is published at once. */
  private holdOf(policy: Policy, entry: Pick<FeedEntry, 'eventType' | 'keys'>): string | null {
    const rule = policy.delays.find((d) => d.eventType === entry.eventType);
    const value = rule ? entry.keys[rule.matchOn] : undefined;
    return rule && value !== undefined ? `${rule.eventType}:${rule.matchOn}=${value}` : null;
  }

  private async policy(): Promise<Policy> {
    const doc = (await this.doc('policy')) as FeedPolicyDoc | null;
    if (!doc) return DEFAULT_POLICY;
    const { kind: _, ...policy } = doc;
    return policy;
  }

  private async label(id: string): Promise<Label | null> {
    const doc = (await this.doc(`label:${id}`)) as FeedLabelDoc | null;
    if (!doc) return null;
    const { kind: _, ...label } = doc;
    return label;
  }

  private async entry(key: string): Promise<FeedEntry | null> {
    return (await this.doc(`entry:${key}`)) as FeedEntry | null;
  }

  private async doc(id: string): Promise<FeedDoc | null> {
    if (this.cache.has(id)) return this.cache.get(id)!;
    const doc = await this.reads.get<FeedDoc>(this.collection, id);
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(id, doc);
    return doc;
  }

  /** Every entry matching the filter, read through the cache so that this event's own writes are seen. */
  private async entries(filter: Record<string, string>): Promise<FeedEntry[]> {
    const found: FeedEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: FeedEntry[]; nextCursor: string | null } = await this.reads.find<FeedEntry>(this.collection, { filter: { kind: 'entry', ...filter }, limit: 500, cursor });
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const result: FeedEntry[] = [];
    for (const stored of found) {
      const current = (await this.entry(stored.key)) ?? stored;
      if (Object.entries(filter).every(([k, v]) => (k === 'releaseOn' ? current.releaseOn.includes(v) : (current as Record<string, unknown>)[k] === v))) result.push(current);
    }
    // Entries written by this same event are in the cache but not yet in the store.
    for (const [id, doc] of this.cache) {
      if (!id.startsWith('entry:') || !doc || result.some((r) => r.key === (doc as FeedEntry).key) || found.some((f) => f.key === (doc as FeedEntry).key)) continue;
      const e = doc as FeedEntry;
      if (Object.entries(filter).every(([k, v]) => (k === 'releaseOn' ? e.releaseOn.includes(v) : (e as Record<string, unknown>)[k] === v))) result.push(e);
    }
    return result.sort((a, b) => a.key.localeCompare(b.key));
  }
}
