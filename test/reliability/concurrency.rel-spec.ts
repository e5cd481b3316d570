import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rollStream } from '../../src/engagement/domain/eligibility-roll.events.js';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import { voteStream } from '../../src/voting/domain/vote-result.events.js';
import { type TestApp, type TestResponse, startTestApp } from '../support/test-app.js';

/**
 * Many clients on the same aggregates over real HTTP (docs/reliability.md): awards racing for one fund, ballots racing
 * in one vote, amendment decisions racing on one plan. Whatever the interleaving, the final state breaks no invariant.
 */
describe('Concurrency on one aggregate', () => {
  let t: TestApp;
  const post = (path: string, body: unknown = {}) => t.request('POST', path, { body });
  const ok = async (path: string, body: unknown = {}, status = 200): Promise<TestResponse> => {
    const res = await post(path, body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return res;
  };
  const expectRefusal = (res: TestResponse) => {
    expect([409, 422]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };
  const unit = async (level: string, parentId: string | null) => {
    const unitId = randomUUID();
    await ok('/units', { unitId, level, names: { en: `${level} ${unitId.slice(0, 4)}` }, parentId, effectiveFrom: '2017-01-01' }, 201);
    return unitId;
  };
  let region: string;
  let village: string;
  /** A valid-format IIN with an impossible birth date (month 13+), distinct per n. */
  const iin = (n: number): string => {
    for (let k = 0; ; k++) {
      const candidate = withControlDigit(`92131${String(n * 20 + k).padStart(6, '0')}`);
      if (candidate) return candidate;
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2018-10-10T09:00:00.000Z') });
    region = await unit('REGION', null);
    village = await unit('VILLAGE', await unit('DISTRICT', region));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('awards racing for one fund: 8 committee sessions at once never award more than the fund', async () => {
    const kzt = (major: string) => parseMajor(major, 'KZT');
    const [donor, lead] = [randomUUID(), randomUUID()];
    await ok('/organisations', { organisationId: donor, name: { en: 'Donor' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
    await ok('/organisations', { organisationId: lead, name: { en: 'Lead' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
    const programmeId = randomUUID();
    await ok('/programmes', {
      programmeId, code: 'RACE', title: { en: 'Race programme' }, donorOrgId: donor, leadOrgId: lead, contractRef: 'RACE/1', currency: 'EUR',
      period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: parseMajor('60000', 'EUR'),
    }, 201);
    const callId = randomUUID();
    const criteria = [{ criterionId: 'all', title: 'All', weight: 100 }];
    await ok('/grant-calls', {
      callId, programmeId, reference: 'RACE-1', title: { en: 'Race call' },
      fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('500000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
      eligibleUnitIds: [village], eligibleApplicantTypes: ['SMALL_BUSINESS'], criteria, openingDate: '2018-10-16', deadline: '2018-11-09',
      committee: { members: 5, quorum: 3 }, minScoresPerApplication: 1,
    }, 201);
    t.clock.set(new Date('2018-10-16T09:00:00.000Z'));
    await ok(`/grant-calls/${callId}/publication`);

    // 24 assessed applications, each asking for KZT 1,100,000.
    t.clock.set(new Date('2018-10-25T09:00:00.000Z'));
    const applications = Array.from({ length: 24 }, () => randomUUID());
    for (const [i, applicationId] of applications.entries()) {
      await ok('/grant-applications', {
        applicationId, callId, applicantId: randomUUID(), applicantType: 'SMALL_BUSINESS', territoryUnitId: village, projectTitle: `Rural business ${i + 1}`,
        budget: { total: kzt('1250000'), requested: kzt('1100000'), ownContribution: kzt('150000') }, fullName: `Applicant ${i + 1}`, iin: iin(1000 + i),
      }, 201);
    }
    t.clock.set(new Date('2018-11-10T09:00:00.000Z'));
    await ok(`/grant-calls/${callId}/closure`);
    t.clock.set(new Date('2018-11-15T09:00:00.000Z'));
    for (const applicationId of applications) {
      await ok(`/grant-applications/${applicationId}/eligibility`, { eligible: true });
      await ok(`/grant-applications/${applicationId}/conflict-declarations`, { evaluatorId: 'member-1', hasConflict: false });
      await ok(`/grant-applications/${applicationId}/scores`, { evaluatorId: 'member-1', criterionScores: [{ criterionId: 'all', score: 70 }] });
      await ok(`/grant-applications/${applicationId}/assessment`);
    }

    // 8 sessions of 3 awards of KZT 1,100,000 (3.3 M each) race: at most 3 fit in the 12 M fund.
    t.clock.set(new Date('2018-11-22T12:00:00.000Z'));
    const sessions = Array.from({ length: 8 }, (_, i) => ({
      sessionId: randomUUID(), sessionDate: '2018-11-22', memberIds: ['member-1', 'member-2', 'member-3'],
      awards: applications.slice(i * 3, i * 3 + 3).map((applicationId) => ({ applicationId, amount: kzt('1100000') })),
    }));
    const raced = await Promise.all(sessions.map((s) => post(`/grant-calls/${callId}/award-decisions`, s)));
    raced.filter((r) => r.status !== 200).forEach(expectRefusal);
    const winners = raced.filter((r) => r.status === 200).length;
    expect(winners).toBe(3);

    const decided = (await t.store.readStream(`grantCall-${callId}`)).filter((e) => e.type === 'GrantAwardsDecided');
    const awarded = decided.flatMap((e) => (e.data as { awards: Array<{ applicationId: string; amount: { amountMinor: string } }> }).awards);
    const total = awarded.reduce((s, a) => s + BigInt(a.amount.amountMinor), 0n);
    expect(decided).toHaveLength(winners);
    expect(new Set(awarded.map((a) => a.applicationId)).size).toBe(awarded.length);
    expect(total).toBeLessThanOrEqual(BigInt(kzt('12000000').amountMinor));
    expect(total).toBe(BigInt(kzt('9900000').amountMinor));
  });

  it('ballots racing in one vote: 8 residents each sending 3 ballots at once are counted once each', async () => {
    const residents: string[] = [];
    for (let n = 1; residents.length < 8; n++) {
      const residentId = randomUUID();
      await ok('/residents', { residentId, settlementId: village, sex: n % 2 ? 'male' : 'female', fullName: `Voter-${n} ${randomUUID().slice(0, 6)}`, iin: iin(n), birthDate: '1980-03-14' }, 201);
      residents.push(residentId);
    }
    const rollId = randomUUID();
    const sorted = [...residents].sort();
    const metadata = { actor: { id: 'test', role: 'administrator' }, correlationId: 'roll-fixture', occurredAt: '2018-10-01T08:00:00.000Z' };
    await t.store.appendToStream(rollStream(rollId), [
      { type: 'RollCompiled', data: { rollId, scopeUnitId: village, cutoffDate: '2018-10-01', criteria: 'resident, age >= 18', entries: sorted, compiledAt: metadata.occurredAt }, metadata },
      { type: 'RollFrozen', data: { rollId, size: sorted.length, hash: createHash('sha256').update(sorted.join('\n')).digest('hex'), frozenAt: metadata.occurredAt }, metadata },
    ], 'no_stream');
    const voteId = randomUUID();
    await ok('/votes', {
      voteId, subject: { type: 'PLAN', ref: `plan-${voteId.slice(0, 8)}`, contentHash: 'c'.repeat(64) }, options: ['FOR', 'AGAINST', 'ABSTAIN'],
      method: 'OPEN_ROLL_CALL', territoryUnitId: village, rollId, policy: 'MEETING',
    }, 201);

    const attempts = residents.flatMap((residentId) => ['FOR', 'AGAINST', 'ABSTAIN'].map((option) => ({ residentId, option })));
    const raced = await Promise.all(attempts.map((b) => post(`/votes/${voteId}/ballots`, b)));
    raced.filter((r) => r.status !== 201).forEach(expectRefusal);
    expect(raced.filter((r) => r.status === 201)).toHaveLength(residents.length);
    for (const residentId of residents) expect(await t.store.readStream(`voteBallot-${voteId}.${residentId}`)).toHaveLength(1);

    await ok(`/votes/${voteId}/closing`);
    await ok(`/votes/${voteId}/tally`);
    const tally = (await t.store.readStream(`vote-${voteId}`)).find((e) => e.type === 'VoteTallied')!.data as { present: number; counts: Record<string, number> };
    expect(tally.present).toBe(residents.length);
    expect(Object.values(tally.counts).reduce((a, b) => a + b, 0)).toBe(residents.length);
  });

  it('amendment decisions racing on one plan: each amendment is applied at most once, and only one on the same base version', async () => {
    const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' });
    const planId = randomUUID();
    await ok('/plans', { planId, territoryUnitId: region, period: '2018-2020', vision: 'A lit aul' }, 201);
    const priorityId = randomUUID();
    await ok(`/plans/${planId}/priorities`, { priorities: [{ priorityId, title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [] }] });
    const actionId = randomUUID();
    await ok(`/plans/${planId}/actions`, {
      actionId, priorityId, title: 'Lamps', cost: kzt('600000000'), fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt('600000000'), status: 'COMMITTED' }],
      responsibleParty: 'Aul akimat', start: '2019-04-01', end: '2019-10-31', indicators: [{ name: 'Lamps', unit: 'items', baseline: '0', target: '120' }],
    });
    await ok(`/plans/${planId}/submission`);
    const hash = (await t.store.readStream(`plan-${planId}`)).find((e) => e.type === 'PlanSubmittedForApproval')!.data.contentHash as string;
    const voteId = randomUUID();
    const certified = {
      voteId, meetingId: randomUUID(), territoryUnitId: region, subject: { type: 'PLAN', ref: planId, contentHash: hash }, outcome: 'ADOPTED',
      counts: { for: 61, against: 4, abstain: 2 }, present: 67, rollSize: 112, quorumMet: true, policyVersion: 'vote-policy/2019.1', certifiedAt: '2018-10-10T12:00:00.000Z',
    };
    await t.store.appendToStream(voteStream(voteId), [{ type: 'VoteResultCertified', data: certified, metadata: { actor: { id: 'test', role: 'meeting-secretary' }, correlationId: randomUUID(), occurredAt: certified.certifiedAt } }], 'no_stream');
    await t.catchUp();
    await t.catchUp();
    await ok(`/plans/${planId}/endorsement`);
    await ok(`/plans/${planId}/activation`);

    // Four MINOR amendments on version 1, each decided twice at once.
    const amendments = ['2019-11-30', '2019-12-15', '2019-12-20', '2019-12-31'].map((end) => ({ amendmentId: randomUUID(), end }));
    for (const { amendmentId, end } of amendments) {
      await ok('/plan-amendments', { amendmentId, planId, baseVersion: 1, ops: [{ op: 'REVISE_ACTION', actionId, fields: { end } }], rationale: 'Delivery is late', proposer: { kind: 'AKIM' } }, 201);
      await ok(`/plan-amendments/${amendmentId}/submission`);
    }
    const decision = { decision: 'APPROVED', akimSignOff: true, workingGroupSignOff: true };
    const raced = await Promise.all(amendments.flatMap(({ amendmentId }) => [1, 2].map(() => post(`/plan-amendments/${amendmentId}/decision`, decision))));
    raced.filter((r) => r.status !== 200).forEach(expectRefusal);
    for (let i = 0; i < 4; i++) await t.catchUp();

    const plan = await t.store.readStream(`plan-${planId}`);
    const applied = plan.filter((e) => e.type === 'PlanAmendmentApplied').map((e) => e.data as { amendmentId: string; fromVersion: number; toVersion: number });
    expect(new Set(applied.map((a) => a.amendmentId)).size).toBe(applied.length);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ fromVersion: 1, toVersion: 2 });
    const outcomes = [];
    for (const { amendmentId } of amendments) {
      const types = (await t.store.readStream(`planAmendment-${amendmentId}`)).map((e) => e.type);
      expect(types.filter((x) => x === 'AmendmentApproved')).toHaveLength(1);
      expect(types.filter((x) => x === 'AmendmentApplied' || x === 'AmendmentConflicted')).toHaveLength(1);
      outcomes.push(types.at(-1));
    }
    expect(outcomes.sort()).toEqual(['AmendmentApplied', 'AmendmentConflicted', 'AmendmentConflicted', 'AmendmentConflicted']);
  });
});
