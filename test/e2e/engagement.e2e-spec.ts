import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rollHash } from '../../src/engagement/domain/eligibility-roll.state.js';
import { withControlDigit } from '../../src/privacy/iin.js';
import { voteStream } from '../../src/voting/domain/vote-result.events.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * Community Engagement through HTTP (DOMAIN.md 1.4, 5.6, 6.4): meetings of Izendy rural okrug (Nura district,
 * Karaganda region) with notice, agenda, quorum, attendance by sex and age band, problems and decisions; and an
 * eligibility roll compiled from the residents register. The test clock stands at 2019-06-05T09:30Z.
 */
describe('Community engagement over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const unit = { region: randomUUID(), district: randomUUID(), okrug: randomUUID(), izendy: randomUUID(), karaoba: randomUUID(), otherDistrict: randomUUID(), otherVillage: randomUUID() };

  const post = async (path: string, body: unknown, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });
  const expectProblem = (res: TestResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `/problems/${code}`, status, title: expect.any(String), detail: expect.any(String) });
  };
  /** Sends a command that must be refused with `status` and `code`, and checks that nothing was appended. */
  const refused = async (path: string, body: unknown, status: number, code: string) => {
    const before = await eventCount(t.store);
    expectProblem(await t.request('POST', path, { body }), status, code);
    expect(await eventCount(t.store)).toBe(before);
  };
  /** The Voting context's published fact, appended through the store port (the voting e2e covers the vote itself). */
  const certifyVote = async (voteId: string, territoryUnitId: string, outcome: 'ADOPTED' | 'REJECTED') => {
    const data = {
      voteId, meetingId: null, territoryUnitId, subject: { type: 'BUDGET_AGREEMENT', ref: 'budget:izendy-2020', contentHash: 'a'.repeat(64) }, outcome,
      counts: { for: 6, against: 1, abstain: 0 }, present: 7, rollSize: 11, quorumMet: true, policyVersion: 'meeting-2017-m1', certifiedAt: '2019-06-05T11:00:00.000Z',
    };
    await t.store.appendToStream(voteStream(voteId), [{ type: 'VoteResultCertified', data, metadata: { actor: { id: 'apiKey:secretary', role: 'meeting-secretary' }, correlationId: randomUUID(), occurredAt: data.certifiedAt } }], 'no_stream');
  };
  const meeting = (meetingType: string, title: string) => ({
    meetingId: randomUUID(), meetingType, territoryUnitId: unit.okrug, title, convenor: 'Akim of Izendy rural okrug', venue: 'Izendy House of Culture',
    scheduledFor: '2019-06-20T15:00:00+06:00',
  });
  const attendance = (total: number, female: number, bands: [number, number, number, number, number]) => ({
    attendance: { total, bySex: { female, male: total - female }, byAgeBand: { UNDER_18: bands[0], AGE_18_29: bands[1], AGE_30_44: bands[2], AGE_45_59: bands[3], AGE_60_PLUS: bands[4] } },
  });

  beforeAll(async () => {
    t = await startTestApp();
    const units: Array<[string, string, string | null, string]> = [
      [unit.region, 'REGION', null, 'Karaganda region'], [unit.district, 'DISTRICT', unit.region, 'Nura district'],
      [unit.okrug, 'RURAL_OKRUG', unit.district, 'Izendy rural okrug'], [unit.izendy, 'VILLAGE', unit.okrug, 'Izendy'], [unit.karaoba, 'VILLAGE', unit.okrug, 'Karaoba'],
      [unit.otherDistrict, 'DISTRICT', unit.region, 'Osakarovka district'], [unit.otherVillage, 'VILLAGE', unit.otherDistrict, 'Molodezhny'],
    ];
    for (const [unitId, level, parentId, en] of units) await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('holds a problem discussion: notice, a discussion item, opening, attendance by sex and age band, problems, closure', async () => {
    const m = meeting('PROBLEM_DISCUSSION', 'Drinking water in Izendy');
    const created = await post('/meetings', m, 201);
    expect(created.body).toEqual({ id: m.meetingId, streamId: `communityMeeting-${m.meetingId}`, revision: '0', position: expect.stringMatching(/^\d+$/), eventsAppended: 1 });
    expect(created.headers.get('etag')).toBe('"0"');
    expect((await post('/meetings', m, 200)).body.eventsAppended).toBe(0); // resent: nothing new

    await post(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-05', channel: 'Akimat notice board' });
    const item = randomUUID();
    await post(`/meetings/${m.meetingId}/agenda-items`, { itemId: item, title: 'Water tower and pipes', kind: 'DISCUSSION' });
    const opening = await post(`/meetings/${m.meetingId}/opening`, { registeredCount: 23 });
    expect(opening.body.eventsAppended).toBe(2); // MeetingOpened + QuorumEstablished
    await post(`/meetings/${m.meetingId}/attendance`, attendance(23, 14, [0, 4, 8, 6, 5]));
    const problem = { problemId: randomUUID(), text: 'The water tower leaks; no water for days in July', category: 'WATER_SUPPLY', itemId: item };
    await post(`/meetings/${m.meetingId}/problems`, problem);
    await post(`/meetings/${m.meetingId}/problems`, { problemId: randomUUID(), text: 'No street lighting on the school road', category: 'ROADS' });
    const closure = await t.request('POST', `/meetings/${m.meetingId}/closure`); // no body needed
    expect({ status: closure.status, eventsAppended: closure.body.eventsAppended }).toEqual({ status: 200, eventsAppended: 1 });

    const events = await t.store.readStream(`communityMeeting-${m.meetingId}`);
    expect(events.map((e) => e.type)).toEqual([
      'MeetingScheduled', 'MeetingNoticePublished', 'AgendaItemAdded', 'MeetingOpened', 'QuorumEstablished', 'AttendanceRecorded', 'ProblemRaised', 'ProblemRaised', 'MeetingClosed',
    ]);
    expect(events[1]!.data).toMatchObject({ leadDays: 15, policyVersion: 'meetings-2018.1' });

    const view = await get(`/meetings/${m.meetingId}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe('"8"');
    expect(view.body).toMatchObject({
      meetingId: m.meetingId, meetingType: 'PROBLEM_DISCUSSION', territoryUnitId: unit.okrug, status: 'CLOSED', outcome: 'HELD',
      notice: { publishedOn: '2019-06-05', leadDays: 15 }, agenda: [{ itemId: item, kind: 'DISCUSSION', subjectRef: null }],
      registeredCount: 23, quorum: { reached: true, required: 1 },
      attendance: { total: 23, bySex: { female: 14, male: 9 }, byAgeBand: { UNDER_18: 0, AGE_18_29: 4, AGE_30_44: 8, AGE_45_59: 6, AGE_60_PLUS: 5 } },
      problems: [{ ...problem, raisedAt: '2019-06-05T09:30:00.000Z' }, { category: 'ROADS', itemId: null }], decisions: [],
    });
  });

  it('holds a sobranie: a decision on a DECISION item after quorum, with its vote, and the signed minutes', async () => {
    const m = meeting('MEETING_SOBRANIE', 'Agreeing the draft rural budget for 2020');
    await post('/meetings', m, 201);
    await post(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-05', channel: 'Akimat website' });
    const budget = randomUUID();
    const hearing = randomUUID();
    await post(`/meetings/${m.meetingId}/agenda-items`, { itemId: budget, title: 'Draft rural budget 2020', kind: 'DECISION', subjectRef: 'budget:izendy-2020' });
    await post(`/meetings/${m.meetingId}/agenda-items`, { itemId: hearing, title: 'Report of the akim', kind: 'DISCUSSION' });
    await post(`/meetings/${m.meetingId}/opening`, { registeredCount: 7, eligibleCount: 11 }); // half of 11 members: 6
    await post(`/meetings/${m.meetingId}/attendance`, attendance(7, 3, [0, 1, 3, 2, 1]));
    await post(`/meetings/${m.meetingId}/problems`, { problemId: randomUUID(), text: 'Budget for the village club is too small', category: 'CULTURE', itemId: budget });
    await post(`/meetings/${m.meetingId}/adjournment`, { reason: 'Break for consultations with the district finance department' });
    await post(`/meetings/${m.meetingId}/reopening`, {});
    const voteId = randomUUID();
    await refused(`/meetings/${m.meetingId}/decisions`, { itemId: budget, voteId, outcome: 'ADOPTED', text: 'Not voted yet' }, 422, 'decision-needs-certified-vote');
    await certifyVote(voteId, m.territoryUnitId, 'ADOPTED');
    await refused(`/meetings/${m.meetingId}/decisions`, { itemId: budget, voteId, outcome: 'REJECTED', text: 'Mismatch' }, 422, 'decision-outcome-mismatch');
    await refused(`/meetings/${m.meetingId}/decisions`, { itemId: hearing, voteId, outcome: 'ADOPTED', text: 'Noted' }, 422, 'decision-on-discussion-item');
    await post(`/meetings/${m.meetingId}/decisions`, { itemId: budget, voteId, outcome: 'ADOPTED', text: 'The draft rural budget 2020 is agreed' });
    await refused(`/meetings/${m.meetingId}/decisions`, { itemId: budget, voteId, outcome: 'REJECTED', text: 'Other' }, 409, 'decision-already-recorded');
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const documentId = randomUUID();
    await post(`/meetings/${m.meetingId}/minutes`, { documentId, sha256 });
    await post(`/meetings/${m.meetingId}/closure`, { reason: 'Agenda exhausted' });
    await refused(`/meetings/${m.meetingId}/cancellation`, { reason: 'Too late' }, 409, 'meeting-status-conflict');

    const view = (await get(`/meetings/${m.meetingId}`)).body;
    expect(view).toMatchObject({
      status: 'CLOSED', outcome: 'HELD', registeredCount: 7, eligibleCount: 11, quorum: { reached: true, required: 6, policyVersion: 'meetings-2018.1' },
      decisions: [{ itemId: budget, voteId, outcome: 'ADOPTED' }], minutes: { documentId, sha256 },
    });
  });

  it('closes a skhod without quorum as NO_QUORUM, and takes no decision there', async () => {
    const m = meeting('GATHERING_SKHOD', 'Priorities of the 2020 development plan');
    await post('/meetings', m, 201);
    await refused(`/meetings/${m.meetingId}/opening`, { registeredCount: 20, eligibleCount: 412 }, 409, 'meeting-status-conflict'); // no notice yet
    await refused(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-12', channel: 'Notice board' }, 422, 'notice-too-short'); // 8 days < 10
    await post(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-05', channel: 'Notice board' });
    const item = randomUUID();
    await post(`/meetings/${m.meetingId}/agenda-items`, { itemId: item, title: 'Priorities', kind: 'DECISION' });
    await refused(`/meetings/${m.meetingId}/opening`, { registeredCount: 20 }, 422, 'eligible-count-required');
    const opening = await post(`/meetings/${m.meetingId}/opening`, { registeredCount: 20, eligibleCount: 412 }); // 10% of 412: 42
    expect(opening.body.eventsAppended).toBe(2);
    await post(`/meetings/${m.meetingId}/attendance`, attendance(20, 12, [0, 2, 6, 7, 5]));
    await refused(`/meetings/${m.meetingId}/decisions`, { itemId: item, voteId: randomUUID(), outcome: 'ADOPTED', text: 'Roads first' }, 409, 'quorum-not-established');
    await post(`/meetings/${m.meetingId}/closure`, {});

    const events = await t.store.readStream(`communityMeeting-${m.meetingId}`);
    expect(events.map((e) => e.type)).toContain('QuorumNotReached');
    expect(events.at(-1)).toMatchObject({ type: 'MeetingClosed', data: { outcome: 'NO_QUORUM' } });
    expect((await get(`/meetings/${m.meetingId}`)).body).toMatchObject({ status: 'CLOSED', outcome: 'NO_QUORUM', quorum: { reached: false, required: 42 } });

    const cancelledMeeting = meeting('FOCUS_GROUP', 'Women entrepreneurs');
    await post('/meetings', cancelledMeeting, 201);
    await post(`/meetings/${cancelledMeeting.meetingId}/cancellation`, { reason: 'The road to Izendy is flooded' });

    const list = await get(`/meetings?territoryUnitId=${unit.okrug}&status=CLOSED`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { meetingType: string }) => x.meetingType).sort()).toEqual(['GATHERING_SKHOD', 'MEETING_SOBRANIE', 'PROBLEM_DISCUSSION']);
    expect((await get(`/meetings?territoryUnitId=${unit.okrug}&type=FOCUS_GROUP`)).body.items).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);

    const stats = await get(`/meetings/stats?territoryUnitId=${unit.okrug}`);
    expect(stats.status).toBe(200);
    expect(stats.body.total).toEqual({
      scheduled: 4, held: 2, noQuorum: 1, cancelled: 1, participants: 50,
      bySex: { female: 29, male: 21 }, byAgeBand: { UNDER_18: 0, AGE_18_29: 7, AGE_30_44: 17, AGE_45_59: 15, AGE_60_PLUS: 11 },
    });
    expect(stats.body.byType).toEqual(expect.arrayContaining([expect.objectContaining({ meetingType: 'GATHERING_SKHOD', scheduled: 1, noQuorum: 1, participants: 20 })]));
    expect(stats.body.byType).toHaveLength(4);
  });

  it('compiles a roll from the registered adult residents of the okrug, takes a claim and a challenge, and freezes it with its hash', async () => {
    let n = 0;
    const resident = async (settlementId: string, birthDate: string, sex: 'female' | 'male') => {
      n += 1;
      const residentId = randomUUID();
      const iin = withControlDigit(`9013${String(20 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`) ?? withControlDigit(`9014${String(20 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`)!;
      await post('/residents', { residentId, settlementId, sex, fullName: `Roll Test Person ${n}`, iin, birthDate }, 201);
      return residentId;
    };
    const adults = [await resident(unit.izendy, '1961-03-14', 'female'), await resident(unit.izendy, '1988-11-02', 'male'), await resident(unit.karaoba, '1975-07-30', 'female')];
    const minor = await resident(unit.izendy, '2005-01-09', 'male');
    const elsewhere = await resident(unit.otherVillage, '1970-05-05', 'female');

    const rollId = randomUUID();
    await t.catchUp();
    const compiled = await post('/rolls', { rollId, scopeUnitId: unit.okrug, cutoffDate: '2019-06-05' }, 201);
    expect(compiled.body.streamId).toBe(`eligibilityRoll-${rollId}`);
    const [compiledEvent] = await t.store.readStream(`eligibilityRoll-${rollId}`);
    expect(compiledEvent!.data).toMatchObject({ scopeUnitId: unit.okrug, cutoffDate: '2019-06-05', entries: [...adults].sort(), criteria: expect.stringContaining('roll-2018.1') });
    expect((await get(`/rolls/${rollId}`)).body).toMatchObject({ status: 'COMPILED', size: 3, hash: null });

    await post(`/rolls/${rollId}/entries`, { residentId: minor, reason: 'Claim: turned 18 in January, shown by ID card' });
    await refused(`/rolls/${rollId}/entries`, { residentId: randomUUID(), reason: 'Claim by an unknown person' }, 422, 'resident-not-registered');
    await post(`/rolls/${rollId}/removals`, { residentId: adults[1], reason: 'Challenge: lives in Karaganda since 2018' });
    const frozen = await post(`/rolls/${rollId}/freeze`, {});
    expect(frozen.body.eventsAppended).toBe(1);

    const expected = [adults[0]!, adults[2]!, minor];
    const frozenEvent = (await t.store.readStream(`eligibilityRoll-${rollId}`)).at(-1)!;
    expect(frozenEvent).toMatchObject({ type: 'RollFrozen', data: { rollId, size: 3, hash: rollHash(expected) } });

    const view = await get(`/rolls/${rollId}`);
    expect(view.body).toMatchObject({ rollId, scopeUnitId: unit.okrug, status: 'FROZEN', size: 3, compiledSize: 3, claimsAdded: 1, challengesUpheld: 1, hash: rollHash(expected) });
    for (const id of [...adults, minor, elsewhere]) expect(view.text).not.toContain(id); // never a list of residents

    await refused(`/rolls/${rollId}/entries`, { residentId: elsewhere, reason: 'Claim after freezing' }, 409, 'roll-frozen');
    await refused(`/rolls/${rollId}/removals`, { residentId: adults[0], reason: 'Challenge after freezing' }, 409, 'roll-frozen');
    expect((await post(`/rolls/${rollId}/freeze`, {})).body.eventsAppended).toBe(0);

    // A separate gathering of the okrug sizes its quorum from the frozen roll: 10% of 3 residents.
    const m = meeting('SEPARATE_GATHERING', 'Electing representatives for the okrug gathering');
    await post('/meetings', m, 201);
    await post(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-05', channel: 'Notice board' });
    await refused(`/meetings/${m.meetingId}/opening`, { registeredCount: 2, rollId: randomUUID() }, 422, 'meeting-roll-not-usable');
    await refused(`/meetings/${m.meetingId}/opening`, { registeredCount: 2, rollId, eligibleCount: 412 }, 422, 'meeting-roll-not-usable');
    await post(`/meetings/${m.meetingId}/opening`, { registeredCount: 2, rollId });
    expect((await get(`/meetings/${m.meetingId}`)).body).toMatchObject({ rollId, eligibleCount: 3, registeredCount: 2, quorum: { reached: true, required: 1 } });
  });

  it('answers bad input with problem+json and appends nothing', async () => {
    const m = meeting('PUBLIC_HEARING', 'Hearing');
    await refused('/meetings', { ...m, venue: undefined, extra: 'x' }, 400, 'validation-failed');
    await refused('/meetings', { ...m, meetingType: 'PICNIC' }, 400, 'validation-failed');
    await refused('/meetings', { ...m, scheduledFor: '2019-06-20 15:00' }, 400, 'validation-failed');
    await refused('/meetings', { ...m, territoryUnitId: randomUUID() }, 422, 'meeting-unit-not-found');
    await refused(`/meetings/${randomUUID()}/notice`, { publishedOn: '2019-06-05', channel: 'Board' }, 404, 'meeting-not-found');
    await post('/meetings', m, 201);
    await refused(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-02-30', channel: 'Board' }, 400, 'validation-failed');
    await refused(`/meetings/${m.meetingId}/closure`, {}, 409, 'meeting-status-conflict');
    await post(`/meetings/${m.meetingId}/notice`, { publishedOn: '2019-06-05', channel: 'Board' });
    await post(`/meetings/${m.meetingId}/opening`, { registeredCount: 9 });
    await refused(`/meetings/${m.meetingId}/attendance`, attendance(9, 4, [0, 1, 1, 1, 1]), 422, 'attendance-does-not-add-up');
    await refused(`/meetings/${m.meetingId}/attendance`, { attendance: { total: 9, bySex: { female: 9, male: 0 } } }, 400, 'validation-failed');
    await refused(`/meetings/${m.meetingId}/problems`, { problemId: randomUUID(), text: 'x', category: 'roads' }, 400, 'validation-failed');
    await refused(`/meetings/${m.meetingId}/minutes`, { documentId: randomUUID(), sha256: 'not-a-hash' }, 400, 'validation-failed');
    await refused('/rolls', { rollId: randomUUID(), scopeUnitId: randomUUID(), cutoffDate: '2019-06-05' }, 422, 'roll-unit-not-found');
    await refused(`/rolls/${randomUUID()}/freeze`, {}, 404, 'roll-not-found');
    expectProblem(await get(`/meetings/${randomUUID()}`), 404, 'meeting-not-found');
    expectProblem(await get(`/rolls/${randomUUID()}`), 404, 'roll-not-found');
    expectProblem(await get('/meetings/stats'), 400, 'validation-failed');
  });

  it('lets a meeting secretary keep the meetings of her own unit only', async () => {
    const issue = async (scope: Record<string, string[]>) =>
      (await post('/api-keys', { keyId: randomUUID(), name: 'secretary', role: 'meeting-secretary', scope, expiresAt: '2020-06-01T00:00:00.000Z' }, 201)).body.apiKey as string;
    const own = await issue({ units: [unit.okrug] });
    const other = await issue({ units: [unit.otherDistrict] });
    const m = meeting('WORKING_GROUP', 'Working group on the water tower');
    expect((await t.request('POST', '/meetings', { body: m, auth: other })).status).toBe(403);
    expect((await t.request('POST', '/meetings', { body: m, auth: own })).status).toBe(201);
    expectProblem(await t.request('POST', `/meetings/${m.meetingId}/cancellation`, { body: { reason: 'Not mine to cancel' }, auth: other }), 403, 'out-of-scope');
    expect((await t.request('POST', `/meetings/${m.meetingId}/cancellation`, { body: { reason: 'Postponed to autumn' }, auth: own })).status).toBe(200);
  });
});
