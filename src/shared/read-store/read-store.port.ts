/** DI token of the ReadStore port. */
export const READ_STORE = Symbol('READ_STORE');

export type Scalar = string | number | boolean | null;

/** A field that queries may filter or sort on. Array fields match when any element matches. */
export type FieldSpec = { path: string; type: 'string' | 'number' | 'boolean'; array?: boolean };

/** A collection and its declared query fields (indexed by the adapters). Only declared fields can be filtered or sorted. */
export type CollectionSpec = { name: string; fields: FieldSpec[] };

/**
 * A condition on one declared field: a scalar for equality (null matches a missing or null value), or operators:
 * `$in` (one of), `$gt`/`$gte`/`$lt`/`$lte` (range; strings compare by code point), `$prefix` (strings).
 */
export type Condition =
  | Scalar
  | { $in: Scalar[] }
  | { $gt?: string | number; $gte?: string | number; $lt?: string | number; $lte?: string | number }
  | { $prefix: string };

/** Conditions on declared fields, all of which must hold. */
export type Filter = Record<string, Condition>;

export type SortKey = { path: string; direction: 'asc' | 'desc' };

export type FindOptions = {
  filter?: Filter;
  /** Sort on declared fields; the document id is always the last key, so the order is total and stable. */
  sort?: SortKey[];
  /** Page size, 1 to 1000. */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`; the same filter and sort must be given. */
  cursor?: string | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** One document write of a projection batch: `doc` null deletes (a tombstone that keeps its position). */
export type DocumentWrite = { collection: string; id: string; doc: object | null; position: bigint };

/** A stored document with the position of the last event applied to it. */
export type StoredDocument<T> = { id: string; doc: T; position: bigint };

/**
 * Documents of the read models, by collection and id, with projection checkpoints. Every write is guarded by event
 * position: a write at or below a document's last applied position changes nothing, so replays are no-ops.
 * Deleted documents leave a tombstone holding their position; reads never return tombstones.
 */
export interface ReadStore {
  /**
   * Creates the collection if needed, with an index per declared field. Idempotent. With `deferIndexes` (a collection
   * built from zero, whose writes are cheaper unindexed), the field indexes are left for `ensureIndexes`; queries stay
   * correct meanwhile, only unindexed. Indexes that already exist are kept.
   */
  ensureCollection(spec: CollectionSpec, options?: { deferIndexes?: boolean }): Promise<void>;

  /** Creates the declared field indexes of a collection (after `ensureCollection` with `deferIndexes`). Idempotent. */
  ensureIndexes(name: string): Promise<void>;

  /** Drops a collection and its documents. */
  dropCollection(name: string): Promise<void>;

  /** A document, or null when absent or deleted. */
  get<T>(collection: string, id: string): Promise<T | null>;

  /** A document with its last applied position, or null; tombstones are returned with `doc: null`. */
  getStored<T>(collection: string, id: string): Promise<StoredDocument<T | null> | null>;

  /** A page of documents matching `filter`, in a stable order, with the cursor of the next page. */
  find<T>(collection: string, options: FindOptions): Promise<Page<T>>;

  /** Number of documents matching `filter`. */
  count(collection: string, filter?: Filter): Promise<number>;

  /**
   * Applies a projection batch: each write only where its position is above the document's, then the checkpoint.
   * SQLite does both in one transaction; MongoDB writes the documents first and the checkpoint after, so a crash in
   * between replays a batch whose writes are then no-ops.
   */
  applyBatch(batch: { projection: string; checkpoint: bigint; writes: DocumentWrite[] }): Promise<void>;

  /**
   * Deletes a document outright, leaving no tombstone: for stores of secrets (subject keys, the IIN index) whose
   * deletion must leave nothing behind. Projections never use it.
   */
  remove(collection: string, id: string): Promise<void>;

  /**
   * Makes deleted content unrecoverable from the store's own files where the engine allows it (SQLite: secure
   * delete and a truncating WAL checkpoint). A no-op where the engine manages its files (MongoDB).
   */
  purge(): Promise<void>;

  /** The last position a projection (or reactor) has fully applied, or null. */
  getCheckpoint(projection: string): Promise<bigint | null>;

  /** Removes a projection's checkpoint (before a rebuild from zero). */
  deleteCheckpoint(projection: string): Promise<void>;

  /** A small key-value register for infrastructure state (e.g. which version of a projection serves reads). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A query named a field that its collection does not declare, or a malformed condition or cursor. */
export class InvalidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

export class ReadStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ReadStoreUnavailableError';
  }
}
