import { createHmac } from 'node:crypto';
import type { ReadStore } from '../shared/read-store/read-store.port.js';
import { type MasterKey, MasterKeyError, unwrap, wrap } from './master-key.js';
import { type RandomSource, systemRandom } from './random-source.js';

const KEYS = 'subject_keys';
const IINS = 'iin_index';
const PEPPER = 'key-store:iin-pepper';
const CHECK = (id: string) => `key-store:master-check:${id}`;
const CHECK_TEXT = 'aul-ledger master key check';
const CACHE_MS = 60_000;

type KeyDoc = { subjectId: string; keyId: string; masterKeyId: string; wrapped: string; iinHash?: string };
type Wrapped = { masterKeyId: string; wrapped: string };

/** The subject already had its key destroyed: nothing can be sealed for it again. */
export class SubjectKeyDestroyedError extends Error {
  constructor(readonly subjectId: string) {
    super(`The personal data of ${subjectId} was erased; nothing can be recorded for it again`);
    this.name = 'SubjectKeyDestroyedError';
  }
}

/**
 * Data keys of data subjects (crypto-shredding), wrapped by the master key, in a store beside the read store: a
 * SQLite file with secure delete by default, MongoDB collections in production. Destroying a subject's key removes
 * it outright (no tombstone) and purges the store's files where the engine allows, which makes every personal value
 * sealed under it unreadable in every event, read model, export and backup made after that.
 *
 * Also keeps the IIN uniqueness index: HMAC-SHA-256 of the IIN under a random pepper (itself wrapped by the master
 * key), removed with the subject's key.
 */
export class SubjectKeyStore {
  private readonly cache = new Map<string, { key: Buffer; until: number }>();
  private pepper?: Buffer;

  private constructor(
    private readonly store: ReadStore,
    private readonly current: MasterKey,
    private readonly masters: Map<string, MasterKey>,
    private readonly now: () => number,
    private readonly random: RandomSource,
  ) {}

