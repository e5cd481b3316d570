import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type RandomSource, systemRandom } from './random-source.js';

/** A key-encryption key from configuration: it wraps subject keys and never appears in an event or a log. */
export type MasterKey = { id: string; key: Buffer };

/** The master key configuration is missing, malformed or does not open the key store. Nothing was written. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

const FORMAT = /^([A-Za-z0-9._-]{1,64}):([A-Za-z0-9+/_-]{43}=?)$/;

/** Parses `<id>:<base64 of 32 bytes>`. */
export function parseMasterKey(text: string, name = 'MASTER_KEY'): MasterKey {
  const m = FORMAT.exec(text.trim());
  const key = m ? Buffer.from(m[2]!, m[2]!.includes('-') || m[2]!.includes('_') ? 'base64url' : 'base64') : null;
  if (!m || !key || key.length !== 32) throw new MasterKeyError(`${name} must be "<id>:<base64 of 32 random bytes>", e.g. made by: node -e "console.log('mk1:'+require('crypto').randomBytes(32).toString('base64'))"`);
  return { id: m[1]!, key };
}

export const generateMasterKey = (id = 'mk1'): string => `${id}:${randomBytes(32).toString('base64')}`;

/** AES-256-GCM key wrap with additional data naming what is wrapped; output `iv ‖ ciphertext ‖ tag`, base64url. */
export function wrap(master: MasterKey, secret: Buffer, purpose: string, random: RandomSource = systemRandom): string {
  const iv = random.bytes(12);
  const c = createCipheriv('aes-256-gcm', master.key, iv);
  c.setAAD(Buffer.from(purpose, 'utf8'));
  return Buffer.concat([iv, c.update(secret), c.final(), c.getAuthTag()]).toString('base64url');
}

export function unwrap(master: MasterKey, wrapped: string, purpose: string): Buffer {
  const data = Buffer.from(wrapped, 'base64url');
  const d = createDecipheriv('aes-256-gcm', master.key, data.subarray(0, 12));
  d.setAAD(Buffer.from(purpose, 'utf8'));
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(12, data.length - 16)), d.final()]);
}
