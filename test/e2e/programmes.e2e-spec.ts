import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseMajor } from '../../src/shared/domain/money.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * The seed's programmes through HTTP (DOMAIN.md 1.7, 6.1, 6.2): GSE (ARGO, EUR 500,000 of which EUR 450,000 from the
 * EU) and ABD (CAMO, EUR 428,412 of which EUR 382,570 from the EU). Budgets per DOMAIN.md 6.2: HR 45%, travel 7%,
 * equipment 4%, local office 5%, indirect 7%, FSTP (GSE EUR 52,000, ABD EUR 28,000) and services the remainder.
 * Identifiers and budget splits are invented [I]; the totals and shares are the seed's [V].
 */
describe('Programmes over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const org = {
    eu: randomUUID(), argo: randomUUID(), flgr: randomUUID(), clsgd: randomUUID(), ecocenter: randomUUID(), nuraAkimat: randomUUID(),
    camo: randomUUID(), munailyAkimat: randomUUID(), tupkaraganAkimat: randomUUID(),
  };
  const unit = { karaganda: randomUUID(), nura: randomUUID(), izendy: randomUUID(), eastKz: randomUUID(), glubokoe: randomUUID(), belousovka: randomUUID(), mangystau: randomUUID(), munaily: randomUUID(), batyr: randomUUID() };
  const gse = randomUUID();
  const abd = randomUUID();

  /** Money from an amount in major units written as a string ("2425.12"), parsed exactly. */
  const eur = (major: string) => parseMajor(major, 'EUR');
  const kzt = (major: string) => parseMajor(major, 'KZT');
  const nbk = (rate: string, rateDate: string) => ({ rate, base: 'EUR', quote: 'KZT', source: 'NBK', rateDate });
  const line = (code: string, kind: string, title: string, major: string) => ({ code, kind, title, amount: eur(major) });

  const GSE_LINES = [
    line('1', 'HR', 'Human resources', '225000'), line('2', 'TRAVEL', 'Travel', '35000'), line('3', 'EQUIPMENT', 'Equipment and supplies', '20000'),
    line('4', 'LOCAL_OFFICE', 'Local office', '25000'), line('5', 'SERVICES', 'Trainings, facilitation, publications, conferences', '108000'),
    line('6', 'FSTP', 'Financial support to third parties', '52000'), line('7', 'INDIRECT', 'Indirect costs', '35000'),
  ];
  const ABD_LINES = [
    line('1', 'HR', 'Human resources', '192785.4'), line('2', 'TRAVEL', 'Travel', '29988.84'), line('3', 'EQUIPMENT', 'Equipment and supplies', '17136.48'),
    line('4', 'LOCAL_OFFICE', 'Local office', '21420.6'), line('5', 'SERVICES', 'Trainings, facilitation, publications, conferences', '109091.84'),
    line('6', 'FSTP', 'Financial support to third parties', '28000'), line('7', 'INDIRECT', 'Indirect costs', '29988.84'),
  ];
  /** Mid-2019: EUR 10,000 moved from travel to services. */
  const withLines = (lines: typeof GSE_LINES, changes: Record<string, string>) => lines.map((l) => (l.code in changes ? { ...l, amount: eur(changes[l.code]!) } : l));

  const post = async (path: string, body: unknown, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });
  const txn = (date: string, amount: unknown, extra: Record<string, unknown> = {}) => ({ transactionId: randomUUID(), transactionDate: date, amount, ...extra });
  const expectProblem = (res: TestResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `/problems/${code}`, status, title: expect.any(String), detail: expect.any(String) });
  };

  beforeAll(async () => {
    t = await startTestApp();
    const organisations: Array<[string, string, string, string, string]> = [
      [org.eu, 'European Union (Delegation to Kazakhstan)', 'XI-IATI-EC_DEVCO', '40', 'KZ'],
      [org.argo, 'ARGO Civil Society Development Association', 'KZ-BIN-000140012345', '22', 'KZ'],
      [org.flgr, 'Foundation for Local Government Reform', 'BG-EIK-121812345', '21', 'BG'],
      [org.clsgd, 'Centre for Local Self-Governance Development', 'KZ-BIN-100240012345', '22', 'KZ'],
      [org.ecocenter, 'Karaganda Regional Ecological Centre "ECOCENTER"', 'KZ-BIN-990840012345', '22', 'KZ'],
      [org.nuraAkimat, 'Akimat of Nura district', 'KZ-BIN-991240012345', '11', 'KZ'],
      [org.camo, 'Civil Alliance of Mangistau Oblast', 'KZ-BIN-050540012345', '22', 'KZ'],
      [org.munailyAkimat, 'Akimat of Munaily district', 'KZ-BIN-070340012345', '11', 'KZ'],
      [org.tupkaraganAkimat, 'Akimat of Tupkaragan district', 'KZ-BIN-990340012345', '11', 'KZ'],
    ];
    for (const [organisationId, en, orgIdentifier, iatiOrgType, country] of organisations) {
      await post('/organisations', { organisationId, name: { en }, orgIdentifier, iatiOrgType, country }, 201);
    }
    const units: Array<[string, string, string | null, string]> = [
      [unit.karaganda, 'REGION', null, 'Karaganda region'], [unit.nura, 'DISTRICT', unit.karaganda, 'Nura district'],
      [unit.izendy, 'RURAL_OKRUG', unit.nura, 'Izendy rural okrug'],
      [unit.eastKz, 'REGION', null, 'East Kazakhstan region'], [unit.glubokoe, 'DISTRICT', unit.eastKz, 'Glubokoe district'],
      [unit.belousovka, 'TOWNSHIP', unit.glubokoe, 'Belousovka township'],
      [unit.mangystau, 'REGION', null, 'Mangystau region'], [unit.munaily, 'DISTRICT', unit.mangystau, 'Munaily district'],
      [unit.batyr, 'VILLAGE', unit.munaily, 'Batyr'],
    ];
    for (const [unitId, level, parentId, en] of units) await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('registers GSE and ABD with partners, budgets and pilot units, and reports the seed totals computed from them', async () => {
    const registration = (programmeId: string, code: string, en: string, leadOrgId: string, start: string, end: string, cap: string) => ({
      programmeId, code, title: { en }, donorOrgId: org.eu, leadOrgId, contractRef: `CSO-LA/2016/${code}`, currency: 'EUR',
      period: { start, end }, maxEuSharePct: '90', fstpPerRecipientCap: eur(cap),
    });
    const created = await post('/programmes', registration(gse, 'GSE', 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan', org.argo, '2017-02-01', '2020-01-31', '60000'), 201);
    expect(created.body).toEqual({ id: gse, streamId: `programme-${gse}`, revision: '0', position: expect.stringMatching(/^\d+$/), eventsAppended: 1 });
    expect(created.headers.get('etag')).toBe('"0"');
    await post('/programmes', registration(abd, 'ABD', 'Auyldy Birlese Damytu! A Multi-Stakeholder Approach to Local Self-Governance', org.camo, '2017-03-01', '2020-02-29', '10000'), 201);

    const partners: Array<[string, string, string]> = [
      [gse, org.eu, 'FUNDING'], [gse, org.eu, 'EXTENDING'], [gse, org.argo, 'ACCOUNTABLE'], [gse, org.argo, 'IMPLEMENTING'], [gse, org.flgr, 'IMPLEMENTING'],
      [gse, org.clsgd, 'IMPLEMENTING'], [gse, org.ecocenter, 'IMPLEMENTING'], [gse, org.nuraAkimat, 'IMPLEMENTING'],
      [abd, org.eu, 'FUNDING'], [abd, org.eu, 'EXTENDING'], [abd, org.camo, 'ACCOUNTABLE'], [abd, org.camo, 'IMPLEMENTING'],
      [abd, org.munailyAkimat, 'IMPLEMENTING'], [abd, org.tupkaraganAkimat, 'IMPLEMENTING'],
    ];
    for (const [programmeId, orgId, role] of partners) await post(`/programmes/${programmeId}/partners`, { orgId, role });
    expect((await post(`/programmes/${gse}/partners`, { orgId: org.eu, role: 'FUNDING' })).body.eventsAppended).toBe(0);

    await post(`/programmes/${gse}/budget`, { total: eur('500000'), euContribution: eur('450000'), lines: GSE_LINES });
    await post(`/programmes/${abd}/budget`, { total: eur('428412'), euContribution: eur('382570'), lines: ABD_LINES });
    for (const [programmeId, unitId] of [[gse, unit.izendy], [gse, unit.belousovka], [abd, unit.batyr]] as const) {
      await post(`/programmes/${programmeId}/pilot-units`, { unitId });
    }
    for (const programmeId of [gse, abd]) await post(`/programmes/${programmeId}/status`, { status: 'IMPLEMENTATION', reason: 'Grant contract signed, team in place' });

    const portfolio = await get('/programmes/portfolio/EUR');
    expect(portfolio.status).toBe(200);
    expect(portfolio.body).toMatchObject({
      currency: 'EUR',
      programmeCount: 2,
      total: { amountMinor: '92841200', currency: 'EUR' },
      euContribution: { amountMinor: '83257000', currency: 'EUR' },
      coFinancing: { amountMinor: '9584200', currency: 'EUR' },
      euSharePct: '89.68',
      coFinancingSharePct: '10.32',
    });

    const gseFinance = await get(`/programmes/${gse}`);
    expect(gseFinance.status).toBe(200);
    expect(gseFinance.headers.get('etag')).toBe(`"${gseFinance.body.revision}"`);
    expect(gseFinance.body).toMatchObject({
      code: 'GSE', currency: 'EUR', activityStatus: 'IMPLEMENTATION', iatiActivityStatus: '2',
      budget: { version: 1, iatiBudgetType: '1', total: eur('500000'), euContribution: eur('450000'), coFinancing: eur('50000'), euSharePct: '90.00', coFinancingSharePct: '10.00' },
      pilotUnits: [{ unitId: unit.izendy, level: 'RURAL_OKRUG', regionId: unit.karaganda }, { unitId: unit.belousovka, level: 'TOWNSHIP', regionId: unit.eastKz }],
    });
    expect(gseFinance.body.partners).toHaveLength(8);
    expect(gseFinance.body.partners).toContainEqual({ orgId: org.eu, role: 'EXTENDING', iatiRole: '3', orgType: '40' });
    expect(gseFinance.body.budget.lines.find((l: { code: string }) => l.code === '6')).toEqual({
      code: '6', title: 'Financial support to third parties', kind: 'FSTP', budget: eur('52000'), committed: eur('0'), disbursed: eur('0'), spent: eur('0'),
    });
    const abdFinance = await get(`/programmes/${abd}`);
    expect(abdFinance.body.budget).toMatchObject({ euSharePct: '89.30', coFinancing: eur('45842'), coFinancingSharePct: '10.70' });

    // The shares are derived by the read models: the events hold only the amounts.
    const approved = (await t.store.readStream(`programme-${gse}`)).find((e) => e.type === 'ProgrammeBudgetApproved')!;
    expect(Object.keys(approved.data).sort()).toEqual(['approvedAt', 'euContribution', 'lines', 'programmeId', 'total', 'version']);

    const byPartner = await get(`/programmes?partnerOrgId=${org.eu}`);
    expect(byPartner.body.items.map((p: { code: string }) => p.code)).toEqual(['ABD', 'GSE']);
    const byUnit = await get(`/programmes?pilotUnitId=${unit.batyr}`);
    expect(byUnit.body.items.map((p: { code: string }) => p.code)).toEqual(['ABD']);
  });

  it('refuses a budget revision whose lines would not add up to the total, naming the difference, and appends nothing', async () => {
    const streamBefore = await t.store.readStream(`programme-${gse}`);
    const before = await eventCount(t.store);
    const refused = await t.request('POST', `/programmes/${gse}/budget/revisions`, {
      body: { total: eur('500000'), euContribution: eur('450000'), lines: withLines(GSE_LINES, { '2': '25000', '5': '117000' }), reason: 'Travel moved to services' },
    });
    expectProblem(refused, 422, 'budget-lines-do-not-add-up');
    expect(refused.body.detail).toBe(
      'The budget lines add up to 499000.00 EUR but the total is 500000.00 EUR: the lines are 1000.00 EUR short of the total (difference -100000 minor units). Correct the lines or the total so that they are equal.',
    );
    expect(refused.body.errors).toEqual([{ path: 'lines', message: 'add up to 499000.00 EUR, 1000.00 EUR less than total 500000.00 EUR' }]);
    expect(await eventCount(t.store)).toBe(before);
    expect(await t.store.readStream(`programme-${gse}`)).toHaveLength(streamBefore.length);

    const tooMuchEu = await t.request('POST', `/programmes/${gse}/budget/revisions`, {
      body: { total: eur('500000'), euContribution: eur('460000'), lines: GSE_LINES, reason: 'More EU money' },
    });
    expectProblem(tooMuchEu, 422, 'eu-share-exceeded');
    expect(tooMuchEu.body.errors).toEqual([{ path: 'euContribution', message: 'must be at most 90% of the total (450000.00 EUR)' }]);
    expect(await eventCount(t.store)).toBe(before);

    const revised = await post(`/programmes/${gse}/budget/revisions`, {
      total: eur('500000'), euContribution: eur('450000'), lines: withLines(GSE_LINES, { '2': '25000', '5': '118000' }), reason: 'Travel moved to services after the mid-term review',
    });
    expect(revised.body).toMatchObject({ revision: String(streamBefore.length), eventsAppended: 1 });
    const events = await t.store.readStream(`programme-${gse}`);
    expect(events.at(-1)).toMatchObject({ type: 'ProgrammeBudgetRevised', data: { version: 2 }, metadata: { reason: 'Travel moved to services after the mid-term review', commandName: 'ReviseBudget' } });
    const finance = await get(`/programmes/${gse}`);
    expect(finance.body.budget).toMatchObject({ version: 2, iatiBudgetType: '2', euSharePct: '90.00' });
    expect(finance.body.budgetHistory.map((h: { version: number; reason: string | null }) => [h.version, h.reason])).toEqual([[1, null], [2, 'Travel moved to services after the mid-term review']]);
  });

  it('records IATI-typed transactions with their exchange rates and reports them per line, region and aul, and in the ledger', async () => {
    const recipient = randomUUID();
    const commitment = txn('2018-12-06', kzt('1000000'), { fx: nbk('412.35', '2018-12-06'), budgetLineCode: '6', recipientId: recipient, unitId: unit.izendy, description: 'Sub-grant: bakery, Izendy' });
    await post(`/programmes/${gse}/incoming-commitments`, txn('2017-01-20', eur('450000'), { providerOrgId: org.eu, description: 'Grant contract signed' }));
    await post(`/programmes/${gse}/incoming-funds`, txn('2017-02-15', eur('180000'), { providerOrgId: org.eu, description: 'Pre-financing, 40%' }));
    await post(`/programmes/${gse}/outgoing-commitments`, commitment);
    await post(`/programmes/${gse}/disbursements`, txn('2018-12-11', kzt('700000'), { fx: nbk('412.35', '2018-12-06'), commitmentId: commitment.transactionId }));
    await post(`/programmes/${gse}/expenditures`, txn('2017-03-31', eur('18500'), { budgetLineCode: '1', description: 'Staff, March 2017' }));
    await post(`/programmes/${gse}/expenditures`, txn('2019-04-10', kzt('450000'), { fx: nbk('415.10', '2019-04-10'), budgetLineCode: '6', unitId: unit.belousovka, description: 'Sewing machines bought in kind' }));
    await post(`/programmes/${gse}/co-financing`, { contributionId: randomUUID(), source: 'LOCAL_BUDGET', contributionDate: '2019-05-20', amount: kzt('2000000'), fx: nbk('412.35', '2019-05-20') });
    await post(`/programmes/${gse}/co-financing`, { contributionId: randomUUID(), source: 'COMMUNITY_IN_KIND', contributionDate: '2019-05-25', amount: eur('1500'), description: 'Volunteer work on the playground' });

    const resent = await post(`/programmes/${gse}/outgoing-commitments`, commitment);
    expect(resent.body.eventsAppended).toBe(0);
    const reused = await t.request('POST', `/programmes/${gse}/outgoing-commitments`, { body: { ...commitment, amount: kzt('1000001') } });
    expectProblem(reused, 409, 'transaction-id-reused');

    // 1,000,000 KZT / 412.35 = 2425.12 EUR; 700,000 KZT = 1697.59 EUR; 450,000 KZT / 415.10 = 1084.08 EUR; 2,000,000 KZT = 4850.25 EUR
    const finance = (await get(`/programmes/${gse}`)).body;
    expect(finance.totals).toEqual({
      incomingCommitments: eur('450000'), incomingFunds: eur('180000'), committed: eur('2425.12'), disbursed: eur('1697.59'),
      spent: eur('19584.08'), coFinancing: eur('6350.25'), // 18,500 + 1,084.08; 4,850.25 + 1,500
    });
    expect(finance.budget.lines.find((l: { code: string }) => l.code === '6')).toMatchObject({ committed: eur('2425.12'), disbursed: eur('1697.59'), spent: eur('1084.08') });
    expect(finance.budget.lines.find((l: { code: string }) => l.code === '1')).toMatchObject({ spent: eur('18500'), committed: eur('0') });
    expect(finance.byRegion).toEqual([
      { regionId: unit.karaganda, committed: eur('2425.12'), disbursed: eur('1697.59'), spent: eur('0') },
      { regionId: unit.eastKz, committed: eur('0'), disbursed: eur('0'), spent: eur('1084.08') },
    ]);
    expect(finance.byUnit.map((u: { unitId: string }) => u.unitId)).toEqual([unit.izendy, unit.belousovka]);
    expect(finance.coFinancingBySource).toEqual([{ source: 'LOCAL_BUDGET', amount: eur('4850.25') }, { source: 'COMMUNITY_IN_KIND', amount: eur('1500') }]);
    expect(finance.byCurrency.find((c: { currency: string }) => c.currency === 'KZT')).toEqual({
      currency: 'KZT', incomingCommitments: kzt('0'), incomingFunds: kzt('0'), committed: kzt('1000000'), disbursed: kzt('700000'), spent: kzt('450000'), coFinancing: kzt('2000000'),
    });
    expect(finance.transactionCount).toBe(8);

    const ledger = await get(`/programmes/${gse}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.map((e: { transactionType: string; transactionDate: string }) => [e.transactionType, e.transactionDate])).toEqual([
      ['11', '2017-01-20'], ['1', '2017-02-15'], ['4', '2017-03-31'], ['2', '2018-12-06'], ['3', '2018-12-11'], ['4', '2019-04-10'],
    ]);
    const subGrant = ledger.body.items[3];
    expect(subGrant).toMatchObject({
      transactionTypeName: 'Outgoing Commitment', amount: kzt('1000000'), value: eur('2425.12'), fx: nbk('412.35', '2018-12-06'),
      budgetLineCode: '6', recipientId: recipient, unitId: unit.izendy, providerOrgId: null,
    });
    const disbursements = await get(`/programmes/${gse}/ledger?transactionType=3`);
    expect(disbursements.body.items).toHaveLength(1);
    expect(disbursements.body.items[0]).toMatchObject({ commitmentId: commitment.transactionId, budgetLineCode: '6', unitId: unit.izendy, value: eur('1697.59') });
    const paged = await get(`/programmes/${gse}/ledger?from=2017-02-01&to=2018-12-31&limit=2`);
    expect(paged.body.items.map((e: { transactionType: string }) => e.transactionType)).toEqual(['1', '4']);
    expect(paged.body.next).toEqual(expect.stringContaining('cursor='));
    const rest = await get(paged.body.next);
    expect(rest.body.items.map((e: { transactionType: string }) => e.transactionType)).toEqual(['2', '3']);
  });

  it('keeps commitments within their budget line and the per-recipient cap', async () => {
    const grantee = randomUUID();
    const commit = (programmeId: string, amount: unknown, recipientId: string, extra: Record<string, unknown> = {}) =>
      t.request('POST', `/programmes/${programmeId}/outgoing-commitments`, { body: txn('2019-02-01', amount, { budgetLineCode: '6', recipientId, ...extra }) });
    expect((await commit(abd, eur('6000'), grantee, { unitId: unit.batyr })).status).toBe(200);
    const before = await eventCount(t.store);
    const capped = await commit(abd, eur('4000.01'), grantee);
    expectProblem(capped, 409, 'recipient-cap-exceeded');
    expect(capped.body.detail).toContain('10000.00 EUR per recipient');
    const overLine = await commit(gse, eur('50000'), randomUUID());
    expectProblem(overLine, 409, 'budget-line-exceeded');
    const unknownLine = await commit(gse, eur('1'), randomUUID(), { budgetLineCode: '99' });
    expectProblem(unknownLine, 422, 'unknown-budget-line');
    expect(unknownLine.body.errors).toEqual([{ path: 'budgetLineCode', message: 'is not a line of budget version 2' }]);
    const notEnrolled = await commit(gse, eur('1'), randomUUID(), { unitId: unit.batyr });
    expectProblem(notEnrolled, 422, 'unit-not-enrolled');
    const noRate = await commit(gse, kzt('1000'), randomUUID());
    expectProblem(noRate, 422, 'fx-rate-required');
    expect(await eventCount(t.store)).toBe(before);
    expect((await commit(abd, eur('4000'), grantee)).status).toBe(200); // exactly up to the cap
  });

  it('closes a programme after finalisation and commits nothing after closure', async () => {
    const early = await t.request('POST', `/programmes/${abd}/closure`, { body: { closedOn: '2020-02-29', reason: 'Final report accepted' } });
    expectProblem(early, 409, 'status-transition-not-allowed');
    await post(`/programmes/${abd}/status`, { status: 'FINALISATION', reason: 'Activities ended; final report in preparation' });
    await post(`/programmes/${abd}/closure`, { closedOn: '2020-02-29', reason: 'Final report accepted' });
    expect((await post(`/programmes/${abd}/closure`, { closedOn: '2020-02-29', reason: 'Final report accepted' })).body.eventsAppended).toBe(0);

    const before = await eventCount(t.store);
    const late = await t.request('POST', `/programmes/${abd}/outgoing-commitments`, { body: txn('2020-03-02', eur('100'), { budgetLineCode: '6', recipientId: randomUUID() }) });
    expectProblem(late, 409, 'programme-ended');
    const lateRevision = await t.request('POST', `/programmes/${abd}/budget/revisions`, { body: { total: eur('428412'), euContribution: eur('382570'), lines: withLines(ABD_LINES, { '2': '28988.84', '5': '110091.84' }), reason: 'Too late' } });
    expectProblem(lateRevision, 409, 'programme-ended');
    expect(await eventCount(t.store)).toBe(before);

    const finance = await get(`/programmes/${abd}`);
    expect(finance.body).toMatchObject({ activityStatus: 'CLOSED', iatiActivityStatus: '4', closed: { closedOn: '2020-02-29', reason: 'Final report accepted' } });
    const closed = await get('/programmes?activityStatus=CLOSED');
    expect(closed.body.items.map((p: { programmeId: string }) => p.programmeId)).toEqual([abd]);
  });

  it('refuses references to organisations and units that do not fit', async () => {
    const before = await eventCount(t.store);
    const unknownDonor = await t.request('POST', '/programmes', {
      body: { programmeId: randomUUID(), code: 'XYZ', title: { en: 'X' }, donorOrgId: randomUUID(), leadOrgId: org.argo, contractRef: 'C-1', currency: 'EUR', period: { start: '2017-01-01', end: '2018-01-01' }, maxEuSharePct: '90', fstpPerRecipientCap: eur('60000') },
    });
    expectProblem(unknownDonor, 422, 'unknown-organisation');
    expect(unknownDonor.body.errors).toEqual([{ path: 'donorOrgId', message: 'names no registered organisation' }]);
    expectProblem(await t.request('POST', `/programmes/${gse}/partners`, { body: { orgId: randomUUID(), role: 'IMPLEMENTING' } }), 422, 'unknown-organisation');
    expectProblem(await t.request('POST', `/programmes/${gse}/pilot-units`, { body: { unitId: randomUUID() } }), 422, 'unknown-unit');
    expectProblem(await t.request('POST', `/programmes/${gse}/pilot-units`, { body: { unitId: unit.nura } }), 422, 'pilot-unit-level-not-allowed');
    expectProblem(await t.request('POST', `/programmes/${gse}/incoming-funds`, { body: txn('2018-01-01', eur('1'), { providerOrgId: org.argo }) }), 422, 'provider-not-funding-partner');
    expectProblem(await t.request('POST', `/programmes/${randomUUID()}/incoming-funds`, { body: txn('2018-01-01', eur('1'), { providerOrgId: org.eu }) }), 404, 'programme-not-found');
    expect(await eventCount(t.store)).toBe(before);
  });

  describe('bad input gets a 400 problem+json and changes nothing', () => {
    const cases: Array<[string, () => Record<string, unknown>, string]> = [
      ['money as a number', () => txn('2018-01-01', { amountMinor: 100, currency: 'EUR' }, { providerOrgId: org.eu }), 'amount.amountMinor'],
      ['money with decimals', () => txn('2018-01-01', { amountMinor: '100.50', currency: 'EUR' }, { providerOrgId: org.eu }), 'amount.amountMinor'],
      ['an unknown currency', () => txn('2018-01-01', { amountMinor: '100', currency: 'XYZ' }, { providerOrgId: org.eu }), 'amount.currency'],
      ['a rate as a number', () => txn('2018-01-01', kzt('100'), { providerOrgId: org.eu, fx: { ...nbk('412.35', '2018-01-01'), rate: 412.35 } }), 'fx.rate'],
      ['an unknown rate source', () => txn('2018-01-01', kzt('100'), { providerOrgId: org.eu, fx: { ...nbk('412.35', '2018-01-01'), source: 'bank' } }), 'fx.source'],
      ['an impossible date', () => txn('2018-02-30', eur('1'), { providerOrgId: org.eu }), 'transactionDate'],
    ];
    it.each(cases)('%s', async (_, body, path) => {
      const before = await eventCount(t.store);
      const res = await t.request('POST', `/programmes/${gse}/incoming-funds`, { body: body() });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(await eventCount(t.store)).toBe(before);
    });
  });

  it('reads organisations back and finds them by identifier and type', async () => {
    const one = await get(`/organisations/${org.argo}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe('"0"');
    expect(one.body).toMatchObject({ orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', iatiOrgTypeName: 'National NGO', country: 'KZ' });
    const eu = await get('/organisations?orgIdentifier=XI-IATI-EC_DEVCO');
    expect(eu.body.items.map((o: { organisationId: string }) => o.organisationId)).toEqual([org.eu]);
    const akimats = await get('/organisations?iatiOrgType=11');
    expect(akimats.body.items.map((o: { name: { en: string } }) => o.name.en)).toEqual(['Akimat of Munaily district', 'Akimat of Nura district', 'Akimat of Tupkaragan district']);
    await post(`/organisations/${org.argo}/names`, { name: { en: 'ARGO', ru: 'АРГО' } });
    expect((await get(`/organisations/${org.argo}`)).body).toMatchObject({ name: { en: 'ARGO', ru: 'АРГО' }, revision: '1' });
    const bad = await t.request('POST', '/organisations', { body: { organisationId: randomUUID(), name: { en: 'X' }, orgIdentifier: 'KZ-BIN-123', iatiOrgType: '22', country: 'KZ' } });
    expectProblem(bad, 422, 'invalid-org-identifier');
    expectProblem(await t.request('GET', `/organisations/${randomUUID()}`), 404, 'organisation-not-found');
    expectProblem(await t.request('GET', '/programmes/portfolio/KZT'), 404, 'portfolio-not-found');
  });

  it('describes the programme and organisation routes in OpenAPI', async () => {
    const doc = (await t.request('GET', '/openapi.json', { auth: null })).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/organisations', '/organisations/{organisationId}', '/organisations/{organisationId}/names',
        '/programmes', '/programmes/{programmeId}', '/programmes/{programmeId}/partners', '/programmes/{programmeId}/budget',
        '/programmes/{programmeId}/budget/revisions', '/programmes/{programmeId}/pilot-units', '/programmes/{programmeId}/incoming-commitments',
        '/programmes/{programmeId}/incoming-funds', '/programmes/{programmeId}/outgoing-commitments', '/programmes/{programmeId}/disbursements',
        '/programmes/{programmeId}/expenditures', '/programmes/{programmeId}/co-financing', '/programmes/{programmeId}/status',
        '/programmes/{programmeId}/closure', '/programmes/{programmeId}/ledger', '/programmes/portfolio/{currency}',
      ]),
    );
    expect(doc.components.schemas.MoneyDto.properties.amountMinor).toMatchObject({ type: 'string' });
    expect(doc.components.schemas.ReviseBudgetDto.properties).toHaveProperty('reason');
    expect(doc.paths['/programmes/{programmeId}'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/ProgrammeFinanceDto$/);
    expect(Object.keys(doc.paths['/programmes/{programmeId}/budget/revisions'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '409', '412', '422']));
  });
});
