import { randomUUID } from 'node:crypto';
import { withControlDigit } from '../../src/privacy/iin.js';
import { type Money, parseMajor } from '../../src/shared/domain/money.js';
import type { TestApp, TestResponse } from './test-app.js';

/** The 2018 GSE call's six weighted criteria (DOMAIN.md 3.3). */
export const GSE_CRITERIA = [
  { criterionId: 'relevance', title: 'Relevance to the village plan priorities', weight: 20 },
  { criterionId: 'feasibility', title: 'Feasibility and business-plan quality', weight: 25 },
  { criterionId: 'jobs', title: 'Jobs, especially women and youth', weight: 20 },
  { criterionId: 'market', title: 'Market and sustainability', weight: 15 },
  { criterionId: 'budget', title: 'Budget realism and own contribution', weight: 10 },
  { criterionId: 'innovation', title: 'Innovation or social benefit', weight: 10 },
];

export const kzt = (major: string): Money => parseMajor(major, 'KZT');
export const eur = (major: string): Money => parseMajor(major, 'EUR');

export type AwardedApplication = { applicationId: string; applicantId: string; amount: Money };
export type GrantsWorld = {
  programmeId: string;
  callId: string;
  region: string;
  district: string;
  aul: string;
  applications: AwardedApplication[];
  /** The position of the last command, for `Consistent-With`. */
  last: string;
};

/** POST with the admin key; fails with the response body when the status is not the expected one. */
export const postOk = async (t: TestApp, path: string, body: unknown, status = 200): Promise<TestResponse> => {
  const res = await t.request('POST', path, { body });
  if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${res.text}`);
  return res;
};

/**
 * Builds, through the HTTP API, a programme (EUR; budget with an FSTP sub-grant line unless `fstpLine: false`; the aul
 * enrolled as a pilot unit), a published GSE call in that aul, and one application per amount (major KZT) taken through
 * submission, eligibility, three conflict-of-interest declarations and scores, assessment, the call's closure and the
 * committee's award of exactly the requested amount, except the last `rejected` ones, which the committee rejects
 * (they stay in `applications`, last). Leaves the clock on the committee day, 2018-11-22.
 */
export async function awardedApplications(t: TestApp, amounts: readonly string[], options: { fstpLine?: boolean; rejected?: number } = {}): Promise<GrantsWorld> {
  let last = '0';
  const post = async (path: string, body: unknown, status = 200) => {
    const res = await postOk(t, path, body, status);
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const on = (iso: string) => t.clock.set(new Date(iso));
  const org = { eu: randomUUID(), argo: randomUUID() };
  const [region, district, aul, programmeId, callId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  on('2018-10-10T09:00:00.000Z');
  await post('/organisations', { organisationId: org.eu, name: { en: 'European Union (Delegation to Kazakhstan)' }, orgIdentifier: `XI-IATI-EC_DEVCO-${org.eu.slice(0, 4)}`, iatiOrgType: '40', country: 'KZ' }, 201);
  await post('/organisations', { organisationId: org.argo, name: { en: 'ARGO Civil Society Development Association' }, orgIdentifier: `KZ-BIN-${String(parseInt(org.argo.slice(0, 10), 16)).padStart(12, '0').slice(-12)}`, iatiOrgType: '22', country: 'KZ' }, 201);
  for (const [unitId, level, parentId, en] of [
    [region, 'REGION', null, 'Karaganda region'], [district, 'DISTRICT', region, 'Nura district'], [aul, 'RURAL_OKRUG', district, 'Izendy rural okrug'],
  ] as const) await post('/units', { unitId, level, parentId, names: { en }, effectiveFrom: '2017-01-01' }, 201);
  await post('/programmes', {
    programmeId, code: 'GSE', title: { en: 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan' }, donorOrgId: org.eu, leadOrgId: org.argo,
    contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: eur('60000'),
  }, 201);
  const line = (code: string, kind: string, title: string, amount: string) => ({ code, kind, title, amount: eur(amount) });
  await post(`/programmes/${programmeId}/budget`, {
    total: eur('500000'), euContribution: eur('450000'),
    lines: [
      line('1', 'HR', 'Human resources', '225000'), line('2', 'TRAVEL', 'Travel', '35000'), line('3', 'EQUIPMENT', 'Equipment and supplies', '20000'),
      line('4', 'LOCAL_OFFICE', 'Local office', '25000'), line('5', 'SERVICES', 'Trainings, facilitation, publications, conferences', '108000'),
      options.fstpLine === false ? line('6', 'OTHER', 'Other costs', '52000') : line('6', 'FSTP', 'Financial support to third parties', '52000'),
      line('7', 'INDIRECT', 'Indirect costs', '35000'),
    ],
  });
  await post(`/programmes/${programmeId}/pilot-units`, { unitId: aul });
  await post('/grant-calls', {
    callId, programmeId, reference: 'GSE-2018-1', title: { en: 'Competition for financial support for local entrepreneurship' },
    fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('400000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
    eligibleUnitIds: [aul], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
    criteria: GSE_CRITERIA, openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 },
  }, 201);
  on('2018-10-16T09:00:00.000Z');
  await post(`/grant-calls/${callId}/publication`, {});

  on('2018-10-20T09:00:00.000Z');
  const applications: AwardedApplication[] = [];
  const scores = GSE_CRITERIA.map((c) => ({ criterionId: c.criterionId, score: 70 }));
  for (const [i, major] of amounts.entries()) {
    const applicationId = randomUUID();
    const applicantId = randomUUID();
    const requested = kzt(major);
    const own = (BigInt(requested.amountMinor) * 15n) / 100n;
    await post('/grant-applications', {
      applicationId, callId, applicantId, applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: aul, projectTitle: `Village business ${i + 1}`,
      budget: { total: { amountMinor: (BigInt(requested.amountMinor) + own).toString(), currency: 'KZT' }, requested, ownContribution: { amountMinor: own.toString(), currency: 'KZT' } },
      fullName: `Applicant ${i + 1}`, iin: withControlDigit(`880303450${String(10 + i).padStart(2, '0')}`) ?? withControlDigit(`880303451${String(10 + i).padStart(2, '0')}`),
    }, 201);
    await post(`/grant-applications/${applicationId}/eligibility`, { eligible: true });
    for (const evaluatorId of ['evaluator-1', 'evaluator-2', 'evaluator-3']) {
      await post(`/grant-applications/${applicationId}/conflict-declarations`, { evaluatorId, hasConflict: false });
      await post(`/grant-applications/${applicationId}/scores`, { evaluatorId, criterionScores: scores });
    }
    await post(`/grant-applications/${applicationId}/assessment`, {});
    applications.push({ applicationId, applicantId, amount: requested });
  }
  on('2018-11-10T09:00:00.000Z');
  await post(`/grant-calls/${callId}/closure`, {});
  on('2018-11-22T12:00:00.000Z');
  const awarded = applications.slice(0, applications.length - (options.rejected ?? 0));
  await post(`/grant-calls/${callId}/award-decisions`, {
    sessionId: randomUUID(), sessionDate: '2018-11-22', memberIds: ['evaluator-1', 'evaluator-2', 'evaluator-3'],
    awards: awarded.map((a) => ({ applicationId: a.applicationId, amount: a.amount })),
    rejected: applications.slice(awarded.length).map((a) => ({ applicationId: a.applicationId, reason: 'Below the funding line' })),
  });
  await t.catchUp(); // the outcomes recorded on the applications by their reactor
  return { programmeId, callId, region, district, aul, applications, last };
}
