import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import { RENDERERS } from './renderers.js';

const ledgerEvent = (type: string, amountMinor: string): RecordedEvent =>
  ({
    eventId: `e-${type}-${amountMinor}`,
    type,
    schemaVersion: 1,
    streamId: 'programme-p1',
    revision: 4n,
    position: 40n,
    recordedAt: '2020-06-01T00:00:00.000Z',
    data: { programmeId: 'p1', transactionId: 't1', transactionDate: '2020-05-30', amount: { amountMinor, currency: 'KZT' } },
    metadata: { actor: { id: 'staff', role: 'programme-officer' }, correlationId: 'c1', occurredAt: '2020-05-30T00:00:00.000Z' },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }) as RecordedEvent;

const render = (type: string, amountMinor: string) => RENDERERS[type]!.render!(ledgerEvent(type, amountMinor), (id) => (id === 'programme/p1' ? { titles: { en: 'Programme One' } } : undefined))[0]!;

describe('Public feed renderers: ledger transactions', () => {
  it('titles a disbursement as one, with its amount', () => {
    const entry = render('DisbursementRecorded', '120000000');
    expect(entry.titles.en).toBe('Disbursement: 1200000.00 KZT — Programme One');
    expect(entry.facts).toMatchObject({ iatiTransactionType: '3', amount: { amountMinor: '120000000', currency: 'KZT' } });
  });

  it('titles a negative disbursement (a recovery) as funds returned, with the amount returned, keeping the signed IATI value in its facts', () => {
    const entry = render('DisbursementRecorded', '-30000000');
    expect(entry.titles).toMatchObject({ en: 'Funds returned: 300000.00 KZT — Programme One', ru: expect.stringMatching(/^Возврат средств: 300000\.00 KZT/) });
    expect(entry.facts).toMatchObject({ iatiTransactionType: '3', amount: { amountMinor: '-30000000', currency: 'KZT' } });
  });

  it('titles a negative expenditure as in-kind support returned', () => {
    expect(render('ExpenditureRecorded', '-500000').titles.en).toBe('In-kind support returned: 5000.00 KZT — Programme One');
  });
});
