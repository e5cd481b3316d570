import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteProgrammeCommand, type ProgrammeCommandRequest } from '../programmes/commands/programme-command.handler.js';
import { programmeDecider, programmeStream } from '../programmes/domain/programme.decider.js';
import type { ProgrammeEvent } from '../programmes/domain/programme.events.js';
import type { RegisteredProgramme } from '../programmes/domain/programme.state.js';
import { fold } from '../shared/domain/decider.js';
import { DomainError } from '../shared/domain/errors.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { Reactor } from '../shared/projections/projection.js';
import { reactionContext, reactionMetadata } from '../shared/projections/reaction.js';
import type { DisbursementPaid, GrantAgreementSigned, InKindSupportDelivered } from './domain/grant-agreement.events.js';

export const GRANTS_LEDGER_REACTOR = 'grants.ledger';

/**
 * A UUID derived from an agreement and what happened on it (`commitment`, `payment:<id>`, `delivery:<id>`): the same
 * inputs always give the same transaction id, so a redelivered event, or a reactor replayed from zero, records
 * nothing new on the programme (its decider treats a resent transaction id as a no-op).
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
 * Disbursement → Ledger (DOMAIN.md 5.11): a signed agreement commits its amount on the programme's FSTP line (IATI
 * transaction type 2, recipient the grantee, in the aul when it is a pilot unit of the programme); each bank transfer
 * records a disbursement against that commitment (type 3) and each in-kind delivery an expenditure on the line (type
 * 4). Transaction ids are derived from the agreement and the payment or delivery, so each is recorded exactly once.
 * A programme without an FSTP line, or a refusal by the programme (a closed programme, an exceeded line), is logged
 * and skipped: the agreement stands, the ledger entry is left for a person to record.
 */
@Injectable()
export class GrantsLedgerReactor implements Reactor {
  readonly name = GRANTS_LEDGER_REACTOR;
  readonly handles = ['GrantAgreementSigned', 'DisbursementPaid', 'InKindSupportDelivered'];
  private readonly logger = new Logger('GrantsLedgerReactor');
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const e = event as unknown as GrantAgreementSigned | DisbursementPaid | InKindSupportDelivered;
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
