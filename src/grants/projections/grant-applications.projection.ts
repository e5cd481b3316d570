import type { Money } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { Projection } from '../../shared/projections/projection.js';
import type { ApplicantType, Criterion } from '../domain/grant-call.events.js';
import type { ApplicationStatus, CriterionScore, GrantApplicationEvent, SealedApplicant } from '../domain/grant-application.events.js';

export type EvaluatorDeclaration = { evaluatorId: string; hasConflict: boolean; nature: string | null; recused: boolean; declaredAt: string };
export type EvaluatorScore = { evaluatorId: string; criterionScores: CriterionScore[]; weightedScore: string; revisions: number; scoredAt: string };

/**
 * One grant application. `personal` keeps the applicant's sealed values only (never in clear); the API reveals them
 * to roles that may see personal data. Ranks are computed per call over the assessed applications when read.
 */
export type GrantApplicationDocument = {
  applicationId: string;
  callId: string;
  programmeId: string;
  applicantId: string;
  applicantType: ApplicantType;
  territoryUnitId: string;
  projectTitle: string;
  budget: { total: Money; requested: Money; ownContribution: Money };
  ownContributionPct: string;
  status: ApplicationStatus;
  personal: SealedApplicant;
  criteria: Criterion[];
  minScores: number;
  declarations: EvaluatorDeclaration[];
  scores: EvaluatorScore[];
  meanScore: string | null;
  /** meanScore × 100, for sorting and ranking. */
  meanScoreHundredths: number | null;
  meanScoreExact: boolean | null;
  ineligibilityReasons: string[];
  withdrawalReason: string | null;
  submittedAt: string;
  eligibilityDecidedAt: string | null;
  assessedAt: string | null;
  withdrawnAt: string | null;
  /** The committee's outcome: the session, the amount awarded, the reason of a rejection, the reserve position. */
  decision: { sessionId: string; sessionDate: string; amount: Money | null; reason: string | null; reservePosition: number | null } | null;
  notifications: Array<{ outcome: string; channel: string; notifiedOn: string; reference: string | null }>;
  revision: string;
  position: string;
};

export const GRANT_APPLICATIONS_PROJECTION = 'grants.applications';

