import { describe, expect, it } from '@jest/globals';
import type { CommandBus } from '@nestjs/cqrs';
import type { ExecuteProgrammeCommand } from '../programmes/commands/programme-command.handler.js';
import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { GrantsLedgerReactor, ledgerTransactionId } from './grants-ledger.reactors.js';

const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });
const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' });
const fx = (rate: string, rateDate: string) => ({ rate, base: 'EUR', quote: 'KZT', source: 'NBK', rateDate });
const ref = { agreementId: 'ag-1', programmeId: 'pr-1', callId: 'call-1', territoryUnitId: 'aul-1', regionId: 'reg-1' };

const recorded = (type: string, data: object, n = 0): RecordedEvent =>
  ({ eventId: `e-${type}-${n}`, type, schemaVersion: 1, streamId: 's', revision: BigInt(n), position: BigInt(n), recordedAt: '2019-09-01T00:00:00.000Z',
    data, metadata: { occurredAt: '2019-09-01T00:00:00.000Z', correlationId: 'c' }, prevHash: '', hash: '' }) as unknown as RecordedEvent;

const programme = [
  recorded('ProgrammeRegistered', { programmeId: 'pr-1', code: 'GSE', currency: 'EUR', maxEuSharePct: '90', fstpPerRecipientCap: eur('6000000'), registeredAt: 'x' }),
  recorded('ProgrammeBudgetApproved', { programmeId: 'pr-1', version: 1, total: eur('100'), euContribution: eur('90'), lines: [{ code: '1', title: 'Staff', kind: 'HR', amount: eur('50') }, { code: '6', title: 'Sub-grants', kind: 'FSTP', amount: eur('50') }], approvedAt: 'x' }),
  recorded('PilotUnitEnrolled', { programmeId: 'pr-1', unitId: 'aul-1', level: 'RURAL_OKRUG', regionId: 'reg-1', enrolledAt: 'x' }),
];

/** The reactor over a store holding the programme and the agreement, and a command bus that records what it is sent. */
const reactorWith = (mode: 'BANK_TRANSFER' | 'IN_KIND') => {
  const paid = mode === 'BANK_TRANSFER' ? 'DisbursementPaid' : 'InKindSupportDelivered';
  const on = mode === 'BANK_TRANSFER' ? 'paidOn' : 'deliveredOn';
  const agreement = [
    recorded('GrantAgreementPrepared', { ...ref, mode }),
    recorded(paid, { ...ref, [on]: '2018-12-12', fx: fx('400', '2018-12-12') }, 1),
    recorded(paid, { ...ref, [on]: '2019-03-05', fx: fx('410', '2019-03-05') }, 2),
  ];
  const sent: ExecuteProgrammeCommand[] = [];
  const store = { readStream: async (id: string) => (id === 'programme-pr-1' ? programme : id === 'grantAgreement-ag-1' ? agreement : []) } as unknown as EventStore;
  const bus = { execute: async (c: ExecuteProgrammeCommand) => void sent.push(c) } as unknown as CommandBus;
  return { reactor: new GrantsLedgerReactor(bus, store), sent };
};

const recovery = recorded('RecoveryReceived', { ...ref, receiptId: 'r-1', amount: kzt('30000000'), receivedOn: '2019-09-01', receivedAt: 'x' }, 5);

describe('GrantsLedgerReactor: recoveries', () => {
  it('reverses a bank transfer: a negative disbursement against the commitment, at the rate of the latest payment', async () => {
    const { reactor, sent } = reactorWith('BANK_TRANSFER');
    await reactor.react(recovery);
    expect(sent.map((c) => c.request)).toEqual([expect.objectContaining({
      type: 'RecordDisbursement',
      data: expect.objectContaining({
        programmeId: 'pr-1', transactionId: ledgerTransactionId('ag-1', 'recovery:r-1'), transactionDate: '2019-09-01', amount: kzt('-30000000'),
        fx: fx('410', '2019-03-05'), commitmentId: ledgerTransactionId('ag-1', 'commitment'),
      }),
    })]);
  });

  it('reverses in-kind support: a negative expenditure on the FSTP line in the aul', async () => {
    const { reactor, sent } = reactorWith('IN_KIND');
    await reactor.react(recovery);
    expect(sent.map((c) => c.request)).toEqual([expect.objectContaining({
      type: 'RecordExpenditure',
      data: expect.objectContaining({ transactionId: ledgerTransactionId('ag-1', 'recovery:r-1'), amount: kzt('-30000000'), fx: fx('410', '2019-03-05'), budgetLineCode: '6', unitId: 'aul-1' }),
    })]);
  });
});
