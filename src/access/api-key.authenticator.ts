import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';
import type { Actor } from '../shared/domain/message.js';

/** File in DATA_DIR holding a generated bootstrap key when ADMIN_API_KEY is not configured. */
export const BOOTSTRAP_KEY_FILE = 'bootstrap-admin.key';

export const BOOTSTRAP_ADMIN: Actor = { id: 'bootstrap-admin', role: 'administrator' };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Maps `Authorization: Bearer <key>` to an actor. Keys are kept only as SHA-256 hashes and compared in constant time.
 * The bootstrap administrator key comes from ADMIN_API_KEY or, when that is unset, is generated once into
 * DATA_DIR/bootstrap-admin.key (mode 0600). Event-sourced keys with roles and scopes come with the access context.
 */
@Injectable()
export class ApiKeyAuthenticator implements OnModuleInit {
  private readonly logger = new Logger('ApiKeys');
  private readonly hashes: Array<{ hash: Buffer; actor: Actor }> = [];

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.hashes.push({ hash: sha256(this.bootstrapKey()), actor: BOOTSTRAP_ADMIN });
  }

  /** The actor of a presented key, or null for an unknown key. */
  authenticate(key: string): Actor | null {
    const presented = sha256(key);
    let found: Actor | null = null;
    for (const { hash, actor } of this.hashes) if (timingSafeEqual(hash, presented)) found = actor;
    return found;
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
