import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import { SqliteReadStore } from '../../shared/read-store/sqlite/sqlite-read-store.js';
import { FeedBuilder } from './feed-builder.js';
import { FEED_COLLECTION, FEED_FIELDS, type FeedEntry } from './feed-entry.js';

let position = 0n;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position += 1n;
  return {
    eventId: `e${position}`, type, schemaVersion: 1, streamId: 's', revision: 0n, position, recordedAt: '2019-06-05T09:30:00.000Z', prevHash: '', hash: '',
    data: data as never, metadata: { actor: { id: 'k1', role: 'programme-officer' }, correlationId: 'c', occurredAt: `2019-06-05T09:30:${String(position).padStart(2, '0')}.000Z` },
  };
};
const KZT = (n: number) => ({ amountMinor: String(n * 100), currency: 'KZT' });

let reads: SqliteReadStore;
let builder: FeedBuilder;
const entry = (key: string) => reads.get<FeedEntry>(FEED_COLLECTION, `entry:${key}`);
const publicKeys = async () =>
  (await reads.find<FeedEntry>(FEED_COLLECTION, { filter: { kind: 'entry', visibility: 'public' }, sort: [{ path: 'publishedSeq', direction: 'asc' }], limit: 100 })).items.map((e) => e.key);

beforeEach(async () => {
  position = 0n;
  reads = SqliteReadStore.open(':memory:');
  await reads.ensureCollection({ name: FEED_COLLECTION, fields: FEED_FIELDS });
  builder = new FeedBuilder(reads);
});
afterEach(() => reads.close());

const awards = () => [
  event('GrantCallDrafted', { callId: 'c1', reference: 'GSE-2018-1', title: { ru: 'Конкурс', en: 'Call' } }),
  event('GrantAwardsDecided', { callId: 'c1', sessionDate: '2018-11-22', awards: [{ applicationId: 'a1', amount: KZT(1_000_000) }, { applicationId: 'a2', amount: KZT(900_000) }] }),
];

describe('FeedBuilder', () => {
  it('holds an award until its agreement is signed, then publishes it at the signing position', async () => {
    await builder.apply(awards());
    expect((await entry('award/a1'))!.visibility).toBe('held');
    expect(await publicKeys()).toEqual([]);
    await builder.apply([event('GrantAgreementPrepared', { agreementId: 'g1', applicationId: 'a1', callId: 'c1', territoryUnitId: 'u1' })]);
    const signed = event('GrantAgreementSigned', { agreementId: 'g1', callId: 'c1', territoryUnitId: 'u1', amount: KZT(1_000_000), signedOn: '2018-12-06' });
    await builder.apply([signed]);
    const a1 = (await entry('award/a1'))!;
    expect(a1.visibility).toBe('public');
    expect(a1.publishedSeq!.startsWith(signed.position.toString().padStart(20, '0'))).toBe(true);
    expect((await entry('award/a2'))!.visibility).toBe('held');
    expect(a1.titles).toEqual({ kk: 'Грант берілді: 1000000.00 KZT — GSE-2018-1', ru: 'Грант присуждён: 1000000.00 KZT — GSE-2018-1', en: 'Grant awarded: 1000000.00 KZT — GSE-2018-1' });
  });

  it('publishes held entries when a policy change lifts the delay, and private ones when it makes their type public', async () => {
    await builder.apply([...awards(), event('ApplicationScored', {})]);
    const policy = event('PublicationPolicyChanged', { version: 1, publicEventTypes: ['GrantAwardsDecided', 'ProgrammeRegistered'], delays: [], allowOfficialNames: false, reason: 'r', changedAt: '' });
    await builder.apply([policy]);
    expect(await publicKeys()).toEqual(['award/a1', 'award/a2']);
    // ProgrammeRegistered is now public; PublicationPolicyChanged is not, so the change itself has no entry.
    await builder.apply([event('ProgrammeRegistered', { programmeId: 'p1', code: 'GSE', title: { en: 'Good governance' }, currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' } })]);
    expect(await publicKeys()).toEqual(['award/a1', 'award/a2', 'event/e5']);
  });

  it('adds a correction as a new entry and updates the original, removing nothing', async () => {
    await builder.apply([event('VoteOpened', { voteId: 'v1', territoryUnitId: 'u1', subject: { type: 'PLAN' } }), event('VoteTallied', { voteId: 'v1', counts: { for: 30, against: 2, abstain: 1 }, present: 33, rollSize: 50, quorumMet: true, outcome: 'ADOPTED' })]);
    expect(await publicKeys()).toEqual([]);
    await builder.apply([event('VoteResultCertified', { voteId: 'v1' })]);
    expect(await publicKeys()).toEqual(['vote/v1']);
    const before = (await entry('vote/v1'))!;
    await builder.apply([event('VoteAnnulled', { voteId: 'v1', reason: 'Wrong roll' })]);
    const after = (await entry('vote/v1'))!;
    expect(await publicKeys()).toEqual(['vote/v1', 'event/e4']);
    expect(after.correctedBy).toEqual(['event/e4']);
    expect(after.publishedSeq).toBe(before.publishedSeq);
    expect(after.changedSeq! > (await entry('event/e4'))!.publishedSeq!).toBe(true);
    expect(after.updated).not.toBe(before.updated);
  });

  it('replays a batch after a crash without repeating a change', async () => {
    const events = awards();
    await builder.apply(events);
    await new FeedBuilder(reads).apply(events);
    expect((await reads.find<FeedEntry>(FEED_COLLECTION, { filter: { kind: 'entry' }, limit: 100 })).items).toHaveLength(2);
  });

  it('publishes a signed checkpoint of the log with its root', async () => {
    await builder.apply([event('CheckpointSigned', { origin: 'aul-ledger', treeSize: 1, rootHash: 'ab'.repeat(32), logPosition: '1', signedAt: '2019-06-05T09:30:00.000Z', keyId: '01020304', signature: 'c2ln' })]);
    const entry = (await reads.find<FeedEntry>(FEED_COLLECTION, { filter: { kind: 'entry', visibility: 'public' }, limit: 10 })).items[0]!;
    expect(entry).toMatchObject({ eventType: 'CheckpointSigned', facts: { rootHash: 'ab'.repeat(32), treeSize: 1 }, titles: { en: `Signed checkpoint: 1 events, root ${'ab'.repeat(8)}` } });
  });
});
