/**
 * A lossless text form of a folded state, for snapshots: plain JSON where the value is plain JSON, and a tagged object
 * `{ "$t": tag, "v": … }` for what JSON cannot hold: bigint (`n`), Map (`m`, entries in order, keys of any type), Set
 * (`s`), Date (`d`), undefined (`u`), a non-finite number or -0 (`f`), and a plain object that itself has a `$t` key
 * (`o`, so no value is ever read back as a tag it was not). Decoding the text gives a value `toEqual` and `toStrictEqual`
 * to the state (prototypes of plain objects, arrays, Maps, Sets and Dates included).
 *
 * Deciders keep their states plain (STYLE.md: state is a union of plain objects); a value of any other class, a
 * function or a symbol cannot be written losslessly, so `encodeState` throws UnencodableStateError and no snapshot of
 * that state is taken (the stream is then always folded from its first event).
 */
export function encodeState(state: unknown): string {
  return JSON.stringify(encode(state, '$'));
}

/** The state `encodeState` wrote. */
export function decodeState<S>(text: string): S {
  return decode(JSON.parse(text)) as S;
}

export class UnencodableStateError extends Error {
  constructor(readonly path: string, what: string) {
    super(`State value at ${path} cannot be snapshotted losslessly: ${what}`);
    this.name = 'UnencodableStateError';
  }
}

const TAG = '$t';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function encode(value: unknown, path: string): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { [TAG]: 'f', v: String(value === 0 ? '-0' : value) };
    case 'bigint':
      return { [TAG]: 'n', v: value.toString() };
    case 'undefined':
      return { [TAG]: 'u' };
    case 'object':
      break;
    default:
      throw new UnencodableStateError(path, typeof value);
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw new UnencodableStateError(path, 'an array subclass');
    const out: Json[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encode(value[i], `${path}[${i}]`);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    if (proto === null) throw new UnencodableStateError(path, 'an object without prototype');
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) put(out, key, encode((value as Record<string, unknown>)[key], `${path}.${key}`));
    return Object.hasOwn(out, TAG) ? { [TAG]: 'o', v: out } : out;
  }
  if (proto === Map.prototype) {
    const entries: Json[] = [];
    let i = 0;
    for (const [k, v] of value as Map<unknown, unknown>) {
      entries.push([encode(k, `${path}<key ${i}>`), encode(v, `${path}<${i}>`)]);
      i++;
    }
    return { [TAG]: 'm', v: entries };
  }
  if (proto === Set.prototype) {
    const items: Json[] = [];
    let i = 0;
    for (const v of value as Set<unknown>) items.push(encode(v, `${path}<${i++}>`));
    return { [TAG]: 's', v: items };
  }
  if (proto === Date.prototype) return { [TAG]: 'd', v: (value as Date).getTime() };
  throw new UnencodableStateError(path, `an instance of ${(proto as { constructor?: { name?: string } })?.constructor?.name ?? 'a class'}`);
}

/** Sets an own property, even one named `__proto__` (which an assignment would take for the prototype). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function decode(value: Json): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = decode(value[i]!);
    return out;
  }
  const tag = value[TAG];
  if (tag === undefined) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) put(out, key, decode(value[key]!));
    return out;
  }
  const v = value['v'];
  switch (tag) {
    case 'n':
      return BigInt(v as string);
    case 'u':
      return undefined;
    case 'f':
      return v === '-0' ? -0 : Number(v);
    case 'm':
      return new Map((v as Json[][]).map(([k, x]) => [decode(k!), decode(x!)]));
    case 's':
      return new Set((v as Json[]).map(decode));
    case 'd':
      return new Date(v as number);
    case 'o': {
      const out: Record<string, unknown> = {};
      for (const [key, x] of Object.entries(v as Record<string, Json>)) put(out, key, decode(x));
      return out;
    }
    default:
      throw new Error(`Unknown tag ${String(tag)} in a state snapshot`);
  }
}
