import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * The real 2018 GSE call through HTTP (DOMAIN.md 3.1, 6.5): fund KZT 12,000,000, awards KZT 500,000–1,200,000, own
 * contribution 10–20%, committee of 5 with a quorum of 3; 31 applications (17 + 14), 12 awards (5 + 7) that use the
 * whole fund in two sessions. Applicants, scores and the split of amounts are invented [I]; the fund, range and counts
 * are the seed's [V].
 */
describe('Grant calls over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const org = { eu: randomUUID(), argo: randomUUID() };
  const unit = { karaganda: randomUUID(), nura: randomUUID(), izendy: randomUUID(), eastKz: randomUUID(), glubokoe: randomUUID(), belousovka: randomUUID() };
  const gse = randomUUID();
  const call = randomUUID();
  const other = randomUUID();

  const kzt = (major: string) => parseMajor(major, 'KZT');
  const CRITERIA = [
    { criterionId: 'relevance', title: 'Relevance to the village plan priorities', weight: 20 },
    { criterionId: 'feasibility', title: 'Feasibility and business-plan quality', weight: 25 },
    { criterionId: 'jobs', title: 'Jobs, especially women and youth', weight: 20 },
    { criterionId: 'market', title: 'Market and sustainability', weight: 15 },
    { criterionId: 'budget', title: 'Budget realism and own contribution', weight: 10 },
    { criterionId: 'innovation', title: 'Innovation or social benefit', weight: 10 },
  ];
  const draftBody = (callId: string, reference: string, over: Record<string, unknown> = {}) => ({
    callId, programmeId: gse, reference,
    title: { en: 'Competition for financial support for local entrepreneurship', ru: 'Конкурс на финансовую поддержку местного предпринимательства' },
    fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('500000'), maxAward: kzt('1200000'),
    ownContributionPct: { min: 10, max: 20 },
    eligibleUnitIds: [unit.izendy, unit.belousovka],
    eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
    criteria: CRITERIA, openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 },
    ...over,
  });
  const MEMBERS = ['member-1', 'member-2', 'member-3', 'member-4', 'member-5'];
  const WITHOUT_4 = MEMBERS.filter((m) => m !== 'member-4');
  const awards = (ids: string[], amounts: string[]) => amounts.map((a, i) => ({ applicationId: ids[i]!, amount: kzt(a) }));
  const session = (list: ReturnType<typeof awards>, memberIds = MEMBERS) => ({ sessionId: randomUUID(), sessionDate: '2018-11-22', memberIds, awards: list });
  /** A valid-format IIN with an impossible birth date (month 13+), distinct per applicant. */
  const iinFor = (i: number): string => {
    for (let k = 0; ; k++) {
      const iin = withControlDigit(`9${String(13 + (i % 80)).padStart(2, '0')}1${String(i * 50 + k).padStart(7, '0')}`.slice(0, 11));
      if (iin) return iin;
    }
  };

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
  const on = (iso: string) => t.clock.set(new Date(iso));

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2018-10-10T09:00:00.000Z') });
    await post('/organisations', { organisationId: org.eu, name: { en: 'European Union (Delegation to Kazakhstan)' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
    await post('/organisations', { organisationId: org.argo, name: { en: 'ARGO Civil Society Development Association' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
    const units: Array<[string, string, string | null, string]> = [
      [unit.karaganda, 'REGION', null, 'Karaganda region'], [unit.nura, 'DISTRICT', unit.karaganda, 'Nura district'], [unit.izendy, 'RURAL_OKRUG', unit.nura, 'Izendy rural okrug'],
      [unit.eastKz, 'REGION', null, 'East Kazakhstan region'], [unit.glubokoe, 'DISTRICT', unit.eastKz, 'Glubokoe district'], [unit.belousovka, 'TOWNSHIP', unit.glubokoe, 'Belousovka township'],
    ];
    for (const [unitId, level, parentId, en] of units) await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
    await post('/programmes', {
      programmeId: gse, code: 'GSE', title: { en: 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan' }, donorOrgId: org.eu, leadOrgId: org.argo,
      contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: parseMajor('60000', 'EUR'),
    }, 201);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('refuses criteria weights that do not add up to 100, an unknown programme and an unknown unit, appending nothing', async () => {
    const before = await eventCount(t.store);
    const ninety = await t.request('POST', '/grant-calls', { body: draftBody(call, 'GSE-2018-1', { criteria: CRITERIA.slice(0, 5) }) });
    expectProblem(ninety, 422, 'criteria-weights-not-100');
    expect(ninety.body.errors).toEqual([{ path: 'criteria', message: expect.stringContaining('90') }]);
    expectProblem(await t.request('POST', '/grant-calls', { body: draftBody(call, 'GSE-2018-1', { programmeId: randomUUID() }) }), 422, 'unknown-programme');
    expectProblem(await t.request('POST', '/grant-calls', { body: draftBody(call, 'GSE-2018-1', { eligibleUnitIds: [unit.izendy, randomUUID()] }) }), 422, 'unknown-unit');
    expect(await eventCount(t.store)).toBe(before);
    expectProblem(await t.request('POST', `/grant-calls/${randomUUID()}/publication`, {}), 404, 'grant-call-not-found');
  });

  it('drafts, amends, extends and cancels a call', async () => {
    const created = await post('/grant-calls', draftBody(other, 'GSE-2018-X'), 201);
    expect(created.body).toMatchObject({ id: other, streamId: `grantCall-${other}`, revision: '0', eventsAppended: 1 });
    expect((await post('/grant-calls', draftBody(other, 'GSE-2018-X'))).body.eventsAppended).toBe(0);
    const criteria = [{ criterionId: 'feasibility', title: 'Feasibility', weight: 60 }, { criterionId: 'jobs', title: 'Jobs', weight: 40 }];
    await post(`/grant-calls/${other}/amendment`, { criteria, minAward: kzt('400000'), reason: 'Simplified after the information sessions' });
    expectProblem(await t.request('POST', `/grant-calls/${other}/amendment`, { body: { criteria: criteria.slice(0, 1), reason: 'x' } }), 422, 'criteria-weights-not-100');
    await post(`/grant-calls/${other}/deadline-extension`, { deadline: '2018-11-16', reason: 'Few applications from East Kazakhstan villages' });
    await post(`/grant-calls/${other}/cancellation`, { reason: 'Merged into GSE-2018-1' });
    const doc = await get(`/grant-calls/${other}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      status: 'CANCELLED', criteria, minAward: kzt('400000'), deadline: '2018-11-16', cancellationReason: 'Merged into GSE-2018-1',
      amendments: [{ changed: ['minAward', 'criteria'], reason: 'Simplified after the information sessions' }],
      deadlineExtensions: [{ from: '2018-11-09', to: '2018-11-16' }],
    });
  });

  it('runs GSE-2018-1: 31 applications, 12 awards (5 + 7) use the whole fund; Σ awards never exceeds the fund, also when two decisions race', async () => {
    await post('/grant-calls', draftBody(call, 'GSE-2018-1'), 201);
    on('2018-10-16T09:00:00.000Z');
    await post(`/grant-calls/${call}/publication`, {});

    // 31 applications: 17 from East Kazakhstan (Belousovka), 14 from Karaganda (Izendy). Each asks for KZT 1,080,000 of a
    // KZT 1,200,000 project (10% own contribution).
    on('2018-10-25T09:00:00.000Z');
    const eko = Array.from({ length: 17 }, () => randomUUID());
    const kar = Array.from({ length: 14 }, () => randomUUID());
    for (const [i, applicationId] of [...eko, ...kar].entries()) {
      await post('/grant-applications', {
        applicationId, callId: call, applicantId: randomUUID(), applicantType: i % 3 === 0 ? 'POTENTIAL_ENTREPRENEUR' : 'INDIVIDUAL_ENTREPRENEUR',
        territoryUnitId: i < 17 ? unit.belousovka : unit.izendy, projectTitle: `Rural business ${i + 1}`,
        budget: { total: kzt('1200000'), requested: kzt('1080000'), ownContribution: kzt('120000') },
        fullName: `Applicant ${i + 1}`, iin: iinFor(i),
      }, 201);
    }
    on('2018-11-10T09:00:00.000Z');
    await post(`/grant-calls/${call}/closure`, {});

    // The eligibility check: one Karaganda application is ineligible; every member declares on every other one; in
    // Izendy member-4 declares a family tie on one application and is recused; three members score each.
    on('2018-11-15T09:00:00.000Z');
    const ineligible = kar[13]!;
    const conflicted = kar[0]!;
    await post(`/grant-applications/${ineligible}/eligibility`, { eligible: false, reasons: ['Business registered outside the pilot territory'] });
    const assessed = [...eko, ...kar.slice(0, 13)];
    for (const [i, applicationId] of assessed.entries()) {
      await post(`/grant-applications/${applicationId}/eligibility`, { eligible: true });
      for (const member of MEMBERS) {
        const tie = applicationId === conflicted && member === 'member-4';
        await post(`/grant-applications/${applicationId}/conflict-declarations`, { evaluatorId: member, hasConflict: tie, ...(tie ? { nature: 'Family tie' } : {}) });
      }
      for (const member of ['member-1', 'member-2', 'member-3']) {
        await post(`/grant-applications/${applicationId}/scores`, { evaluatorId: member, criterionScores: CRITERIA.map((c) => ({ criterionId: c.criterionId, score: 40 + ((i * 7 + member.length) % 60) })) });
      }
      await post(`/grant-applications/${applicationId}/assessment`, {});
    }
    const recused = await t.request('POST', `/grant-applications/${conflicted}/scores`, { body: { evaluatorId: 'member-4', criterionScores: CRITERIA.map((c) => ({ criterionId: c.criterionId, score: 90 })) } });
    expectProblem(recused, 409, 'evaluator-recused');

    on('2018-11-22T12:00:00.000Z');
    await t.catchUp(); // reactors settled, so that the counts below see only what the refusals would append
    const before = await eventCount(t.store);
    const refuse = async (body: unknown, status: number, code: string) => expectProblem(await t.request('POST', `/grant-calls/${call}/award-decisions`, { body }), status, code);
    await refuse(session(awards(eko.slice(0, 2), ['1000000', '1000000']), MEMBERS.slice(0, 2)), 422, 'quorum-not-met');
    await refuse(session(awards(eko.slice(0, 1), ['450000'])), 422, 'award-out-of-range');
    await refuse(session(awards(eko.slice(0, 1), ['1100000'])), 422, 'award-above-requested');
    await refuse(session(awards([ineligible], ['1000000'])), 409, 'application-not-assessed');
    await refuse(session(awards([randomUUID()], ['1000000'])), 422, 'application-not-submitted');
    // member-4 declared a conflict on one Izendy application: a session with member-4 may not decide it.
    await refuse(session(awards([conflicted], ['1000000'])), 409, 'decider-has-conflict');
    expect(await eventCount(t.store)).toBe(before);

    // Session 1, East Kazakhstan: 5 awards, KZT 5,000,000.
    await post(`/grant-calls/${call}/award-decisions`, session(awards(eko.slice(0, 5), ['1080000', '950000', '1000000', '970000', '1000000'])));

    // 8 more awards of KZT 1,000,000 would bring the total to KZT 13,000,000: refused, nothing appended. (The
    // AwardOutcome reactor records the first session's outcomes on the applications: let it finish before counting.)
    await t.catchUp();
    const afterFirst = await eventCount(t.store);
    await refuse(session(awards(eko.slice(5, 13), Array(8).fill('1000000'))), 422, 'fund-exceeded');
    expect(await eventCount(t.store)).toBe(afterFirst);

    // Two committee decisions of 7 awards each race (Karaganda, without member-4; and a rival list from East Kazakhstan):
    // each alone fits the KZT 7,000,000 left, both do not.
    const karaganda = session(awards(kar.slice(0, 7), ['1080000', '1080000', '920000', '1000000', '1000000', '960000', '960000']), WITHOUT_4);
    const rival = session(awards(eko.slice(5, 12), Array(7).fill('1000000')));
    const raced = await Promise.all([karaganda, rival].map((body) => t.request('POST', `/grant-calls/${call}/award-decisions`, { body })));
    const winners = raced.filter((r) => r.status === 200);
    const losers = raced.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect([409, 422]).toContain(losers[0]!.status);
    expect(losers[0]!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    last = winners[0]!.body.position;
    const awarded = new Set([...eko.slice(0, 5), ...(raced[0]!.status === 200 ? kar.slice(0, 7) : eko.slice(5, 12))]);

    // The rest are rejected, four of them put on the reserve list first, in a session of rejections only.
    const rest = assessed.filter((id) => !awarded.has(id));
    expect(rest).toHaveLength(18);
    const [reserve, rejected] = [rest.slice(0, 4), rest.slice(4)];
    await post(`/grant-calls/${call}/award-decisions`, {
      ...session([], WITHOUT_4),
      reserve: reserve.map((applicationId) => ({ applicationId })),
      rejected: rejected.map((applicationId) => ({ applicationId, reason: 'Lower score; the fund is fully awarded' })),
    });

    const doc = await get(`/grant-calls/${call}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      callId: call, programmeId: gse, reference: 'GSE-2018-1', status: 'FULLY_AWARDED', minScoresPerApplication: 3,
      fund: kzt('12000000'), minAward: kzt('500000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
      awardCount: 12, awardedTotal: kzt('12000000'), remaining: kzt('0'), awardedPct: '100.00',
    });
    expect(doc.body.sessions.map((s: { awards: unknown[]; sessionTotal: unknown; rejected: unknown[]; reserve: unknown[] }) => [s.awards.length, s.sessionTotal, s.rejected.length, s.reserve.length]))
      .toEqual([[5, kzt('5000000'), 0, 0], [7, kzt('7000000'), 0, 0], [0, kzt('0'), 14, 4]]);

    // The AwardOutcome reactor recorded each outcome on its application.
    await t.catchUp();
    const byStatus = async (status: string) => {
      const res = await t.request('GET', `/grant-applications?callId=${call}&status=${status}&limit=50`);
      expect(res.status).toBe(200);
      return res.body.items as Array<{ applicationId: string; decision: { amount: unknown; reservePosition: number | null } | null; rank: number }>;
    };
    const won = await byStatus('AWARDED');
    expect(new Set(won.map((a) => a.applicationId))).toEqual(awarded);
    expect(won.reduce((sum, a) => sum + BigInt((a.decision!.amount as { amountMinor: string }).amountMinor), 0n)).toBe(1_200_000_000n);
    expect((await byStatus('RESERVE')).map((a) => [a.applicationId, a.decision!.reservePosition]).sort()).toEqual(reserve.map((id, i) => [id, i + 1]).sort());
    expect(await byStatus('REJECTED')).toHaveLength(14);
    expect(await byStatus('INELIGIBLE')).toHaveLength(1);
    expect(won.every((a) => a.rank >= 1 && a.rank <= 30)).toBe(true);

    const pipeline = await get(`/grant-calls/${call}/pipeline`);
    expect(pipeline.status).toBe(200);
    expect(pipeline.body).toMatchObject({ callId: call, status: 'FULLY_AWARDED', awardCount: 12, awardedTotal: kzt('12000000'), remaining: kzt('0') });
    expect(pipeline.body.applications).toEqual({
      total: 31, byStatus: { SUBMITTED: 0, ELIGIBLE: 0, INELIGIBLE: 1, UNDER_ASSESSMENT: 0, ASSESSED: 0, AWARDED: 12, REJECTED: 14, RESERVE: 4, WITHDRAWN: 0 },
    });

    // The grants register for staff: every award as decided, with the applicant (administrators see their personal values).
    const staff = await t.request('GET', `/grants-register?callId=${call}&limit=50`);
    expect(staff.status).toBe(200);
    expect(staff.body.items).toHaveLength(12);
    expect(new Set(staff.body.items.map((g: { grantId: string }) => g.grantId))).toEqual(awarded);
    expect(staff.body.items.reduce((sum: bigint, g: { amount: { amountMinor: string } }) => sum + BigInt(g.amount.amountMinor), 0n)).toBe(1_200_000_000n);
    expect(staff.body.items[0]).toMatchObject({ callId: call, programmeId: gse, projectTotal: kzt('1200000'), sessionDate: '2018-11-22' });
    expect(staff.body.items[0].territoryLineage.at(-1)).toBe(staff.body.items[0].territoryUnitId === unit.izendy ? unit.karaganda : unit.eastKz);
    expect(staff.body.items.every((g: { applicantId: string; personal: { fullName: string } }) => g.applicantId && /^Applicant \d+$/.test(g.personal.fullName))).toBe(true);

    // Applicants are told; telling them twice records nothing new.
    const told = await post(`/grant-applications/${[...awarded][0]}/notifications`, { channel: 'LETTER', notifiedOn: '2018-11-26', reference: 'GSE/2018/1' });
    expect(told.body.eventsAppended).toBe(1);
    expect((await post(`/grant-applications/${[...awarded][0]}/notifications`, { channel: 'LETTER', notifiedOn: '2018-11-26' })).body.eventsAppended).toBe(0);
    expectProblem(await t.request('POST', `/grant-applications/${ineligible}/notifications`, { body: { channel: 'SMS', notifiedOn: '2018-02-30' } }), 400, 'validation-failed');

    // Nothing more fits; a rejected application cannot be awarded later; an awarded call cannot be cancelled.
    await refuse(session(awards(reserve.slice(0, 1), ['500000'])), 422, 'fund-exceeded');
    await refuse(session(awards(rejected.slice(0, 1), ['500000'])), 409, 'application-already-decided');
    expectProblem(await t.request('POST', `/grant-calls/${call}/cancellation`, { body: { reason: 'Too late' } }), 409, 'call-has-awards');

    const found = await get(`/grant-calls?programmeId=${gse}&status=FULLY_AWARDED`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((c: { callId: string }) => c.callId)).toEqual([call]);
    const all = await get(`/grant-calls?programmeId=${gse}`);
    expect(all.body.items.map((c: { reference: string }) => c.reference)).toEqual(['GSE-2018-1', 'GSE-2018-X']);
  });
});