/** Folds one GrantApplication event into its document. Pure. */
export const evolveGrantApplication = (doc: GrantApplicationDocument | null, event: RecordedEvent): GrantApplicationDocument | null => {
  const e = event as unknown as GrantApplicationEvent;
  const stamp = { revision: event.revision.toString(), position: event.position.toString() };
  if (e.type === 'GrantApplicationSubmitted') {
    if (doc) return doc;
    const d = e.data;
    return {
      applicationId: d.applicationId, callId: d.callId, programmeId: d.programmeId, applicantId: d.applicantId, applicantType: d.applicantType,
      territoryUnitId: d.territoryUnitId, projectTitle: d.projectTitle, budget: { ...d.budget }, ownContributionPct: d.ownContributionPct,
      status: 'SUBMITTED', personal: { ...d.personal }, criteria: [...d.criteria], minScores: d.minScores, declarations: [], scores: [],
      meanScore: null, meanScoreHundredths: null, meanScoreExact: null, ineligibilityReasons: [], withdrawalReason: null,
      submittedAt: d.submittedAt, eligibilityDecidedAt: null, assessedAt: null, withdrawnAt: null, decision: null, notifications: [], ...stamp,
    };
  }
  if (!doc) return doc;
  switch (e.type) {
    case 'GrantApplicationWithdrawn':
      return { ...doc, status: 'WITHDRAWN', withdrawalReason: e.data.reason, withdrawnAt: e.data.withdrawnAt, ...stamp };
    case 'ApplicationEligibilityConfirmed':
      return { ...doc, status: 'ELIGIBLE', eligibilityDecidedAt: e.data.confirmedAt, ...stamp };
    case 'ApplicationDeclaredIneligible':
      return { ...doc, status: 'INELIGIBLE', ineligibilityReasons: [...e.data.reasons], eligibilityDecidedAt: e.data.declaredAt, ...stamp };
    case 'ConflictOfInterestDeclared': {
      const d = e.data;
      const declaration: EvaluatorDeclaration = { evaluatorId: d.evaluatorId, hasConflict: d.hasConflict, nature: d.nature, recused: false, declaredAt: d.declaredAt };
      return { ...doc, declarations: [...doc.declarations.filter((x) => x.evaluatorId !== d.evaluatorId), declaration], ...stamp };
    }
    case 'EvaluatorRecused': {
      const id = e.data.evaluatorId;
      return {
        ...doc,
        declarations: doc.declarations.map((x) => (x.evaluatorId === id ? { ...x, recused: true } : x)),
        scores: doc.scores.filter((s) => s.evaluatorId !== id),
        ...stamp,
      };
    }
    case 'ApplicationScored': {
      const d = e.data;
      const earlier = doc.scores.find((s) => s.evaluatorId === d.evaluatorId);
      const score: EvaluatorScore = { evaluatorId: d.evaluatorId, criterionScores: [...d.criterionScores], weightedScore: d.weightedScore, revisions: earlier ? earlier.revisions + 1 : 0, scoredAt: d.scoredAt };
      return {
        ...doc,
        status: doc.status === 'ELIGIBLE' ? 'UNDER_ASSESSMENT' : doc.status,
        scores: earlier ? doc.scores.map((s) => (s.evaluatorId === d.evaluatorId ? score : s)) : [...doc.scores, score],
        ...stamp,
      };
    }
    case 'ApplicationAssessed': {
      const [whole, fraction = '00'] = e.data.meanScore.split('.');
      return {
        ...doc, status: 'ASSESSED', meanScore: e.data.meanScore, meanScoreHundredths: Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)),
        meanScoreExact: e.data.exact, assessedAt: e.data.assessedAt, ...stamp,
      };
    }
    case 'ApplicationAwarded': {
      const d = e.data;
      return { ...doc, status: 'AWARDED', decision: { sessionId: d.sessionId, sessionDate: d.sessionDate, amount: d.amount, reason: null, reservePosition: null }, ...stamp };
    }
    case 'ApplicationRejected': {
      const d = e.data;
      return { ...doc, status: 'REJECTED', decision: { sessionId: d.sessionId, sessionDate: d.sessionDate, amount: null, reason: d.reason, reservePosition: null }, ...stamp };
    }
    case 'ApplicationPutOnReserve': {
      const d = e.data;
      return { ...doc, status: 'RESERVE', decision: { sessionId: d.sessionId, sessionDate: d.sessionDate, amount: null, reason: null, reservePosition: d.position }, ...stamp };
    }
    case 'ApplicantNotified': {
      const d = e.data;
      return { ...doc, notifications: [...doc.notifications, { outcome: d.outcome, channel: d.channel, notifiedOn: d.notifiedOn, reference: d.reference }], ...stamp };
    }
    default:
      return doc;
  }
};

/** Grant applications by id (the document id is the application id). */
export const grantApplicationsProjection: Projection<GrantApplicationDocument> = {
  name: GRANT_APPLICATIONS_PROJECTION,
  version: 2,
  handles: [
    'GrantApplicationSubmitted', 'GrantApplicationWithdrawn', 'ApplicationEligibilityConfirmed', 'ApplicationDeclaredIneligible',
    'ConflictOfInterestDeclared', 'EvaluatorRecused', 'ApplicationScored', 'ApplicationAssessed',
    'ApplicationAwarded', 'ApplicationRejected', 'ApplicationPutOnReserve', 'ApplicantNotified',
  ],
  fields: [
    { path: 'callId', type: 'string' },
    { path: 'programmeId', type: 'string' },
    { path: 'territoryUnitId', type: 'string' },
    { path: 'status', type: 'string' },
    { path: 'submittedAt', type: 'string' },
    { path: 'meanScoreHundredths', type: 'number' },
  ],
  documentId: (event) => (event.data as { applicationId?: string }).applicationId ?? null,
  evolve: evolveGrantApplication,
};
