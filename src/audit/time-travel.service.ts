import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';
import type { DevelopmentPlan } from '../planning/domain/development-plan.decider.js';
import { planStream } from '../planning/domain/development-plan.decider.js';
import { programmeStream } from '../programmes/domain/programme.decider.js';
import type { JsonValue } from '../shared/domain/message.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../shared/event-store/event-store.port.js';
import { Projections } from '../shared/projections/projections.module.js';
import { Folding, type SnapshotBounds, StateSnapshots, snapshotMatches } from '../shared/snapshots/state-snapshots.js';
import { type Filter, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { AuditStreamNotFoldable, AuditStreamNotFound, PlanNotFoundAsOf } from './audit.errors.js';
import { AUDIT_TRAIL_PROJECTION, type AuditEntry, auditEntryOf } from './audit-trail.projection.js';
import { toJsonSafe } from './json-safe.js';
import { type StateChange, diffStates } from './state-diff.js';
import { kindOf } from './stream-registry.js';

/** Which clock `asOf` reads: business time (`occurredAt`, the default) or the store's acceptance time (`recordedAt`). */
export type TimeAxis = 'occurred' | 'recorded';

/**
 * A cut through history: the events at or before every bound given. `asOf` bounds the chosen time axis, `revision` a
 * stream's revision, `position` the global log. A stream is always cut to a prefix: folding stops at the first event
 * past a bound, so a state is one the write side actually held.
 */
export type Cut = { asOf?: string; axis?: TimeAxis; revision?: bigint; position?: bigint };

/** A stream folded up to a cut. */
export type StateAt = {
  streamId: string;
  category: string;
  context: string;
  /** Revision and position of the last event folded in; null when the cut precedes the stream. */
  revision: string | null;
  position: string | null;
  /** Business and record time of that event. */
  occurredAt: string | null;
  recordedAt: string | null;
  eventsApplied: number;
  /** Revision of the stream's last event now (the cut may be behind it). */
  currentRevision: string;
  state: JsonValue;
};

export type StreamDiff = { streamId: string; from: Omit<StateAt, 'state'>; to: Omit<StateAt, 'state'>; changes: StateChange[] };

/** One related aggregate of the plan view, folded to the same cut. */
export type RelatedState = { streamId: string; id: string; revision: string; lastEvent: { type: string; occurredAt: string }; state: JsonValue };

/** A plan and what hung on it, all as they stood at one cut of one log position. */
export type PlanAsOf = {
  planId: string;
  asOf: string | null;
  timeAxis: TimeAxis;
  /** The log position every part of the view is read at (no event after it is seen). */
  position: string;
  status: string;
  /** The plan version in force at the cut. */
  version: number;
  plan: StateAt;
  /** The plan's actions with their costs and funding sources: its budget lines. */
  budgetLines: JsonValue[];
  programme: RelatedState | null;
  amendments: RelatedState[];
  /** Votes on the plan or its amendments, with the certified result if one was certified by the cut. */
  votes: Array<RelatedState & { certifiedResult: JsonValue | null }>;
  /** Grant calls open to the plan's territory unit, with their awards, and applications from that unit. */
  grantCalls: RelatedState[];
  grantApplications: RelatedState[];
};

const time = (e: RecordedEvent, axis: TimeAxis) => Date.parse(axis === 'recorded' ? e.recordedAt : e.metadata.occurredAt);

/** The prefix of a stream's events within a cut. */
export function cutStream(events: readonly RecordedEvent[], cut: Cut): RecordedEvent[] {
  const limit = cut.asOf === undefined ? null : Date.parse(cut.asOf);
  const out: RecordedEvent[] = [];
  for (const e of events) {
    if (cut.revision !== undefined && e.revision > cut.revision) break;
    if (cut.position !== undefined && e.position > cut.position) break;
    if (limit !== null && time(e, cut.axis ?? 'occurred') > limit) break;
    out.push(e);
  }
  return out;
}

/**
 * History and time travel over the event log: a stream's history, its state as of an instant or a revision (folded
 * through the same `evolve` the write side uses), a structured diff between two cuts, and a consistent as-of view of a
 * plan and the aggregates around it. Reads the log itself (authoritative), and the audit trail only to find related
 * streams. Never decrypts: sealed personal values come out as markers.
 */
@Injectable()
export class TimeTravelService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
    private readonly config: AppConfig,
    /** Persisted snapshots of long streams' states; without them every as-of state folds from the first event. */
    @Optional() private readonly snapshots?: StateSnapshots,
  ) {}

  /** A page of a stream's events as audit entries, from a revision (inclusive). */
  async history(streamId: string, fromRevision: bigint, limit: number): Promise<{ items: AuditEntry[]; nextRevision: bigint | null }> {
    const events = await this.events.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && (await this.events.streamRevision(streamId)) === null) throw new AuditStreamNotFound(streamId);
    const items = events.slice(0, limit).map(auditEntryOf);
    return { items, nextRevision: events.length > limit ? events[limit]!.revision : null };
  }

  /**
   * A stream's state at a cut: folded from the latest persisted snapshot within the cut (whose event at its revision
   * must still carry the snapshot's hash, else it is discarded and the stream folded from its first event), reading
   * only up to the cut's revision when it names one. Snapshots the fold passes are stored for later queries.
   */
  async stateAt(streamId: string, cut: Cut): Promise<StateAt> {
    const kind = kindOf(streamId);
    if (!kind.fold) {
      if ((await this.events.streamRevision(streamId)) === null) throw new AuditStreamNotFound(streamId);
      throw new AuditStreamNotFoldable(streamId, kind.category);
    }
    const axis = cut.axis ?? 'occurred';
    const limit = cut.asOf === undefined ? Number.NaN : Date.parse(cut.asOf);
    const bounds: SnapshotBounds = { revision: cut.revision, position: cut.position };
    if (!Number.isNaN(limit)) bounds[axis === 'recorded' ? 'recordedMs' : 'occurredMs'] = limit;

    const snapshot = this.snapshots ? await this.snapshots.latest(streamId, kind.fold, bounds) : null;
    let folding: Folding<unknown> | undefined;
    let read = snapshot ? await this.readUpTo(streamId, snapshot.revision, cut.revision) : undefined;
    let base: RecordedEvent | undefined;
    if (snapshot && read) {
      if (snapshotMatches(read.events[0], snapshot)) {
        base = read.events[0];
        folding = this.snapshots!.folding(streamId, kind.fold, snapshot);
      } else this.snapshots!.discard(snapshot);
    }
    if (!folding) {
      read = await this.readUpTo(streamId, 0n, cut.revision);
      if (read.events.length === 0) throw new AuditStreamNotFound(streamId);
      folding = this.snapshots ? this.snapshots.folding(streamId, kind.fold) : new Folding(streamId, kind.fold, null, 0, null);
    }
    const { events } = read!;
    let last = base;
    for (let i = base ? 1 : 0; i < events.length; i++) {
      const e = events[i]!;
      if (cut.revision !== undefined && e.revision > cut.revision) break;
      if (cut.position !== undefined && e.position > cut.position) break;
      if (!Number.isNaN(limit) && time(e, axis) > limit) break;
      folding.apply(e);
      last = e;
    }
    this.snapshots?.save(folding);
    const currentRevision = read!.complete ? events.at(-1)!.revision : await this.events.streamRevision(streamId);
    return stateView(streamId, last, currentRevision ?? events.at(-1)!.revision, folding.state);
  }

  /** A stream's events from a revision, only up to `upTo` when given; `complete` when they reach the stream's end. */
  private async readUpTo(streamId: string, fromRevision: bigint, upTo: bigint | undefined): Promise<{ events: RecordedEvent[]; complete: boolean }> {
    if (upTo === undefined) return { events: await this.events.readStream(streamId, fromRevision === 0n ? undefined : { fromRevision }), complete: true };
    // A cut before the stream (the start of a diff) still reads one event: whether the stream exists.
    const maxCount = upTo < fromRevision ? 1 : Number(upTo - fromRevision) + 1;
    const events = await this.events.readStream(streamId, fromRevision === 0n ? { maxCount } : { fromRevision, maxCount });
    return { events, complete: events.length < maxCount };
  }

  /** What changed in a stream's state between two cuts (each state from the nearest snapshot within its cut). */
  async diff(streamId: string, from: Cut, to: Cut): Promise<StreamDiff> {
    const { state: before, ...a } = await this.stateAt(streamId, from);
    const { state: after, ...b } = await this.stateAt(streamId, to);
    return { streamId, from: a, to: b, changes: diffStates(before, after) };
  }

  /**
   * A plan as it stood at a cut, with its budget lines, programme, amendments, votes and the grant calls and
   * applications of its territory, every part folded at the same cut and no event past one log position: the head of
   * the log when the query starts (or `cut.position`, if lower), once the audit trail has reached it.
   */
  async planAsOf(planId: string, cut: Cut): Promise<PlanAsOf> {
    const position = await this.consistentPosition(cut.position);
    const at: Cut = { ...cut, position };
    const planEvents = await this.load(planStream(planId));
    const plan = this.fold(planStream(planId), planEvents, at);
    const state = plan.state as unknown as DevelopmentPlan;
    if (plan.eventsApplied === 0 || state.status === 'Empty') throw new PlanNotFoundAsOf(planId, cut.asOf ?? `position ${position}`);
    const content = state.content;

    const aboutPlan = await this.relatedStreams([planId], position);
    const amendments = await this.foldAll(aboutPlan.filter((s) => kindOf(s).category === 'planAmendment'), at);
    const amendmentIds = amendments.map((a) => a.id);
    const aboutAmendments = amendmentIds.length > 0 ? await this.relatedStreams(amendmentIds, position) : [];
    const voteStreams = [...new Set([...aboutPlan, ...aboutAmendments].filter((s) => kindOf(s).category === 'vote'))];
    const votes = await Promise.all(
      (await this.foldAll(voteStreams, at)).map(async (v) => {
        const certified = cutStream(await this.load(v.streamId), at).filter((e) => e.type === 'VoteResultCertified' || e.type === 'VoteAnnulled').at(-1);
        return { ...v, certifiedResult: certified?.type === 'VoteResultCertified' ? toJsonSafe(certified.data) : null };
      }),
    );
    const aboutUnit = await this.relatedStreams([content.territoryUnitId], position);
    const programme = content.programmeId ? (await this.foldAll([programmeStream(content.programmeId)], at))[0] ?? null : null;
    return {
      planId,
      asOf: cut.asOf ?? null,
      timeAxis: cut.axis ?? 'occurred',
      position: position.toString(),
      status: state.status,
      version: content.version,
      plan,
      budgetLines: content.actions.map((a) => toJsonSafe({ actionId: a.actionId, priorityId: a.priorityId, title: a.title, cost: a.cost, fundingSources: a.fundingSources })),
      programme,
      amendments,
      votes,
      grantCalls: await this.foldAll(aboutUnit.filter((s) => kindOf(s).category === 'grantCall'), at),
      grantApplications: await this.foldAll(aboutUnit.filter((s) => kindOf(s).category === 'grantApplication'), at),
    };
  }

  /** The log position a consistent view reads at: the head (or `upTo`), lowered to what the audit trail reflects. */
  private async consistentPosition(upTo?: bigint): Promise<bigint> {
    const head = (await this.events.headPosition()) ?? 0n;
    const wanted = upTo !== undefined && upTo < head ? upTo : head;
    const reached = (await this.projections.waitFor(wanted, [AUDIT_TRAIL_PROJECTION], this.config.readWaitMs)) ?? 0n;
    return reached < wanted ? reached : wanted;
  }

  /** Streams whose events refer to any of `ids`, up to a log position (from the audit trail's `refs` index). */
  private async relatedStreams(ids: string[], position: bigint): Promise<string[]> {
    const collection = this.projections.collectionFor(AUDIT_TRAIL_PROJECTION);
    const streams = new Set<string>();
    for (let i = 0; i < ids.length; i += 100) {
      const filter: Filter = { refs: { $in: ids.slice(i, i + 100) }, position: { $lte: Number(position) } };
      let cursor: string | null = null;
      do {
        const page: { items: AuditEntry[]; nextCursor: string | null } = await this.reads.find<AuditEntry>(collection, { filter, limit: 1000, cursor });
        for (const entry of page.items) streams.add(entry.streamId);
        cursor = page.nextCursor;
      } while (cursor);
    }
    return [...streams].sort();
  }

  private async foldAll(streamIds: string[], cut: Cut): Promise<RelatedState[]> {
    const out: RelatedState[] = [];
    for (const streamId of streamIds) {
      const events = cutStream(await this.events.readStream(streamId), cut);
      const kind = kindOf(streamId);
      if (events.length === 0 || !kind.fold) continue;
      const last = events.at(-1)!;
      out.push({
        streamId,
        id: streamId.slice(kind.category.length + 1),
        revision: last.revision.toString(),
        lastEvent: { type: last.type, occurredAt: last.metadata.occurredAt },
        state: toJsonSafe(events.reduce((s, e) => kind.fold!.evolve(s, e as never), kind.fold.initialState())),
      });
    }
    return out;
  }

  private async load(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.events.readStream(streamId);
    if (events.length === 0) throw new AuditStreamNotFound(streamId);
    return events;
  }

  private fold(streamId: string, events: RecordedEvent[], cut: Cut): StateAt {
    const kind = kindOf(streamId);
    if (!kind.fold) throw new AuditStreamNotFoldable(streamId, kind.category);
    const applied = cutStream(events, cut);
    const last = applied.at(-1);
    const state = applied.reduce((s, e) => kind.fold!.evolve(s, e as never), kind.fold.initialState());
    return stateView(streamId, last, events.at(-1)!.revision, state);
  }
}

/** A stream's state after `last` (the last event of the stream folded in, from its first), as the audit answers it. */
const stateView = (streamId: string, last: RecordedEvent | undefined, currentRevision: bigint, state: unknown): StateAt => {
  const kind = kindOf(streamId);
  return {
    streamId,
    category: kind.category,
    context: kind.context,
    revision: last?.revision.toString() ?? null,
    position: last?.position.toString() ?? null,
    occurredAt: last?.metadata.occurredAt ?? null,
    recordedAt: last?.recordedAt ?? null,
    eventsApplied: last ? Number(last.revision) + 1 : 0,
    currentRevision: currentRevision.toString(),
    state: toJsonSafe(state),
  };
};