  /**
   * Opens the key store and proves the master keys open it before anything is written: every master key id that
   * wrapped a stored key must be configured, and each configured key must match the check value stored under its id.
   * Subject keys, the pepper and wrapping IVs are drawn from `random` (the system CSPRNG unless the demo seed runs).
   */
  static async open(store: ReadStore, current: MasterKey, previous: MasterKey[] = [], options: { now?: () => number; random?: RandomSource } = {}): Promise<SubjectKeyStore> {
    const { now = Date.now, random = systemRandom } = options;
    await store.ensureCollection({ name: KEYS, fields: [{ path: 'masterKeyId', type: 'string' }, { path: 'subjectId', type: 'string' }] });
    await store.ensureCollection({ name: IINS, fields: [] });
    const masters = new Map([current, ...previous].map((m) => [m.id, m]));
    for (const m of masters.values()) {
      const check = await store.getMeta(CHECK(m.id));
      if (check === null) continue;
      try {
        if (unwrap(m, check, 'check').toString('utf8') !== CHECK_TEXT) throw new Error('mismatch');
      } catch {
        throw new MasterKeyError(`The master key "${m.id}" is not the one this key store was written with: check MASTER_KEY / PREVIOUS_MASTER_KEYS`);
      }
    }
    const used = new Set<string>();
    for (let cursor: string | null = null; ; ) {
      const page: { items: KeyDoc[]; nextCursor: string | null } = await store.find<KeyDoc>(KEYS, { limit: 1000, cursor });
      for (const k of page.items) used.add(k.masterKeyId);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const pepper = await store.getMeta(PEPPER);
    if (pepper) used.add((JSON.parse(pepper) as Wrapped).masterKeyId);
    const missing = [...used].filter((id) => !masters.has(id));
    if (missing.length > 0) {
      throw new MasterKeyError(`The key store holds keys wrapped by master key(s) ${missing.join(', ')}, which are not configured: set MASTER_KEY (or PREVIOUS_MASTER_KEYS during a rotation)`);
    }
    const keys = new SubjectKeyStore(store, current, masters, now, random);
    if ((await store.getMeta(CHECK(current.id))) === null) await store.setMeta(CHECK(current.id), wrap(current, Buffer.from(CHECK_TEXT), 'check', random));
    return keys;
  }

  /** The key id of a subject, issuing its key when it has none. */
  async issue(subjectId: string): Promise<string> {
    const existing = await this.store.getStored<KeyDoc>(KEYS, subjectId);
    if (existing?.doc) return existing.doc.keyId;
    const keyId = `${subjectId}#1`;
    const key = this.random.bytes(32);
    const doc: KeyDoc = { subjectId, keyId, masterKeyId: this.current.id, wrapped: wrap(this.current, key, `subject-key|${keyId}`, this.random) };
    // Position 1: a concurrent issue for the same subject loses the guard, and both read back the stored key.
    await this.store.applyBatch({ projection: 'key-store', checkpoint: 0n, writes: [{ collection: KEYS, id: subjectId, doc, position: 1n }] });
    const stored = await this.store.get<KeyDoc>(KEYS, subjectId);
    if (!stored) throw new SubjectKeyDestroyedError(subjectId);
    return stored.keyId;
  }

  /** The data key of `keyId`, or null when it was destroyed (or never existed). */
  async key(keyId: string): Promise<Buffer | null> {
    const cached = this.cache.get(keyId);
    if (cached && cached.until > this.now()) return cached.key;
    const subjectId = keyId.slice(0, keyId.lastIndexOf('#'));
    const doc = await this.store.get<KeyDoc>(KEYS, subjectId);
    if (!doc || doc.keyId !== keyId) {
      this.cache.delete(keyId);
      return null;
    }
    const master = this.masters.get(doc.masterKeyId);
    if (!master) throw new MasterKeyError(`Master key ${doc.masterKeyId} is not configured`);
    const key = unwrap(master, doc.wrapped, `subject-key|${keyId}`);
    this.cache.set(keyId, { key, until: this.now() + CACHE_MS });
    return key;
  }

  /** Whether the subject has a live key. */
  async has(subjectId: string): Promise<boolean> {
    return (await this.store.get<KeyDoc>(KEYS, subjectId)) !== null;
  }

  /** Destroys the subject's key and its IIN index entry, leaving nothing behind. Idempotent. */
  async destroy(subjectId: string): Promise<void> {
    const doc = await this.store.get<KeyDoc>(KEYS, subjectId);
    if (doc?.iinHash) await this.store.remove(IINS, doc.iinHash);
    await this.store.remove(KEYS, subjectId);
    for (const id of [...this.cache.keys()]) if (id.startsWith(`${subjectId}#`)) this.cache.delete(id);
    await this.store.purge();
  }

  /** HMAC-SHA-256 of an IIN under the store's pepper: comparable, not reversible without the pepper. */
  async iinHash(iin: string): Promise<string> {
    return createHmac('sha256', await this.iinPepper()).update(iin, 'utf8').digest('hex');
  }

  /**
   * Claims an IIN for a subject. Returns the subject that holds it: `subjectId` itself when the claim succeeded
   * (or was already its own), another subject when the IIN is taken.
   */
  async claimIin(iinHash: string, subjectId: string): Promise<string> {
    const holder = await this.store.get<{ subjectId: string }>(IINS, iinHash);
    if (holder) return holder.subjectId;
    await this.store.applyBatch({ projection: 'key-store', checkpoint: 0n, writes: [{ collection: IINS, id: iinHash, doc: { subjectId }, position: 1n }] });
    const winner = (await this.store.get<{ subjectId: string }>(IINS, iinHash))?.subjectId ?? subjectId;
    if (winner === subjectId) {
      const doc = await this.store.getStored<KeyDoc>(KEYS, subjectId);
      if (doc?.doc) await this.store.applyBatch({ projection: 'key-store', checkpoint: 0n, writes: [{ collection: KEYS, id: subjectId, doc: { ...doc.doc, iinHash }, position: doc.position + 1n }] });
    }
    return winner;
  }

  /** Releases the IIN a subject holds (deregistration, or a registration that failed after its claim). */
  async releaseIinOf(subjectId: string): Promise<void> {
    const stored = await this.store.getStored<KeyDoc>(KEYS, subjectId);
    const iinHash = stored?.doc?.iinHash;
    if (!stored?.doc || !iinHash) return;
    const holder = await this.store.get<{ subjectId: string }>(IINS, iinHash);
    if (holder?.subjectId === subjectId) await this.store.remove(IINS, iinHash);
    const { iinHash: _, ...rest } = stored.doc;
    await this.store.applyBatch({ projection: 'key-store', checkpoint: 0n, writes: [{ collection: KEYS, id: subjectId, doc: rest, position: stored.position + 1n }] });
    await this.store.purge();
  }

  /** The subject holding an IIN hash, or null. */
  async iinHolder(iinHash: string): Promise<string | null> {
    return (await this.store.get<{ subjectId: string }>(IINS, iinHash))?.subjectId ?? null;
  }

  /** Re-wraps every subject key and the pepper under the current master key; events are untouched. Returns the count. */
  async rotate(): Promise<number> {
    let count = 0;
    for (let cursor: string | null = null; ; ) {
      const page: { items: KeyDoc[]; nextCursor: string | null } = await this.store.find<KeyDoc>(KEYS, { limit: 500, cursor });
      for (const doc of page.items) {
        if (doc.masterKeyId === this.current.id) continue;
        const stored = await this.store.getStored<KeyDoc>(KEYS, doc.subjectId);
        if (!stored?.doc) continue;
        const key = unwrap(this.masters.get(doc.masterKeyId)!, doc.wrapped, `subject-key|${doc.keyId}`);
        const next = { ...doc, masterKeyId: this.current.id, wrapped: wrap(this.current, key, `subject-key|${doc.keyId}`, this.random) };
        await this.store.applyBatch({ projection: 'key-store', checkpoint: 0n, writes: [{ collection: KEYS, id: doc.subjectId, doc: next, position: stored.position + 1n }] });
        count += 1;
      }
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const pepper = await this.store.getMeta(PEPPER);
    if (pepper && (JSON.parse(pepper) as Wrapped).masterKeyId !== this.current.id) {
      await this.store.setMeta(PEPPER, JSON.stringify({ masterKeyId: this.current.id, wrapped: wrap(this.current, await this.iinPepper(), 'iin-pepper', this.random) }));
    }
    await this.store.purge();
    return count;
  }

  private async iinPepper(): Promise<Buffer> {
    if (this.pepper) return this.pepper;
    let stored = await this.store.getMeta(PEPPER);
    if (!stored) {
      await this.store.setMeta(PEPPER, JSON.stringify({ masterKeyId: this.current.id, wrapped: wrap(this.current, this.random.bytes(32), 'iin-pepper', this.random) }));
      stored = (await this.store.getMeta(PEPPER))!;
    }
    const { masterKeyId, wrapped } = JSON.parse(stored) as Wrapped;
    this.pepper = unwrap(this.masters.get(masterKeyId)!, wrapped, 'iin-pepper');
    return this.pepper;
  }
}
