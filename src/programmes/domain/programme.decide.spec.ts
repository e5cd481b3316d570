import { describe, expect, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { fold } from '../../shared/domain/decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import {
  CurrencyMismatch,
  type FxRate,
  FxRateNotApplicable,
  FxRateRequired,
  InvalidAmount,
  InvalidFxRate,
  type Money,
  UnsupportedCurrency,
} from '../../shared/domain/money.js';
import type {
  AddProgrammePartner,
  ApproveBudget,
  ChangeProgrammeStatus,
  CloseProgramme,
  EnrolPilotUnit,
  RecordCoFinancing,
  RecordDisbursement,
  RecordExpenditure,
  RecordIncomingCommitment,
  RecordIncomingFunds,
  RecordOutgoingCommitment,
  RegisterProgramme,
  ReviseBudget,
  UnitFacts,
} from './programme.commands.js';
import { programmeDecider, programmeStream } from './programme.decider.js';
import {
  BudgetAlreadyApproved,
  BudgetLineBelowCommitments,
  BudgetLineExceeded,
  BudgetLineInUse,
  BudgetLinesDoNotAddUp,
  BudgetLinesRequired,
  BudgetNotApproved,
  DisbursementExceedsCommitment,
  DuplicateBudgetLine,
  EuShareExceeded,
  FieldBlank,
  InvalidDate,
  InvalidPeriod,
  InvalidProgrammeCode,
  InvalidShareCap,
  PilotUnitLevelNotAllowed,
  PilotUnitRetired,
  ProgrammeAlreadyRegistered,
  ProgrammeEnded,
  ProgrammeNotFound,
  ProgrammeTitleRequired,
  ProviderNotFundingPartner,
  ReasonRequired,
  RecipientCapExceeded,
  ReturnExceedsDisbursed,
  ReturnExceedsSpent,
  StatusTransitionNotAllowed,
  TransactionIdReused,
  UnitNotEnrolled,
  UnknownBudgetLine,
  UnknownCommitment,
  UnknownOrganisation,
  UnknownUnit,
} from './programme.errors.js';
import type {
  ActivityStatus,
  BudgetLine,
  CoFinancingRecorded,
  DisbursementRecorded,
  ExpenditureRecorded,
  IncomingCommitmentRecorded,
  IncomingFundsReceived,
  OutgoingCommitmentRecorded,
  PartnerRole,
  PilotUnitEnrolled,
  ProgrammeBudgetApproved,
  ProgrammeBudgetRevised,
  ProgrammeClosed,
  ProgrammeEvent,
  ProgrammePartnerAdded,
  ProgrammeRegistered,
  ProgrammeStatusChanged,
} from './programme.events.js';

const given = DeciderSpecification.for(programmeDecider);

