import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GrantsLedgerReactor } from '../../src/grants/grants-ledger.reactors.js';
import { PROGRAMME_LEDGER_PROJECTION } from '../../src/programmes/projections/programme-ledger.projection.js';
import { type GrantsWorld, awardedApplications, kzt, postOk } from '../support/grants-fixture.js';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * Grant agreements through HTTP (DOMAIN.md 3.3, 5.7, 5.11): a 70/30 bank-transfer agreement through its whole life,
 * an in-kind one, one terminated with partial recovery; the refusals; the per-aul and per-region totals; and the
 * programme ledger entries the grants.ledger reactor records, exactly once, also after the ledger is rebuilt and
 * the reactor replays from zero. Amounts, dates and rates are invented [I] within the seed's ranges.
 */
describe('Grant agreements over HTTP', () => {
  let t: TestApp;
  let w: GrantsWorld;
  let last = '0';
  const logLines: string[] = [];
  const agreement = { dairy: randomUUID(), sewing: randomUUID(), bakery: randomUUID() };
  const FX = (rateDate: string) => ({ rate: '400', base: 'EUR', quote: 'KZT', source: 'NBK', rateDate });

  const post = async (path: string, body: unknown, status = 200, auth?: string): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body, ...(auth ? { auth } : {}) });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string, auth?: string) => t.request('GET', path, { headers: { 'consistent-with': last }, ...(auth ? { auth } : {}) });
  /** A refusal: the problem+json status and code, and nothing appended. */
  const refused = async (path: string, body: unknown, status: number, code: string) => {
    await t.catchUp(); // the reactors' appends settle first
    const before = await eventCount(t.store);
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, type: res.body?.type }).toEqual({ path, status, type: `/problems/${code}` });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await eventCount(t.store)).toBe(before);
  };
  const on = (iso: string) => t.clock.set(new Date(iso));
  const at = (id: string, what = '') => `/grant-agreements/${id}${what}`;
  const tranches = (total: number, second: string) => [
    { n: 1, amount: kzt(String((total * 7) / 10)), condition: 'NONE', dueDate: '2018-12-10' },
    { n: 2, amount: kzt(String((total * 3) / 10)), condition: second, dueDate: '2019-03-10' },
  ];
  const ledger = async (programmeId: string) => {
    await t.catchUp();
    const items: Array<{ transactionId: string; transactionType: string; amount: { amountMinor: string }; recipientId: string | null; unitId: string | null }> = [];
    let next: string | null = `/programmes/${programmeId}/ledger?limit=200`;
    while (next) {
      const page = await t.request('GET', next);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      next = page.body.next;
    }
    return items.map((e) => ({ type: e.transactionType, amount: e.amount.amountMinor, id: e.transactionId, recipientId: e.recipientId, unitId: e.unitId }));
  };

  beforeAll(async () => {
    t = await startTestApp({ logLines });
    // Dairy 1,000,000; sewing 600,000 (in kind); bakery 500,000 (terminated); a rejected application.
    w = await awardedApplications(t, ['1000000', '600000', '500000', '700000'], { rejected: 1 });
    last = w.last;
    on('2018-12-06T09:00:00.000Z');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('prepares only an agreement equal to the award with tranches that add up, one per application', async () => {
    const [dairy] = w.applications;
    const body = { agreementId: agreement.dairy, applicationId: dairy!.applicationId, amount: kzt('1000000'), mode: 'BANK_TRANSFER', tranches: tranches(1_000_000, 'PURCHASE_PROVEN') };
    await refused('/grant-agreements', { ...body, amount: kzt('950000') }, 422, 'agreement-amount-differs-from-award');
    await refused('/grant-agreements', { ...body, tranches: [body.tranches[0], { ...body.tranches[1], amount: { amountMinor: '29999999', currency: 'KZT' } }] }, 422, 'tranches-do-not-add-up');
    await refused('/grant-agreements', { ...body, applicationId: randomUUID() }, 404, 'grant-application-not-found');
    await refused('/grant-agreements', { ...body, applicationId: w.applications[3]!.applicationId, amount: kzt('700000'), tranches: tranches(700_000, 'NONE') }, 409, 'application-not-awarded');
    const created = await post('/grant-agreements', body, 201);
    expect(created.body).toMatchObject({ id: agreement.dairy, streamId: `grantAgreement-${agreement.dairy}`, eventsAppended: 1 });
    expect((await post('/grant-agreements', body)).body.eventsAppended).toBe(0);
    await refused('/grant-agreements', { ...body, agreementId: randomUUID() }, 409, 'application-already-has-agreement');
    await refused(at(agreement.dairy, '/disbursements'), { paymentId: 'pay-1', trancheN: 1, amount: kzt('700000'), paidOn: '2018-12-06', bankRef: 'KZ-1', fx: FX('2018-12-06') }, 409, 'disbursement-not-allowed');
  });

  it('runs a 70/30 bank-transfer agreement to closure, refusing over-payment, tranches out of order and payment while suspended', async () => {
    const id = agreement.dairy;
    const pay = (paymentId: string, trancheN: number, major: string, paidOn: string) => ({ paymentId, trancheN, amount: kzt(major), paidOn, bankRef: `KZ-PP-${paymentId}`, fx: FX(paidOn) });
    await refused(at(id, '/signature'), { signedOn: '2018-12-06' }, 422, 'fx-rate-required');
    await post(at(id, '/signature'), { signedOn: '2018-12-06', fx: FX('2018-12-06') });
    await refused(at(id, '/disbursements'), pay('pay-2', 2, '300000', '2018-12-10'), 409, 'previous-tranche-not-paid');
    await post(at(id, '/disbursements'), pay('pay-1', 1, '700000', '2018-12-10'));
    await refused(at(id, '/disbursements'), pay('pay-x', 1, '0.01', '2018-12-11'), 422, 'tranche-overpaid');
    await refused(at(id, '/disbursements'), pay('pay-2', 2, '300000', '2019-03-01'), 409, 'tranche-condition-not-met');

    on('2019-02-20T09:00:00.000Z');
    await post(at(id, '/reports'), { reportId: 'purchase-1', kind: 'PURCHASE', trancheN: 1, summary: 'Separator and cooling tank bought; invoices attached' });
    await post(at(id, '/reports/purchase-1/rejection'), { reason: 'Invoice for the tank missing' });
    await post(at(id, '/reports'), { reportId: 'purchase-1', kind: 'PURCHASE', trancheN: 1, summary: 'Separator and cooling tank bought; both invoices attached' });
    await post(at(id, '/reports/purchase-1/acceptance'), {});
    on('2019-03-06T09:00:00.000Z');
    await post(at(id, '/monitoring-visits'), { month: 3, visitedOn: '2019-03-06', operating: true, notes: 'Dairy running, 2 employees' });
    await post(at(id, '/suspension'), { reason: 'Quarterly report late' });
    await refused(at(id, '/disbursements'), pay('pay-2', 2, '300000', '2019-03-07'), 409, 'disbursement-not-allowed');
    await post(at(id, '/resumption'), { reason: 'Report received' });
    await post(at(id, '/disbursements'), pay('pay-2', 2, '300000', '2019-03-12'));
    expect((await post(at(id, '/disbursements'), pay('pay-2', 2, '300000', '2019-03-12'))).body.eventsAppended).toBe(0);
    await refused(at(id, '/disbursements'), pay('pay-3', 2, '1', '2019-03-13'), 422, 'tranche-overpaid');

    on('2019-06-06T09:00:00.000Z');
    await post(at(id, '/monitoring-visits'), { month: 6, visitedOn: '2019-06-06', operating: true });
    await post(at(id, '/jobs'), { asOf: '2019-06-06', headcount: 3, fte: '2.5', women: 2, youth: 1 });
    on('2019-12-06T09:00:00.000Z');
    await post(at(id, '/reports'), { reportId: 'final', kind: 'FINAL', summary: 'Twelve months of operation' });
    await post(at(id, '/jobs'), { asOf: '2019-12-06', headcount: 4, fte: '3.5', women: 2, youth: 2 });
    await post(at(id, '/monitoring-visits'), { month: 12, visitedOn: '2019-12-06', operating: true });
    await refused(at(id, '/closure'), {}, 409, 'closing-conditions-not-met');
    await post(at(id, '/reports/final/acceptance'), {});
    await post(at(id, '/closure'), {});

    const doc = await get(at(id));
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      agreementId: id, status: 'CLOSED', programmeId: w.programmeId, callId: w.callId, territoryUnitId: w.aul, regionId: w.region, granteeId: w.applications[0]!.applicantId,
      amount: kzt('1000000'), paid: kzt('1000000'), signedOn: '2018-12-06',
      tranches: [{ n: 1, paid: kzt('700000'), settled: true }, { n: 2, paid: kzt('300000'), settled: true }],
      reports: [{ reportId: 'purchase-1', status: 'ACCEPTED', submissions: 2 }, { reportId: 'final', status: 'ACCEPTED', submissions: 1 }],
      visits: [{ month: 3 }, { month: 6 }, { month: 12 }],
      jobs: { asOf: '2019-12-06', headcount: 4, fte: '3.5', women: 2, youth: 2 },
      suspensions: [{ reason: 'Quarterly report late', resumedAt: '2019-03-06T09:00:00.000Z' }],
    });
    const closed = await get(`/grant-agreements?programmeId=${w.programmeId}&status=CLOSED`);
    expect(closed.body.items.map((a: { agreementId: string }) => a.agreementId)).toEqual([id]);
  });

  it('delivers in kind, and terminates an agreement with a recovery that never exceeds what was paid', async () => {
    const [, sewing, bakery] = w.applications;
    on('2018-12-07T09:00:00.000Z');
    await post('/grant-agreements', { agreementId: agreement.sewing, applicationId: sewing!.applicationId, amount: kzt('600000'), mode: 'IN_KIND', tranches: tranches(600_000, 'PURCHASE_PROVEN') }, 201);
    await post(at(agreement.sewing, '/signature'), { signedOn: '2018-12-07', fx: FX('2018-12-07') });
    const delivery = { deliveryId: 'delivery-1', trancheN: 1, items: [{ description: 'Industrial sewing machine', quantity: 2, value: kzt('300000') }, { description: 'Overlock', quantity: 1, value: kzt('120000') }], deliveredOn: '2018-12-20', procurementRef: 'PO-2018-17', fx: FX('2018-12-20') };
    await refused(at(agreement.sewing, '/disbursements'), { paymentId: 'p', trancheN: 1, amount: kzt('420000'), paidOn: '2018-12-20', bankRef: 'x', fx: FX('2018-12-20') }, 409, 'disbursement-mode-mismatch');
    await post(at(agreement.sewing, '/in-kind-deliveries'), delivery);
    expect((await get(at(agreement.sewing))).body).toMatchObject({ status: 'ACTIVE', paid: kzt('420000'), payments: [{ kind: 'IN_KIND', amount: kzt('420000'), reference: 'PO-2018-17' }] });

    await post('/grant-agreements', { agreementId: agreement.bakery, applicationId: bakery!.applicationId, amount: kzt('500000'), mode: 'BANK_TRANSFER', tranches: tranches(500_000, 'REPORT_ACCEPTED') }, 201);
    await post(at(agreement.bakery, '/signature'), { signedOn: '2018-12-07', fx: FX('2018-12-07') });
    await post(at(agreement.bakery, '/disbursements'), { paymentId: 'pay-1', trancheN: 1, amount: kzt('350000'), paidOn: '2018-12-12', bankRef: 'KZ-PP-77', fx: FX('2018-12-12') });
    on('2019-08-06T09:00:00.000Z');
    await post(at(agreement.bakery, '/jobs'), { asOf: '2019-06-01', headcount: 1, fte: '1', women: 1, youth: 0 });
    await post(at(agreement.bakery, '/termination'), { reason: 'Business closed in month 8' });
    await refused(at(agreement.bakery, '/disbursements'), { paymentId: 'pay-2', trancheN: 2, amount: kzt('150000'), paidOn: '2019-08-07', bankRef: 'x', fx: FX('2019-08-07') }, 409, 'disbursement-not-allowed');
    await refused(at(agreement.bakery, '/recovery-request'), { amount: kzt('350000.01') }, 422, 'recovery-exceeds-paid');
    await post(at(agreement.bakery, '/recovery-request'), { amount: kzt('300000') });
    await refused(at(agreement.bakery, '/recoveries'), { receiptId: 'r-1', amount: kzt('300000.01'), receivedOn: '2019-09-01' }, 422, 'recovery-exceeds-requested');
    await refused(at(agreement.bakery, '/closure'), {}, 409, 'closing-conditions-not-met');
    await post(at(agreement.bakery, '/recoveries'), { receiptId: 'r-1', amount: kzt('300000'), receivedOn: '2019-09-01' });
    await post(at(agreement.bakery, '/closure'), {});
    expect((await get(at(agreement.bakery))).body).toMatchObject({ status: 'CLOSED', paid: kzt('350000'), recoveryRequested: kzt('300000'), recovered: kzt('300000'), termination: { reason: 'Business closed in month 8' } });
  });

  it('totals grants and jobs per aul and per region', async () => {
    const expected = {
      agreements: 3, committed: [kzt('2100000')], paid: [kzt('1770000')], recovered: [kzt('300000')],
      jobs: { headcount: 5, fte: '4.50', women: 3, youth: 2 },
    };
    expect((await get(`/grant-agreements/totals/units/${w.aul}`)).body).toEqual({ level: 'UNIT', unitId: w.aul, ...expected });
    expect((await get(`/grant-agreements/totals/regions/${w.region}`)).body).toEqual({ level: 'REGION', unitId: w.region, ...expected });
    expect((await get(`/grant-agreements/totals/units/${w.district}`)).body).toMatchObject({ agreements: 0, committed: [] });
  });

  it('keeps scoped programme officers to their programme; auditors read but do not change', async () => {
    const key = async (role: string, scope: Record<string, string[]>) =>
      (await postOk(t, '/api-keys', { keyId: randomUUID(), name: `${role} key`, role, scope, expiresAt: '2021-01-01T00:00:00.000Z' }, 201)).body.apiKey as string;
    const elsewhere = await key('programme-officer', { programmes: [randomUUID()] });
    const auditor = await key('auditor', {});
    expect((await t.request('POST', at(agreement.sewing, '/monitoring-visits'), { auth: elsewhere, body: { month: 3, visitedOn: '2019-03-07', operating: true } })).status).toBe(403);
    expect((await t.request('GET', at(agreement.sewing), { auth: elsewhere })).status).toBe(403);
    expect((await get(at(agreement.sewing), auditor)).status).toBe(200);
    expect((await t.request('POST', at(agreement.sewing, '/monitoring-visits'), { auth: auditor, body: { month: 3, visitedOn: '2019-03-07', operating: true } })).status).toBe(403);
  });

  it('records each commitment, disbursement, in-kind expenditure and recovery on the programme ledger exactly once, also after a rebuild and a replay from zero', async () => {
    const expected = [
      ['2', '100000000'], ['2', '60000000'], ['2', '50000000'], // signatures (IATI 2)
      ['3', '70000000'], ['3', '30000000'], ['3', '35000000'], // bank transfers (IATI 3)
      ['3', '-30000000'], // the bakery's recovery: a negative disbursement to the same grantee
      ['4', '42000000'], // in kind (IATI 4)
    ].sort();
    const before = await ledger(w.programmeId);
    expect(before.map((e) => [e.type, e.amount]).sort()).toEqual(expected);
    expect(before.filter((e) => e.type === '2').map((e) => e.recipientId).sort()).toEqual(w.applications.slice(0, 3).map((a) => a.applicantId).sort());
    expect(before.find((e) => e.amount.startsWith('-'))?.recipientId).toBe(w.applications[2]!.applicantId);
    expect(before.every((e) => e.unitId === w.aul)).toBe(true);
    // The programme's figures net the recovery out (EUR at 400 KZT): paid 1,350,000 − recovered 300,000 KZT.
    const finance = (await get(`/programmes/${w.programmeId}`)).body;
    expect(finance.totals).toMatchObject({ committed: { amountMinor: '525000', currency: 'EUR' }, disbursed: { amountMinor: '262500', currency: 'EUR' }, spent: { amountMinor: '105000', currency: 'EUR' } });
    expect(finance.byCurrency).toEqual([expect.objectContaining({ currency: 'KZT', disbursed: kzt('1050000') })]);
    const programmeEvents = (await t.store.readStream(`programme-${w.programmeId}`)).length;

    // (a) The ledger projection rebuilt from zero.
    await t.projections.rebuild(PROGRAMME_LEDGER_PROJECTION);
    expect(await ledger(w.programmeId)).toEqual(before);

    // A redelivery of every agreement event, even under another event id, records nothing new: the ids are derived.
    const reactor = t.app.get(GrantsLedgerReactor);
    for (const id of Object.values(agreement)) {
      for (const event of await t.store.readStream(`grantAgreement-${id}`)) if (reactor.handles.includes(event.type)) await reactor.react({ ...event, eventId: randomUUID() });
    }
    expect((await t.store.readStream(`programme-${w.programmeId}`)).length).toBe(programmeEvents);

    // (b) The reactor's checkpoint reset: after a restart it processes every event again.
    await t.reads.deleteCheckpoint('reactor:grants.ledger');
    await t.close();
    t = await startTestApp({ dataDir: t.dataDir, now: new Date('2019-12-10T09:00:00.000Z'), logLines });
    expect(await ledger(w.programmeId)).toEqual(before);
    expect((await t.store.readStream(`programme-${w.programmeId}`)).length).toBe(programmeEvents);
  });

  it('skips, with a warning, the ledger entries of a programme without an FSTP line', async () => {
    const bare = await awardedApplications(t, ['400000'], { fstpLine: false });
    const [only] = bare.applications;
    on('2018-12-06T09:00:00.000Z');
    const id = randomUUID();
    await postOk(t, '/grant-agreements', { agreementId: id, applicationId: only!.applicationId, amount: kzt('400000'), mode: 'BANK_TRANSFER', tranches: tranches(400_000, 'NONE') }, 201);
    await postOk(t, at(id, '/signature'), { signedOn: '2018-12-06', fx: FX('2018-12-06') });
    await postOk(t, at(id, '/disbursements'), { paymentId: 'pay-1', trancheN: 1, amount: kzt('280000'), paidOn: '2018-12-10', bankRef: 'KZ-1', fx: FX('2018-12-10') });
    expect(await ledger(bare.programmeId)).toEqual([]);
    expect(logLines.some((l) => l.includes(`Agreement ${id}`) && l.includes('no FSTP'))).toBe(true);
  });
});
