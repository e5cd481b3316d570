import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { GrantAgreementEvent } from '../domain/grant-agreement.events.js';
import { type GrantTotalsDocument, grantTotalsByRegionProjection, grantTotalsByUnitProjection } from './grant-agreements.projection.js';

const AT = '2019-06-06T09:00:00.000Z';
const kzt = (major: number) => ({ amountMinor: String(major * 100), currency: 'KZT' as const });
const ref = (agreementId: string, regionId: string | null = 'region-1') => ({ agreementId, programmeId: 'p-1', callId: 'c-1', territoryUnitId: 'aul-1', regionId });
let position = 100;
const recorded = (event: GrantAgreementEvent): RecordedEvent =>
  ({
    eventId: `e-${position}`, type: event.type, schemaVersion: 1, streamId: `grantAgreement-${(event.data as { agreementId: string }).agreementId}`, revision: 0n,
    position: BigInt(++position), recordedAt: AT, data: event.data, metadata: { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: AT }, prevHash: '', hash: '',
  }) as unknown as RecordedEvent;
const jobs = (agreementId: string, asOf: string, headcount: number, fte: string, women: number, youth: number): GrantAgreementEvent => ({
  type: 'JobsCreatedReported', data: { ...ref(agreementId), asOf, headcount, fte, women, youth, reportedAt: AT },
});
const fold = (events: GrantAgreementEvent[], projection = grantTotalsByUnitProjection) =>
  events.map(recorded).reduce<GrantTotalsDocument | null>((doc, e) => projection.evolve(doc, e), null);

describe('grant totals per aul and per region', () => {
  const signed = (id: string, major: number): GrantAgreementEvent => ({ type: 'GrantAgreementSigned', data: { ...ref(id), granteeId: `g-${id}`, amount: kzt(major), signedOn: '2018-12-06', signedAt: AT } });

  it('sums committed, paid (bank and in kind) and recovered money, and the latest jobs figures of each agreement', () => {
    const doc = fold([
      signed('a', 1_000_000), signed('b', 600_000),
      { type: 'DisbursementPaid', data: { ...ref('a'), paymentId: 'p1', trancheN: 1, amount: kzt(700_000), paidOn: '2018-12-10', bankRef: 'x', trancheSettled: true, paidAt: AT } },
      { type: 'InKindSupportDelivered', data: { ...ref('b'), deliveryId: 'd1', trancheN: 1, items: [], value: kzt(420_000), deliveredOn: '2018-12-20', procurementRef: 'PO', trancheSettled: true, deliveredAt: AT } },
      { type: 'RecoveryReceived', data: { ...ref('b'), receiptId: 'r', amount: kzt(100_000), receivedOn: '2019-09-01', receivedAt: AT } },
      jobs('a', '2019-06-06', 3, '2.5', 2, 1), jobs('b', '2019-06-06', 2, '1.25', 1, 1),
      jobs('a', '2019-12-06', 4, '3.5', 2, 2), // replaces a's earlier figures
      jobs('a', '2019-03-06', 9, '9', 9, 9), // older than a's latest: ignored
    ])!;
    expect(doc).toMatchObject({
      level: 'UNIT', unitId: 'aul-1', agreements: 2, committed: [kzt(1_600_000)], paid: [kzt(1_120_000)], recovered: [kzt(100_000)],
      jobs: { headcount: 6, fte: '4.75', women: 3, youth: 3 },
    });
  });

  it('keys documents by the aul or by its region, and leaves out agreements whose unit has no region from the regional totals', () => {
    const event = recorded(signed('a', 1));
    expect(grantTotalsByUnitProjection.documentId(event)).toBe('aul-1');
    expect(grantTotalsByRegionProjection.documentId(event)).toBe('region-1');
    expect(grantTotalsByRegionProjection.documentId(recorded({ ...signed('a', 1), data: { ...signed('a', 1).data, regionId: null } } as GrantAgreementEvent))).toBeNull();
    expect(fold([signed('a', 1)], grantTotalsByRegionProjection)).toMatchObject({ level: 'REGION', unitId: 'region-1' });
  });
});
