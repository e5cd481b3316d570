import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ReadStore } from '../read-store/read-store.port.js';

/**
 * SHA-256 over every live document of a collection in id order (canonical JSON, one per line): equal digests mean
 * equal read models. Used to compare a projection with a clean rebuild.
 */
export async function collectionDigest(store: ReadStore, collection: string): Promise<{ digest: string; documents: number }> {
  const hash = createHash('sha256');
  let cursor: string | null = null;
  let documents = 0;
  do {
    const page: { items: Array<{ id?: string }>; nextCursor: string | null } = await store.find(collection, { limit: 1000, cursor });
    for (const doc of page.items) {
      hash.update(`${canonicalize(doc)}\n`);
      documents += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { digest: hash.digest('hex'), documents };
}
