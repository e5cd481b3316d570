import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { EncryptedValue } from '../shared/domain/personal-data.js';
import { type RandomSource, systemRandom } from './random-source.js';

export type { EncryptedValue };

/** What every read shows in place of a personal value whose subject was erased. */
export const ERASED = '[erased]';

export const isEncryptedValue = (v: unknown): v is EncryptedValue =>
  typeof v === 'object' && v !== null && (v as EncryptedValue).alg === 'A256GCM' && typeof (v as EncryptedValue).ct === 'string';

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`. The additional data binds the value to its key and field
 * (`<keyId>|<field>`), so a ciphertext moved to another field or subject does not decrypt. The IV comes from `random`.
 */
export function sealValue(key: Buffer, keyId: string, field: string, plaintext: string, random: RandomSource = systemRandom): EncryptedValue {
  const iv = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${keyId}|${field}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { keyId, alg: 'A256GCM', iv: iv.toString('base64url'), ct: ct.toString('base64url') };
}

/** Decrypts a value sealed by `sealValue` for the same field; throws when the key, field or bytes do not match. */
export function openValue(key: Buffer, field: string, value: EncryptedValue): string {
  const data = Buffer.from(value.ct, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(value.iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${value.keyId}|${field}`, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
