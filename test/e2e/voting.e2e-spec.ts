import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rollStream } from '../../src/engagement/domain/eligibility-roll.events.js';
import { withControlDigit } from '../../src/privacy/iin.js';
import type { NewEvent } from '../../src/shared/event-store/event-store.port.js';
import { type TestApp, eventCount, startTestApp } from '../support/test-app.js';

/** A demo-style IIN: a valid control digit, in a block whose birth date (month 13+) cannot be a real person's. */
const demoIin = (n: number) =>
  withControlDigit(`9213${String(10 + (n % 80)).padStart(2, '0')}${String(n).padStart(5, '0')}`) ?? withControlDigit(`9214${String(10 + (n % 80)).padStart(2, '0')}${String(n).padStart(5, '0')}`)!;

describe('Voting over HTTP', () => {
  let t: TestApp;
  let village: string;
  let residents: string[];
  let seq = 0;

  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) => t.request('POST', path, { body: body ?? {}, headers });
  const get = async (path: string) => {
    await t.catchUp();
    return t.request('GET', path);
  };

  const registerResident = async () => {
    const n = ++seq;
    const residentId = randomUUID();
    const r = await post('/residents', { residentId, settlementId: village, sex: n % 2 ? 'male' : 'female', fullName: `Voter-${n} ${randomUUID().slice(0, 6)}`, iin: demoIin(n), birthDate: '1980-03-14' });
    expect({ status: r.status, body: r.body }).toMatchObject({ status: 201 });
    return residentId;
  };

  /** A roll of `entries`, appended straight through the EVENT_STORE port (the roll aggregate is another context's). */
  const roll = async (entries: string[], frozen = true, scopeUnitId = village) => {
    const rollId = randomUUID();
    const sorted = [...entries].sort();
    const metadata = { actor: { id: 'test', role: 'administrator' }, correlationId: 'roll-fixture', occurredAt: '2019-06-01T08:00:00.000Z' };
    const events: NewEvent[] = [{ type: 'RollCompiled', data: { rollId, scopeUnitId, cutoffDate: '2019-06-01', criteria: 'resident, age >= 18', entries: sorted, compiledAt: metadata.occurredAt }, metadata }];
    if (frozen) {
      const hash = createHash('sha256').update(sorted.join('\n')).digest('hex');
      events.push({ type: 'RollFrozen', data: { rollId, size: sorted.length, hash, frozenAt: metadata.occurredAt }, metadata });
    }
    await t.store.appendToStream(rollStream(rollId), events, 'no_stream');
    return rollId;
  };

  const openVote = async (rollId: string, extra: Record<string, unknown> = {}) => {
    const voteId = randomUUID();
    const r = await post('/votes', {
      voteId,
      subject: { type: 'PLAN', ref: `plan-${voteId.slice(0, 8)}`, contentHash: 'c'.repeat(64) },
      options: ['FOR', 'AGAINST', 'ABSTAIN'],
      method: 'OPEN_ROLL_CALL',
      territoryUnitId: village,
      rollId,
      policy: 'MEETING',
      ...extra,
    });
    return { voteId, r };
  };
  const opened = async (rollId: string, extra: Record<string, unknown> = {}) => {
    const { voteId, r } = await openVote(rollId, extra);
    expect({ status: r.status, body: r.body }).toMatchObject({ status: 201, body: { id: voteId, streamId: `vote-${voteId}`, eventsAppended: 1 } });
    return voteId;
  };
  const castAll = async (voteId: string, ballots: Array<[string, string]>) => {
    for (const [residentId, option] of ballots) expect((await post(`/votes/${voteId}/ballots`, { residentId, option })).status).toBe(201);
  };
  const closeAndTally = async (voteId: string) => {
    expect((await post(`/votes/${voteId}/closing`)).status).toBe(200);
    const tallied = await post(`/votes/${voteId}/tally`);
    expect(tallied.status).toBe(200);
    const events = await t.store.readStream(`vote-${voteId}`);
    return events.find((e) => e.type === 'VoteTallied')!.data as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const unit = async (level: string, parentId: string | null) => {
      const unitId = randomUUID();
      expect((await post('/units', { unitId, level, names: { en: `${level} ${unitId.slice(0, 4)}` }, parentId, effectiveFrom: '2017-01-01' })).status).toBe(201);
      return unitId;
    };
    const region = await unit('REGION', null);
    const district = await unit('DISTRICT', region);
    village = await unit('VILLAGE', district);
    residents = [];
    for (let i = 0; i < 12; i++) residents.push(await registerResident());
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('opens a vote on a frozen roll, takes roll-call ballots, closes, tallies, certifies and publishes the result', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    const [a, b, c, d, e, f] = residents;
    await castAll(voteId, [[a!, 'FOR'], [b!, 'FOR'], [c!, 'FOR'], [d!, 'FOR'], [e!, 'AGAINST'], [f!, 'ABSTAIN']]);
    const ballot = await t.store.readStream(`voteBallot-${voteId}.${a}`);
    expect(ballot.map((x) => [x.type, x.data])).toEqual([['OpenVoteCast', { voteId, residentId: a, option: 'FOR', castAt: '2019-06-05T09:30:00.000Z' }]]);

    const tally = await closeAndTally(voteId);
    expect(tally).toMatchObject({ counts: { for: 4, against: 1, abstain: 1 }, present: 6, rollSize: 10, turnout: 0.6, quorumMet: true, outcome: 'ADOPTED' });
    const late = await post(`/votes/${voteId}/ballots`, { residentId: residents[6], option: 'AGAINST' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: '/problems/vote-not-open' });

    const certified = await post(`/votes/${voteId}/certification`);
    expect(certified.status).toBe(200);
    const [event] = (await t.store.readStream(`vote-${voteId}`)).filter((x) => x.type === 'VoteResultCertified');
    expect(event!.data).toEqual({
      voteId,
      meetingId: null,
      territoryUnitId: village,
      subject: { type: 'PLAN', ref: `plan-${voteId.slice(0, 8)}`, contentHash: 'c'.repeat(64) },
      outcome: 'ADOPTED',
      counts: { for: 4, against: 1, abstain: 1 },
      present: 6,
      rollSize: 10,
      quorumMet: true,
      policyVersion: 'meeting-2017-m1',
      certifiedAt: '2019-06-05T09:30:00.000Z',
    });
    // Certified is final: a second certification is a no-op, any other change is refused.
    expect((await post(`/votes/${voteId}/certification`)).body).toMatchObject({ eventsAppended: 0 });
    expect((await post(`/votes/${voteId}/closing`)).body).toMatchObject({ status: 409, type: '/problems/vote-certified' });

    const result = await get(`/votes/${voteId}/result`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ voteId, outcome: 'ADOPTED', counts: { for: 4, against: 1, abstain: 1 }, present: 6, rollSize: 10, annulment: null });
    const view = await get(`/votes/${voteId}`);
    expect(view.body).toMatchObject({ voteId, status: 'CERTIFIED', ballotsReceived: 6, result: { outcome: 'ADOPTED' } });
    // Who voted how is not in the read models.
    for (const r of residents) expect(view.text).not.toContain(r);
    const list = await get(`/votes?territoryUnitId=${village}&status=CERTIFIED`);
    expect(list.body.items.map((v: { voteId: string }) => v.voteId)).toContain(voteId);
  });

  it('Twenty concurrent attempts by one resident to vote once more: exactly one ballot counts, the rest get 409', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    const resident = residents[3]!;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`/votes/${voteId}/ballots`, { residentId: resident, option: i % 2 ? 'FOR' : 'AGAINST' })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ type: '/problems/already-voted', status: 409 });
    }
    expect(await t.store.readStream(`voteBallot-${voteId}.${resident}`)).toHaveLength(1);
    const tally = await closeAndTally(voteId);
    expect(tally).toMatchObject({ present: 1 });
  });

  it('records a vote without quorum as NO_QUORUM', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    await castAll(voteId, residents.slice(0, 4).map((r) => [r, 'FOR'] as [string, string]));
    expect(await closeAndTally(voteId)).toMatchObject({ present: 4, quorumMet: false, outcome: 'NO_QUORUM' });
    expect((await post(`/votes/${voteId}/certification`)).status).toBe(200);
    expect((await get(`/votes/${voteId}/result`)).body).toMatchObject({ outcome: 'NO_QUORUM', quorumMet: false });
  });

  it('applies quorum and majority at their bounds: exactly half present is a quorum, exactly half FOR is not a majority', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const half = await opened(rollId);
    await castAll(half, [[residents[0]!, 'FOR'], [residents[1]!, 'FOR'], [residents[2]!, 'FOR'], [residents[3]!, 'AGAINST'], [residents[4]!, 'AGAINST']]);
    expect(await closeAndTally(half)).toMatchObject({ present: 5, turnout: 0.5, quorumMet: true, outcome: 'ADOPTED' });

    const tie = await opened(rollId, { method: 'OPEN_HAND_COUNT' });
    const inconsistent = await post(`/votes/${tie}/hand-count`, { for: 3, against: 3, abstain: 1, present: 6 });
    expect(inconsistent.status).toBe(422);
    expect(inconsistent.body).toMatchObject({ type: '/problems/hand-count-inconsistent' });
    expect((await post(`/votes/${tie}/hand-count`, { for: 3, against: 3, abstain: 0, present: 11 })).body).toMatchObject({ status: 422, type: '/problems/hand-count-inconsistent' });
    expect((await post(`/votes/${tie}/hand-count`, { for: 3, against: 2, abstain: 1, present: 6 })).status).toBe(200);
    expect(await closeAndTally(tie)).toMatchObject({ counts: { for: 3, against: 2, abstain: 1 }, present: 6, quorumMet: true, outcome: 'REJECTED', ballotsBeforePosition: null });

    const short = await opened(rollId, { method: 'OPEN_HAND_COUNT' });
    expect((await post(`/votes/${short}/hand-count`, { for: 4, against: 0, abstain: 0, present: 4 })).status).toBe(200);
    expect(await closeAndTally(short)).toMatchObject({ present: 4, quorumMet: false, outcome: 'NO_QUORUM' });
  });

  it('refuses a resident not on the roll with a problem and appends nothing', async () => {
    const outsider = residents[11]!;
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    const before = await eventCount(t.store);
    const r = await post(`/votes/${voteId}/ballots`, { residentId: outsider, option: 'FOR' });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: '/problems/not-on-roll', errors: [{ path: 'residentId' }] });
    expect(await t.store.readStream(`voteBallot-${voteId}.${outsider}`)).toEqual([]);
    expect(await eventCount(t.store)).toBe(before);
  });

  it('refuses a roll that is not frozen, and an unknown roll', async () => {
    const draft = await roll(residents.slice(0, 10), false);
    expect((await openVote(draft)).r.body).toMatchObject({ status: 409, type: '/problems/roll-not-frozen' });
    expect((await openVote(randomUUID())).r.body).toMatchObject({ status: 422, type: '/problems/roll-not-found' });
  });

  it('annuls a vote, which then takes no ballots, and re-runs it as a new vote', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const first = await opened(rollId);
    await castAll(first, [[residents[0]!, 'FOR']]);
    const standing = await openVote(rollId, { rerunOf: first });
    expect(standing.r.body).toMatchObject({ status: 409, type: '/problems/rerun-of-not-annulled' });

    const annulled = await post(`/votes/${first}/annulment`, { reason: 'The notice was not published 10 days ahead' });
    expect(annulled.status).toBe(200);
    expect((await post(`/votes/${first}/ballots`, { residentId: residents[1], option: 'FOR' })).body).toMatchObject({ status: 409, type: '/problems/vote-not-open' });
    expect((await post(`/votes/${first}/tally`)).body).toMatchObject({ status: 409, type: '/problems/vote-annulled' });
    expect((await get(`/votes/${first}`)).body).toMatchObject({ status: 'ANNULLED', annulment: { reason: 'The notice was not published 10 days ahead' } });
    expect((await get(`/votes/${first}/result`)).status).toBe(404);

    const rerun = await opened(rollId, { rerunOf: first });
    // The same resident votes again in the re-run: its ballots are separate streams.
    await castAll(rerun, residents.slice(0, 6).map((r) => [r, 'FOR'] as [string, string]));
    expect(await closeAndTally(rerun)).toMatchObject({ present: 6, outcome: 'ADOPTED' });
    expect((await post(`/votes/${rerun}/certification`)).status).toBe(200);
    expect((await get(`/votes/${rerun}`)).body).toMatchObject({ rerunOf: first, status: 'CERTIFIED' });

    const revoked = await post(`/votes/${rerun}/annulment`, { reason: 'Roll challenged after certification' });
    expect(revoked.status).toBe(200);
    expect((await get(`/votes/${rerun}/result`)).body).toMatchObject({ outcome: 'ADOPTED', annulment: { reason: 'Roll challenged after certification' } });
  });
  it('scopes vote commands to the unit: a secretary of the village may act, one of another village may not', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    const other = randomUUID();
    expect((await post('/units', { unitId: other, level: 'VILLAGE', names: { en: 'Other aul' }, parentId: null, effectiveFrom: '2017-01-01' })).status).toBeLessThan(500);
    const key = async (units: string[]) => {
      const r = await post('/api-keys', { keyId: randomUUID(), name: 'secretary key', role: 'meeting-secretary', scope: { units }, expiresAt: '2020-06-01T00:00:00.000Z' });
      expect(r.status).toBe(201);
      return r.body.apiKey as string;
    };
    const ours = await key([village]);
    const theirs = await key([other]);
    const ballot = (auth: string, residentId: string) => t.request('POST', `/votes/${voteId}/ballots`, { auth, body: { residentId, option: 'FOR' } });
    const refused = await ballot(theirs, residents[0]!);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: '/problems/out-of-scope' });
    expect(await t.store.readStream(`voteBallot-${voteId}.${residents[0]}`)).toEqual([]);
    expect((await ballot(ours, residents[0]!)).status).toBe(201);
    expect((await t.request('POST', '/votes', { auth: theirs, body: { voteId: randomUUID(), territoryUnitId: village } })).status).toBe(403);
    // A vote that does not exist is a 404 for every admitted role.
    expect((await t.request('POST', `/votes/${randomUUID()}/closing`, { auth: ours, body: {} })).body).toMatchObject({ status: 404, type: '/problems/vote-not-found' });
  });

  it('replays a ballot sent again with the same Idempotency-Key, and closes without a body', async () => {
    const rollId = await roll(residents.slice(0, 10));
    const voteId = await opened(rollId);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await post(`/votes/${voteId}/ballots`, { residentId: residents[2], option: 'AGAINST' }, headers);
    const again = await post(`/votes/${voteId}/ballots`, { residentId: residents[2], option: 'AGAINST' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const closed = await t.request('POST', `/votes/${voteId}/closing`);
    expect(closed.status).toBe(200);
    expect((await t.request('POST', `/votes/${voteId}/tally`, { body: { note: 'Counted by the secretary' } })).status).toBe(200);
    const [tallied] = (await t.store.readStream(`vote-${voteId}`)).filter((e) => e.type === 'VoteTallied');
    expect(tallied!.metadata.reason).toBe('Counted by the secretary');
    expect(tallied!.data).toMatchObject({ counts: { for: 0, against: 1, abstain: 0 }, present: 1, outcome: 'NO_QUORUM' });
  });
});
