import {
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter as MongoFilter,
  Long,
  MongoBulkWriteError,
  MongoClient,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { type CursorState, type NormalisedCondition, checkLimit, decodeCursor, encodeCursor, normaliseFilter, normaliseSort, valueAt } from '../query.js';
import {
  type CollectionSpec,
  type DocumentWrite,
  type FieldSpec,
  type Filter,
  type FindOptions,
  InvalidQueryError,
  type Page,
  type ReadStore,
  ReadStoreUnavailableError,
  type Scalar,
  type SortKey,
  type StoredDocument,
} from '../read-store.port.js';

export type MongoReadStoreOptions = {
  /** Database of the read models; the database of the connection string (the driver's `test` when it names none) when omitted. */
  dbName?: string;
  /** How long an operation waits for a reachable server before failing with ReadStoreUnavailableError; 10 s when omitted. */
  serverSelectionTimeoutMS?: number;
};

/** One read-model document as stored: the user's document under `doc`, so its own fields never clash with ours. */
type Stored = { _id: string; doc: object | null; pos: bigint; deleted: boolean };
type Checkpoint = { _id: string; pos: bigint };
type Meta = { _id: string; value: string };

const CHECKPOINTS = 'projection_checkpoints';
const META = 'read_store_meta';
const RESERVED = new Set([CHECKPOINTS, META]);
/** The same collection names and field paths as the SQLite adapter accepts, so a read model runs on either store. */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** MongoDB's duplicate key error. */
const DUPLICATE_KEY = 11000;
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
/** Ids per `$in` when reading the stored positions of a batch. */
const ID_CHUNK = 500;
/** Rounds of "read positions, write the newer ones" per collection of a batch; more than one only under a concurrent writer. */
const MAX_WRITE_ROUNDS = 5;

/**
 * The production read store on MongoDB (or any server speaking its wire protocol: the tests run it against FerretDB
 * 1.24 on SQLite). The only file of the project that imports the `mongodb` driver.
 *
 * - A collection holds `{ _id: id, doc, pos, deleted }`: the user document under `doc`, the position of the last
 *   event applied to it as an exact int64 (`useBigInt64`: bigint in, bigint out), and `deleted: true` with
 *   `doc: null` for a tombstone. Filters and sorts on a declared field `path` go to `doc.<path>`, with one index
 *   per declared field.
 * - Writes are guarded by position, without transactions (FerretDB 1.x has none, and a replica set is not needed):
 *   a batch writes its documents first and its checkpoint after them, so a crash in between replays the batch and
 *   every write of the replay is a no-op. See {@link MongoReadStore.applyBatch}.
 * - Sort order is MongoDB's: strings by code point (no collation), null or missing before any value ascending and
 *   after every value descending, then `_id` ascending. Paging is keyset paging on those keys.
 * - Everything used is supported by both MongoDB and FerretDB 1.24 (no transactions, no collations, no
 *   `client.bulkWrite`, one index per `createIndexes` call).
 */
export class MongoReadStore implements ReadStore {
  private readonly specs = new Map<string, CollectionSpec>();
  private closed = false;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** Connects and pings the server; an unreachable server or a malformed URL is a ReadStoreUnavailableError. */
  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    let client: MongoClient;
    try {
      client = new MongoClient(url, {
        // Positions are int64 and must stay exact: read them as bigint (bigint is always written as int64).
        useBigInt64: true,
        // Leave undefined properties out, as JSON (and so the SQLite adapter) does, instead of storing null.
        ignoreUndefined: true,
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
        appName: 'aul-ledger-read-store',
      });
    } catch (e) {
      throw new ReadStoreUnavailableError(`Invalid MongoDB connection string: ${messageOf(e)}`, e);
    }
    try {
      await client.connect();
      const db = client.db(options.dbName);
      await db.command({ ping: 1 });
      return new MongoReadStore(client, db);
    } catch (e) {
      await client.close().catch(() => undefined);
      throw new ReadStoreUnavailableError(`Cannot reach the MongoDB read store: ${messageOf(e)}`, e);
    }
  }

  /**
   * Creates the collection and one ascending index per declared field, and remembers the spec, which `find` and
   * `count` need to validate filters. Indexes are created one per command: FerretDB 1.24 fails a `createIndexes`
   * that repeats two or more existing indexes (it closes the connection), while a single existing index is a no-op.
   */
  async ensureCollection(spec: CollectionSpec, options: { deferIndexes?: boolean } = {}): Promise<void> {
    checkName(spec.name);
    for (const f of spec.fields) if (!PATH.test(f.path)) throw new InvalidQueryError(`Invalid field path ${f.path}`);
    await this.guard(async () => {
      try {
        await this.db.createCollection(spec.name);
      } catch (e) {
        if (!(e instanceof MongoServerError && e.code === NAMESPACE_EXISTS)) throw e;
      }
    });
    this.specs.set(spec.name, spec);
    if (!options.deferIndexes) await this.ensureIndexes(spec.name);
  }

  async ensureIndexes(name: string): Promise<void> {
    const spec = this.spec(name);
    const collection = this.db.collection<Stored>(name);
    await this.guard(async () => {
      for (const f of spec.fields) await collection.createIndex({ [docPath(f.path)]: 1 }, { name: `${docPath(f.path)}_1` });
    });
  }

  /** Drops the collection (a missing one is fine) and forgets its spec: call `ensureCollection` again to use it. */
  async dropCollection(name: string): Promise<void> {
    checkName(name);
    await this.guard(async () => {
      try {
        await this.db.collection(name).drop();
      } catch (e) {
        if (!(e instanceof MongoServerError && e.code === NAMESPACE_NOT_FOUND)) throw e;
      }
    });
    this.specs.delete(name);
  }

  async remove(collection: string, id: string): Promise<void> {
    checkName(collection);
    await this.guard(() => this.db.collection<Stored>(collection).deleteOne({ _id: id }));
  }

  /** MongoDB manages its files; a deleted document is gone from every query at once. */
  async purge(): Promise<void> {}

  async get<T>(collection: string, id: string): Promise<T | null> {
    return (await this.getStored<T>(collection, id))?.doc ?? null;
  }

  async getStored<T>(collection: string, id: string): Promise<StoredDocument<T | null> | null> {
    checkName(collection);
    const row = await this.guard(() => this.db.collection<Stored>(collection).findOne({ _id: id }));
    if (!row) return null;
    return { id, doc: row.deleted ? null : (row.doc as T), position: toBigInt(row.pos) };
  }

  async find<T>(collection: string, options: FindOptions): Promise<Page<T>> {
    const spec = this.spec(collection);
    const limit = checkLimit(options.limit);
    const sort = normaliseSort(spec, options.sort);
    const clauses = [{ deleted: false }, ...normaliseFilter(spec, options.filter).map(toMongo)];
    if (options.cursor) clauses.push(keyset(sort, checkCursor(sort, decodeCursor(options.cursor, sort.length))));
    const order: Array<[string, 1 | -1]> = [...sort.map((s): [string, 1 | -1] => [docPath(s.path), s.direction === 'asc' ? 1 : -1]), ['_id', 1]];
    const rows = await this.guard(() =>
      this.db
        .collection<Stored>(collection)
        .find({ $and: clauses } as MongoFilter<Stored>, { sort: order, limit: limit + 1, projection: { doc: 1 } })
        .toArray(),
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ values: sort.map((s) => sortValue(s, last)), id: last._id }) : null;
    return { items: items.map((r) => r.doc as T), nextCursor };
  }

  async count(collection: string, filter: Filter = {}): Promise<number> {
    const spec = this.spec(collection);
    const clauses = [{ deleted: false }, ...normaliseFilter(spec, filter).map(toMongo)];
    // countDocuments sums with $group, which may answer an int64 (a bigint here).
    return Number(await this.guard(() => this.db.collection<Stored>(collection).countDocuments({ $and: clauses } as MongoFilter<Stored>)));
  }

  /**
   * Writes the batch's documents where their position is above the stored one, then the checkpoint (no transaction:
   * a crash in between replays the batch, whose writes are then no-ops).
   *
   * Per collection: the batch keeps only the highest-positioned write of each id (the guard would make the others
   * no-ops anyway); the stored positions of those ids are read, writes at or below them are dropped as stale, and
   * the rest go in one unordered `bulkWrite` of guarded upserts (`{ _id, pos: { $lt: p } }`, `upsert: true`).
   * An upsert whose guard fails because a newer document exists fails with a duplicate key error (E11000): that only
   * happens when another writer raced in after the read. MongoDB then applies all the other writes, but FerretDB 1.24
   * stops the whole `update` command at the first such error (it ignores `ordered: false`), so after an E11000 the
   * positions are read again and whatever is still newer is written again, until nothing is left (bounded). Any
   * other error is rethrown.
   */
  async applyBatch({ projection, checkpoint, writes }: { projection: string; checkpoint: bigint; writes: DocumentWrite[] }): Promise<void> {
    const latest = new Map<string, Map<string, DocumentWrite>>();
    for (const w of writes) {
      checkName(w.collection);
      let byId = latest.get(w.collection);
      if (!byId) latest.set(w.collection, (byId = new Map()));
      const previous = byId.get(w.id);
      if (!previous || w.position > previous.position) byId.set(w.id, w);
    }
    await this.guard(async () => {
      for (const [name, byId] of latest) await this.writeNewer(this.db.collection<Stored>(name), [...byId.values()]);
      await this.db.collection<Checkpoint>(CHECKPOINTS).updateOne({ _id: projection }, { $set: { pos: checkpoint } }, { upsert: true });
    });
  }

  async getCheckpoint(projection: string): Promise<bigint | null> {
    const row = await this.guard(() => this.db.collection<Checkpoint>(CHECKPOINTS).findOne({ _id: projection }));
    return row ? toBigInt(row.pos) : null;
  }

  async deleteCheckpoint(projection: string): Promise<void> {
    await this.guard(() => this.db.collection<Checkpoint>(CHECKPOINTS).deleteOne({ _id: projection }));
  }

  async getMeta(key: string): Promise<string | null> {
    const row = await this.guard(() => this.db.collection<Meta>(META).findOne({ _id: key }));
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.guard(() => this.db.collection<Meta>(META).updateOne({ _id: key }, { $set: { value } }, { upsert: true }));
  }

  async ping(): Promise<void> {
    await this.guard(() => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  /** See {@link MongoReadStore.applyBatch}. */
  private async writeNewer(collection: Collection<Stored>, writes: DocumentWrite[]): Promise<void> {
    let pending = writes;
    for (let round = 1; ; round++) {
      const stored = new Map<string, bigint>();
      for (let i = 0; i < pending.length; i += ID_CHUNK) {
        const ids = pending.slice(i, i + ID_CHUNK).map((w) => w.id);
        for (const row of await collection.find({ _id: { $in: ids } }, { projection: { pos: 1 } }).toArray()) stored.set(row._id, toBigInt(row.pos));
      }
      pending = pending.filter((w) => {
        const position = stored.get(w.id);
        return position === undefined || position < w.position;
      });
      if (pending.length === 0) return;
      const operations = pending.map(
        (w): AnyBulkWriteOperation<Stored> => ({
          updateOne: { filter: { _id: w.id, pos: { $lt: w.position } }, update: { $set: { doc: w.doc, pos: w.position, deleted: w.doc === null } }, upsert: true },
        }),
      );
      try {
        await collection.bulkWrite(operations, { ordered: false });
        return;
      } catch (e) {
        if (!onlyStaleUpserts(e)) throw e;
        if (round >= MAX_WRITE_ROUNDS) {
          throw new Error(`Position-guarded writes to ${collection.collectionName} kept colliding with another writer (${MAX_WRITE_ROUNDS} rounds)`, { cause: e });
        }
      }
    }
  }

  private spec(collection: string): CollectionSpec {
    const spec = this.specs.get(collection);
    if (!spec) throw new InvalidQueryError(`${collection} has no declared fields here: call ensureCollection before querying it`);
    return spec;
  }

  /** Runs a driver call; a closed store or an unreachable server becomes ReadStoreUnavailableError. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ReadStoreUnavailableError('The MongoDB read store is closed');
    try {
      return await fn();
    } catch (e) {
      if (isUnavailable(e)) throw new ReadStoreUnavailableError(`MongoDB read store unavailable: ${messageOf(e)}`, e);
      throw e;
    }
  }
}

const docPath = (path: string): string => `doc.${path}`;

const checkName = (name: string): void => {
  if (!NAME.test(name) || RESERVED.has(name)) throw new InvalidQueryError(`Invalid collection name ${name}`);
};

const toBigInt = (value: unknown): bigint => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Long) return value.toBigInt();
  throw new Error(`Stored position is not an integer: ${String(value)}`);
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const isUnavailable = (e: unknown): boolean =>
  e instanceof MongoNetworkError ||
  e instanceof MongoServerSelectionError ||
  e instanceof MongoNotConnectedError ||
  e instanceof MongoTopologyClosedError ||
  e instanceof MongoClientClosedError ||
  e instanceof MongoOperationTimeoutError;

/**
 * A write failure that only says "a newer document exists": duplicate keys of guarded upserts, with no write concern
 * error. MongoDB reports them per write (MongoBulkWriteError); a server may also fail the whole command with one.
 */
const onlyStaleUpserts = (e: unknown): boolean => {
  if (e instanceof MongoBulkWriteError) {
    const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
    return errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY) && e.result?.getWriteConcernError() === undefined;
  }
  return e instanceof MongoServerError && e.code === DUPLICATE_KEY;
};

/** A normalised condition on `doc.<path>`; array fields match when any element matches (MongoDB's own semantics). */
const toMongo = (c: NormalisedCondition): Record<string, unknown> => {
  const key = docPath(c.field.path);
  switch (c.op) {
    case 'eq':
      return { [key]: c.value }; // null matches a null or missing value
    case 'in':
      return { [key]: { $in: c.values } };
    case 'prefix':
      return { [key]: { $regex: `^${escapeRegex(c.value)}` } };
    default:
      return { [key]: { [`$${c.op}`]: c.value } };
  }
};

/** Escapes the regex metacharacters, so a prefix matches literally in PCRE (MongoDB) and RE2 (FerretDB) alike. */
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * "After the last item" for keyset paging: for sort keys k1..kn with the last item's values v1..vn and id,
 * `(k1 after v1) OR (k1 = v1 AND k2 after v2) OR ... OR (k1 = v1 AND ... AND kn = vn AND _id > id)`.
 * Null (or missing) sorts first ascending and last descending, so: ascending, after null is "not null" and after v
 * is "> v"; descending, after v is "< v or null", and only another null (by the later keys) comes after null.
 */
const keyset = (sort: Array<SortKey & { field: FieldSpec }>, cursor: CursorState): Record<string, unknown> => {
  const branches: Array<Record<string, unknown>> = [];
  const equal: Array<Record<string, unknown>> = [];
  const all = (clauses: Array<Record<string, unknown>>) => (clauses.length === 1 ? clauses[0]! : { $and: clauses });
  sort.forEach((s, i) => {
    const key = docPath(s.path);
    const v = cursor.values[i] ?? null;
    const after =
      v === null
        ? s.direction === 'asc'
          ? { [key]: { $ne: null } }
          : null
        : s.direction === 'asc'
          ? { [key]: { $gt: v } }
          : { $or: [{ [key]: { $lt: v } }, { [key]: null }] };
    if (after) branches.push(all([...equal, after]));
    equal.push({ [key]: v });
  });
  branches.push(all([...equal, { _id: { $gt: cursor.id } }]));
  return branches.length === 1 ? branches[0]! : { $or: branches };
};

/** A cursor's values must be null or of their field's type (anything else did not come from `find`). */
const checkCursor = (sort: Array<SortKey & { field: FieldSpec }>, cursor: CursorState): CursorState => {
  sort.forEach((s, i) => {
    const v = cursor.values[i];
    if (v !== null && typeof v !== s.field.type) throw new InvalidQueryError('The cursor is not valid for this query; start again without a cursor');
  });
  return cursor;
};

/**
 * The last item's value of a sort key, for the next cursor. Keyset paging compares by type, so a value of another
 * type than the declared one (stored by a projection that did not follow its spec) cannot be paged past: refused.
 */
const sortValue = (s: SortKey & { field: FieldSpec }, row: Stored): Scalar => {
  const v = valueAt(row.doc, s.path) ?? null;
  if (v !== null && typeof v !== s.field.type) {
    throw new InvalidQueryError(`Cannot page on ${s.path}: document ${row._id} holds a ${typeof v} there, not a ${s.field.type}`);
  }
  return v as Scalar;
};
