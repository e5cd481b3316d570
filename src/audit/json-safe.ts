import type { JsonValue } from '../shared/domain/message.js';
import { isEncryptedValue } from '../privacy/encrypted-value.js';

/** What an auditor sees in place of a sealed personal value: that it is there, and whose key seals it; never the value. */
export type SealedMarker = { $sealed: 'A256GCM'; keyId: string };

/**
 * A folded state or event body as plain JSON an auditor may read: Maps become objects (or `[key, value]` pairs when
 * a key is not a string), Sets arrays, bigints decimal strings, Dates RFC 3339 strings, and every sealed personal value
 * (EncryptedValue) a SealedMarker, so neither ciphertext nor plaintext leaves. Nothing is ever decrypted here.
 */
export function toJsonSafe(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return null;
  if (isEncryptedValue(value)) return { $sealed: 'A256GCM', keyId: value.keyId } satisfies SealedMarker;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value instanceof Set) return [...value].map(toJsonSafe);
  if (value instanceof Map) {
    const entries = [...value.entries()];
    if (entries.every(([k]) => typeof k === 'string')) return Object.fromEntries(entries.map(([k, v]) => [k, toJsonSafe(v)]));
    return entries.map(([k, v]) => [toJsonSafe(k), toJsonSafe(v)]);
  }
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = toJsonSafe(v);
  return out;
}
