import { Buffer } from 'node:buffer';
import { type CollectionSpec, type Condition, type FieldSpec, type Filter, InvalidQueryError, type Scalar, type SortKey } from './read-store.port.js';

/** A condition normalised to one operator, checked against its field's declared type. */
export type NormalisedCondition =
  | { field: FieldSpec; op: 'eq'; value: Scalar }
  | { field: FieldSpec; op: 'in'; values: Scalar[] }
  | { field: FieldSpec; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { field: FieldSpec; op: 'prefix'; value: string };

const RANGE = ['$gt', '$gte', '$lt', '$lte'] as const;

/** Validates a filter against the collection's declared fields and normalises it (shared by every adapter). */
export function normaliseFilter(spec: CollectionSpec, filter: Filter = {}): NormalisedCondition[] {
  const out: NormalisedCondition[] = [];
  for (const [path, condition] of Object.entries(filter)) {
    const field = declared(spec, path);
    if (condition === null || typeof condition !== 'object') {
      out.push({ field, op: 'eq', value: checkScalar(field, condition as Scalar) });
      continue;
    }
    const keys = Object.keys(condition);
    if (keys.length === 0) throw new InvalidQueryError(`Empty condition on ${path}`);
    if ('$in' in condition) {
      if (keys.length !== 1 || !Array.isArray(condition.$in)) throw new InvalidQueryError(`$in on ${path} takes one array and no other operator`);
      if (condition.$in.length > 100) throw new InvalidQueryError(`$in on ${path} takes at most 100 values`);
      out.push({ field, op: 'in', values: condition.$in.map((v) => checkScalar(field, v)) });
    } else if ('$prefix' in condition) {
      if (keys.length !== 1 || typeof condition.$prefix !== 'string' || field.type !== 'string') throw new InvalidQueryError(`$prefix on ${path} takes one string on a string field`);
      out.push({ field, op: 'prefix', value: condition.$prefix });
    } else {
      for (const key of keys) {
        if (!(RANGE as readonly string[]).includes(key)) throw new InvalidQueryError(`Unknown operator ${key} on ${path}`);
        const value = (condition as Record<string, unknown>)[key];
        if (field.type === 'boolean' || typeof value !== field.type) throw new InvalidQueryError(`${key} on ${path} takes a ${field.type}`);
        out.push({ field, op: key.slice(1) as 'gt', value: value as string | number });
      }
    }
  }
  return out;
}

/** Validates sort keys (declared, non-array fields) and appends nothing: adapters add the id as the last key. */
export function normaliseSort(spec: CollectionSpec, sort: SortKey[] = []): Array<SortKey & { field: FieldSpec }> {
  return sort.map((s) => {
    const field = declared(spec, s.path);
    if (field.array) throw new InvalidQueryError(`Cannot sort on the array field ${s.path}`);
    if (s.direction !== 'asc' && s.direction !== 'desc') throw new InvalidQueryError(`Sort direction of ${s.path} must be asc or desc`);
    return { ...s, field };
  });
}

export const checkLimit = (limit: number): number => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidQueryError('limit must be an integer from 1 to 1000');
  return limit;
};

/** The position of the last item of a page: its sort values and id. */
export type CursorState = { values: Scalar[]; id: string };

export const encodeCursor = (state: CursorState): string => Buffer.from(JSON.stringify([state.values, state.id]), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string, keys: number): CursorState => {
  try {
    const [values, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [Scalar[], string];
    if (!Array.isArray(values) || values.length !== keys || typeof id !== 'string') throw new Error('shape');
    return { values, id };
  } catch {
    throw new InvalidQueryError('The cursor is not valid for this query; start again without a cursor');
  }
};

/** Reads a dotted path from a document. */
export const valueAt = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);

const declared = (spec: CollectionSpec, path: string): FieldSpec => {
  const field = spec.fields.find((f) => f.path === path);
  if (!field) throw new InvalidQueryError(`${spec.name} cannot be queried by ${path}; declared fields: ${spec.fields.map((f) => f.path).join(', ') || 'none'}`);
  return field;
};

const checkScalar = (field: FieldSpec, value: Scalar): Scalar => {
  if (value !== null && typeof value !== field.type) throw new InvalidQueryError(`${field.path} takes a ${field.type}${value === null ? '' : `, not ${typeof value}`}`);
  return value;
};

export type { Condition };
