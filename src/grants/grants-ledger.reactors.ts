import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteProgrammeCommand, type ProgrammeCommandRequest } from '../programmes/commands/programme-command.handler.js';
import { programmeDecider, programmeStream } from '../programmes/domain/programme.decider.js';
import type { ProgrammeEvent } from '../programmes/domain/programme.events.js';
import type { RegisteredProgramme } from '../programmes/domain/programme.state.js';
import { fold } from '../shared/domain/decider.js';
import { type FxRate, money, minorOf } from '../shared/domain/money.js';
import { DomainError } from '../shared/domain/errors.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { Reactor } from '../shared/projections/projection.js';
import { reactionContext, reactionMetadata } from '../shared/projections/reaction.js';
import { grantAgreementStream } from './domain/grant-agreement.decider.js';
import type { DisbursementPaid, GrantAgreementEvent, GrantAgreementSigned, InKindSupportDelivered, RecoveryReceived } from './domain/grant-agreement.events.js';

export const GRANTS_LEDGER_REACTOR = 'grants.ledger';

/**
 * A UUID derived from an agreement and what happened on it (`commitment`, `payment:<id>`, `delivery:<id>`,
 * `recovery:<receiptId>`): the same inputs always give the same transaction id, so a redelivered event, or a reactor
 * replayed from zero, records nothing new on the programme (its decider treats a resent transaction id as a no-op).
 */
