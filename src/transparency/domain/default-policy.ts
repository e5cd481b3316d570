import type { PolicyContent } from './publication-policy.events.js';

/**
 * The policy in force until the first PublicationPolicyChanged (version 0): programme finance, grant calls, plans,
 * meetings, certified vote results and recommendations are public; a grant award only once its agreement is signed,
 * a vote's tally only once the result is certified; officials appear by role, not by name.
 */
export const DEFAULT_POLICY: PolicyContent & { version: number } = {
  version: 0,
  publicEventTypes: [
    'PublicationPolicyChanged', 'CheckpointSigned',
    'OrganisationRegistered',
    'ProgrammeRegistered', 'ProgrammePartnerAdded', 'ProgrammeBudgetApproved', 'ProgrammeBudgetRevised', 'PilotUnitEnrolled',
    'IncomingCommitmentRecorded', 'IncomingFundsReceived', 'OutgoingCommitmentRecorded', 'DisbursementRecorded', 'ExpenditureRecorded',
    'CoFinancingRecorded', 'ProgrammeStatusChanged', 'ProgrammeClosed',
    'GrantCallPublished', 'GrantCallAmended', 'GrantCallDeadlineExtended', 'GrantCallClosed', 'GrantAwardsDecided', 'GrantCallCompleted', 'GrantCallCancelled',
    'GrantAgreementSigned', 'DisbursementPaid', 'InKindSupportDelivered', 'JobsCreatedReported', 'GrantAgreementCompleted', 'GrantAgreementTerminated',
    'PlanApprovedByCommunity', 'PlanEndorsedByAkim', 'PlanActivated', 'PlanAmendmentApplied', 'PlanClosed',
    'MeetingNoticePublished', 'MeetingClosed', 'MeetingCancelled', 'MeetingDecisionRecorded',
    'VoteTallied', 'VoteAnnulled',
    'RecommendationEndorsed', 'RecommendationSubmitted', 'AuthorityResponseRecorded', 'RecommendationWithdrawn',
  ],
  delays: [
    { eventType: 'GrantAwardsDecided', releasedBy: 'GrantAgreementSigned', matchOn: 'applicationId' },
    { eventType: 'VoteTallied', releasedBy: 'VoteResultCertified', matchOn: 'voteId' },
  ],
  allowOfficialNames: false,
};