describe('Programme', () => {
  describe('RegisterProgramme', () => {
    it('registers GSE in EUR with its contract rules as data', () => given([]).when(register()).then([registered()]));

    it('records only the title languages given', () =>
      given([]).when(register({ title: { en: 'GSE', kk: undefined } })).then([registered({ title: { en: 'GSE' } })]));

    it('ignores a resent registration', () => given([registered()]).when(register()).thenNothingHappened());

    it('refuses to register an existing programme with other data', () =>
      given([registered()])
        .when(register({ maxEuSharePct: '95' }))
        .thenThrows(ProgrammeAlreadyRegistered, (e) => e.code === 'programme-already-registered' && e instanceof IllegalStateError));

    it.each(['gse', 'G', '1GSE', 'GSE 2018', 'A'.repeat(21)])('refuses the code %s', (code) =>
      given([]).when(register({ code })).thenThrows(InvalidProgrammeCode, (e) => e.code === 'invalid-programme-code' && e.errors[0]?.path === 'code'));

    it('refuses a blank title', () =>
      given([])
        .when(register({ title: { en: ' ' } }))
        .thenThrows(ProgrammeTitleRequired, (e) => e.code === 'programme-title-required' && e.errors[0]?.path === 'title.en'));

    it('refuses a blank contract reference', () =>
      given([]).when(register({ contractRef: '  ' })).thenThrows(FieldBlank, (e) => e.code === 'field-blank' && e.errors[0]?.path === 'contractRef'));

    it('refuses a currency that is not ISO 4217 or not supported', () =>
      given([])
        .when(register({ currency: 'EURO' }))
        .thenThrows(UnsupportedCurrency, (e) => e.code === 'unsupported-currency' && e.errors[0]?.path === 'currency'));

    it('refuses an impossible date', () =>
      given([])
        .when(register({ period: { start: '2017-02-30', end: '2020-01-31' } }))
        .thenThrows(InvalidDate, (e) => e.code === 'invalid-date' && e.errors[0]?.path === 'period.start'));

    it('refuses a period that ends before it starts', () =>
      given([])
        .when(register({ period: { start: '2020-01-31', end: '2017-02-01' } }))
        .thenThrows(InvalidPeriod, (e) => e.code === 'programme-period-invalid' && e.errors[0]?.path === 'period.end'));

    it.each(['0', '100.01', '-5', '90%', 'ninety', ''])('refuses the maximum EU share %s', (maxEuSharePct) =>
      given([])
        .when(register({ maxEuSharePct }))
        .thenThrows(InvalidShareCap, (e) => e.code === 'invalid-share' && e.errors[0]?.path === 'maxEuSharePct'));

    it('accepts a maximum share of exactly 100%', () =>
      given([]).when(register({ maxEuSharePct: '100' })).then([registered({ maxEuSharePct: '100' })]));

    it('refuses a per-recipient cap of zero', () =>
      given([])
        .when(register({ fstpPerRecipientCap: eur(0) }))
        .thenThrows(InvalidAmount, (e) => e.code === 'invalid-amount' && e.errors[0]?.path === 'fstpPerRecipientCap.amountMinor'));

    it('refuses a per-recipient cap in another currency than the programme', () =>
      given([])
        .when(register({ fstpPerRecipientCap: kzt(2_400_000_000) }))
        .thenThrows(CurrencyMismatch, (e) => e.code === 'currency-mismatch' && e.errors[0]?.path === 'fstpPerRecipientCap.currency'));

    it('refuses a donor that is not a registered organisation', () =>
      given([])
        .when(register({ donor: null }))
        .thenThrows(UnknownOrganisation, (e) => e.code === 'unknown-organisation' && e.errors[0]?.path === 'donorOrgId' && e instanceof ValidationError));

    it('refuses a lead organisation that is not registered', () =>
      given([]).when(register({ lead: null })).thenThrows(UnknownOrganisation, (e) => e.errors[0]?.path === 'leadOrgId'));
  });

  describe('AddProgrammePartner', () => {
    it('adds the EU as funding partner with its organisation type', () =>
      given([registered()]).when(addPartner('FUNDING', EU)).then([partnerAdded('FUNDING', EU, '40')]));

    it('adds a second role for the same organisation', () =>
      given([registered(), partnerAdded('FUNDING', EU, '40')]).when(addPartner('EXTENDING', EU)).then([partnerAdded('EXTENDING', EU, '40')]));

    it('ignores a resent partner', () =>
      given([registered(), partnerAdded('FUNDING', EU, '40')]).when(addPartner('FUNDING', EU)).thenNothingHappened());

    it('refuses an unregistered programme', () =>
      given([]).when(addPartner('FUNDING', EU)).thenThrows(ProgrammeNotFound, (e) => e.code === 'programme-not-found' && e instanceof NotFoundError));

    it('refuses an organisation that is not registered', () =>
      given([registered()])
        .when(addPartner('IMPLEMENTING', FLGR, null))
        .thenThrows(UnknownOrganisation, (e) => e.errors[0]?.path === 'orgId'));

    it('refuses a new partner after closure', () =>
      given(closedHistory()).when(addPartner('IMPLEMENTING', FLGR)).thenThrows(ProgrammeEnded, (e) => e.code === 'programme-ended'));
  });

  describe('ApproveBudget', () => {
    it('approves the original budget as version 1', () => given([registered()]).when(approve()).then([approved()]));

    it('ignores a resent approval', () => given([registered(), approved()]).when(approve()).thenNothingHappened());

    it('ignores a resent approval after the budget was revised', () =>
      given([registered(), approved(), revised()]).when(approve()).thenNothingHappened());

    it('refuses a second, different original budget', () =>
      given([registered(), approved()])
        .when(approve({ euContribution: eur(44_000_000) }))
        .thenThrows(BudgetAlreadyApproved, (e) => e.code === 'budget-already-approved' && e.version === 1));

    it('refuses an unregistered programme', () => given([]).when(approve()).thenThrows(ProgrammeNotFound));

    it('refuses lines that do not add up to the total, naming the difference', () =>
      given([registered()])
        .when(approve({ total: eur(50_100_000) }))
        .thenThrows(BudgetLinesDoNotAddUp, (e) => {
          expect(e.code).toBe('budget-lines-do-not-add-up');
          expect(e.difference).toEqual(eur(-100_000));
          expect(e.detail).toContain('the lines are 1000.00 EUR short of the total');
          expect(e.errors).toEqual([{ path: 'lines', message: 'add up to 500000.00 EUR, 1000.00 EUR less than total 501000.00 EUR' }]);
        }));

    it('refuses lines that exceed the total', () =>
      given([registered()])
        .when(approve({ total: eur(49_999_999) }))
        .thenThrows(BudgetLinesDoNotAddUp, (e) => e.difference.amountMinor === '1' && e.detail.includes('0.01 EUR over the total')));

    it("refuses an EU contribution above the contract's maximum share", () =>
      given([registered()])
        .when(approve({ euContribution: eur(45_000_001) }))
        .thenThrows(EuShareExceeded, (e) => {
          expect(e.code).toBe('eu-share-exceeded');
          expect(e.maximum).toEqual(eur(45_000_000));
          expect(e.sharePct).toBe('90.00');
          expect(e.errors[0]?.path).toBe('euContribution');
        }));

    it('accepts an EU contribution at exactly the maximum share', () =>
      given([registered({ maxEuSharePct: '89.3' })])
        .when(approve({ euContribution: eur(44_650_000) }))
        .then([approved({ euContribution: eur(44_650_000) })]));

    it('refuses a budget without lines', () =>
      given([registered()]).when(approve({ lines: [] })).thenThrows(BudgetLinesRequired, (e) => e.code === 'budget-lines-required'));

    it('refuses a line code used twice', () =>
      given([registered()])
        .when(approve({ lines: [...LINES.slice(0, 6), { ...LINES[6]!, code: '1' }] }))
        .thenThrows(DuplicateBudgetLine, (e) => e.code === 'budget-line-duplicate' && e.errors[0]?.path === 'lines[6].code'));

    it('refuses a blank line code', () =>
      given([registered()])
        .when(approve({ lines: LINES.map((l, i) => (i === 3 ? { ...l, code: ' ' } : l)) }))
        .thenThrows(FieldBlank, (e) => e.errors[0]?.path === 'lines[3].code'));

    it('refuses a blank line title', () =>
      given([registered()])
        .when(approve({ lines: LINES.map((l, i) => (i === 2 ? { ...l, title: '' } : l)) }))
        .thenThrows(FieldBlank, (e) => e.errors[0]?.path === 'lines[2].title'));

    it('refuses a line in another currency', () =>
      given([registered()])
        .when(approve({ lines: LINES.map((l, i) => (i === 1 ? { ...l, amount: kzt(1_000_000) } : l)) }))
        .thenThrows(CurrencyMismatch, (e) => e.errors[0]?.path === 'lines[1].amount.currency'));

    it('refuses a negative line', () =>
      given([registered()])
        .when(approve({ lines: LINES.map((l, i) => (i === 0 ? { ...l, amount: eur(-1) } : l)) }))
        .thenThrows(InvalidAmount, (e) => e.errors[0]?.path === 'lines[0].amount.amountMinor'));

    it('refuses an amount that is not an integer of minor units', () =>
      given([registered()])
        .when(approve({ total: { amountMinor: '500000.00', currency: 'EUR' } }))
        .thenThrows(InvalidAmount, (e) => e.errors[0]?.path === 'total.amountMinor'));

    it('refuses a budget after closure', () => given([registered(), ...ended('CANCELLED')]).when(approve()).thenThrows(ProgrammeEnded));
  });

  describe('ReviseBudget', () => {
    it('revises the budget as version 2 with its reason', () => given([registered(), approved()]).when(revise()).then([revised()]));

    it('numbers a further revision 3', () =>
      given([registered(), approved(), revised()])
        .when(revise({ lines: LINES_V3, reason: 'Equipment moved to services' }))
        .then([revised({ version: 3, lines: LINES_V3, reason: 'Equipment moved to services' })]));

    it('may change the total and the EU contribution together', () => {
      const lines = LINES.map((l) => (l.code === '5' ? { ...l, amount: eur(11_800_000) } : l));
      return given([registered(), approved()])
        .when(revise({ total: eur(51_000_000), euContribution: eur(45_900_000), lines }))
        .then([revised({ total: eur(51_000_000), euContribution: eur(45_900_000), lines })]);
    });

    it('may remove a line that carries no transactions', () => {
      const lines = [...LINES.slice(0, 4), { ...LINES[4]!, amount: eur(14_300_000) }, LINES[5]!];
      return given([registered(), approved()]).when(revise({ lines })).then([revised({ lines })]);
    });

    it('ignores a revision equal to the current version', () => given([registered(), approved(), revised()]).when(revise()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(revise()).thenThrows(ProgrammeNotFound));

    it('refuses a revision without a reason', () =>
      given([registered(), approved()])
        .when(revise({ reason: ' ' }))
        .thenThrows(ReasonRequired, (e) => e.code === 'reason-required' && e.errors[0]?.path === 'reason'));

    it('refuses a revision before the original budget', () =>
      given([registered()]).when(revise()).thenThrows(BudgetNotApproved, (e) => e.code === 'budget-not-approved' && e instanceof IllegalStateError));

    it('refuses lines that would not add up to the total, naming the difference', () =>
      given([registered(), approved()])
        .when(revise({ lines: LINES_V2.map((l) => (l.code === '2' ? { ...l, amount: eur(2_400_000) } : l)) }))
        .thenThrows(BudgetLinesDoNotAddUp, (e) => e.difference.amountMinor === '-100000' && e instanceof ValidationError));

    it("refuses an EU contribution above the contract's share of a reduced total", () => {
      const lines = LINES.map((l) => (l.code === '5' ? { ...l, amount: eur(9_800_000) } : l));
      return given([registered(), approved()])
        .when(revise({ total: eur(49_000_000), lines }))
        .thenThrows(EuShareExceeded, (e) => e.sharePct === '91.84' && e.maximum.amountMinor === '44100000');
    });

    it('refuses to bring a line below what is committed on it', () => {
      const lines = LINES.map((l) => (l.code === '6' ? { ...l, amount: eur(200_000) } : l.code === '5' ? { ...l, amount: eur(15_800_000) } : l));
      return given([...openHistory(), committed()])
        .when(revise({ lines }))
        .thenThrows(BudgetLineBelowCommitments, (e) => e.code === 'budget-line-below-commitments' && e.errors[0]?.path === 'lines[5].amount.amountMinor' && e.committed.amountMinor === '242512');
    });

    it('refuses to remove a line that carries transactions', () => {
      const lines = [{ ...LINES[0]!, amount: eur(26_000_000) }, ...LINES.slice(2)];
      return given([...openHistory(), spent()])
        .when(revise({ lines }))
        .thenThrows(BudgetLineInUse, (e) => e.code === 'budget-line-in-use' && e.change === 'removed' && e.lineCode === '2');
    });

    it('refuses to change the kind of a line that carries transactions', () =>
      given([...openHistory(), committed()])
        .when(revise({ lines: LINES.map((l) => (l.code === '6' ? { ...l, kind: 'SERVICES' as const } : l)) }))
        .thenThrows(BudgetLineInUse, (e) => e.change === 'rekinded'));

    it('refuses a revision after closure', () => given(closedHistory()).when(revise()).thenThrows(ProgrammeEnded));
  });

  describe('EnrolPilotUnit', () => {
    it('enrols a rural okrug with its region', () => given([registered()]).when(enrol()).then([enrolled()]));

    it('enrols a village', () =>
      given([registered()])
        .when(enrol({ unitId: 'unit-batyr', unit: unitFacts({ unitId: 'unit-batyr', level: 'VILLAGE', regionId: 'unit-mangystau' }) }))
        .then([enrolled({ unitId: 'unit-batyr', level: 'VILLAGE', regionId: 'unit-mangystau' })]));

    it('ignores a resent enrolment', () => given([registered(), enrolled()]).when(enrol()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(enrol()).thenThrows(ProgrammeNotFound));

    it('refuses a unit that is not registered', () =>
      given([registered()]).when(enrol({ unit: null })).thenThrows(UnknownUnit, (e) => e.code === 'unknown-unit' && e.errors[0]?.path === 'unitId'));

    it.each(['REGION', 'DISTRICT', 'CITY_REGIONAL'] as const)('refuses a %s', (level) =>
      given([registered()])
        .when(enrol({ unit: unitFacts({ level }) }))
        .thenThrows(PilotUnitLevelNotAllowed, (e) => e.code === 'pilot-unit-level-not-allowed' && e.level === level));

    it('refuses a retired unit', () =>
      given([registered()])
        .when(enrol({ unit: unitFacts({ retired: true }) }))
        .thenThrows(PilotUnitRetired, (e) => e.code === 'pilot-unit-retired' && e instanceof IllegalStateError));

    it('refuses a new pilot unit after closure', () => given(closedHistory()).when(enrol({ unitId: 'unit-other', unit: unitFacts({ unitId: 'unit-other' }) })).thenThrows(ProgrammeEnded));
  });

  describe('RecordIncomingCommitment (IATI 11)', () => {
    it("records the EU's commitment at contract signature", () => given(openHistory()).when(incomingCommitment()).then([incomingCommitmentRecorded()]));

    it('records a commitment in another currency with its rate', () =>
      given(openHistory())
        .when(incomingCommitment({ amount: kzt(18_556_000_000), fx: NBK }))
        .then([incomingCommitmentRecorded({ amount: kzt(18_556_000_000), fx: NBK })]));

    it('ignores a resent commitment', () => given([...openHistory(), incomingCommitmentRecorded()]).when(incomingCommitment()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(incomingCommitment()).thenThrows(ProgrammeNotFound));

    it('refuses a transaction id reused with other data', () =>
      given([...openHistory(), incomingCommitmentRecorded()])
        .when(incomingCommitment({ amount: eur(1) }))
        .thenThrows(TransactionIdReused, (e) => e.code === 'transaction-id-reused' && e.errors[0]?.path === 'transactionId'));

    it('refuses a provider that is not a funding partner', () =>
      given(openHistory())
        .when(incomingCommitment({ providerOrgId: ARGO }))
        .thenThrows(ProviderNotFundingPartner, (e) => e.code === 'provider-not-funding-partner' && e.errors[0]?.path === 'providerOrgId'));

    it('refuses a zero amount', () =>
      given(openHistory()).when(incomingCommitment({ amount: eur(0) })).thenThrows(InvalidAmount, (e) => e.errors[0]?.path === 'amount.amountMinor'));

    it('refuses an unsupported currency', () =>
      given(openHistory())
        .when(incomingCommitment({ amount: { amountMinor: '1', currency: 'XXX' } as unknown as Money }))
        .thenThrows(UnsupportedCurrency, (e) => e.errors[0]?.path === 'amount.currency'));

    it('refuses another currency without its rate', () =>
      given(openHistory())
        .when(incomingCommitment({ amount: kzt(1_000) }))
        .thenThrows(FxRateRequired, (e) => e.code === 'fx-rate-required' && e.errors[0]?.path === 'fx'));

    it("refuses a rate with an amount in the programme's currency", () =>
      given(openHistory()).when(incomingCommitment({ fx: NBK })).thenThrows(FxRateNotApplicable, (e) => e.code === 'fx-rate-not-applicable'));

    it('refuses a rate of other currencies or a malformed rate', () =>
      given(openHistory())
        .when(incomingCommitment({ amount: kzt(1_000), fx: { ...NBK, rate: '412,35', base: 'USD' } }))
        .thenThrows(InvalidFxRate, (e) => expect(e.errors.map((f) => f.path)).toEqual(['fx.rate', 'fx.base'])));

    it('refuses an impossible transaction date', () =>
      given(openHistory()).when(incomingCommitment({ transactionDate: '2017-11-31' })).thenThrows(InvalidDate, (e) => e.errors[0]?.path === 'transactionDate'));

    it('refuses a blank description', () =>
      given(openHistory()).when(incomingCommitment({ description: ' ' })).thenThrows(FieldBlank, (e) => e.errors[0]?.path === 'description'));

    it('refuses a commitment after closure', () => given(closedHistory()).when(incomingCommitment({ transactionId: 'tx-late' })).thenThrows(ProgrammeEnded));
  });

  describe('RecordIncomingFunds (IATI 1)', () => {
    it('records the EU pre-financing instalment', () => given(openHistory()).when(incomingFunds()).then([fundsReceived()]));

    it('ignores resent funds', () => given([...openHistory(), fundsReceived()]).when(incomingFunds()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(incomingFunds()).thenThrows(ProgrammeNotFound));

    it('refuses funds from an organisation that is not a funding partner', () =>
      given(openHistory()).when(incomingFunds({ providerOrgId: FLGR })).thenThrows(ProviderNotFundingPartner));

    it('refuses funds in another currency without a rate', () => given(openHistory()).when(incomingFunds({ amount: kzt(5) })).thenThrows(FxRateRequired));

    it('refuses funds after closure', () => given(closedHistory()).when(incomingFunds({ transactionId: 'tx-late' })).thenThrows(ProgrammeEnded));
  });

  describe('RecordOutgoingCommitment (IATI 2)', () => {
    it('commits a sub-grant in KZT on the FSTP line, in a pilot unit, valued with its NBK rate', () =>
      given(openHistory()).when(commit()).then([committed()]));

    it('commits on a line without the per-recipient cap beyond that cap', () =>
      given(openHistory())
        .when(commit({ budgetLineCode: '5', amount: eur(2_000_000), fx: undefined, unitId: undefined }))
        .then([committed({ budgetLineCode: '5', amount: eur(2_000_000), fx: undefined, unitId: undefined })]));

    it('commits exactly what is left on the line', () =>
      given([...openHistory()])
        .when(commit({ budgetLineCode: '5', amount: eur(10_800_000), fx: undefined }))
        .then([committed({ budgetLineCode: '5', amount: eur(10_800_000), fx: undefined })]));

    it('ignores a resent commitment', () => given([...openHistory(), committed()]).when(commit()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(commit()).thenThrows(ProgrammeNotFound));

    it('refuses a commitment before the budget is approved', () =>
      given([registered(), partnerAdded('FUNDING', EU, '40'), enrolled()]).when(commit()).thenThrows(BudgetNotApproved));

    it('refuses a line that is not in the current budget', () =>
      given(openHistory())
        .when(commit({ budgetLineCode: '9' }))
        .thenThrows(UnknownBudgetLine, (e) => e.code === 'unknown-budget-line' && e.errors[0]?.path === 'budgetLineCode'));

    it('refuses a unit that is not a pilot unit of the programme', () =>
      given(openHistory())
        .when(commit({ unitId: 'unit-elsewhere' }))
        .thenThrows(UnitNotEnrolled, (e) => e.code === 'unit-not-enrolled' && e.errors[0]?.path === 'unitId'));

    it('refuses commitments beyond their budget line', () =>
      given([...openHistory(), committed({ budgetLineCode: '5', amount: eur(10_000_000), fx: undefined, transactionId: 'tx-other' })])
        .when(commit({ budgetLineCode: '5', amount: eur(800_001), fx: undefined }))
        .thenThrows(BudgetLineExceeded, (e) => e.code === 'budget-line-exceeded' && e.committed.amountMinor === '10000000' && e.requested.amountMinor === '800001'));

    it('refuses FSTP commitments to one recipient beyond the per-recipient cap, valued with their rates', () =>
      given([...openHistory(), committed(), committed({ transactionId: 'tx-second', amount: kzt(300_000_000) })])
        .when(commit({ transactionId: 'tx-third', amount: kzt(13_000_000) }))
        .thenThrows(RecipientCapExceeded, (e) => {
          expect(e.code).toBe('recipient-cap-exceeded');
          expect(e.cap).toEqual(eur(1_000_000));
          expect(e.committed).toEqual(eur(242_512 + 727_537));
          expect(e.requested).toEqual(eur(31_527)); // 130,000 KZT / 412.35 = 315.266… EUR
        }));

    it('lets another recipient be committed up to the cap', () =>
      given([...openHistory(), committed(), committed({ transactionId: 'tx-second', amount: kzt(300_000_000) })])
        .when(commit({ transactionId: 'tx-third', recipientId: 'recipient-2', amount: eur(1_000_000), fx: undefined }))
        .then([committed({ transactionId: 'tx-third', recipientId: 'recipient-2', amount: eur(1_000_000), fx: undefined })]));

    it('refuses a transaction id already used by another kind of transaction', () =>
      given([...openHistory(), fundsReceived({ transactionId: 'tx-commit' })]).when(commit()).thenThrows(TransactionIdReused));

    it('commits nothing after closure', () =>
      given(closedHistory()).when(commit({ transactionId: 'tx-late' })).thenThrows(ProgrammeEnded, (e) => e.activityStatus === 'CLOSED'));
  });

  describe('RecordDisbursement (IATI 3)', () => {
    it('disburses a first tranche of a commitment, booked on its line, recipient and unit', () =>
      given([...openHistory(), committed()]).when(disburse()).then([disbursed()]));

    it('disburses the balance in a second tranche', () =>
      given([...openHistory(), committed(), disbursed()])
        .when(disburse({ transactionId: 'tx-tranche-2', amount: kzt(30_000_000) }))
        .then([disbursed({ transactionId: 'tx-tranche-2', amount: kzt(30_000_000) })]));

    it('ignores a resent disbursement', () => given([...openHistory(), committed(), disbursed()]).when(disburse()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(disburse()).thenThrows(ProgrammeNotFound));

    it('refuses an unknown commitment', () =>
      given(openHistory()).when(disburse()).thenThrows(UnknownCommitment, (e) => e.code === 'unknown-commitment' && e.errors[0]?.path === 'commitmentId'));

    it("refuses a disbursement in another currency than the commitment's", () =>
      given([...openHistory(), committed()])
        .when(disburse({ amount: eur(100), fx: undefined }))
        .thenThrows(CurrencyMismatch, (e) => e.errors[0]?.path === 'amount.currency'));

    it('refuses a transaction id reused with other data', () =>
      given([...openHistory(), committed(), disbursed()]).when(disburse({ amount: kzt(1) })).thenThrows(TransactionIdReused));

    it('refuses to disburse more than is left of the commitment', () =>
      given([...openHistory(), committed(), disbursed()])
        .when(disburse({ transactionId: 'tx-tranche-2', amount: kzt(30_000_001) }))
        .thenThrows(DisbursementExceedsCommitment, (e) => e.code === 'disbursement-exceeds-commitment' && e.disbursed.amountMinor === '70000000'));

    it('disburses nothing after closure', () => given([...closedHistory(), committed()]).when(disburse()).thenThrows(ProgrammeEnded));

    it('records money the recipient returned as a negative disbursement on the commitment', () =>
      given([...openHistory(), committed(), disbursed()])
        .when(disburse({ transactionId: 'tx-recovery', amount: kzt(-60_000_000) }))
        .then([disbursed({ transactionId: 'tx-recovery', amount: kzt(-60_000_000) })]));

    it('refuses a return of more than is disbursed on the commitment', () =>
      given([...openHistory(), committed(), disbursed()])
        .when(disburse({ transactionId: 'tx-recovery', amount: kzt(-70_000_001) }))
        .thenThrows(ReturnExceedsDisbursed, (e) => e.code === 'return-exceeds-disbursed' && e.disbursed.amountMinor === '70000000' && e.errors[0]?.path === 'amount'));

    it('counts a return in what is left of the commitment', () =>
      given([...openHistory(), committed(), disbursed(), disbursed({ transactionId: 'tx-recovery', amount: kzt(-60_000_000) })])
        .when(disburse({ transactionId: 'tx-tranche-2', amount: kzt(90_000_000) }))
        .then([disbursed({ transactionId: 'tx-tranche-2', amount: kzt(90_000_000) })]));

    it('refuses a zero disbursement', () =>
      given([...openHistory(), committed()]).when(disburse({ amount: kzt(0) })).thenThrows(InvalidAmount, (e) => e.errors[0]?.path === 'amount.amountMinor'));
  });

  describe('RecordExpenditure (IATI 4)', () => {
    it('records staff costs on the HR line', () => given(openHistory()).when(spend()).then([spent()]));

    it('records an in-kind purchase in KZT in a pilot unit', () =>
      given(openHistory())
        .when(spend({ budgetLineCode: '6', amount: kzt(45_000_000), fx: NBK, unitId: UNIT }))
        .then([spent({ budgetLineCode: '6', amount: kzt(45_000_000), fx: NBK, unitId: UNIT })]));

    it('reports spending beyond a line instead of refusing it', () =>
      given(openHistory()).when(spend({ amount: eur(3_000_000) })).then([spent({ amount: eur(3_000_000) })]));

    it('ignores a resent expenditure', () => given([...openHistory(), spent()]).when(spend()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(spend()).thenThrows(ProgrammeNotFound));

    it('refuses expenditure before the budget is approved', () => given([registered()]).when(spend()).thenThrows(BudgetNotApproved));

    it('refuses a line that is not in the current budget', () => given(openHistory()).when(spend({ budgetLineCode: 'X' })).thenThrows(UnknownBudgetLine));

    it('refuses a unit that is not enrolled', () => given(openHistory()).when(spend({ unitId: 'unit-elsewhere' })).thenThrows(UnitNotEnrolled));

    it('refuses expenditure after closure', () => given(closedHistory()).when(spend({ transactionId: 'tx-late' })).thenThrows(ProgrammeEnded));

    it('records in-kind support returned as a negative expenditure on the line, valued at its rate', () =>
      given([...openHistory(), spent({ budgetLineCode: '6', amount: kzt(45_000_000), fx: NBK, unitId: UNIT })])
        .when(spend({ transactionId: 'tx-returned', budgetLineCode: '6', amount: kzt(-45_000_000), fx: NBK, unitId: UNIT }))
        .then([spent({ transactionId: 'tx-returned', budgetLineCode: '6', amount: kzt(-45_000_000), fx: NBK, unitId: UNIT })]));

    it('refuses a return of more than is spent on the line', () =>
      given([...openHistory(), spent({ budgetLineCode: '6', amount: kzt(45_000_000), fx: NBK, unitId: UNIT })])
        .when(spend({ transactionId: 'tx-returned', budgetLineCode: '6', amount: kzt(-45_100_000), fx: NBK, unitId: UNIT }))
        .thenThrows(ReturnExceedsSpent, (e) => e.code === 'return-exceeds-spent' && e.budgetLineCode === '6' && e.errors[0]?.path === 'amount'));
  });

  describe('RecordCoFinancing', () => {
    it("records a community's contribution in kind", () => given(openHistory()).when(coFinance()).then([coFinanced()]));

    it('records a local budget contribution in KZT with its rate', () =>
      given(openHistory())
        .when(coFinance({ source: 'LOCAL_BUDGET', amount: kzt(200_000_000), fx: NBK }))
        .then([coFinanced({ source: 'LOCAL_BUDGET', amount: kzt(200_000_000), fx: NBK })]));

    it('ignores a resent contribution', () => given([...openHistory(), coFinanced()]).when(coFinance()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(coFinance()).thenThrows(ProgrammeNotFound));

    it('refuses a contribution id reused with other data', () =>
      given([...openHistory(), coFinanced()])
        .when(coFinance({ source: 'NATIONAL' }))
        .thenThrows(TransactionIdReused, (e) => e.errors[0]?.path === 'contributionId'));

    it('refuses a contribution in another currency without its rate', () => given(openHistory()).when(coFinance({ amount: kzt(10) })).thenThrows(FxRateRequired));

    it('refuses an impossible date', () =>
      given(openHistory()).when(coFinance({ contributionDate: '2019-06-31' })).thenThrows(InvalidDate, (e) => e.errors[0]?.path === 'contributionDate'));

    it('refuses a contribution after closure', () => given(closedHistory()).when(coFinance({ contributionId: 'cofin-late' })).thenThrows(ProgrammeEnded));
  });

  describe('ChangeProgrammeStatus', () => {
    it('starts implementation', () => given([registered()]).when(changeStatus('IMPLEMENTATION')).then([statusChanged('PIPELINE', 'IMPLEMENTATION')]));

    it('suspends and resumes implementation', () => {
      given(openHistory()).when(changeStatus('SUSPENDED')).then([statusChanged('IMPLEMENTATION', 'SUSPENDED')]);
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'SUSPENDED')])
        .when(changeStatus('IMPLEMENTATION'))
        .then([statusChanged('SUSPENDED', 'IMPLEMENTATION')]);
    });

    it('cancels a programme, which then takes no transactions', () => {
      given(openHistory()).when(changeStatus('CANCELLED')).then([statusChanged('IMPLEMENTATION', 'CANCELLED')]);
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'CANCELLED')])
        .when(spend())
        .thenThrows(ProgrammeEnded, (e) => e.activityStatus === 'CANCELLED');
    });

    it('ignores a change to the current status', () => given(openHistory()).when(changeStatus('IMPLEMENTATION')).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(changeStatus('IMPLEMENTATION')).thenThrows(ProgrammeNotFound));

    it('refuses a change without a reason', () => given([registered()]).when(changeStatus('IMPLEMENTATION', '')).thenThrows(ReasonRequired));

    it('refuses to skip implementation', () =>
      given([registered()])
        .when(changeStatus('FINALISATION'))
        .thenThrows(StatusTransitionNotAllowed, (e) => e.code === 'status-transition-not-allowed' && expect(e.allowed).toEqual(['IMPLEMENTATION', 'CANCELLED'])));

    it('refuses to close by a status change', () =>
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'FINALISATION')]).when(changeStatus('CLOSED')).thenThrows(StatusTransitionNotAllowed, (e) => e.to === 'CLOSED'));

    it('refuses a status change after closure', () => given(closedHistory()).when(changeStatus('IMPLEMENTATION')).thenThrows(ProgrammeEnded));
  });

  describe('CloseProgramme', () => {
    it('closes a programme in finalisation', () =>
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'FINALISATION')]).when(close()).then([closedEvent()]));

    it('ignores a resent closure', () => given(closedHistory()).when(close()).thenNothingHappened());

    it('refuses an unregistered programme', () => given([]).when(close()).thenThrows(ProgrammeNotFound));

    it('refuses a closure without a reason', () =>
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'FINALISATION')]).when(close({ reason: ' ' })).thenThrows(ReasonRequired));

    it('refuses an impossible closing date', () =>
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'FINALISATION')])
        .when(close({ closedOn: '2020-02-30' }))
        .thenThrows(InvalidDate, (e) => e.errors[0]?.path === 'closedOn'));

    it('refuses to close a programme that is not in finalisation', () =>
      given(openHistory()).when(close()).thenThrows(StatusTransitionNotAllowed, (e) => e.from === 'IMPLEMENTATION' && e.to === 'CLOSED'));

    it('refuses to close again on another date', () => given(closedHistory()).when(close({ closedOn: '2020-03-01' })).thenThrows(ProgrammeEnded));

    it('refuses to close a cancelled programme', () =>
      given([...openHistory(), statusChanged('IMPLEMENTATION', 'CANCELLED')]).when(close()).thenThrows(ProgrammeEnded));
  });

  describe('evolve', () => {
    const stateAfter = (events: ProgrammeEvent[]) => fold(programmeDecider, events);

    it('ignores unknown events and events before registration', () => {
      const legacy = { type: 'ProgrammeLogframeAttached', data: { programmeId: PROG } } as unknown as ProgrammeEvent;
      expect(stateAfter([approved()])).toEqual({ status: 'Empty' });
      expect(stateAfter([registered(), legacy])).toEqual(stateAfter([registered()]));
    });

    it('values commitments in the programme currency and tracks disbursements in the commitment currency', () => {
      const state = stateAfter([...openHistory(), committed(), disbursed()]);
      if (state.status === 'Empty') throw new Error('registered expected');
      expect(state.committedByLine.get('6')).toBe(242_512n);
      expect(state.fstpByRecipient.get(RECIPIENT)).toBe(242_512n);
      expect(state.commitments.get('tx-commit')).toEqual({ budgetLineCode: '6', recipientId: RECIPIENT, unitId: UNIT, currency: 'KZT', amount: 100_000_000n, disbursed: 70_000_000n });
      expect([...state.usedLines]).toEqual(['6']);
    });

    it('ends the programme on closure or cancellation', () => {
      expect(stateAfter(closedHistory())).toMatchObject({ status: 'Ended', activityStatus: 'CLOSED', closedOn: '2020-01-31' });
      expect(stateAfter([registered(), statusChanged('PIPELINE', 'CANCELLED')])).toMatchObject({ status: 'Ended', activityStatus: 'CANCELLED' });
    });
  });

  it('names the stream programme-<id>', () => expect(programmeStream(PROG)).toBe(`programme-${PROG}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: GSE (DOMAIN.md 1.7, 6.2) in EUR, EUR 500,000 with EUR 450,000 from the EU (90%), a per-recipient cap of
// EUR 10,000 (an older PRAG call's, DOMAIN.md 3.2), Izendy rural okrug in Karaganda region as pilot unit.

const NOW = '2018-11-22T09:00:00.000Z';
const PROG = 'prog-gse';
const EU = 'org-eu';
const ARGO = 'org-argo';
const FLGR = 'org-flgr';
const UNIT = 'unit-izendy';
const REGION = 'unit-karaganda';
const RECIPIENT = 'recipient-1';
const META: CommandMetadata = { actor: { id: 'actor-1', role: 'programme-officer' }, now: NOW, correlationId: 'corr-1' };
const NBK: FxRate = { rate: '412.35', base: 'EUR', quote: 'KZT', source: 'NBK', rateDate: '2018-11-22' };
const TITLE = { en: 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan' };

function eur(minor: number): Money {
  return { amountMinor: String(minor), currency: 'EUR' };
}
function kzt(minor: number): Money {
  return { amountMinor: String(minor), currency: 'KZT' };
}
const line = (code: string, kind: BudgetLine['kind'], title: string, minor: number): BudgetLine => ({ code, title, kind, amount: eur(minor) });

/** HR 45%, travel 7%, equipment 4%, local office 5%, services, FSTP 10.4%, indirect 7% (DOMAIN.md 6.2). */
const LINES: BudgetLine[] = [
  line('1', 'HR', 'Human resources', 22_500_000),
  line('2', 'TRAVEL', 'Travel', 3_500_000),
  line('3', 'EQUIPMENT', 'Equipment and supplies', 2_000_000),
  line('4', 'LOCAL_OFFICE', 'Local office', 2_500_000),
  line('5', 'SERVICES', 'Trainings, facilitation, publications, conferences', 10_800_000),
  line('6', 'FSTP', 'Financial support to third parties', 5_200_000),
  line('7', 'INDIRECT', 'Indirect costs', 3_500_000),
];
/** The mid-2019 revision: EUR 10,000 moved from travel to services. */
const LINES_V2 = LINES.map((l) => (l.code === '2' ? { ...l, amount: eur(2_500_000) } : l.code === '5' ? { ...l, amount: eur(11_800_000) } : l));
const LINES_V3 = LINES_V2.map((l) => (l.code === '3' ? { ...l, amount: eur(1_500_000) } : l.code === '5' ? { ...l, amount: eur(12_300_000) } : l));

const org = (organisationId: string, iatiOrgType: '40' | '22' | '21' = '22') => ({ organisationId, iatiOrgType });

function unitFacts(overrides: Partial<UnitFacts> = {}): UnitFacts {
  return { unitId: UNIT, level: 'RURAL_OKRUG', retired: false, regionId: REGION, ...overrides };
}

function register(overrides: Partial<RegisterProgramme['data']> = {}): RegisterProgramme {
  return {
    type: 'RegisterProgramme',
    data: {
      programmeId: PROG, code: 'GSE', title: TITLE, donorOrgId: EU, leadOrgId: ARGO, contractRef: 'CSO-LA/2016/379-512', currency: 'EUR',
      period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: eur(1_000_000),
      donor: org(EU, '40'), lead: org(ARGO), ...overrides,
    },
    metadata: META,
  };
}

function registered(overrides: Partial<ProgrammeRegistered['data']> = {}): ProgrammeRegistered {
  return {
    type: 'ProgrammeRegistered',
    data: {
      programmeId: PROG, code: 'GSE', title: TITLE, donorOrgId: EU, leadOrgId: ARGO, contractRef: 'CSO-LA/2016/379-512', currency: 'EUR',
      period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: eur(1_000_000), registeredAt: NOW, ...overrides,
    },
  };
}

function addPartner(role: PartnerRole, orgId: string, organisation: AddProgrammePartner['data']['organisation'] = org(orgId, orgId === EU ? '40' : '22')): AddProgrammePartner {
  return { type: 'AddProgrammePartner', data: { programmeId: PROG, orgId, role, organisation }, metadata: META };
}

function partnerAdded(role: PartnerRole, orgId: string, orgType: '40' | '22' | '21'): ProgrammePartnerAdded {
  return { type: 'ProgrammePartnerAdded', data: { programmeId: PROG, orgId, role, orgType, addedAt: NOW } };
}

function approve(overrides: Partial<ApproveBudget['data']> = {}): ApproveBudget {
  return { type: 'ApproveBudget', data: { programmeId: PROG, total: eur(50_000_000), euContribution: eur(45_000_000), lines: LINES, ...overrides }, metadata: META };
}

function approved(overrides: Partial<ProgrammeBudgetApproved['data']> = {}): ProgrammeBudgetApproved {
  return {
    type: 'ProgrammeBudgetApproved',
    data: { programmeId: PROG, version: 1, total: eur(50_000_000), euContribution: eur(45_000_000), lines: LINES, approvedAt: NOW, ...overrides },
  };
}

function revise(overrides: Partial<ReviseBudget['data']> = {}): ReviseBudget {
  return {
    type: 'ReviseBudget',
    data: { programmeId: PROG, total: eur(50_000_000), euContribution: eur(45_000_000), lines: LINES_V2, reason: 'Travel moved to services', ...overrides },
    metadata: META,
  };
}

function revised(overrides: Partial<ProgrammeBudgetRevised['data']> = {}): ProgrammeBudgetRevised {
  return {
    type: 'ProgrammeBudgetRevised',
    data: {
      programmeId: PROG, version: 2, total: eur(50_000_000), euContribution: eur(45_000_000), lines: LINES_V2, reason: 'Travel moved to services',
      revisedAt: NOW, ...overrides,
    },
  };
}

function enrol(overrides: Partial<EnrolPilotUnit['data']> = {}): EnrolPilotUnit {
  return { type: 'EnrolPilotUnit', data: { programmeId: PROG, unitId: UNIT, unit: unitFacts(), ...overrides }, metadata: META };
}

function enrolled(overrides: Partial<PilotUnitEnrolled['data']> = {}): PilotUnitEnrolled {
  return { type: 'PilotUnitEnrolled', data: { programmeId: PROG, unitId: UNIT, level: 'RURAL_OKRUG', regionId: REGION, enrolledAt: NOW, ...overrides } };
}

/** Registered, EU as funding partner, budget approved, Izendy enrolled, in implementation. */
function openHistory(): ProgrammeEvent[] {
  return [registered(), partnerAdded('FUNDING', EU, '40'), approved(), enrolled(), statusChanged('PIPELINE', 'IMPLEMENTATION')];
}

function closedHistory(): ProgrammeEvent[] {
  return [...openHistory(), statusChanged('IMPLEMENTATION', 'FINALISATION'), closedEvent()];
}

function ended(to: ActivityStatus): ProgrammeEvent[] {
  return [statusChanged('PIPELINE', to)];
}

/** Drops keys set to undefined, as the decider never writes them. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

type Tx = { transactionId?: string; transactionDate?: string; amount?: Money; fx?: FxRate; description?: string };

function incomingCommitment(o: Tx & { providerOrgId?: string } = {}): RecordIncomingCommitment {
  return { type: 'RecordIncomingCommitment', data: defined({ programmeId: PROG, transactionId: 'tx-contract', transactionDate: '2017-01-20', amount: eur(45_000_000), providerOrgId: EU, ...o }), metadata: META };
}

function incomingCommitmentRecorded(o: Tx & { providerOrgId?: string } = {}): IncomingCommitmentRecorded {
  return { type: 'IncomingCommitmentRecorded', data: defined({ programmeId: PROG, transactionId: 'tx-contract', transactionDate: '2017-01-20', amount: eur(45_000_000), providerOrgId: EU, ...o, recordedAt: NOW }) };
}

function incomingFunds(o: Tx & { providerOrgId?: string } = {}): RecordIncomingFunds {
  return { type: 'RecordIncomingFunds', data: defined({ programmeId: PROG, transactionId: 'tx-prefinancing', transactionDate: '2017-02-15', amount: eur(18_000_000), providerOrgId: EU, ...o }), metadata: META };
}

function fundsReceived(o: Tx & { providerOrgId?: string } = {}): IncomingFundsReceived {
  return { type: 'IncomingFundsReceived', data: defined({ programmeId: PROG, transactionId: 'tx-prefinancing', transactionDate: '2017-02-15', amount: eur(18_000_000), providerOrgId: EU, ...o, receivedAt: NOW }) };
}

type CommitFields = Tx & { budgetLineCode?: string; recipientId?: string; unitId?: string };

function commit(o: CommitFields = {}): RecordOutgoingCommitment {
  return {
    type: 'RecordOutgoingCommitment',
    data: defined({ programmeId: PROG, transactionId: 'tx-commit', transactionDate: '2018-12-06', amount: kzt(100_000_000), fx: NBK, budgetLineCode: '6', recipientId: RECIPIENT, unitId: UNIT, ...o }),
    metadata: META,
  };
}

function committed(o: CommitFields = {}): OutgoingCommitmentRecorded {
  return {
    type: 'OutgoingCommitmentRecorded',
    data: defined({ programmeId: PROG, transactionId: 'tx-commit', transactionDate: '2018-12-06', amount: kzt(100_000_000), fx: NBK, budgetLineCode: '6', recipientId: RECIPIENT, unitId: UNIT, ...o, committedAt: NOW }),
  };
}

function disburse(o: Tx & { commitmentId?: string } = {}): RecordDisbursement {
  return { type: 'RecordDisbursement', data: defined({ programmeId: PROG, transactionId: 'tx-tranche-1', transactionDate: '2018-12-11', amount: kzt(70_000_000), fx: NBK, commitmentId: 'tx-commit', ...o }), metadata: META };
}

function disbursed(o: Tx = {}): DisbursementRecorded {
  return {
    type: 'DisbursementRecorded',
    data: defined({
      programmeId: PROG, transactionId: 'tx-tranche-1', transactionDate: '2018-12-11', amount: kzt(70_000_000), fx: NBK, commitmentId: 'tx-commit',
      budgetLineCode: '6', recipientId: RECIPIENT, unitId: UNIT, ...o, disbursedAt: NOW,
    }),
  };
}

function spend(o: Tx & { budgetLineCode?: string; unitId?: string } = {}): RecordExpenditure {
  return { type: 'RecordExpenditure', data: defined({ programmeId: PROG, transactionId: 'tx-salaries', transactionDate: '2017-03-31', amount: eur(1_850_000), budgetLineCode: '2', description: 'Staff, March 2017', ...o }), metadata: META };
}

function spent(o: Tx & { budgetLineCode?: string; unitId?: string } = {}): ExpenditureRecorded {
  return { type: 'ExpenditureRecorded', data: defined({ programmeId: PROG, transactionId: 'tx-salaries', transactionDate: '2017-03-31', amount: eur(1_850_000), budgetLineCode: '2', description: 'Staff, March 2017', ...o, recordedAt: NOW }) };
}

type CoFinFields = { contributionId?: string; source?: RecordCoFinancing['data']['source']; contributionDate?: string; amount?: Money; fx?: FxRate; description?: string };

function coFinance(o: CoFinFields = {}): RecordCoFinancing {
  return { type: 'RecordCoFinancing', data: defined({ programmeId: PROG, contributionId: 'cofin-1', source: 'COMMUNITY_IN_KIND' as const, contributionDate: '2019-05-20', amount: eur(150_000), description: 'Volunteer work on the Izendy playground', ...o }), metadata: META };
}

function coFinanced(o: CoFinFields = {}): CoFinancingRecorded {
  return {
    type: 'CoFinancingRecorded',
    data: defined({ programmeId: PROG, contributionId: 'cofin-1', source: 'COMMUNITY_IN_KIND' as const, contributionDate: '2019-05-20', amount: eur(150_000), description: 'Volunteer work on the Izendy playground', ...o, recordedAt: NOW }),
  };
}

function changeStatus(status: ActivityStatus, reason = 'Contract signed and team in place'): ChangeProgrammeStatus {
  return { type: 'ChangeProgrammeStatus', data: { programmeId: PROG, status, reason }, metadata: META };
}

function statusChanged(from: ActivityStatus, to: ActivityStatus, reason = 'Contract signed and team in place'): ProgrammeStatusChanged {
  return { type: 'ProgrammeStatusChanged', data: { programmeId: PROG, from, to, reason, changedAt: NOW } };
}

function close(overrides: Partial<CloseProgramme['data']> = {}): CloseProgramme {
  return { type: 'CloseProgramme', data: { programmeId: PROG, closedOn: '2020-01-31', reason: 'Final report accepted', ...overrides }, metadata: META };
}

function closedEvent(): ProgrammeClosed {
  return { type: 'ProgrammeClosed', data: { programmeId: PROG, closedOn: '2020-01-31', reason: 'Final report accepted', closedAt: NOW } };
}
