import { badRequest } from './http-errors.js';

/** The ETag of an aggregate at a stream revision: a strong validator holding the revision, e.g. `"4"`. */
export const toETag = (revision: bigint): string => `"${revision}"`;

/**
 * The revision an If-Match header pins, or undefined when there is none. Accepts `"4"` and `W/"4"`;
 * refuses lists and `*` (commands need one exact revision).
 */
export const fromIfMatch = (header: string | undefined): bigint | undefined => {
  if (header === undefined || header.trim() === '') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,19})"\s*$/.exec(header);
  if (!m) {
    throw badRequest('invalid-if-match', 'Invalid If-Match header', `If-Match must be one ETag as returned by this API, such as "4"; got ${JSON.stringify(header)}.`, [
      { path: 'headers.if-match', message: 'must be a single ETag like "4"' },
    ]);
  }
  return BigInt(m[1]!);
};

/** Whether an If-None-Match header names `etag` (weak comparison, lists and `*` as RFC 9110 13.1.2 says). */
export const ifNoneMatchNames = (header: string | string[] | undefined, etag: string): boolean => {
  if (typeof header !== 'string' || header.trim() === '') return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
};
