import { AGE_BANDS, ATTENDANCE_SEXES } from '../../engagement/domain/community-meeting.events.js';
import { MEETING_STATS_PROJECTION } from '../../engagement/projections/meeting-stats.projection.js';
import { IMPLEMENTATION_PROJECTION } from '../../planning/projections/plans.projection.js';
import { PROGRAMME_FINANCE_PROJECTION } from '../../programmes/projections/programme-finance.projection.js';
import { RECOMMENDATIONS_PROJECTION } from '../../recommendations/projections/recommendations.projection.js';
import { type Money, addMoney, subtractMoney, zero } from '../../shared/domain/money.js';
import { UNITS_PROJECTION } from '../../territory/projections/units.projection.js';
import { VOTE_RESULTS_PROJECTION } from '../../voting/projections/votes.projection.js';
import { PUBLIC_AWARD_SOURCES, type PublicDataService, katoOf, major, nameOf } from './public-data.service.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
/** One column of a report: its name, type and meaning (the data dictionary). */
export type Column = { field: string; type: 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime'; description: string };

export type ReportDefinition = {
  name: string;
  title: string;
  description: string;
  /** The read models it is built from (their lowest position is the position it reflects). */
  sources: string[];
  dictionary: Column[];
  rows: (data: PublicDataService) => Promise<Row[]>;
};

const col = (field: string, type: Column['type'], description: string): Column => ({ field, type, description });
const unitCols = [col('territoryUnitId', 'string', 'Id of the administrative unit'), col('unitName', 'string', 'Name of the unit (English, else Russian, else Kazakh)'), col('kato', 'string', 'KATO code of the unit (9 digits), if assigned')];

/** The public reports (DOMAIN.md 5.10): every one in JSON and CSV, with its data dictionary. No personal data. */
export const REPORTS: readonly ReportDefinition[] = [
  {
    name: 'programme-finance',
    title: 'Programme finance',
    description: 'Budget per line of every programme, with what is committed (IATI 2), disbursed (3) and spent (4), in the programme currency.',
    sources: [PROGRAMME_FINANCE_PROJECTION],
    dictionary: [
      col('programmeId', 'string', 'Programme id'), col('programmeCode', 'string', 'Programme code (GSE, ABD)'), col('currency', 'string', 'ISO 4217 currency of the programme'),
      col('activityStatus', 'string', 'IATI activity status code'), col('budgetVersion', 'integer', 'Budget version (1 original, then revisions)'),
      col('euSharePct', 'decimal', 'EU contribution as a percentage of the total budget'), col('lineCode', 'string', 'Budget line code'), col('lineKind', 'string', 'Kind of line (HR, TRAVEL, FSTP, …)'),
      col('lineTitle', 'string', 'Budget line title'), col('budget', 'decimal', 'Budgeted amount, major units'), col('committed', 'decimal', 'Committed (IATI 2), major units'),
      col('disbursed', 'decimal', 'Disbursed (IATI 3), major units'), col('spent', 'decimal', 'Spent (IATI 4), major units'),
    ],
    rows: async (data) =>
      (await data.programmes()).flatMap((p) =>
        (p.budget?.lines ?? []).map((l) => ({
          programmeId: p.programmeId, programmeCode: p.code, currency: p.currency, activityStatus: p.iatiActivityStatus, budgetVersion: p.budget!.version,
          euSharePct: p.budget!.euSharePct, lineCode: l.code, lineKind: l.kind, lineTitle: l.title, budget: major(l.budget), committed: major(l.committed), disbursed: major(l.disbursed), spent: major(l.spent),
        })),
      ),
  },
  {
    name: 'plan-implementation',
    title: 'Plan implementation',
    description: 'Every development plan with its actions done and dropped, and its implementation rate.',
    sources: [IMPLEMENTATION_PROJECTION, UNITS_PROJECTION],
    dictionary: [
      col('planId', 'string', 'Plan id'), ...unitCols, col('period', 'string', 'Plan period'), col('status', 'string', 'DRAFT, SUBMITTED, APPROVED, ACTIVE, CLOSED or SUPERSEDED'),
      col('actionsTotal', 'integer', 'Actions in the plan'), col('actionsDone', 'integer', 'Actions done'), col('actionsDropped', 'integer', 'Actions dropped'),
      col('implementationRatePct', 'decimal', 'Actions done as a percentage of the actions not dropped'),
    ],
    rows: async (data) => {
      const rows: Row[] = [];
      for (const p of await data.implementation()) {
        const unit = await data.unit(p.territoryUnitId);
        rows.push({ planId: p.planId, territoryUnitId: p.territoryUnitId, unitName: nameOf(unit), kato: katoOf(unit), period: p.period, status: p.status, actionsTotal: p.actionsTotal, actionsDone: p.actionsDone, actionsDropped: p.actionsDropped, implementationRatePct: p.implementationRatePct });
      }
      return rows;
    },
  },
  {
    name: 'meetings-register',
    title: 'Meetings register',
    description: 'Meetings per unit and type: scheduled, held, without quorum, cancelled, and participants by sex and age band (counts only).',
    sources: [MEETING_STATS_PROJECTION, UNITS_PROJECTION],
    dictionary: [
      ...unitCols, col('meetingType', 'string', 'Type of meeting (PROBLEM_DISCUSSION, GATHERING_SKHOD, …)'), col('scheduled', 'integer', 'Meetings scheduled'), col('held', 'integer', 'Meetings held'),
      col('noQuorum', 'integer', 'Meetings closed without quorum'), col('cancelled', 'integer', 'Meetings cancelled'), col('participants', 'integer', 'Participants in all meetings held'),
      ...ATTENDANCE_SEXES.map((s) => col(s, 'integer', `Participants of sex ${s}`)), ...AGE_BANDS.map((b) => col(b, 'integer', `Participants in age band ${b}`)),
    ],
    rows: async (data) => {
      const rows: Row[] = [];
      for (const m of await data.meetingStats()) {
        const unit = await data.unit(m.territoryUnitId);
        rows.push({
          territoryUnitId: m.territoryUnitId, unitName: nameOf(unit), kato: katoOf(unit), meetingType: m.meetingType, scheduled: m.scheduled, held: m.held, noQuorum: m.noQuorum, cancelled: m.cancelled,
          participants: m.participants, ...Object.fromEntries(ATTENDANCE_SEXES.map((s) => [s, m.bySex[s] ?? 0])), ...Object.fromEntries(AGE_BANDS.map((b) => [b, m.byAgeBand[b] ?? 0])),
        });
      }
      return rows;
    },
  },
  {
    name: 'vote-results',
    title: 'Vote results',
    description: 'Certified vote results (tallies only; who voted how is never published), and annulments.',
    sources: [VOTE_RESULTS_PROJECTION, UNITS_PROJECTION],
    dictionary: [
      col('voteId', 'string', 'Vote id'), ...unitCols, col('subjectType', 'string', 'What was voted on (PLAN, AMENDMENT, …)'), col('subjectRef', 'string', 'Id of the plan, amendment, …'),
      col('outcome', 'string', 'ADOPTED, REJECTED or NO_QUORUM'), col('for', 'integer', 'Votes for'), col('against', 'integer', 'Votes against'), col('abstain', 'integer', 'Abstentions'),
      col('present', 'integer', 'Present'), col('rollSize', 'integer', 'Size of the eligibility roll'), col('quorumMet', 'boolean', 'Whether the quorum was met'),
      col('certifiedAt', 'datetime', 'When the result was certified'), col('annulled', 'boolean', 'Whether the vote was annulled later'),
    ],
    rows: async (data) => {
      const rows: Row[] = [];
      for (const v of await data.voteResults()) {
        const unit = await data.unit(v.territoryUnitId);
        rows.push({
          voteId: v.voteId, territoryUnitId: v.territoryUnitId, unitName: nameOf(unit), kato: katoOf(unit), subjectType: v.subject.type, subjectRef: v.subject.ref, outcome: v.outcome,
          for: v.counts.for, against: v.counts.against, abstain: v.counts.abstain, present: v.present, rollSize: v.rollSize, quorumMet: v.quorumMet, certifiedAt: v.certifiedAt, annulled: v.annulment !== null,
        });
      }
      return rows;
    },
  },
  {
    name: 'grants-register',
    title: 'Grants register (pseudonymised)',
    description: 'Every published award: the call, the territory, the project and the amounts. Recipients appear by a pseudonym only.',
    sources: PUBLIC_AWARD_SOURCES,
    dictionary: [
      col('grantId', 'string', '360Giving grant id'), col('recipientRef', 'string', 'Pseudonym of the recipient (a hash; no name, no identity number)'), col('callReference', 'string', 'Reference of the grant call'),
      col('programmeId', 'string', 'Programme id'), ...unitCols, col('applicantType', 'string', 'INDIVIDUAL_ENTREPRENEUR, POTENTIAL_ENTREPRENEUR, SMALL_BUSINESS or PEASANT_FARM'),
      col('projectTitle', 'string', 'Title of the funded project'), col('amountAwarded', 'decimal', 'Amount awarded, major units'), col('amountRequested', 'decimal', 'Amount applied for, major units'),
      col('currency', 'string', 'ISO 4217 currency'), col('awardDate', 'date', 'Date of the committee decision'),
      col('agreementStatus', 'string', 'Status of the grant agreement (PREPARED, SIGNED, ACTIVE, SUSPENDED, COMPLETED, TERMINATED, CLOSED), empty before one is prepared'),
      col('agreementSignedOn', 'date', 'Date the agreement was signed'), col('amountDisbursed', 'decimal', 'Paid or delivered in kind so far, less what was recovered from the grantee, major units'),
    ],
    rows: async (data) =>
      (await data.publicAwards()).map((a) => ({
        grantId: a.grantId, recipientRef: a.recipientRef, callReference: a.call.reference, programmeId: a.call.programmeId, territoryUnitId: a.application?.territoryUnitId ?? null,
        unitName: nameOf(a.unit), kato: katoOf(a.unit), applicantType: a.application?.applicantType ?? null, projectTitle: a.application?.projectTitle ?? null,
        amountAwarded: major(a.amount), amountRequested: major(a.application?.budget.requested), currency: a.amount.currency, awardDate: a.awardDate,
        agreementStatus: a.agreement?.status ?? null, agreementSignedOn: a.agreement?.signedOn ?? null, amountDisbursed: a.agreement ? major(subtractMoney(a.agreement.paid, a.agreement.recovered)) : null,
      })),
  },
  {
    name: 'kpi-summary',
    title: 'KPI summary',
    description: 'Headline figures: programmes, pilot units, plans, meetings and participants, certified votes, published grants and their total, recommendations.',
    sources: [PROGRAMME_FINANCE_PROJECTION, IMPLEMENTATION_PROJECTION, MEETING_STATS_PROJECTION, VOTE_RESULTS_PROJECTION, RECOMMENDATIONS_PROJECTION, ...PUBLIC_AWARD_SOURCES],
    dictionary: [col('kpi', 'string', 'Indicator'), col('value', 'decimal', 'Its value'), col('unit', 'string', 'Unit of the value (count, or an ISO 4217 currency)')],
    rows: async (data) => {
      const [programmes, plans, meetings, votes, awards, recommendations] = await Promise.all([
        data.programmes(), data.implementation(), data.meetingStats(), data.voteResults(), data.publicAwards(), data.recommendationCount(),
      ]);
      const sum = (f: (m: (typeof meetings)[number]) => number) => meetings.reduce((n, m) => n + f(m), 0);
      const byCurrency = new Map<string, Money>();
      for (const a of awards) byCurrency.set(a.amount.currency, addMoney(byCurrency.get(a.amount.currency) ?? zero(a.amount.currency), a.amount));
      return [
        { kpi: 'programmes', value: programmes.length, unit: 'count' },
        { kpi: 'pilotUnits', value: new Set(programmes.flatMap((p) => p.pilotUnitIds)).size, unit: 'count' },
        { kpi: 'plansApproved', value: plans.filter((p) => ['APPROVED', 'ACTIVE', 'CLOSED', 'SUPERSEDED'].includes(p.status)).length, unit: 'count' },
        { kpi: 'meetingsHeld', value: sum((m) => m.held), unit: 'count' },
        { kpi: 'participants', value: sum((m) => m.participants), unit: 'count' },
        { kpi: 'participantsFemale', value: sum((m) => m.bySex.female ?? 0), unit: 'count' },
        { kpi: 'votesCertified', value: votes.filter((v) => !v.annulment).length, unit: 'count' },
        { kpi: 'grantsAwarded', value: awards.length, unit: 'count' },
        ...[...byCurrency].map(([currency, total]) => ({ kpi: 'grantsAwardedTotal', value: major(total), unit: currency })),
        { kpi: 'recommendations', value: recommendations, unit: 'count' },
      ];
    },
  },
];
