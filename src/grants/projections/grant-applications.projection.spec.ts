import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import type { GrantApplicationEvent } from '../domain/grant-application.events.js';
import { type GrantApplicationDocument, evolveGrantApplication, grantApplicationsProjection } from './grant-applications.projection.js';

const APP = 'a0000000-0000-4000-8000-000000000001';
const CALL = 'c0000000-0000-4000-8000-000000000001';
const AT = '2018-10-20T09:00:00.000Z';
const kzt = (major: number) => ({ amountMinor: String(major * 100), currency: 'KZT' as const });
const recorded = (event: GrantApplicationEvent, revision: number): RecordedEvent =>
  ({
    eventId: `e-${revision}`, type: event.type, schemaVersion: 1, streamId: `grantApplication-${APP}`, revision: BigInt(revision), position: BigInt(100 + revision),
    recordedAt: AT, data: event.data, metadata: { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: AT }, prevHash: '', hash: '',
  }) as unknown as RecordedEvent;
const ids = { applicationId: APP, callId: CALL };
const SEALED = { keyId: 'k#1', alg: 'A256GCM' as const, iv: 'iv', ct: 'ct' };
const sc = (a: number, b: number) => [{ criterionId: 'feasibility', score: a }, { criterionId: 'jobs', score: b }];

const EVENTS: GrantApplicationEvent[] = [
  {
    type: 'GrantApplicationSubmitted',
    data: {
      ...ids, programmeId: 'p-1', applicantId: 'applicant-1', applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: 'u-1', projectTitle: 'Mini dairy',
      budget: { total: kzt(1_000_000), requested: kzt(850_000), ownContribution: kzt(150_000) }, ownContributionPct: '15.00',
      criteria: [{ criterionId: 'feasibility', title: 'F', weight: 60 }, { criterionId: 'jobs', title: 'J', weight: 40 }], minScores: 3,
      personal: { fullName: SEALED }, submittedAt: AT,
    },
  },
  { type: 'ApplicationEligibilityConfirmed', data: { ...ids, confirmedAt: AT } },
  { type: 'ConflictOfInterestDeclared', data: { ...ids, evaluatorId: 'e1', hasConflict: false, nature: null, declaredAt: AT } },
  { type: 'ConflictOfInterestDeclared', data: { ...ids, evaluatorId: 'e3', hasConflict: true, nature: 'Family tie', declaredAt: AT } },
  { type: 'EvaluatorRecused', data: { ...ids, evaluatorId: 'e3', recusedAt: AT } },
  { type: 'ApplicationScored', data: { ...ids, evaluatorId: 'e1', criterionScores: sc(80, 70), weightedScore: '76.00', supersedes: false, comment: null, scoredAt: AT } },
  { type: 'ApplicationScored', data: { ...ids, evaluatorId: 'e1', criterionScores: sc(81, 70), weightedScore: '76.60', supersedes: true, comment: null, scoredAt: AT } },
  { type: 'ApplicationAssessed', data: { ...ids, meanScore: '77.13', exact: false, scoresCount: 3, assessedAt: AT } },
];

const session = { ...ids, sessionId: 's-1', sessionDate: '2018-11-22' };
const OUTCOMES: GrantApplicationEvent[] = [
  { type: 'ApplicationAwarded', data: { ...session, amount: kzt(800_000), awardedAt: AT } },
  { type: 'ApplicationRejected', data: { ...session, reason: 'Weak market analysis', rejectedAt: AT } },
  { type: 'ApplicationPutOnReserve', data: { ...session, position: 2, reservedAt: AT } },
  { type: 'ApplicantNotified', data: { ...ids, outcome: 'AWARDED', channel: 'LETTER', notifiedOn: '2018-11-26', reference: 'L-1', recordedAt: AT } },
];

describe('grants.applications projection', () => {
  const fold = (events: GrantApplicationEvent[]) =>
    events.reduce<GrantApplicationDocument | null>((doc, e, i) => evolveGrantApplication(doc, recorded(e, i)), null);

  it('handles every application event and keys documents by application id', () => {
    expect([...grantApplicationsProjection.handles].sort()).toEqual(
      [...new Set([...EVENTS.map((e) => e.type), 'ApplicationDeclaredIneligible', 'GrantApplicationWithdrawn', ...OUTCOMES.map((e) => e.type)])].sort(),
    );
    expect(grantApplicationsProjection.documentId(recorded(EVENTS[0]!, 0))).toBe(APP);
  });

  it('keeps the sealed personal values, declarations, the latest score per evaluator and the mean', () => {
    const doc = fold(EVENTS)!;
    expect(doc).toMatchObject({
      status: 'ASSESSED', personal: { fullName: SEALED }, meanScore: '77.13', meanScoreHundredths: 7713, meanScoreExact: false, revision: '7', position: '107',
    });
    expect(doc.declarations).toEqual([
      { evaluatorId: 'e1', hasConflict: false, nature: null, recused: false, declaredAt: AT },
      { evaluatorId: 'e3', hasConflict: true, nature: 'Family tie', recused: true, declaredAt: AT },
    ]);
    expect(doc.scores).toEqual([{ evaluatorId: 'e1', criterionScores: sc(81, 70), weightedScore: '76.60', revisions: 1, scoredAt: AT }]);
  });

  it('moves to UNDER_ASSESSMENT on the first score and ignores events before the submission', () => {
    expect(fold(EVENTS.slice(0, 6))!.status).toBe('UNDER_ASSESSMENT');
    expect(fold(EVENTS.slice(1))).toBeNull();
  });

  it('records ineligibility reasons and withdrawal', () => {
    expect(fold([EVENTS[0]!, { type: 'ApplicationDeclaredIneligible', data: { ...ids, reasons: ['Outside the territory'], declaredAt: AT } }])).toMatchObject({
      status: 'INELIGIBLE', ineligibilityReasons: ['Outside the territory'], eligibilityDecidedAt: AT,
    });
    expect(fold([EVENTS[0]!, { type: 'GrantApplicationWithdrawn', data: { ...ids, reason: 'Moved', withdrawnAt: AT } }])).toMatchObject({
      status: 'WITHDRAWN', withdrawalReason: 'Moved', withdrawnAt: AT,
    });
  });

  it('records the committee outcome and the notifications', () => {
    const [awarded, rejected, reserve, notified] = OUTCOMES as [GrantApplicationEvent, GrantApplicationEvent, GrantApplicationEvent, GrantApplicationEvent];
    expect(fold([...EVENTS, awarded, notified])).toMatchObject({
      status: 'AWARDED',
      decision: { sessionId: 's-1', sessionDate: '2018-11-22', amount: kzt(800_000), reason: null, reservePosition: null },
      notifications: [{ outcome: 'AWARDED', channel: 'LETTER', notifiedOn: '2018-11-26', reference: 'L-1' }],
    });
    expect(fold([...EVENTS, rejected])).toMatchObject({ status: 'REJECTED', decision: { amount: null, reason: 'Weak market analysis' } });
    expect(fold([...EVENTS, reserve])).toMatchObject({ status: 'RESERVE', decision: { reservePosition: 2 } });
  });
});
