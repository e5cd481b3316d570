import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { FieldSpec } from '../read-store/read-store.port.js';

/**
 * A read model as a pure definition: which events it handles, which document(s) each event touches, and how a
 * document evolves. No I/O, no clock. Returning null from `evolve` deletes the document.
 * Changing `evolve` means raising `version`: the runner then rebuilds the projection from position zero into a new
 * collection and switches readers over once it has caught up.
 */
export type Projection<D extends object = object> = {
  /** Stable name, `<context>.<read-model>`, e.g. `territory.units`. */
  name: string;
  version: number;
  /** Event types it handles (ALL_EVENTS for every type); others only advance its checkpoint. */
  handles: readonly string[];
  /** Fields that queries filter or sort on (indexed by the read store). */
  fields: FieldSpec[];
  /** The id(s) of the document(s) an event changes; null or [] for none. */
  documentId: (event: RecordedEvent) => string | string[] | null;
  evolve: (doc: D | null, event: RecordedEvent) => D | null;
};

/** In `handles`: the projection sees every event of the log (the audit trail). */
export const ALL_EVENTS = '*';

/**
 * A process manager: reacts to events by dispatching commands. It runs on the same checkpointed runner, so it sees
 * every event at least once; the commands it dispatches carry an idempotency scope derived from the event id, so a
 * redelivered event changes nothing.
 */
export type Reactor = {
  name: string;
  handles: readonly string[];
  react: (event: RecordedEvent) => Promise<void>;
};

/** The collection of a projection version and generation: `territory_units_v1`, `territory_units_v1_g2`. */
export const collectionName = (projection: Pick<Projection, 'name' | 'version'>, generation = 1): string =>
  `${projection.name.replace(/[^A-Za-z0-9]+/g, '_')}_v${projection.version}${generation > 1 ? `_g${generation}` : ''}`;
