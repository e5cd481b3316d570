import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';
import { fold } from '../shared/domain/decider.js';
import type { Actor } from '../shared/domain/message.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { CLOCK, type Clock } from '../shared/http/clock.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { apiKeyDecider, apiKeyStream } from './domain/api-key.decider.js';
import type { ApiKeyEvent } from './domain/api-key.events.js';
import type { Scope } from './roles.js';

/** File in DATA_DIR holding a generated bootstrap key when ADMIN_API_KEY is not configured. */
export const BOOTSTRAP_KEY_FILE = 'bootstrap-admin.key';

export const BOOTSTRAP_ADMIN: Actor = { id: 'bootstrap-admin', role: 'administrator' };

/** Where the last use of each key is kept (a small read model written by authentication, at most once a minute per key). */
export const KEY_USAGE_COLLECTION = 'access_key_usage';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** An issued key as the client holds it: `aul.<keyId>.<secret>`; only the SHA-256 of the secret is ever recorded. */
export const formatKey = (keyId: string, secret: string) => `aul.${keyId}.${secret}`;
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const secretHash = (secret: string): string => sha256(secret).toString('hex');

export type Authenticated = { actor: Actor; scope: Scope };

/**
 * Maps `Authorization: Bearer <key>` to an actor and its scope. The bootstrap administrator key comes from
 * ADMIN_API_KEY or, when unset, is generated once into DATA_DIR/bootstrap-admin.key (mode 0600); it is kept only as
 * a hash. Issued keys are event-sourced: each check folds the key's stream, so a revocation, rotation or expiry
 * takes effect at the next request, on every instance.
 */
@Injectable()
export class ApiKeyAuthenticator implements OnModuleInit {
  private readonly logger = new Logger('ApiKeys');
  private bootstrapHash?: Buffer;
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.bootstrapHash = sha256(this.bootstrapKey());
    await this.reads.ensureCollection({ name: KEY_USAGE_COLLECTION, fields: [] });
  }

  /** The actor and scope of a presented key, or null for an unknown, revoked, expired or malformed key. */
  async authenticate(token: string): Promise<Authenticated | null> {
    const presented = sha256(token);
    if (this.bootstrapHash && timingSafeEqual(this.bootstrapHash, presented)) return { actor: BOOTSTRAP_ADMIN, scope: {} };
    const m = /^aul\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const [, keyId, secret] = m as unknown as [string, string, string];
    const key = fold(apiKeyDecider, (await this.events.readStream(apiKeyStream(keyId))) as unknown as ApiKeyEvent[]);
    if (key.status !== 'Active') return null;
    if (!timingSafeEqual(Buffer.from(key.secretHash, 'hex'), sha256(secret))) return null;
    const now = this.clock.now();
    if (Date.parse(key.expiresAt) <= now.getTime()) return null;
    await this.recordUse(keyId, now);
    return { actor: { id: `apiKey:${keyId}`, role: key.role }, scope: key.scope };
  }

  private async recordUse(keyId: string, now: Date): Promise<void> {
    const last = this.lastRecorded.get(keyId) ?? 0;
    if (now.getTime() - last < 60_000) return;
    this.lastRecorded.set(keyId, now.getTime());
    await this.reads.applyBatch({
      projection: 'access.key-usage',
      checkpoint: 0n,
      writes: [{ collection: KEY_USAGE_COLLECTION, id: keyId, doc: { keyId, lastUsedAt: now.toISOString() }, position: BigInt(now.getTime()) }],
    });
  }

  private bootstrapKey(): string {
    if (this.config.adminApiKey) return this.config.adminApiKey;
    const path = join(this.config.dataDir, BOOTSTRAP_KEY_FILE);
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
    const key = `aul_${randomBytes(24).toString('base64url')}`;
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    this.logger.warn(`ADMIN_API_KEY is not set: a bootstrap administrator key was generated into ${path}`);
    return key;
  }
}
