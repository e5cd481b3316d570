import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withControlDigit } from '../../src/privacy/iin.js';
import { verifyChains } from '../../src/shared/event-store/verify-chain.js';
import { type TestApp, type TestResponse, startTestApp } from '../support/test-app.js';

/**
 * The whole path of issue [05], through real HTTP only (no event appended straight to the store): territory and
 * residents, an eligibility roll, a problem discussion, a plan draft recording its problem, an approval sobranie with a
 * roll-call vote on the submitted content hash, certification, approval by the PlanApproval reactor, endorsement,
 * activation, a MAJOR amendment approved by a second certified vote, applied by the AmendmentApplication reactor as
 * version 2 with its diff. The test clock starts at 2019-06-05T09:30Z and is moved for the notice lead times.
 */
describe('The whole path of a village development plan over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });

  const post = async (path: string, body: unknown = {}, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  /** Reads its own writes: the read side answers once it has applied the last command's position. */
  const get = async (path: string, status = 200): Promise<TestResponse> => {
    const res = await t.request('GET', path, { headers: { 'consistent-with': last } });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return res;
  };
  /** A demo-style IIN: a valid control digit, in a block whose birth date (month 13+) cannot be a real person's. */
  const demoIin = (n: number) =>
    withControlDigit(`7713${String(30 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`) ?? withControlDigit(`7714${String(30 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`)!;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('drafts, discusses, votes, certifies, approves, activates, amends by a second vote and shows version 2 with its diff', async () => {
    // 1. Territory: region → district → village, and six adult residents of the village.
    const unit = async (level: string, parentId: string | null, en: string) => {
      const unitId = randomUUID();
      await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
      return unitId;
    };
    const region = await unit('REGION', null, 'Whole-path region');
    const district = await unit('DISTRICT', region, 'Whole-path district');
    const village = await unit('VILLAGE', district, 'Whole-path aul');
    expect((await get(`/units/${village}`)).body).toMatchObject({ unitId: village, level: 'VILLAGE', parentId: district });

    const births = ['1958-02-11', '1963-09-30', '1971-05-17', '1979-12-01', '1984-07-23', '1990-03-08'];
    const residents: string[] = [];
    for (const [i, birthDate] of births.entries()) {
      const residentId = randomUUID();
      const iin = demoIin(i + 1);
      expect(iin).toMatch(/^\d{12}$/);
      await post('/residents', { residentId, settlementId: village, sex: i % 2 ? 'male' : 'female', fullName: `Whole Path Resident ${i + 1}`, iin, birthDate }, 201);
      residents.push(residentId);
    }

    // 2. Engagement: the village's eligibility roll, frozen; a problem discussion that records a problem.
    await t.catchUp(); // the roll is compiled from the residents register (a read model)
    const rollId = randomUUID();
    await post('/rolls', { rollId, scopeUnitId: village, cutoffDate: '2019-06-05' }, 201);
    expect((await post(`/rolls/${rollId}/freeze`)).body.eventsAppended).toBe(1);
    expect((await get(`/rolls/${rollId}`)).body).toMatchObject({ rollId, scopeUnitId: village, status: 'FROZEN', size: residents.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const discussionId = randomUUID();
    await post('/meetings', { meetingId: discussionId, meetingType: 'PROBLEM_DISCUSSION', territoryUnitId: village, title: 'What the aul needs most', convenor: 'Akim of the aul', venue: 'School hall', scheduledFor: '2019-06-10T15:00:00+06:00' }, 201);
    await post(`/meetings/${discussionId}/notice`, { publishedOn: '2019-06-05', channel: 'Akimat notice board' });
    const discussionItem = randomUUID();
    await post(`/meetings/${discussionId}/agenda-items`, { itemId: discussionItem, title: 'Problems of the aul', kind: 'DISCUSSION' });
    t.clock.set(new Date('2019-06-10T09:00:00.000Z'));
    await post(`/meetings/${discussionId}/opening`, { registeredCount: 5, rollId });
    await post(`/meetings/${discussionId}/attendance`, { attendance: { total: 5, bySex: { female: 3, male: 2 }, byAgeBand: { UNDER_18: 0, AGE_18_29: 1, AGE_30_44: 1, AGE_45_59: 2, AGE_60_PLUS: 1 } } });
    const raised = { problemId: randomUUID(), text: 'The streets are dark at night', category: 'INFRASTRUCTURE', itemId: discussionItem };
    await post(`/meetings/${discussionId}/problems`, raised);
    await post(`/meetings/${discussionId}/closure`);
    expect((await get(`/meetings/${discussionId}`)).body).toMatchObject({ status: 'CLOSED', outcome: 'HELD', problems: [{ problemId: raised.problemId }] });

    // 3. Planning: the draft records the discussed problem, priorities and funded actions, then is submitted.
    t.clock.set(new Date('2019-06-12T04:00:00.000Z'));
    const planId = randomUUID();
    await post('/plans', { planId, territoryUnitId: village, period: '2019-2021', vision: 'A lit and green aul' }, 201);
    const problemId = randomUUID();
    await post(`/plans/${planId}/problems`, { problemId, title: raised.text, category: 'INFRASTRUCTURE', discussionId });
    const lighting = randomUUID();
    const green = randomUUID();
    await post(`/plans/${planId}/priorities`, {
      priorities: [
        { priorityId: lighting, title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [problemId] },
        { priorityId: green, title: 'Green spaces', sector: 'ENVIRONMENT', problemIds: [] },
      ],
    });
    const action = (priorityId: string, title: string, cost: string, sources: Array<[string, string]>) => ({
      actionId: randomUUID(), priorityId, title, cost: kzt(cost),
      fundingSources: sources.map(([source, amount]) => ({ source, amount: kzt(amount), status: 'COMMITTED' })),
      responsibleParty: 'Aul akimat', start: '2019-09-01', end: '2020-10-31',
      indicators: [{ name: title, unit: 'items', baseline: '0', target: '1' }],
    });
    const lamps = action(lighting, 'Install 80 LED street lamps', '400000000', [['LOCAL_BUDGET', '150000000'], ['AUYL_EL_BESIGI', '250000000']]);
    const trees = action(green, 'Plant 200 trees', '30000000', [['COMMUNITY', '30000000']]);
    await post(`/plans/${planId}/actions`, lamps);
    await post(`/plans/${planId}/actions`, trees);
    await post(`/plans/${planId}/submission`);
    const submitted = (await get(`/plans/${planId}`)).body;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 1, submittedContentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const planHash = submitted.submittedContentHash as string;

    /** A sobranie of the village with due notice and one DECISION item, opened with quorum on the frozen roll. */
    const approvalMeeting = async (title: string, subjectRef: string, noticeOn: string, day: string) => {
      const meetingId = randomUUID();
      await post('/meetings', { meetingId, meetingType: 'MEETING_SOBRANIE', territoryUnitId: village, title, convenor: 'Akim of the aul', venue: 'House of Culture', scheduledFor: `${day}T15:00:00+06:00` }, 201);
      await post(`/meetings/${meetingId}/notice`, { publishedOn: noticeOn, channel: 'Akimat website' });
      const itemId = randomUUID();
      await post(`/meetings/${meetingId}/agenda-items`, { itemId, title, kind: 'DECISION', subjectRef });
      t.clock.set(new Date(`${day}T09:00:00.000Z`));
      const opened = await post(`/meetings/${meetingId}/opening`, { registeredCount: 5, rollId });
      expect(opened.body.eventsAppended).toBe(2); // MeetingOpened + QuorumEstablished
      expect((await get(`/meetings/${meetingId}`)).body).toMatchObject({ status: 'OPEN', rollId, eligibleCount: residents.length, quorum: { reached: true, required: 3 } });
      return { meetingId, itemId };
    };
    /** A roll-call vote of the meeting on `subject`: five ballots (four FOR), closed, tallied and certified. */
    const certifiedVote = async (meetingId: string, subject: { type: 'PLAN' | 'AMENDMENT'; ref: string; contentHash: string }) => {
      const voteId = randomUUID();
      await post('/votes', { voteId, subject, options: ['FOR', 'AGAINST', 'ABSTAIN'], method: 'OPEN_ROLL_CALL', territoryUnitId: village, meetingId, rollId, policy: 'MEETING' }, 201);
      const ballots: Array<[string, string]> = [[residents[0]!, 'FOR'], [residents[1]!, 'FOR'], [residents[2]!, 'FOR'], [residents[3]!, 'FOR'], [residents[4]!, 'AGAINST']];
      for (const [residentId, option] of ballots) await post(`/votes/${voteId}/ballots`, { residentId, option }, 201);
      await post(`/votes/${voteId}/closing`);
      await post(`/votes/${voteId}/tally`);
      expect((await get(`/votes/${voteId}`)).body).toMatchObject({ status: 'TALLIED', ballotsReceived: 5, tally: { counts: { for: 4, against: 1, abstain: 0 }, present: 5, rollSize: 6, quorumMet: true, outcome: 'ADOPTED' } });
      await post(`/votes/${voteId}/certification`);
      expect((await get(`/votes/${voteId}/result`)).body).toMatchObject({ voteId, meetingId, territoryUnitId: village, subject, outcome: 'ADOPTED', counts: { for: 4, against: 1, abstain: 0 }, present: 5, rollSize: 6, quorumMet: true, annulment: null });
      return voteId;
    };
    const decideAndClose = async (meetingId: string, itemId: string, voteId: string, text: string) => {
      await post(`/meetings/${meetingId}/decisions`, { itemId, voteId, outcome: 'ADOPTED', text });
      await post(`/meetings/${meetingId}/closure`, { reason: 'Agenda exhausted' });
      expect((await get(`/meetings/${meetingId}`)).body).toMatchObject({ status: 'CLOSED', outcome: 'HELD', decisions: [{ itemId, voteId, outcome: 'ADOPTED' }] });
    };

    // 4. The approval sobranie and its vote on the submitted plan text.
    const approval = await approvalMeeting('Approval of the aul development plan 2019-2021', `plan:${planId}`, '2019-06-12', '2019-06-25');
    const planVote = await certifiedVote(approval.meetingId, { type: 'PLAN', ref: planId, contentHash: planHash });
    await decideAndClose(approval.meetingId, approval.itemId, planVote, 'The development plan 2019-2021 is approved');

    // 5. The PlanApproval reactor records the approval; the akim endorses; the plan is activated.
    await t.catchUp();
    await t.catchUp(); // the reaction's own events
    expect((await get(`/plans/${planId}`)).body).toMatchObject({ status: 'APPROVED', approvals: [{ voteId: planVote, version: 1, contentHash: planHash }] });
    await post(`/plans/${planId}/endorsement`, {});
    await post(`/plans/${planId}/activation`);
    expect((await get(`/plans/${planId}`)).body).toMatchObject({ status: 'ACTIVE', version: 1, endorsement: { endorsedBy: expect.any(String) }, activatedAt: expect.any(String) });

    // 6. A MAJOR amendment (a new action), its own vote, the decision, and its application as version 2.
    t.clock.set(new Date('2019-08-01T04:00:00.000Z'));
    const amendmentId = randomUUID();
    const playground = action(green, 'Build a playground', '20000000', [['AUYL_EL_BESIGI', '20000000']]);
    await post('/plan-amendments', { amendmentId, planId, baseVersion: 1, ops: [{ op: 'ADD_ACTION', action: playground }], rationale: 'Residents asked for a playground', proposer: { kind: 'RESIDENT_INITIATIVE', signatures: 54 } }, 201);
    await post(`/plan-amendments/${amendmentId}/submission`);
    const proposed = (await get(`/plan-amendments/${amendmentId}`)).body;
    expect(proposed).toMatchObject({ status: 'SUBMITTED', classification: 'MAJOR', route: 'COMMUNITY_VOTE', baseVersion: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const amendmentHash = proposed.contentHash as string;

    const second = await approvalMeeting('Amendment of the aul development plan: a playground', `amendment:${amendmentId}`, '2019-08-01', '2019-08-15');
    const amendmentVote = await certifiedVote(second.meetingId, { type: 'AMENDMENT', ref: amendmentId, contentHash: amendmentHash });
    await decideAndClose(second.meetingId, second.itemId, amendmentVote, 'The amendment adding a playground is approved');
    await post(`/plan-amendments/${amendmentId}/decision`, { decision: 'APPROVED', voteId: amendmentVote });
    await t.catchUp();
    await t.catchUp();
    await t.catchUp(); // AmendmentApproved → PlanAmendmentApplied → AmendmentApplied

    expect((await get(`/plan-amendments/${amendmentId}`)).body).toMatchObject({ status: 'APPLIED', appliedVersion: 2, decision: { outcome: 'APPROVED', voteId: amendmentVote } });
    const plan = (await get(`/plans/${planId}`)).body;
    expect(plan).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(plan.actions.map((a: { title: string }) => a.title)).toEqual([lamps.title, trees.title, playground.title]);
    const expectedDiff = { fromVersion: 1, toVersion: 2, actionsAdded: [playground], actionsRevised: [], actionsDropped: [], prioritiesReordered: [] };
    expect(plan.versions.find((v: { version: number }) => v.version === 2)).toMatchObject({ madeBy: 'AMENDMENT', amendmentId, diff: expectedDiff });
    expect((await get(`/plans/${planId}/versions/2`)).body).toMatchObject({ version: 2, madeBy: 'AMENDMENT', amendmentId });
    expect((await get(`/plans/${planId}/diff?from=1&to=2`)).body).toEqual(expectedDiff);

    // Nothing was appended around the routes: every event was written by the admin's requests or by the two reactors.
    const actors = new Set<string>();
    for (let after: bigint | null = null; ; ) {
      const batch = await t.store.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) break;
      for (const e of batch) actors.add(e.metadata.actor.id);
      after = batch.at(-1)!.position;
    }
    expect([...actors].sort()).toEqual(['bootstrap-admin', 'reactor:planning.amendment-application', 'reactor:planning.plan-approval']);
    expect((await t.store.readStream(`plan-${planId}`)).map((e) => e.type)).toEqual([
      'PlanDrafted', 'ProblemRecorded', 'PrioritiesSet', 'PlanActionAdded', 'PlanActionAdded', 'PlanSubmittedForApproval',
      'PlanApprovedByCommunity', 'PlanEndorsedByAkim', 'PlanActivated', 'PlanAmendmentApplied',
    ]);
    // Every stream's hash chain is intact.
    expect(await verifyChains(t.store)).toMatchObject({ ok: true });
  }, 120_000);
});