export const ledgerTransactionId = (agreementId: string, what: string): string => {
  const h = createHash('sha256').update(`aul-ledger:grant-agreement:${agreementId}:${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The programme's sub-grant (FSTP) budget line in its current budget: the first of kind FSTP, or null. */
export const subGrantLineOf = (programme: RegisteredProgramme): string | null => {
  for (const [code, line] of programme.budget?.lines ?? []) if (line.kind === 'FSTP') return code;
  return null;
};

/**
 * How an agreement was disbursed, and the rate of its latest payment or delivery (by date, the last recorded of a
 * day): a recovery reverses what was paid, so it is valued at that rate. Null before the agreement is prepared.
 */
export const recoveryBasisOf = (events: readonly GrantAgreementEvent[]): { mode: 'BANK_TRANSFER' | 'IN_KIND'; fx: FxRate | undefined } | null => {
  let mode: 'BANK_TRANSFER' | 'IN_KIND' | null = null;
  let latest: { on: string; fx: FxRate | undefined } | null = null;
  for (const e of events) {
    if (e.type === 'GrantAgreementPrepared') mode = e.data.mode;
    const on = e.type === 'DisbursementPaid' ? e.data.paidOn : e.type === 'InKindSupportDelivered' ? e.data.deliveredOn : null;
    if (on !== null && (latest === null || on >= latest.on)) latest = { on, fx: (e as DisbursementPaid | InKindSupportDelivered).data.fx };
  }
  return mode === null ? null : { mode, fx: latest?.fx };
};

/**
 * Disbursement → Ledger (DOMAIN.md 5.11): a signed agreement commits its amount on the programme's FSTP line (IATI
 * transaction type 2, recipient the grantee, in the aul when it is a pilot unit of the programme); each bank transfer
 * records a disbursement against that commitment (type 3) and each in-kind delivery an expenditure on the line (type
 * 4). Each recovery received reverses them: a negative disbursement against the commitment (bank transfers) or a
 * negative expenditure on the line (in kind), valued at the rate of the agreement's latest payment, so the programme's
 * net disbursed and spent are what the grantee kept (docs/grant-agreements.md says why IATI reports it so). Nothing is
 * paid after a termination, so that rate is the same on every replay. Transaction ids are derived from the agreement
 * and the payment, delivery or receipt, so each is recorded exactly once.
 * A programme without an FSTP line, or a refusal by the programme (a closed programme, an exceeded line), is logged
 * and skipped: the agreement stands, the ledger entry is left for a person to record.
 */
@Injectable()
export class GrantsLedgerReactor implements Reactor {
  readonly name = GRANTS_LEDGER_REACTOR;
  readonly handles = ['GrantAgreementSigned', 'DisbursementPaid', 'InKindSupportDelivered', 'RecoveryReceived'];
  private readonly logger = new Logger('GrantsLedgerReactor');
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const e = event as unknown as GrantAgreementSigned | DisbursementPaid | InKindSupportDelivered | RecoveryReceived;
    const { agreementId, programmeId, territoryUnitId } = e.data;
    const programme = fold(programmeDecider, (await this.store.readStream(programmeStream(programmeId))) as unknown as ProgrammeEvent[]);
    if (programme.status === 'Empty') {
      this.logger.warn(`Agreement ${agreementId}: programme ${programmeId} not found; no ledger entry for ${e.type}`);
      return;
    }
    const line = subGrantLineOf(programme);
    const unit = programme.pilotUnits.has(territoryUnitId) ? { unitId: territoryUnitId } : {};
    const commitmentId = ledgerTransactionId(agreementId, 'commitment');
    let request: ProgrammeCommandRequest['data'] & { programmeId: string };
    let type: 'RecordOutgoingCommitment' | 'RecordDisbursement' | 'RecordExpenditure';
    switch (e.type) {
      case 'GrantAgreementSigned': {
        if (line === null) {
          this.logger.warn(`Agreement ${agreementId}: programme ${programmeId} has no FSTP (sub-grant) budget line; the commitment is not recorded on the ledger`);
          return;
        }
        const d = e.data;
        type = 'RecordOutgoingCommitment';
        request = {
          programmeId, transactionId: commitmentId, transactionDate: d.signedOn, amount: d.amount, ...(d.fx ? { fx: d.fx } : {}),
          budgetLineCode: line, recipientId: d.granteeId, ...unit, description: `Grant agreement ${agreementId}`,
        };
        break;
      }
      case 'DisbursementPaid': {
        const d = e.data;
        type = 'RecordDisbursement';
        request = {
          programmeId, transactionId: ledgerTransactionId(agreementId, `payment:${d.paymentId}`), transactionDate: d.paidOn, amount: d.amount, ...(d.fx ? { fx: d.fx } : {}),
          commitmentId, description: `Grant agreement ${agreementId}, tranche ${d.trancheN}`,
        };
        break;
      }
      case 'InKindSupportDelivered': {
        if (line === null) {
          this.logger.warn(`Agreement ${agreementId}: programme ${programmeId} has no FSTP (sub-grant) budget line; the in-kind delivery is not recorded on the ledger`);
          return;
        }
        const d = e.data;
        type = 'RecordExpenditure';
        request = {
          programmeId, transactionId: ledgerTransactionId(agreementId, `delivery:${d.deliveryId}`), transactionDate: d.deliveredOn, amount: d.value, ...(d.fx ? { fx: d.fx } : {}),
          budgetLineCode: line, ...unit, description: `Grant agreement ${agreementId}, tranche ${d.trancheN}, in kind`,
        };
        break;
      }
      case 'RecoveryReceived': {
        const d = e.data;
        const basis = recoveryBasisOf((await this.store.readStream(grantAgreementStream(agreementId))) as unknown as GrantAgreementEvent[]);
        if (basis === null) {
          this.logger.warn(`Agreement ${agreementId}: not found; the recovery is not recorded on the ledger`);
          return;
        }
        const returned = {
          programmeId, transactionId: ledgerTransactionId(agreementId, `recovery:${d.receiptId}`), transactionDate: d.receivedOn,
          amount: money(-minorOf(d.amount), d.amount.currency), ...(basis.fx ? { fx: basis.fx } : {}),
        };
        if (basis.mode === 'BANK_TRANSFER') {
          type = 'RecordDisbursement';
          request = { ...returned, commitmentId, description: `Grant agreement ${agreementId}, recovery ${d.receiptId} returned by the grantee` };
        } else {
          if (line === null) {
            this.logger.warn(`Agreement ${agreementId}: programme ${programmeId} has no FSTP (sub-grant) budget line; the recovery is not recorded on the ledger`);
            return;
          }
          type = 'RecordExpenditure';
          request = { ...returned, budgetLineCode: line, ...unit, description: `Grant agreement ${agreementId}, recovery ${d.receiptId} of in-kind support` };
        }
        break;
      }
      default:
        return;
    }
    const context = reactionContext(this.name, event, 0, request);
    try {
      await this.commands.execute(new ExecuteProgrammeCommand({ type, data: request, metadata: reactionMetadata(context, event) } as ProgrammeCommandRequest, context));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.warn(`Agreement ${agreementId}: programme ${programmeId} refused ${type}: ${err.code}`);
    }
  }
}
