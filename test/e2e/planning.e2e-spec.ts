import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { voteStream } from '../../src/voting/domain/vote-result.events.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * A village development plan through HTTP (DOMAIN.md 2, 5.5, 5.11): drafted, approved by a certified community vote
 * (appended straight to the store, as the Voting context would), endorsed, activated, amended by a MAJOR amendment
 * applied by the reactor as version 2 with its diff, and closed.
 */
describe('Planning over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const unitId = randomUUID();
  const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });
  const post = async (path: string, body: unknown = {}, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });
  const expectProblem = (res: TestResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `/problems/${code}`, status });
  };
  /** The Voting context's published fact, appended through the store port. */
  const certifyVote = async (subject: { type: 'PLAN' | 'AMENDMENT'; ref: string; contentHash: string }, outcome = 'ADOPTED') => {
    const voteId = randomUUID();
    const data = {
      voteId, meetingId: randomUUID(), territoryUnitId: unitId, subject, outcome, counts: { for: 61, against: 4, abstain: 2 },
      present: 67, rollSize: 112, quorumMet: true, policyVersion: 'vote-policy/2019.1', certifiedAt: '2019-06-05T12:00:00.000Z',
    };
    const appended = await t.store.appendToStream(voteStream(voteId), [{ type: 'VoteResultCertified', data, metadata: { actor: { id: 'apiKey:secretary', role: 'meeting-secretary' }, correlationId: randomUUID(), occurredAt: '2019-06-05T12:00:00.000Z' } }], 'no_stream');
    last = appended.position.toString();
    await t.catchUp();
    await t.catchUp(); // the reactions' own events
    return voteId;
  };
  const action = (priorityId: string, title: string, cost: string, sources: Array<[string, string]>) => ({
    actionId: randomUUID(), priorityId, title, cost: kzt(cost),
    fundingSources: sources.map(([source, amount]) => ({ source, amount: kzt(amount), status: 'COMMITTED' })),
    responsibleParty: 'Aul akimat', start: '2019-04-01', end: '2019-10-31',
    indicators: [{ name: title, unit: 'items', baseline: '0', target: '1' }],
  });
  const planEvents = async (planId: string) => (await t.store.readStream(`plan-${planId}`)).map((e) => e.type);

  /** Drafts and submits a plan with one problem, two priorities and the given actions; returns the submitted hash. */
  const draftAndSubmit = async (planId: string, actions: (p: string[]) => ReturnType<typeof action>[]) => {
    await post('/plans', { planId, territoryUnitId: unitId, period: '2018-2020', vision: 'A lit and green aul' }, 201);
    const problemId = randomUUID();
    await post(`/plans/${planId}/problems`, { problemId, title: 'No street lighting', category: 'INFRASTRUCTURE', discussionId: randomUUID() });
    const priorities = [randomUUID(), randomUUID()];
    await post(`/plans/${planId}/priorities`, {
      priorities: [
        { priorityId: priorities[0], title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [problemId] },
        { priorityId: priorities[1], title: 'Green spaces', sector: 'ENVIRONMENT', problemIds: [] },
      ],
    });
    const list = actions(priorities);
    for (const a of list) await post(`/plans/${planId}/actions`, a);
    await post(`/plans/${planId}/submission`);
    const plan = await get(`/plans/${planId}`);
    expect(plan.body).toMatchObject({ status: 'SUBMITTED', version: 1, submittedContentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    return { hash: plan.body.submittedContentHash as string, priorities, actions: list };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await post('/units', { unitId, level: 'REGION', names: { en: 'Planning test region' }, effectiveFrom: '2017-01-01' }, 201);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const planId = randomUUID();
  let first: Awaited<ReturnType<typeof draftAndSubmit>>;

  it('drafts a plan only for a unit in force, and checks each action’s funding', async () => {
    expectProblem(await t.request('POST', '/plans', { body: { planId: randomUUID(), territoryUnitId: randomUUID(), period: '2018-2020', vision: 'x' } }), 422, 'territory-unit-not-in-force');
    const other = randomUUID();
    await post('/plans', { planId: other, territoryUnitId: unitId, period: '2021-2023', vision: 'x' }, 201);
    await post(`/plans/${other}/priorities`, { priorities: [{ priorityId: randomUUID(), title: 'p', sector: 's', problemIds: [] }] });
    const prio = (await t.store.readStream(`plan-${other}`)).at(-1)!.data as { priorities: Array<{ priorityId: string }> };
    const bad = action(prio.priorities[0]!.priorityId, 'Lamps', '600000000', [['LOCAL_BUDGET', '100000000'], ['EU_PROJECT', '499999999']]);
    expectProblem(await t.request('POST', `/plans/${other}/actions`, { body: bad }), 422, 'funding-does-not-match-cost');
    expectProblem(await t.request('POST', `/plans/${other}/actions`, { body: { ...bad, priorityId: randomUUID() } }), 422, 'unknown-priority');
    expectProblem(await t.request('POST', `/plans/${other}/submission`), 422, 'plan-has-no-actions');
  });

  it('is approved only by a certified ADOPTED vote on the submitted content hash, through the PlanApproval reactor', async () => {
    first = await draftAndSubmit(planId, (p) => [
      action(p[0]!, 'Install 120 LED street lamps', '600000000', [['LOCAL_BUDGET', '100000000'], ['EU_PROJECT', '500000000']]),
      action(p[1]!, 'Plant 300 trees', '45000000', [['COMMUNITY', '45000000']]),
    ]);
    const submitted = (await t.store.readStream(`plan-${planId}`)).find((e) => e.type === 'PlanSubmittedForApproval')!;
    expect(submitted.data).toMatchObject({ version: 1, contentHash: first.hash });

    // A vote on another text (a stale hash) cannot approve it.
    await certifyVote({ type: 'PLAN', ref: planId, contentHash: 'f'.repeat(64) });
    expect(await planEvents(planId)).not.toContain('PlanApprovedByCommunity');
    expect((await get(`/plans/${planId}`)).body.status).toBe('SUBMITTED');
    // A rejected vote does nothing either.
    await certifyVote({ type: 'PLAN', ref: planId, contentHash: first.hash }, 'REJECTED');
    expect(await planEvents(planId)).not.toContain('PlanApprovedByCommunity');

    const voteId = await certifyVote({ type: 'PLAN', ref: planId, contentHash: first.hash });
    const approval = (await t.store.readStream(`plan-${planId}`)).find((e) => e.type === 'PlanApprovedByCommunity')!;
    expect(approval.data).toMatchObject({ voteId, version: 1, contentHash: first.hash });
    expect(approval.metadata.actor).toEqual({ id: 'reactor:planning.plan-approval', role: 'system' });
    const plan = await get(`/plans/${planId}`);
    expect(plan.body).toMatchObject({ status: 'APPROVED', approvals: [{ voteId, version: 1, contentHash: first.hash }] });
    expect(plan.body._model).toBeUndefined();
    expect((await get(`/plans/${planId}/versions/1`)).body).toMatchObject({ version: 1, contentHash: first.hash, madeBy: 'SUBMISSION' });
  });

  it('is endorsed by the akim, then activated; a second plan for the same territory and period is refused', async () => {
    expectProblem(await t.request('POST', `/plans/${planId}/activation`), 409, 'plan-not-endorsed');
    await post(`/plans/${planId}/endorsement`, {});
    await post(`/plans/${planId}/activation`);
    expect((await get(`/plans/${planId}`)).body).toMatchObject({ status: 'ACTIVE', endorsement: { endorsedBy: expect.any(String) }, activatedAt: expect.any(String) });

    const second = randomUUID();
    const s = await draftAndSubmit(second, (p) => [action(p[0]!, 'Repair the club', '10000000', [['SPONSOR', '10000000']])]);
    await certifyVote({ type: 'PLAN', ref: second, contentHash: s.hash });
    await post(`/plans/${second}/endorsement`, {});
    expectProblem(await t.request('POST', `/plans/${second}/activation`), 409, 'another-plan-active');
    expect(await planEvents(second)).not.toContain('PlanActivated');
    const active = await get(`/plans?territoryUnitId=${unitId}&status=ACTIVE`);
    expect(active.body.items.map((p: { planId: string }) => p.planId)).toEqual([planId]);
  });

  it('applies an approved MAJOR amendment through the reactor as version 2, with its diff', async () => {
    const amendmentId = randomUUID();
    const [lamps, trees] = first.actions;
    const newAction = action(first.priorities[1]!, 'Build a playground', '20000000', [['AUYL_EL_BESIGI', '20000000']]);
    const ops = [
      { op: 'ADD_ACTION', action: newAction },
      { op: 'REVISE_ACTION', actionId: lamps!.actionId, fields: { title: 'Install 140 LED street lamps' } },
      { op: 'DROP_ACTION', actionId: trees!.actionId },
      { op: 'REPRIORITISE', ranking: [first.priorities[1], first.priorities[0]] },
    ];
    expectProblem(await t.request('POST', '/plan-amendments', { body: { amendmentId: randomUUID(), planId, baseVersion: 7, ops, rationale: 'r', proposer: { kind: 'AKIM' } } }), 409, 'amendment-base-version-stale');
    await post('/plan-amendments', { amendmentId, planId, baseVersion: 1, ops, rationale: 'Residents asked for a playground', proposer: { kind: 'RESIDENT_INITIATIVE', signatures: 54 } }, 201);
    let amendment = await get(`/plan-amendments/${amendmentId}`);
    expect(amendment.body).toMatchObject({ status: 'PROPOSED', classification: 'MAJOR', policyVersion: 'amendment-policy/2019.1', baseVersion: 1 });
    const hash = amendment.body.contentHash as string;

    await post(`/plan-amendments/${amendmentId}/submission`);
    expect((await get(`/plan-amendments/${amendmentId}`)).body.route).toBe('COMMUNITY_VOTE');
    expectProblem(await t.request('POST', `/plan-amendments/${amendmentId}/decision`, { body: { decision: 'APPROVED' } }), 422, 'decision-needs-certified-vote');
    const stale = randomUUID();
    await t.store.appendToStream(voteStream(stale), [{ type: 'VoteResultCertified', data: { voteId: stale, meetingId: null, territoryUnitId: unitId, subject: { type: 'AMENDMENT', ref: amendmentId, contentHash: 'e'.repeat(64) }, outcome: 'ADOPTED', counts: { for: 1, against: 0, abstain: 0 }, present: 1, rollSize: 1, quorumMet: true, policyVersion: 'p', certifiedAt: '2019-09-01T00:00:00.000Z' }, metadata: { actor: { id: 'x', role: 'meeting-secretary' }, correlationId: 'c', occurredAt: '2019-09-01T00:00:00.000Z' } }], 'no_stream');
    expectProblem(await t.request('POST', `/plan-amendments/${amendmentId}/decision`, { body: { decision: 'APPROVED', voteId: stale } }), 422, 'stale-content-hash');

    const voteId = await certifyVote({ type: 'AMENDMENT', ref: amendmentId, contentHash: hash });
    await post(`/plan-amendments/${amendmentId}/decision`, { decision: 'APPROVED', voteId });
    await t.catchUp();
    await t.catchUp();
    await t.catchUp();

    expect((await planEvents(planId)).filter((e) => e === 'PlanAmendmentApplied')).toHaveLength(1);
    amendment = await get(`/plan-amendments/${amendmentId}`);
    expect(amendment.body).toMatchObject({ status: 'APPLIED', appliedVersion: 2, decision: { outcome: 'APPROVED', voteId } });
    const plan = await get(`/plans/${planId}`);
    expect(plan.body).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(plan.body.actions.map((a: { title: string }) => a.title)).toEqual(['Install 140 LED street lamps', 'Build a playground']);
    const v2 = plan.body.versions.find((v: { version: number }) => v.version === 2);
    const expectedDiff = {
      fromVersion: 1,
      toVersion: 2,
      actionsAdded: [newAction],
      actionsRevised: [{ actionId: lamps!.actionId, changes: [{ field: 'title', from: 'Install 120 LED street lamps', to: 'Install 140 LED street lamps' }] }],
      actionsDropped: [trees],
      prioritiesReordered: [
        { priorityId: first.priorities[0], fromRank: 1, toRank: 2 },
        { priorityId: first.priorities[1], fromRank: 2, toRank: 1 },
      ],
    };
    expect(v2).toMatchObject({ madeBy: 'AMENDMENT', amendmentId, diff: expectedDiff });
    expect((await get(`/plans/${planId}/versions/2`)).body.contentHash).toBe(v2.contentHash);
    expect((await get(`/plans/${planId}/diff?from=1&to=2`)).body).toEqual(expectedDiff);
    expectProblem(await get(`/plans/${planId}/versions/9`), 404, 'plan-version-not-found');
  });

  it('marks an approved amendment CONFLICTED when the plan moved past its base version; a rebase needs a new decision', async () => {
    const plan = (await get(`/plans/${planId}`)).body;
    const [lamps] = plan.actions;
    const minor = randomUUID();
    const late = randomUUID();
    const revise = (fields: object) => [{ op: 'REVISE_ACTION', actionId: lamps.actionId, fields }];
    await post('/plan-amendments', { amendmentId: minor, planId, baseVersion: 2, ops: revise({ responsibleParty: 'Aul akimat and district akimat' }), rationale: 'Wording', proposer: { kind: 'WORKING_GROUP' } }, 201);
    await post('/plan-amendments', { amendmentId: late, planId, baseVersion: 2, ops: revise({ end: '2019-11-30' }), rationale: 'Delivery is late', proposer: { kind: 'AKIM' } }, 201);
    for (const id of [minor, late]) {
      expect((await get(`/plan-amendments/${id}`)).body.classification).toBe('MINOR');
      await post(`/plan-amendments/${id}/submission`);
    }
    expectProblem(await t.request('POST', `/plan-amendments/${minor}/decision`, { body: { decision: 'APPROVED', akimSignOff: true } }), 422, 'decision-needs-sign-off');
    await post(`/plan-amendments/${minor}/decision`, { decision: 'APPROVED', akimSignOff: true, workingGroupSignOff: true });
    await t.catchUp();
    await t.catchUp();
    await t.catchUp();
    expect((await get(`/plans/${planId}`)).body.version).toBe(3);

    await post(`/plan-amendments/${late}/decision`, { decision: 'APPROVED', akimSignOff: true, workingGroupSignOff: true });
    await t.catchUp();
    await t.catchUp();
    await t.catchUp();
    expect((await get(`/plan-amendments/${late}`)).body).toMatchObject({ status: 'CONFLICTED', conflict: { baseVersion: 2, currentVersion: 3 } });
    expect((await get(`/plans/${planId}`)).body.version).toBe(3);

    await post(`/plan-amendments/${late}/rebase`);
    expect((await get(`/plan-amendments/${late}`)).body).toMatchObject({ status: 'PROPOSED', baseVersion: 3, decision: null });
    await post(`/plan-amendments/${late}/withdrawal`, { reason: 'Delivered on time after all' });
    expect((await get(`/plan-amendments/${late}`)).body.status).toBe('WITHDRAWN');
  });

  it('refuses a rural akim’s change to a plan outside their units with 403', async () => {
    const otherUnit = randomUUID();
    await post('/units', { unitId: otherUnit, level: 'REGION', names: { en: 'Another region' }, effectiveFrom: '2017-01-01' }, 201);
    const issued = await post('/api-keys', { keyId: randomUUID(), name: 'akim key', role: 'rural-akim', scope: { units: [otherUnit] }, expiresAt: '2020-06-01T00:00:00.000Z' }, 201);
    const akim = issued.body.apiKey as string;
    const res = await t.request('POST', `/plans/${planId}/problems`, { auth: akim, body: { problemId: randomUUID(), title: 't', category: 'c', discussionId: randomUUID() } });
    expectProblem(res, 403, 'out-of-scope');
    expectProblem(await t.request('POST', '/plans', { auth: akim, body: { planId: randomUUID(), territoryUnitId: unitId, period: '2018-2020', vision: 'x' } }), 403, 'out-of-scope');
    const own = randomUUID();
    expect((await t.request('POST', '/plans', { auth: akim, body: { planId: own, territoryUnitId: otherUnit, period: '2018-2020', vision: 'x' } })).status).toBe(201);
    expect((await t.request('GET', `/plans/${planId}`, { auth: akim })).status).toBe(200);
  });

  it('records progress and closes with the implementation rate; the territory’s period is then free', async () => {
    const plan = (await get(`/plans/${planId}`)).body;
    const [lamps] = plan.actions;
    await post(`/plans/${planId}/actions/${lamps.actionId}/progress`, { status: 'DONE', spent: kzt('600000000'), fundingReceived: [{ source: 'EU_PROJECT', amount: kzt('500000000') }] });
    const indicator = lamps.indicators[0].name;
    await post(`/plans/${planId}/actions/${lamps.actionId}/indicator-actuals`, { indicator, asOf: '2019-09-30', actual: '1' });
    expectProblem(await t.request('POST', `/plans/${planId}/actions/${lamps.actionId}/indicator-actuals`, { body: { indicator: 'No such indicator', asOf: '2019-09-30', actual: '1' } }), 422, 'unknown-indicator');
    expect((await get(`/plans/${planId}`)).body.actions[0].indicatorActuals).toEqual([{ indicator, asOf: '2019-09-30', actual: '1' }]);
    await post(`/plans/${planId}/closure`, {});
    expect((await get(`/plans/${planId}`)).body.closure).toMatchObject({ implementationRatePct: '50.00', actionsDone: 1, actionsTotal: 2 });
    const implementation = await get(`/plans/${planId}/implementation`);
    expect(implementation.body).toMatchObject({
      status: 'CLOSED',
      implementationRatePct: '50.00',
      cost: [kzt('620000000')],
      receivedBySource: [{ source: 'EU_PROJECT', amount: kzt('500000000') }],
    });
    const reservation = await t.store.readStream(`activePlan-${unitId}.2018-2020`);
    expect(reservation.map((e) => e.type)).toEqual(['ActivePlanReserved', 'ActivePlanReleased']);
    // The period is free again: the second plan can now be activated.
    const approved = (await get(`/plans?territoryUnitId=${unitId}&status=APPROVED`)).body.items;
    expect(approved).toHaveLength(1);
    await post(`/plans/${approved[0].planId}/activation`);
    expect((await t.store.readStream(`activePlan-${unitId}.2018-2020`)).map((e) => e.type)).toEqual(['ActivePlanReserved', 'ActivePlanReleased', 'ActivePlanReserved']);
  });

  it('describes the planning routes in OpenAPI', async () => {
    const doc = (await t.request('GET', '/openapi.json', { auth: null })).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/plans', '/plans/{planId}', '/plans/{planId}/problems', '/plans/{planId}/priorities', '/plans/{planId}/actions',
        '/plans/{planId}/actions/{actionId}/revision', '/plans/{planId}/actions/{actionId}/removal', '/plans/{planId}/submission',
        '/plans/{planId}/return-to-draft', '/plans/{planId}/endorsement', '/plans/{planId}/activation', '/plans/{planId}/actions/{actionId}/progress',
        '/plans/{planId}/closure', '/plans/{planId}/supersession', '/plans/{planId}/versions/{version}', '/plans/{planId}/diff', '/plans/{planId}/implementation',
        '/plan-amendments', '/plan-amendments/{amendmentId}', '/plan-amendments/{amendmentId}/submission', '/plan-amendments/{amendmentId}/decision',
        '/plan-amendments/{amendmentId}/withdrawal', '/plan-amendments/{amendmentId}/rebase',
      ]),
    );
    expect(doc.paths['/plans/{planId}'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/PlanDto$/);
    expect(doc.components.schemas.ProposeAmendmentDto.properties).toHaveProperty('ops');
  });

  it('changes nothing when the reactors see every event again', async () => {
    const count = await eventCount(t.store);
    await t.reads.deleteCheckpoint('reactor:planning.plan-approval');
    await t.reads.deleteCheckpoint('reactor:planning.amendment-application');
    const dataDir = t.dataDir;
    await t.close();
    t = await startTestApp({ dataDir });
    await t.catchUp();
    await t.catchUp();
    expect(await t.reads.getCheckpoint('reactor:planning.amendment-application')).toBe(await t.store.headPosition());
    expect(await eventCount(t.store)).toBe(count);
    expect((await planEvents(planId)).filter((e) => e === 'PlanAmendmentApplied')).toHaveLength(2);
  });
});
