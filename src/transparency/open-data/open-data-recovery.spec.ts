import { describe, expect, it } from '@jest/globals';
import type { ProgrammeFinance } from '../../programmes/projections/programme-finance.projection.js';
import type { LedgerEntry } from '../../programmes/projections/programme-ledger.projection.js';
import type { PublicAward } from '../reports/public-data.service.js';
import { toIatiXml } from './iati.js';
import { toGrant } from './three-sixty-giving.js';

const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' as const });

/** A grant agreement terminated after a payment of KZT 350,000, of which KZT 300,000 was recovered. */
describe('Open data of a grant with a recovery', () => {
  it('360Giving: the amount disbursed is net of what was recovered', () => {
    const award = {
      grantId: '360G-aul-ledger-a1', applicationId: 'a1', recipientRef: '360G-aul-ledger-IND-0123456789abcdef', application: null, unit: null,
      call: { reference: 'GSE-2018-1', title: { en: 'Call' } }, amount: kzt('50000000'), awardDate: '2018-11-22',
      agreement: { signedOn: '2018-12-07', paid: kzt('35000000'), recovered: kzt('30000000'), payments: [{ id: 'pay-1', kind: 'BANK_TRANSFER', trancheN: 1, on: '2018-12-12', amount: kzt('35000000') }] },
    } as unknown as PublicAward;
    expect(toGrant(award, null, null, '2019-10-01T00:00:00.000Z')).toMatchObject({ amountAwarded: 500000, amountDisbursed: 50000 });
  });

  it('IATI: the recovery is a disbursement (type 3) of negative value to the grantee', () => {
    const programme = {
      programmeId: 'p', code: 'GSE', title: { en: 'GSE' }, contractRef: 'C', currency: 'EUR', leadOrgId: 'lead', period: { start: '2017-01-01', end: '2019-12-31' },
      iatiActivityStatus: '2', partners: [], budgetHistory: [], closed: null,
    } as unknown as ProgrammeFinance;
    const entry = (transactionId: string, amountMinor: string) =>
      ({ transactionId, transactionType: '3', transactionDate: '2019-09-01', amount: kzt(amountMinor), fx: null, providerOrgId: null }) as unknown as LedgerEntry;
    const xml = toIatiXml({
      programme, organisations: new Map(), ledger: [entry('t-pay', '35000000'), entry('t-recovery', '-30000000')], pilotUnits: [],
      results: { plansApproved: 0, grantsAwarded: 0, meetingsHeld: 0 }, generatedAt: '2019-10-01T00:00:00Z',
    });
    const recovery = xml.slice(xml.indexOf('<transaction ref="t-recovery">'));
    expect(recovery).toMatch(/<transaction-type code="3"\/>[\s\S]*<value currency="KZT" value-date="2019-09-01">-300000\.00<\/value>[\s\S]*<receiver-org>/);
  });
});
