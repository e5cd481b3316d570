import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runDriftCheck } from '../../src/audit/drift-cli.js';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import { voteStream } from '../../src/voting/domain/vote-result.events.js';
import { type TestApp, type TestResponse, startTestApp } from '../support/test-app.js';

/**
 * The auditor's view (tracker issue [08] items 1, 2, 5, 6): a plan approved in June and amended in September, seen as
 * of July (version 1, in force then), of early September (version 1, the amendment pending, a grant call drafted) and
 * of October (version 2); the audit trail with its filters, paging and causation chains; a stream's history, state as
 * of an instant or revision, and diff; the drift detector catching a corrupted read model; an auditor key that reads
 * everything, issues no command and sees no personal plaintext.
 */
describe('Audit over HTTP', () => {
  let t: TestApp;
  let auditor: string;
  let last = '0';
  const region = randomUUID();
  const district = randomUUID();
  const village = randomUUID();
  const planId = randomUUID();
  const callId = randomUUID();
  const resident = {
    residentId: randomUUID(),
    fullName: `Auditcase-${randomUUID().slice(0, 8)} Серикқызы`,
    iin: withControlDigit('90131077001') ?? withControlDigit('90141077001')!,
    birthDate: '1991-04-12',
    phone: '+7 701 555 7788',
    address: `Audit street ${randomUUID().slice(0, 8)}, house 3`,
    sex: 'female',
  };
  const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });
  const on = (iso: string) => t.clock.set(new Date(iso));
  const post = async (path: string, body: unknown = {}, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  /** A GET as the auditor, consistent with the last write. */
  const audit = (path: string) => t.request('GET', path, { auth: auditor, headers: { 'consistent-with': last } });
  const settle = async () => {
    for (let i = 0; i < 3; i++) await t.catchUp(); // reactions, then their own events
  };
  const certifyVote = async (subject: { type: 'PLAN' | 'AMENDMENT'; ref: string; contentHash: string }, at: string) => {
    const voteId = randomUUID();
    const data = {
      voteId, meetingId: randomUUID(), territoryUnitId: village, subject, outcome: 'ADOPTED', counts: { for: 61, against: 4, abstain: 2 },
      present: 67, rollSize: 112, quorumMet: true, policyVersion: 'vote-policy/2019.1', certifiedAt: at,
    };
    const appended = await t.store.appendToStream(voteStream(voteId), [{ type: 'VoteResultCertified', data, metadata: { actor: { id: 'apiKey:secretary', role: 'meeting-secretary' }, correlationId: randomUUID(), commandName: 'CertifyVoteResult', occurredAt: at } }], 'no_stream');
    last = appended.position.toString();
    await settle();
    return voteId;
  };
  const action = (priorityId: string, title: string, cost: string) => ({
    actionId: randomUUID(), priorityId, title, cost: kzt(cost), fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt(cost), status: 'COMMITTED' }],
    responsibleParty: 'Aul akimat', start: '2019-04-01', end: '2019-10-31', indicators: [{ name: title, unit: 'items', baseline: '0', target: '1' }],
  });
  let lamps: ReturnType<typeof action>;
  let trees: ReturnType<typeof action>;
  let amendmentId: string;

  beforeAll(async () => {
    // A snapshot every 2 revisions: the states below are folded from persisted snapshots that the commands took.
    t = await startTestApp({ now: new Date('2019-06-05T09:30:00.000Z'), env: { SNAPSHOT_EVERY: '2' } });
    await post('/units', { unitId: region, level: 'REGION', names: { en: 'Audit region' }, effectiveFrom: '2017-01-01' }, 201);
    await post('/units', { unitId: district, level: 'DISTRICT', parentId: region, names: { en: 'Audit district' }, effectiveFrom: '2017-01-01' }, 201);
    await post('/units', { unitId: village, level: 'VILLAGE', parentId: district, names: { en: 'Audit village' }, effectiveFrom: '2017-01-01' }, 201);
    const issued = await post('/api-keys', { keyId: randomUUID(), name: 'auditor key', role: 'auditor', scope: {}, expiresAt: '2020-06-01T00:00:00.000Z' }, 201);
    auditor = issued.body.apiKey;

    // June: drafted, submitted, approved by a certified vote, endorsed and activated.
    await post('/plans', { planId, territoryUnitId: village, period: '2018-2020', vision: 'A lit and green aul' }, 201);
    const problemId = randomUUID();
    await post(`/plans/${planId}/problems`, { problemId, title: 'No street lighting', category: 'INFRASTRUCTURE', discussionId: randomUUID() });
    const priorities = [randomUUID(), randomUUID()];
    await post(`/plans/${planId}/priorities`, {
      priorities: [
        { priorityId: priorities[0], title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [problemId] },
        { priorityId: priorities[1], title: 'Green spaces', sector: 'ENVIRONMENT', problemIds: [] },
      ],
    });
    lamps = action(priorities[0]!, 'Install 120 LED street lamps', '600000000');
    trees = action(priorities[1]!, 'Plant 300 trees', '45000000');
    for (const a of [lamps, trees]) await post(`/plans/${planId}/actions`, a);
    await post(`/plans/${planId}/submission`);
    const submitted = (await t.store.readStream(`plan-${planId}`)).find((e) => e.type === 'PlanSubmittedForApproval')!;
    await certifyVote({ type: 'PLAN', ref: planId, contentHash: (submitted.data as { contentHash: string }).contentHash }, '2019-06-05T12:00:00.000Z');
    on('2019-06-20T09:00:00.000Z');
    await post(`/plans/${planId}/endorsement`, {});
    await post(`/plans/${planId}/activation`);

    // August: a grant call open to the village.
    on('2019-08-01T09:00:00.000Z');
    const [eu, argo, programmeId] = [randomUUID(), randomUUID(), randomUUID()];
    await post('/organisations', { organisationId: eu, name: { en: 'European Union' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
    await post('/organisations', { organisationId: argo, name: { en: 'ARGO' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
    await post('/programmes', {
      programmeId, code: 'GSE', title: { en: 'Greater Stakeholder Engagement' }, donorOrgId: eu, leadOrgId: argo,
      contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: parseMajor('60000', 'EUR'),
    }, 201);
    await post('/grant-calls', {
      callId, programmeId, reference: 'GSE-2019-1', title: { en: 'Local entrepreneurship' },
      fund: parseMajor('12000000', 'KZT'), perRecipientCap: parseMajor('1200000', 'KZT'), minAward: parseMajor('500000', 'KZT'), maxAward: parseMajor('1200000', 'KZT'),
      ownContributionPct: { min: 10, max: 20 }, eligibleUnitIds: [village], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR'],
      criteria: [{ criterionId: 'relevance', title: 'Relevance', weight: 100 }], openingDate: '2019-09-01', deadline: '2019-09-30', committee: { members: 5, quorum: 3 },
    }, 201);

    // September: a MAJOR amendment proposed, voted and applied as version 2.
    on('2019-09-02T09:00:00.000Z');
    amendmentId = randomUUID();
    const ops = [
      { op: 'ADD_ACTION', action: action(priorities[1]!, 'Build a playground', '20000000') },
      { op: 'REVISE_ACTION', actionId: lamps.actionId, fields: { title: 'Install 140 LED street lamps' } },
    ];
    await post('/plan-amendments', { amendmentId, planId, baseVersion: 1, ops, rationale: 'Residents asked for a playground', proposer: { kind: 'RESIDENT_INITIATIVE', signatures: 54 } }, 201);
    await post(`/plan-amendments/${amendmentId}/submission`);
    const hash = (await t.store.readStream(`planAmendment-${amendmentId}`)).find((e) => (e.data as { contentHash?: string }).contentHash)!.data as { contentHash: string };
    const voteId = await certifyVote({ type: 'AMENDMENT', ref: amendmentId, contentHash: hash.contentHash }, '2019-09-10T10:00:00.000Z');
    on('2019-09-10T11:00:00.000Z');
    await post(`/plan-amendments/${amendmentId}/decision`, { decision: 'APPROVED', voteId }, 200);
    await settle();
    expect((await t.store.readStream(`plan-${planId}`)).map((e) => e.type)).toContain('PlanAmendmentApplied');

    on('2019-10-01T09:00:00.000Z');
    await post('/residents', { ...resident, settlementId: village }, 201);
    await t.catchUp();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('shows the plan as of a date before its amendment with the version in force then, and every part from one log position', async () => {
    const july = await audit(`/audit/plans/${planId}/as-of?asOf=2019-07-01T00:00:00Z`);
    expect(july.status).toBe(200);
    expect(july.body).toMatchObject({ planId, status: 'ACTIVE', version: 1, timeAxis: 'occurred', amendments: [], grantCalls: [] });
    expect(july.body.budgetLines.map((l: { title: string }) => l.title)).toEqual(['Install 120 LED street lamps', 'Plant 300 trees']);
    expect(july.body.budgetLines[0].cost).toEqual(kzt('600000000'));
    expect(july.body.votes).toHaveLength(1);
    expect(july.body.votes[0].certifiedResult).toMatchObject({ outcome: 'ADOPTED', subject: { type: 'PLAN', ref: planId } });

    const september = await audit(`/audit/plans/${planId}/as-of?asOf=2019-09-05T00:00:00Z`);
    expect(september.body).toMatchObject({ version: 1, amendments: [{ id: amendmentId }], grantCalls: [{ id: callId, state: { status: 'DRAFT' } }] });
    expect(september.body.votes).toHaveLength(1);

    const october = await audit(`/audit/plans/${planId}/as-of?asOf=2019-10-01T00:00:00Z`);
    expect(october.body).toMatchObject({ version: 2, status: 'ACTIVE' });
    expect(october.body.budgetLines.map((l: { title: string }) => l.title)).toEqual(['Install 140 LED street lamps', 'Plant 300 trees', 'Build a playground']);
    expect(october.body.votes.map((v: { certifiedResult: { subject: { type: string } } }) => v.certifiedResult.subject.type).sort()).toEqual(['AMENDMENT', 'PLAN']);
    for (const view of [july, september, october]) expect(BigInt(view.body.position)).toBeGreaterThanOrEqual(BigInt(view.body.plan.position));

    // A log position cuts the same way: the view at the position of the July state is the July view.
    const atPosition = await audit(`/audit/plans/${planId}/as-of?position=${july.body.plan.position}`);
    expect(atPosition.body).toMatchObject({ version: 1, position: july.body.plan.position, amendments: [], grantCalls: [] });
    // Recorded time is the store's clock (today), so nothing was recorded by July 2019.
    const recorded = await audit(`/audit/plans/${planId}/as-of?asOf=2019-07-01T00:00:00Z&time=recorded`);
    expect(recorded).toMatchObject({ status: 404, body: { type: '/problems/plan-not-found-as-of' } });
    expect((await audit(`/audit/plans/${planId}/as-of?asOf=2019-06-01T00:00:00Z`)).status).toBe(404);
  });

  it('folds a stream as of an instant or a revision through the write side’s evolve, and diffs two revisions', async () => {
    const events = await t.store.readStream(`plan-${planId}`);
    const approval = events.find((e) => e.type === 'PlanApprovedByCommunity')!;
    const byInstant = await audit(`/audit/streams/plan-${planId}/state?asOf=2019-06-10T00:00:00Z`);
    expect(byInstant.status).toBe(200);
    expect(byInstant.body).toMatchObject({ category: 'plan', context: 'planning', revision: approval.revision.toString(), state: { status: 'APPROVED', content: { version: 1 } } });
    expect(byInstant.body.currentRevision).toBe(events.at(-1)!.revision.toString());
    const byRevision = await audit(`/audit/streams/plan-${planId}/state?revision=${approval.revision}`);
    expect(byRevision.body.state).toEqual(byInstant.body.state);
    expect((await audit(`/audit/streams/plan-${planId}/state?revision=0`)).body).toMatchObject({ eventsApplied: 1, state: { status: 'DRAFT' } });

    const diff = await audit(`/audit/streams/plan-${planId}/diff?from=${approval.revision}&to=${events.at(-1)!.revision}`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual(expect.arrayContaining([
      { op: 'changed', path: '/status', before: 'APPROVED', after: 'ACTIVE' },
      { op: 'changed', path: '/content/version', before: 1, after: 2 },
      { op: 'changed', path: '/content/actions/0/title', before: 'Install 120 LED street lamps', after: 'Install 140 LED street lamps' },
      { op: 'added', path: '/appliedAmendments/0', after: amendmentId },
      expect.objectContaining({ op: 'added', path: '/content/actions/2' }),
    ]));
    const byInstants = await audit(`/audit/streams/plan-${planId}/diff?fromAsOf=2019-07-01T00:00:00Z&toAsOf=2019-10-01T00:00:00Z`);
    expect(byInstants.body.changes).toEqual(diff.body.changes.filter((c: { path: string }) => c.path !== '/status' && c.path !== '/endorsed')); // endorsed and activated in June

    const history = await audit(`/audit/streams/plan-${planId}/history?limit=4`);
    expect(history.body.items.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3]);
    const rest = await audit(history.body.next);
    expect((await audit(`/audit/streams/plan-${planId}/history?cursor=abc`)).status).toBe(400);
    expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual(events.slice(4, 8).map((e) => e.type));
    expect((await audit(`/audit/streams/activePlan-${village}.2018-2020/state`)).body).toMatchObject({ type: '/problems/audit-stream-not-foldable' });
    expect((await audit(`/audit/streams/plan-${randomUUID()}/state`)).status).toBe(404);
  });

  it('filters the audit trail by actor, role, type, context, aggregate and time, pages it by cursor, and follows causation', async () => {
    const all = (await t.store.readStream(`plan-${planId}`)).map((e) => e.eventId);
    const seen: string[] = [];
    let page = await audit(`/audit/events?aggregate=plan-${planId}&limit=3`);
    for (;;) {
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((e: { eventId: string }) => e.eventId));
      if (!page.body.next) break;
      page = await audit(page.body.next);
    }
    expect(seen).toEqual(all);

    const reactions = await audit(`/audit/events?aggregate=plan-${planId}&role=system&type=PlanApprovedByCommunity,PlanAmendmentApplied`);
    expect(reactions.body.items.map((e: { type: string }) => e.type)).toEqual(['PlanApprovedByCommunity', 'PlanAmendmentApplied']);
    const approval = reactions.body.items[0];
    expect(approval).toMatchObject({ actorId: 'reactor:planning.plan-approval', context: 'planning', category: 'plan', commandName: expect.any(String), evidence: expect.arrayContaining([{ kind: 'vote', ref: expect.any(String) }]) });

    const chain = await audit(`/audit/events/${approval.eventId}`);
    expect(chain.body.causedBy[0]).toMatchObject({ type: 'VoteResultCertified', streamId: expect.stringMatching(/^vote-/), actorRole: 'meeting-secretary' });
    expect(chain.body.correlated).toBeGreaterThanOrEqual(2);

    const byActor = await audit(`/audit/events?actor=${encodeURIComponent(approval.actorId)}&context=planning`);
    expect(byActor.body.items.length).toBeGreaterThanOrEqual(1);
    expect(byActor.body.items.every((e: { actorId: string; context: string }) => e.actorId === approval.actorId && e.context === 'planning')).toBe(true);

    const september = await audit(`/audit/events?aggregate=plan-${planId}&from=2019-09-01T00:00:00Z&to=2019-09-30T23:59:59Z`);
    expect(september.body.items.map((e: { type: string }) => e.type)).toEqual(['PlanAmendmentApplied']);
    const newestFirst = await audit(`/audit/events?context=grants&order=desc&limit=1`);
    expect(newestFirst.body.items).toEqual([expect.objectContaining({ category: 'grantCall', streamId: `grantCall-${callId}` })]);
    expect((await audit(`/audit/events?ref=${callId}`)).body.items.length).toBeGreaterThanOrEqual(1);
    expect((await audit('/audit/events?context=nowhere')).status).toBe(400);
  });

  it('gives the auditor key read-only access: no command, and no personal plaintext anywhere in the audit views', async () => {
    const command = await t.request('POST', '/plans', { auth: auditor, body: { planId: randomUUID(), territoryUnitId: village, period: '2021-2023', vision: 'x' } });
    expect(command.status).toBe(403);
    expect((await t.request('POST', `/plans/${planId}/closure`, { auth: auditor, body: {} })).status).toBe(403);

    const stream = `resident-${resident.residentId}`;
    const views = [
      await audit(`/audit/events?aggregate=${stream}`),
      await audit(`/audit/streams/${stream}/history`),
      await audit(`/audit/streams/${stream}/state`),
      await audit(`/audit/events?context=territory&limit=200`),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      for (const secret of [resident.fullName, resident.iin, resident.phone, resident.address]) expect(view.text).not.toContain(secret);
    }
    expect(views[0]!.text).toContain('"$sealed":"A256GCM"');
    const raw = (await t.store.readStream(stream))[0]!.data as Record<string, unknown>;
    const ciphertexts = JSON.stringify(raw).match(/"ct":"([^"]+)"/g) ?? [];
    expect(ciphertexts.length).toBeGreaterThan(0);
    for (const ct of ciphertexts) for (const view of views) expect(view.text).not.toContain(ct.slice(6, -1));
  });

  it('detects a corrupted live read model document by rebuilding into a shadow collection, over HTTP, the CLI and the metrics', async () => {
    const clean = await t.request('POST', '/audit/drift-checks', { auth: auditor, body: {} });
    expect(clean.status).toBe(200);
    expect(clean.body.results.filter((r: { match: boolean }) => !r.match)).toEqual([]);
    expect(clean.body.results.map((r: { projection: string }) => r.projection)).toEqual(expect.arrayContaining(['planning.plans', 'audit.trail']));

    const live = t.projections.collectionFor('planning.plans');
    const stored = (await t.reads.getStored<Record<string, unknown>>(live, planId))!;
    await t.reads.applyBatch({ projection: 'test.corruption', checkpoint: 0n, writes: [{ collection: live, id: planId, doc: { ...stored.doc, status: 'CLOSED' }, position: stored.position + 1n }] });

    const drift = await t.request('POST', '/audit/drift-checks', { auth: auditor, body: { projections: ['planning.plans', 'grants.calls'] } });
    expect(drift.body.ok).toBe(false);
    const plans = drift.body.results.find((r: { projection: string }) => r.projection === 'planning.plans');
    expect(plans).toMatchObject({ match: false, live, differing: { count: 1, examples: [planId], extraInLive: 0 } });
    expect(plans.liveDigest).not.toBe(plans.shadowDigest);
    expect((await t.request('GET', '/audit/drift-checks/latest', { auth: auditor })).body).toEqual(drift.body);
    const metrics = await t.request('GET', '/metrics', { auth: null });
    expect(metrics.text).toMatch(/aul_ledger_projection_drift\{projection="planning\.plans"\} 1/);
    expect(metrics.text).toMatch(/aul_ledger_drift_checks_total\{result="mismatch"\} 1/);

    const out: string[] = [];
    await expect(runDriftCheck(t.app, ['planning.plans'], { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream)).rejects.toMatchObject({ exitCode: 2 });
    expect(out.join('')).toContain(`DRIFT planning.plans (${live})`);
    expect(out.join('')).toContain(planId);
    expect((await t.request('POST', '/audit/drift-checks', { auth: auditor, body: { projections: ['no.such'] } })).status).toBe(422);
  });
});
