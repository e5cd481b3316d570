import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * Applications to the 2018 GSE call through HTTP (DOMAIN.md 3.3, 5.7): submission within the call's range and band,
 * one application per applicant, the eligibility check, conflict-of-interest declarations with recusal, weighted
 * scoring and the exact weighted mean. Applicants, evaluators and scores are invented [I].
 */
describe('Grant applications over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const org = { eu: randomUUID(), argo: randomUUID() };
  const unit = { karaganda: randomUUID(), nura: randomUUID(), izendy: randomUUID() };
  const gse = randomUUID();
  const call = randomUUID();
  const applicant = { aigerim: randomUUID(), bolat: randomUUID() };
  const application = { dairy: randomUUID(), bakery: randomUUID(), sewing: randomUUID() };
  const keys = { evaluator: '', auditor: '' };
  const AIGERIM = { fullName: 'Айгерим Серикова', iin: withControlDigit('88030345012')!, phone: '+7 701 555 12 34' };

  const kzt = (major: string) => parseMajor(major, 'KZT');
  const CRITERIA = [
    { criterionId: 'relevance', title: 'Relevance to the village plan priorities', weight: 20 },
    { criterionId: 'feasibility', title: 'Feasibility and business-plan quality', weight: 25 },
    { criterionId: 'jobs', title: 'Jobs, especially women and youth', weight: 20 },
    { criterionId: 'market', title: 'Market and sustainability', weight: 15 },
    { criterionId: 'budget', title: 'Budget realism and own contribution', weight: 10 },
    { criterionId: 'innovation', title: 'Innovation or social benefit', weight: 10 },
  ];
  const scores = (values: number[]) => CRITERIA.map((c, i) => ({ criterionId: c.criterionId, score: values[i]! }));
  const submission = (applicationId: string, applicantId: string, budget: [string, string, string], over: Record<string, unknown> = {}) => ({
    applicationId, callId: call, applicantId, applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: unit.izendy, projectTitle: 'Mini dairy in Izendy',
    budget: { total: kzt(budget[0]), requested: kzt(budget[1]), ownContribution: kzt(budget[2]) }, ...AIGERIM, ...over,
  });

  const post = async (path: string, body: unknown, status = 200, auth?: string): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body, ...(auth ? { auth } : {}) });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string, auth?: string) => t.request('GET', path, { headers: { 'consistent-with': last }, ...(auth ? { auth } : {}) });
  const expectProblem = (res: TestResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `/problems/${code}`, status, title: expect.any(String), detail: expect.any(String) });
  };
  const issueKey = async (role: string, scope: Record<string, string[]> = {}) => {
    const res = await post('/api-keys', { keyId: randomUUID(), name: `${role} key`, role, scope, expiresAt: '2020-06-01T00:00:00.000Z' }, 201);
    return res.body.apiKey as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2018-10-10T09:00:00.000Z') });
    await post('/organisations', { organisationId: org.eu, name: { en: 'European Union (Delegation to Kazakhstan)' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
    await post('/organisations', { organisationId: org.argo, name: { en: 'ARGO Civil Society Development Association' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
    const units: Array<[string, string, string | null, string]> = [
      [unit.karaganda, 'REGION', null, 'Karaganda region'], [unit.nura, 'DISTRICT', unit.karaganda, 'Nura district'], [unit.izendy, 'RURAL_OKRUG', unit.nura, 'Izendy rural okrug'],
    ];
    for (const [unitId, level, parentId, en] of units) await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
    await post('/programmes', {
      programmeId: gse, code: 'GSE', title: { en: 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan' }, donorOrgId: org.eu, leadOrgId: org.argo,
      contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: parseMajor('60000', 'EUR'),
    }, 201);
    await post('/grant-calls', {
      callId: call, programmeId: gse, reference: 'GSE-2018-1', title: { en: 'Competition for financial support for local entrepreneurship' },
      fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('500000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
      eligibleUnitIds: [unit.izendy], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
      criteria: CRITERIA, openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 },
    }, 201);
    t.clock.set(new Date('2018-10-16T09:00:00.000Z'));
    await post(`/grant-calls/${call}/publication`, {});
    keys.evaluator = await issueKey('evaluator', { calls: [call] });
    keys.auditor = await issueKey('auditor');
    t.clock.set(new Date('2018-10-20T09:00:00.000Z'));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('refuses a requested amount outside the range and an own contribution outside the band, appending nothing', async () => {
    const before = await eventCount(t.store);
    const small = await t.request('POST', '/grant-applications', { body: submission(application.dairy, applicant.aigerim, ['500000', '450000', '50000']) });
    expectProblem(small, 422, 'requested-amount-out-of-range');
    expect(small.body.errors).toEqual([{ path: 'budget.requested', message: expect.any(String) }]);
    // 9.99% own contribution: out of the 10-20% band by exact arithmetic.
    const low = await t.request('POST', '/grant-applications', {
      body: { ...submission(application.dairy, applicant.aigerim, ['1000000', '900100', '99900']) },
    });
    expectProblem(low, 422, 'own-contribution-out-of-band');
    expect(low.body.detail).toContain('9.99%');
    expectProblem(await t.request('POST', '/grant-applications', { body: submission(application.dairy, applicant.aigerim, ['1000000', '850000', '150000'], { callId: randomUUID() }) }), 404, 'grant-call-not-found');
    expect(await eventCount(t.store)).toBe(before);
    expectProblem(await t.request('POST', `/grant-applications/${randomUUID()}/eligibility`, { body: { eligible: true } }), 404, 'grant-application-not-found');
  });

  it('takes one application per applicant per call; a second one is refused with 409', async () => {
    const created = await post('/grant-applications', submission(application.dairy, applicant.aigerim, ['1000000', '850000', '150000']), 201);
    expect(created.body).toMatchObject({ id: application.dairy, streamId: `grantApplication-${application.dairy}`, revision: '0', eventsAppended: 1 });
    expect((await post('/grant-applications', submission(application.dairy, applicant.aigerim, ['1000000', '850000', '150000']))).body.eventsAppended).toBe(0);
    const before = await eventCount(t.store);
    const second = await t.request('POST', '/grant-applications', { body: submission(application.bakery, applicant.aigerim, ['800000', '700000', '100000'], { projectTitle: 'Bakery' }) });
    expectProblem(second, 409, 'applicant-already-applied');
    expect(await eventCount(t.store)).toBe(before);
    // The call learnt that submissions started: criteria and caps are frozen.
    const doc = await get(`/grant-calls/${call}`);
    expect(doc.body.submissionsStarted).toBe(true);
    expectProblem(await t.request('POST', `/grant-calls/${call}/amendment`, { body: { minAward: kzt('400000'), reason: 'Too late' } }), 409, 'call-submissions-started');
    // The personal values never reach an event in clear.
    const events = JSON.stringify((await t.store.readStream(`grantApplication-${application.dairy}`)).map((e) => e.data));
    expect(events).toContain('"personal"');
    expect(events).not.toContain(AIGERIM.fullName);
    expect(events).not.toContain(AIGERIM.iin);
  });

  it('frees the applicant’s place when their application is withdrawn: one new application may take it, not two', async () => {
    const dana = randomUUID();
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const danaSubmission = (applicationId: string) =>
      submission(applicationId, dana, ['700000', '600000', '100000'], { projectTitle: 'Felt handicrafts', fullName: 'Дана Нурланова', iin: withControlDigit('90050545014')! });
    await post('/grant-applications', danaSubmission(first), 201);
    expectProblem(await t.request('POST', '/grant-applications', { body: danaSubmission(second) }), 409, 'applicant-already-applied');
    await post(`/grant-applications/${first}/withdrawal`, { reason: 'Business plan to be reworked' });
    const raced = await Promise.all([second, third].map((id) => t.request('POST', '/grant-applications', { body: danaSubmission(id) })));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = raced[0]!.status === 201 ? second : third;
    last = raced.find((r) => r.status === 201)!.body.position;
    expect((await get(`/grant-applications/${winner}`)).body).toMatchObject({ status: 'SUBMITTED', applicantId: dana });
    expect((await get(`/grant-applications/${first}`)).body).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: 'Business plan to be reworked' });
    // The withdrawn application itself, resent, is still a no-op.
    expect((await post('/grant-applications', danaSubmission(first))).body.eventsAppended).toBe(0);
  });

  it('records the eligibility check', async () => {
    await post(`/grant-applications/${application.dairy}/eligibility`, { eligible: true });
    t.clock.set(new Date('2018-10-21T09:00:00.000Z'));
    await post('/grant-applications', submission(application.sewing, applicant.bolat, ['600000', '540000', '60000'], { projectTitle: 'Sewing workshop', fullName: 'Болат Ахметов', iin: withControlDigit('85020245013')! }), 201);
    expectProblem(await t.request('POST', `/grant-applications/${application.sewing}/eligibility`, { body: { eligible: false } }), 422, 'reason-required');
    await post(`/grant-applications/${application.sewing}/eligibility`, { eligible: false, reasons: ['Business registered outside the eligible territory'] });
    const sewing = await get(`/grant-applications/${application.sewing}`);
    expect(sewing.body).toMatchObject({ status: 'INELIGIBLE', ineligibilityReasons: ['Business registered outside the eligible territory'] });
  });

  it('has every evaluator declare; a recused evaluator cannot score; the assessment is the exact weighted mean', async () => {
    const ev = keys.evaluator;
    const path = (what: string) => `/grant-applications/${application.dairy}/${what}`;
    await post(path('conflict-declarations'), { evaluatorId: 'evaluator-1', hasConflict: false }, 200, ev);
    await post(path('conflict-declarations'), { evaluatorId: 'evaluator-2', hasConflict: false }, 200, ev);
    await post(path('conflict-declarations'), { evaluatorId: 'evaluator-3', hasConflict: true, nature: 'Cousin of the applicant' }, 200, ev);

    const before = await eventCount(t.store);
    expectProblem(await t.request('POST', path('scores'), { auth: ev, body: { evaluatorId: 'evaluator-3', criterionScores: scores([100, 100, 100, 100, 100, 100]) } }), 409, 'evaluator-recused');
    expectProblem(await t.request('POST', path('scores'), { auth: ev, body: { evaluatorId: 'evaluator-9', criterionScores: scores([50, 50, 50, 50, 50, 50]) } }), 409, 'conflict-declaration-required');
    expect(await eventCount(t.store)).toBe(before);

    await post(path('scores'), { evaluatorId: 'evaluator-1', criterionScores: scores([80, 70, 90, 60, 70, 50]) }, 200, ev); // 72.50
    await post(path('scores'), { evaluatorId: 'evaluator-2', criterionScores: scores([90, 80, 70, 70, 80, 60]) }, 200, ev); // 76.50
    expectProblem(await t.request('POST', path('assessment'), {}), 409, 'not-enough-scores');
    await post(path('conflict-declarations'), { evaluatorId: 'evaluator-4', hasConflict: false }, 200, ev);
    await post(path('scores'), { evaluatorId: 'evaluator-4', criterionScores: scores([60, 75, 80, 90, 70, 80]) }, 200, ev); // 75.25
    expectProblem(await t.request('POST', path('assessment'), { auth: ev }), 403, 'forbidden');
    await post(path('assessment'), {});

    const doc = await get(`/grant-applications/${application.dairy}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ status: 'ASSESSED', meanScore: '74.75', meanScoreExact: true, rank: 1, ownContributionPct: '15.00' });
    expect(doc.body.scores.map((s: { evaluatorId: string; weightedScore: string }) => [s.evaluatorId, s.weightedScore])).toEqual([
      ['evaluator-1', '72.50'], ['evaluator-2', '76.50'], ['evaluator-4', '75.25'],
    ]);
    expect(doc.body.declarations.find((d: { evaluatorId: string }) => d.evaluatorId === 'evaluator-3')).toMatchObject({ hasConflict: true, recused: true });

    const assessed = await get(`/grant-applications?callId=${call}&status=ASSESSED`);
    expect(assessed.body.items.map((a: { applicationId: string; rank: number }) => [a.applicationId, a.rank])).toEqual([[application.dairy, 1]]);
    const all = await get(`/grant-applications?callId=${call}`);
    expect(all.body.items.map((a: { status: string }) => a.status).sort()).toEqual(['ASSESSED', 'INELIGIBLE', 'SUBMITTED', 'WITHDRAWN']);
  });

  it('shows the applicant’s personal values to an administrator only', async () => {
    const admin = await get(`/grant-applications/${application.dairy}`);
    expect(admin.body.personal).toEqual(AIGERIM);
    for (const key of [keys.evaluator, keys.auditor]) {
      const other = await get(`/grant-applications/${application.dairy}`, key);
      expect(other.status).toBe(200);
      expect(other.body.personal).toBeNull();
      expect(other.text).not.toContain(AIGERIM.fullName);
      const list = await get(`/grant-applications?callId=${call}`, key);
      expect(list.body.items.every((a: { personal: unknown }) => a.personal === null)).toBe(true);
    }
  });
});
