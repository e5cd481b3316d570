import type { JsonValue } from '../shared/domain/message.js';
import { toJsonSafe } from './json-safe.js';

/** One difference between two states, at a JSON Pointer (RFC 6901) path of the states' JSON form. */
export type StateChange =
  | { op: 'added'; path: string; after: JsonValue }
  | { op: 'removed'; path: string; before: JsonValue }
  | { op: 'changed'; path: string; before: JsonValue; after: JsonValue };

/** Escapes one path segment for a JSON Pointer (`~` → `~0`, `/` → `~1`). */
export const pointerSegment = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

const isObject = (v: JsonValue): v is { [key: string]: JsonValue } => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The structured difference between two states (folded aggregates, read models): their JSON-safe forms (see
 * toJsonSafe) compared leaf by leaf. Objects are compared key by key (sorted), arrays index by index (a shorter array
 * ends in `removed` or `added` entries); a value whose JSON type changes is one `changed` entry. Equal states give [].
 */
export function diffStates(before: unknown, after: unknown): StateChange[] {
  const changes: StateChange[] = [];
  walk(toJsonSafe(before), toJsonSafe(after), '', changes);
  return changes;
}

function walk(a: JsonValue, b: JsonValue, path: string, out: StateChange[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const p = `${path}/${pointerSegment(key)}`;
      if (!(key in b)) out.push({ op: 'removed', path: p, before: a[key]! });
      else if (!(key in a)) out.push({ op: 'added', path: p, after: b[key]! });
      else walk(a[key]!, b[key]!, p, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}/${i}`;
      if (i >= b.length) out.push({ op: 'removed', path: p, before: a[i]! });
      else if (i >= a.length) out.push({ op: 'added', path: p, after: b[i]! });
      else walk(a[i]!, b[i]!, p, out);
    }
    return;
  }
  if (a !== b) out.push({ op: 'changed', path, before: a, after: b });
}
