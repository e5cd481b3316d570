import { Inject, Injectable } from '@nestjs/common';
import { Projections } from '../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { AuditEventNotFound } from './audit.errors.js';
import { AUDIT_TRAIL_PROJECTION, type AuditEntry } from './audit-trail.projection.js';
import type { TimeAxis } from './time-travel.service.js';

/** Filters of the audit trail; every one given must hold. Times bound the chosen axis, inclusive. */
export type TrailSearch = {
  actor?: string;
  role?: string;
  /** One or more event types. */
  types?: string[];
  context?: string;
  category?: string;
  /** A stream id: one aggregate's events. */
  aggregate?: string;
  command?: string;
  correlationId?: string;
  causationId?: string;
  /** Events whose data refers to this id. */
  ref?: string;
  from?: string;
  to?: string;
  time?: TimeAxis;
  order?: 'asc' | 'desc';
  limit: number;
  cursor?: string;
};

/** An event with the chain of events that caused it, those it caused, and how many share its correlation. */
export type EventWithChain = AuditEntry & { causedBy: AuditEntry[]; caused: AuditEntry[]; correlated: number };

const MAX_CHAIN = 50;

/** Queries of the audit trail read model (keyset paging on the global position). */
@Injectable()
export class AuditTrailQueries {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  find(search: TrailSearch): Promise<Page<AuditEntry>> {
    const filter: Filter = {};
    if (search.actor) filter.actorId = search.actor;
    if (search.role) filter.actorRole = search.role;
    if (search.types?.length) filter.type = search.types.length === 1 ? search.types[0]! : { $in: search.types };
    if (search.context) filter.context = search.context;
    if (search.category) filter.category = search.category;
    if (search.aggregate) filter.streamId = search.aggregate;
    if (search.command) filter.commandName = search.command;
    if (search.correlationId) filter.correlationId = search.correlationId;
    if (search.causationId) filter.causationId = search.causationId;
    if (search.ref) filter.refs = search.ref;
    if (search.from || search.to) {
      filter[search.time === 'recorded' ? 'recordedAt' : 'occurredAt'] = { ...(search.from ? { $gte: search.from } : {}), ...(search.to ? { $lte: search.to } : {}) };
    }
    return this.reads.find<AuditEntry>(this.collection(), {
      filter,
      sort: [{ path: 'position', direction: search.order ?? 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }

  /**
   * One event with its causation chain: the events it descends from (following `causationId` to the event that
   * caused it, nearest first, until a command from outside), the events it caused, and the size of its correlation.
   */
  async get(eventId: string): Promise<EventWithChain> {
    const entry = await this.reads.get<AuditEntry>(this.collection(), eventId);
    if (!entry) throw new AuditEventNotFound(eventId);
    const causedBy: AuditEntry[] = [];
    for (let cause = entry.causationId; cause && causedBy.length < MAX_CHAIN; ) {
      const parent = await this.reads.get<AuditEntry>(this.collection(), cause);
      if (!parent) break;
      causedBy.push(parent);
      cause = parent.causationId;
    }
    const caused = await this.reads.find<AuditEntry>(this.collection(), { filter: { causationId: eventId }, sort: [{ path: 'position', direction: 'asc' }], limit: MAX_CHAIN });
    const correlated = await this.reads.count(this.collection(), { correlationId: entry.correlationId });
    return { ...entry, causedBy, caused: caused.items, correlated };
  }

  private collection(): string {
    return this.projections.collectionFor(AUDIT_TRAIL_PROJECTION);
  }
}
