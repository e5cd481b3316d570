import { apiKeyDecider } from '../access/domain/api-key.decider.js';
import { communityMeetingDecider } from '../engagement/domain/community-meeting.decider.js';
import { eligibilityRollDecider } from '../engagement/domain/eligibility-roll.decider.js';
import { grantAgreementDecider } from '../grants/domain/grant-agreement.decider.js';
import { grantApplicationDecider } from '../grants/domain/grant-application.decider.js';
import { grantCallDecider } from '../grants/domain/grant-call.decider.js';
import { organisationDecider } from '../organisations/domain/organisation.decider.js';
import { developmentPlanDecider } from '../planning/domain/development-plan.decider.js';
import { planAmendmentDecider } from '../planning/domain/plan-amendment.decider.js';
import { dataSubjectDecider } from '../privacy/domain/data-subject.decider.js';
import { programmeDecider } from '../programmes/domain/programme.decider.js';
import { publicationPolicyDecider } from '../transparency/domain/publication-policy.decider.js';
import { recommendationDecider } from '../recommendations/domain/recommendation.decider.js';
import type { Decider } from '../shared/domain/decider.js';
import type { DomainCommand, DomainEvent } from '../shared/domain/message.js';
import type { SnapshotKindOf } from '../shared/snapshots/state-snapshots.js';
import { administrativeUnitDecider } from '../territory/domain/administrative-unit.decider.js';
import { residentDecider } from '../territory/domain/resident.decider.js';
import { ballotDecider, voteDecider } from '../voting/domain/vote.decider.js';

/** The fold half of a decider, with its version: what time travel needs, never `decide`. */
export type Fold = Pick<Decider<unknown, DomainCommand, DomainEvent>, 'initialState' | 'evolve' | 'version'>;

/** What the audit knows about a stream category: its bounded context and, for aggregates, the write side's fold. */
export type StreamKind = {
  category: string;
  context: string;
  /** The decider the write side folds this stream with; absent for streams that no decider folds (reservations). */
  fold?: Fold;
};

const fold = (d: Decider<any, any, any>): Fold => ({ initialState: d.initialState, evolve: d.evolve, version: d.version ?? 1 });

/**
 * Every stream category of the ledger (the text before the first `-` of a stream id, as `planStream` and its siblings
 * build it) with its context and, where the write side folds the stream through a decider, that very decider's
 * `initialState` and `evolve`: the state an auditor sees as of a past instant is the one `decide` saw then.
 * A new aggregate adds one line here.
 */
export const STREAM_KINDS: readonly StreamKind[] = [
  { category: 'administrativeUnit', context: 'territory', fold: fold(administrativeUnitDecider) },
  { category: 'resident', context: 'territory', fold: fold(residentDecider) },
  { category: 'organisation', context: 'organisations', fold: fold(organisationDecider) },
  { category: 'programme', context: 'programmes', fold: fold(programmeDecider) },
  { category: 'grantCall', context: 'grants', fold: fold(grantCallDecider) },
  { category: 'grantApplication', context: 'grants', fold: fold(grantApplicationDecider) },
  { category: 'grantApplicant', context: 'grants' },
  { category: 'grantAgreement', context: 'grants', fold: fold(grantAgreementDecider) },
  { category: 'grantAgreementFor', context: 'grants' },
  { category: 'plan', context: 'planning', fold: fold(developmentPlanDecider) },
  { category: 'planAmendment', context: 'planning', fold: fold(planAmendmentDecider) },
  { category: 'activePlan', context: 'planning' },
  { category: 'communityMeeting', context: 'engagement', fold: fold(communityMeetingDecider) },
  { category: 'eligibilityRoll', context: 'engagement', fold: fold(eligibilityRollDecider) },
  { category: 'vote', context: 'voting', fold: fold(voteDecider) },
  { category: 'voteBallot', context: 'voting', fold: fold(ballotDecider) },
  { category: 'recommendation', context: 'recommendations', fold: fold(recommendationDecider) },
  { category: 'apiKey', context: 'access', fold: fold(apiKeyDecider) },
  { category: 'dataSubject', context: 'privacy', fold: fold(dataSubjectDecider) },
  { category: 'integrity', context: 'integrity' },
  { category: 'publicationPolicy', context: 'transparency', fold: fold(publicationPolicyDecider) },
];

const BY_CATEGORY = new Map(STREAM_KINDS.map((k) => [k.category, k]));

/** The category of a stream id: the text before its first `-` (the whole id when it has none). */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/** What the registry knows of a stream: its kind, or an `unknown` context without a fold. */
export const kindOf = (streamId: string): StreamKind => {
  const category = categoryOf(streamId);
  return BY_CATEGORY.get(category) ?? { category, context: 'unknown' };
};

/**
 * The snapshot kind of a stream folded with `fold`: its category and the fold's version, when `fold` is the very
 * `evolve` registered for the category (so the write side and the audit share snapshots, and no other fold uses them).
 */
export const snapshotKindOf: SnapshotKindOf = (streamId, f) => {
  const kind = kindOf(streamId);
  return kind.fold && kind.fold.evolve === f.evolve ? { name: kind.category, version: f.version ?? 1 } : null;
};

/** The contexts that own streams, for validating filters. */
export const CONTEXTS: readonly string[] = [...new Set(STREAM_KINDS.map((k) => k.context))].sort();
