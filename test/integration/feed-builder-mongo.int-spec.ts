import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../src/shared/event-store/event-store.port.js';
import { MongoReadStore } from '../../src/shared/read-store/mongodb/mongo-read-store.js';
import { FeedBuilder } from '../../src/transparency/feed/feed-builder.js';
import { FEED_COLLECTION, FEED_FIELDS, type FeedEntry, afterPosition } from '../../src/transparency/feed/feed-entry.js';
import { describeIf } from '../support/describe-if.js';
import { type MongoServer, mongoServerAvailability, startMongoServer } from '../support/ferretdb.js';

const availability = mongoServerAvailability();

let position = 0n;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position += 1n;
  return {
    eventId: `e${position}`, type, schemaVersion: 1, streamId: 's', revision: 0n, position, recordedAt: '2019-06-05T09:30:00.000Z', prevHash: '', hash: '',
    data: data as never, metadata: { actor: { id: 'k1', role: 'programme-officer' }, correlationId: 'c', occurredAt: '2019-06-05T09:30:00.000Z' },
  };
};

/** The feed builder's queries (array and range filters on the sequence strings) on the MongoDB read store. */
describeIf(availability.available, availability.why)('Feed builder on MongoDB', () => {
  let server: MongoServer | undefined;
  let reads: MongoReadStore;
  beforeAll(async () => {
    server = await startMongoServer();
    reads = await MongoReadStore.connect(server.url, { dbName: `feed_${randomUUID().replace(/-/g, '').slice(0, 12)}` });
    await reads.ensureCollection({ name: FEED_COLLECTION, fields: FEED_FIELDS });
  }, 60_000);
  afterAll(async () => {
    await reads?.close();
    await server?.stop();
  });

  it('holds, releases and corrects entries, and pages them by position', async () => {
    const builder = new FeedBuilder(reads);
    await builder.apply([
      event('VoteOpened', { voteId: 'v1', territoryUnitId: 'u1', subject: { type: 'PLAN' } }),
      event('VoteTallied', { voteId: 'v1', counts: { for: 3, against: 1, abstain: 0 }, present: 4, rollSize: 5, quorumMet: true, outcome: 'ADOPTED' }),
    ]);
    expect((await reads.get<FeedEntry>(FEED_COLLECTION, 'entry:vote/v1'))!.visibility).toBe('held');
    await builder.apply([event('VoteResultCertified', { voteId: 'v1' })]);
    await builder.apply([event('VoteAnnulled', { voteId: 'v1', reason: 'Wrong roll' })]);
    const page = await reads.find<FeedEntry>(FEED_COLLECTION, {
      filter: { kind: 'entry', visibility: 'public', publishedSeq: { $gt: afterPosition(2n) } }, sort: [{ path: 'publishedSeq', direction: 'asc' }], limit: 10,
    });
    expect(page.items.map((e) => e.key)).toEqual(['vote/v1', 'event/e4']);
    expect(page.items[0]!.correctedBy).toEqual(['event/e4']);
  });
});
