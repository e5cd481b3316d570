import { type FxRate, type Money, accountedValue } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import { type IatiTransactionType, type IsoDate, type ProgrammeTransactionEvent, TRANSACTION_TYPE_CODES, type TransactionEventType } from '../domain/programme.events.js';

/** IATI TransactionType names of the codes the ledger records. */
export const IATI_TRANSACTION_TYPE_NAMES: Readonly<Record<IatiTransactionType, string>> = {
  '11': 'Incoming Commitment',
  '1': 'Incoming Funds',
  '2': 'Outgoing Commitment',
  '3': 'Disbursement',
  '4': 'Expenditure',
};

/**
 * One IATI-typed transaction of a programme. `amount` is as recorded, in the transaction's currency, with its rate;
 * `value` is its value in the programme's currency, derived from them (rounded half to even to the minor unit).
 */
export type LedgerEntry = {
  programmeId: string;
  transactionId: string;
  transactionType: IatiTransactionType;
  transactionTypeName: string;
  transactionDate: IsoDate;
  amount: Money;
  fx: FxRate | null;
  value: Money;
  providerOrgId: string | null;
  budgetLineCode: string | null;
  recipientId: string | null;
  commitmentId: string | null;
  unitId: string | null;
  description: string | null;
  /** System time the transaction was recorded (RFC 3339). */
  recordedAt: string;
  /** Global position of the event, as a decimal string, and zero-padded to sort by. */
  position: string;
  seq: string;
};

export const PROGRAMME_LEDGER_PROJECTION = 'programmes.ledger';

const TRANSACTION_EVENTS = Object.keys(TRANSACTION_TYPE_CODES) as TransactionEventType[];

/** The ledger document id of a transaction: unique across programmes. */
export const ledgerEntryId = (programmeId: string, transactionId: string): string => `${programmeId}.${transactionId}`;

/** Maps one transaction event to its ledger entry. Pure; an entry never changes once written. */
export const ledgerEntryOf = (event: RecordedEvent): LedgerEntry => {
  const e = event as unknown as ProgrammeTransactionEvent;
  const d = e.data as ProgrammeTransactionEvent['data'] & Partial<Record<'providerOrgId' | 'budgetLineCode' | 'recipientId' | 'commitmentId' | 'unitId', string>>;
  const type = TRANSACTION_TYPE_CODES[e.type];
  const stamp = 'recordedAt' in d ? d.recordedAt : 'receivedAt' in d ? d.receivedAt : 'committedAt' in d ? d.committedAt : d.disbursedAt;
  return {
    programmeId: d.programmeId,
    transactionId: d.transactionId,
    transactionType: type,
    transactionTypeName: IATI_TRANSACTION_TYPE_NAMES[type],
    transactionDate: d.transactionDate,
    amount: d.amount,
    fx: d.fx ?? null,
    value: accountedValue(d.amount, d.fx),
    providerOrgId: d.providerOrgId ?? null,
    budgetLineCode: d.budgetLineCode ?? null,
    recipientId: d.recipientId ?? null,
    commitmentId: d.commitmentId ?? null,
    unitId: d.unitId ?? null,
    description: d.description ?? null,
    recordedAt: stamp,
    position: event.position.toString(),
    seq: event.position.toString().padStart(20, '0'),
  };
};

/** The programme ledger: every IATI-typed transaction, filterable by programme, type, date, budget line and unit. */
export const programmeLedgerProjection: Projection<LedgerEntry> = {
  name: PROGRAMME_LEDGER_PROJECTION,
  version: 1,
  handles: TRANSACTION_EVENTS,
  fields: [
    { path: 'programmeId', type: 'string' },
    { path: 'transactionType', type: 'string' },
    { path: 'transactionDate', type: 'string' },
    { path: 'budgetLineCode', type: 'string' },
    { path: 'unitId', type: 'string' },
    { path: 'seq', type: 'string' },
  ],
  documentId: (e) => {
    const d = e.data as { programmeId: string; transactionId: string };
    return ledgerEntryId(d.programmeId, d.transactionId);
  },
  evolve: (doc, event) => doc ?? ledgerEntryOf(event),
};
