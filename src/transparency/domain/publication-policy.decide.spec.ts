import { describe, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { publicationPolicyDecider } from './publication-policy.decider.js';
import { InvalidPublicationPolicy } from './publication-policy.errors.js';
import type { ChangePublicationPolicy, PolicyContent, PublicationPolicyChanged } from './publication-policy.events.js';

const NOW = '2019-06-05T09:30:00.000Z';
const given = DeciderSpecification.for(publicationPolicyDecider);

const change = (content: Partial<PolicyContent> = {}): ChangePublicationPolicy => ({
  type: 'ChangePublicationPolicy',
  data: {
    publicEventTypes: ['ProgrammeRegistered', 'GrantAwardsDecided'],
    delays: [],
    allowOfficialNames: false,
    reason: 'Awards are public at the decision',
    ...content,
  },
  metadata: { actor: { id: 'admin', role: 'administrator' }, now: NOW, correlationId: 'c1' },
});

const changed = (version: number, content: Partial<PolicyContent> = {}): PublicationPolicyChanged => ({
  type: 'PublicationPolicyChanged',
  data: {
    publicEventTypes: ['ProgrammeRegistered', 'GrantAwardsDecided'],
    delays: [],
    allowOfficialNames: false,
    ...content,
    version,
    reason: 'Awards are public at the decision',
    changedAt: NOW,
  },
});

describe('PublicationPolicy', () => {
  it('starts from the default policy (version 0) and records the next version', () =>
    given([]).when(change()).then([changed(1)]));

  it('numbers versions after the last change', () =>
    given([changed(1)]).when(change({ allowOfficialNames: true })).then([changed(2, { allowOfficialNames: true })]));

  it('does nothing when the content is unchanged (in any order)', () =>
    given([changed(1)]).when(change({ publicEventTypes: ['GrantAwardsDecided', 'ProgrammeRegistered'] })).thenNothingHappened());

  it('does nothing when asked for the default policy before any change', () =>
    given([]).when(change({ publicEventTypes: DEFAULT_POLICY.publicEventTypes, delays: DEFAULT_POLICY.delays, allowOfficialNames: false })).thenNothingHappened());

  it('refuses to delay a type that is not public', () =>
    given([]).when(change({ delays: [{ eventType: 'VoteTallied', releasedBy: 'VoteResultCertified', matchOn: 'voteId' }] })).thenThrows(InvalidPublicationPolicy));

  it('refuses a type listed twice', () =>
    given([]).when(change({ publicEventTypes: ['ProgrammeRegistered', 'ProgrammeRegistered'] })).thenThrows(InvalidPublicationPolicy));

  it('refuses a name that is not an event type', () =>
    given([]).when(change({ publicEventTypes: ['programme registered'] })).thenThrows(InvalidPublicationPolicy, (e) => e.errors[0]!.path === 'publicEventTypes[0]'));
});
