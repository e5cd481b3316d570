import { randomUUID } from 'node:crypto';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import type { TestApp } from './test-app.js';

/** What the portal fixtures created: ids to visit, and the personal values that must never appear on a public page. */
export type PortalFixtures = {
  region: string;
  district: string;
  okrug: string;
  village: string;
  programme: string;
  call: string;
  application: string;
  meeting: string;
  plan: string;
  /** A meeting title with markup characters, to show that pages escape what they print. */
  hostileTitle: string;
  /** Names, IINs, birth dates and phones of the seeded residents and applicant, plus their subject ids. */
  personalValues: string[];
  /** The last command's position (for Consistent-With). */
  position: string;
};

/** A demo-style IIN: a valid control digit, with a birth month (13+) no real person has. */
const demoIin = (n: number) =>
  withControlDigit(`7713${String(40 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`) ?? withControlDigit(`7714${String(40 + n).padStart(2, '0')}${String(n).padStart(5, '0')}`)!;

/**
 * Seeds what the portal shows, through the HTTP API only (as the admin): a region › district › rural okrug › aul in
 * three languages (the aul without an English name, to show the fallback), two residents, a programme with its budget
 * and spending in the aul, a published grant call with one application (with personal data) and its award, a problem
 * discussion held in the aul, and a plan submitted, returned to draft, revised and submitted again (two versions).
 */
export async function seedPortal(t: TestApp): Promise<PortalFixtures> {
  let position = '0';
  const post = async (path: string, body: unknown = {}, status = 200) => {
    const res = await t.request('POST', path, { body });
    if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
    if (res.body?.position) position = res.body.position;
    return res;
  };
  const on = (iso: string) => t.clock.set(new Date(iso));
  const eur = (major: string) => parseMajor(major, 'EUR');
  const kzt = (major: string) => parseMajor(major, 'KZT');

  on('2018-10-10T09:00:00.000Z');
  const ids = { region: randomUUID(), district: randomUUID(), okrug: randomUUID(), village: randomUUID() };
  const units: Array<[string, string, string | null, Record<string, string>]> = [
    [ids.region, 'REGION', null, { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda region' }],
    [ids.district, 'DISTRICT', ids.region, { kk: 'Нұра ауданы', ru: 'Нуринский район', en: 'Nura district' }],
    [ids.okrug, 'RURAL_OKRUG', ids.district, { kk: 'Изенді ауылдық округі', ru: 'Изендинский сельский округ', en: 'Izendy rural okrug' }],
    [ids.village, 'VILLAGE', ids.okrug, { kk: 'Изенді ауылы', ru: 'село Изенды' }],
  ];
  for (const [unitId, level, parentId, names] of units) await post('/units', { unitId, level, parentId, names, effectiveFrom: '2017-01-01' }, 201);

  const personalValues: string[] = [];
  for (const n of [1, 2]) {
    const resident = { residentId: randomUUID(), settlementId: ids.village, sex: n === 1 ? 'female' : 'male', fullName: `Portal Fixture Resident ${n}`, iin: demoIin(n), birthDate: `19${70 + n}-04-1${n}` };
    await post('/residents', resident, 201);
    personalValues.push(resident.residentId, resident.fullName, resident.iin, resident.birthDate);
  }

  const eu = randomUUID();
  const lead = randomUUID();
  await post('/organisations', { organisationId: eu, name: { en: 'European Union (Delegation to Kazakhstan)' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
  await post('/organisations', { organisationId: lead, name: { en: 'ARGO Civil Society Development Association' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
  const programme = randomUUID();
  await post('/programmes', {
    programmeId: programme, code: 'GSE', title: { en: 'Greater Stakeholder Engagement at the local level', ru: 'Расширение участия заинтересованных сторон на местном уровне' },
    donorOrgId: eu, leadOrgId: lead, contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90', fstpPerRecipientCap: eur('60000'),
  }, 201);
  const line = (code: string, kind: string, title: string, major: string) => ({ code, kind, title, amount: eur(major) });
  await post(`/programmes/${programme}/budget`, {
    total: eur('500000'), euContribution: eur('450000'),
    lines: [line('1', 'HR', 'Human resources', '225000'), line('2', 'SERVICES', 'Trainings and publications', '188000'), line('3', 'FSTP', 'Financial support to third parties', '52000'), line('4', 'INDIRECT', 'Indirect costs', '35000')],
  });
  await post(`/programmes/${programme}/pilot-units`, { unitId: ids.okrug });
  await post(`/programmes/${programme}/outgoing-commitments`, { transactionId: randomUUID(), transactionDate: '2018-10-10', amount: eur('2400'), budgetLineCode: '3', recipientId: randomUUID(), unitId: ids.okrug, description: 'Sub-grant in the okrug' });
  await post(`/programmes/${programme}/expenditures`, { transactionId: randomUUID(), transactionDate: '2018-10-10', amount: eur('18500'), budgetLineCode: '1', description: 'Staff' });

  const call = randomUUID();
  await post('/grant-calls', {
    callId: call, programmeId: programme, reference: 'GSE-2018-1', title: { en: 'Support for local entrepreneurship', ru: 'Поддержка местного предпринимательства', kk: 'Жергілікті кәсіпкерлікті қолдау' },
    fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('500000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
    eligibleUnitIds: [ids.okrug, ids.village], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'SMALL_BUSINESS'],
    criteria: [{ criterionId: 'relevance', title: 'Relevance', weight: 60 }, { criterionId: 'feasibility', title: 'Feasibility', weight: 40 }],
    openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 },
  }, 201);
  on('2018-10-16T09:00:00.000Z');
  await post(`/grant-calls/${call}/publication`);
  on('2018-10-20T09:00:00.000Z');
  const application = randomUUID();
  const applicant = { applicantId: randomUUID(), fullName: 'Portal Fixture Applicant', iin: demoIin(3), phone: '+7 701 000 00 03' };
  await post('/grant-applications', {
    applicationId: application, callId: call, applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: ids.village, projectTitle: 'Mini dairy',
    budget: { total: kzt('1000000'), requested: kzt('850000'), ownContribution: kzt('150000') }, ...applicant,
  }, 201);
  personalValues.push(applicant.applicantId, applicant.fullName, applicant.iin, applicant.phone);
  on('2018-11-10T09:00:00.000Z');
  await post(`/grant-calls/${call}/closure`);
  // Eligibility, declarations of no conflict by the committee, three scores, assessment, then the award.
  on('2018-11-15T09:00:00.000Z');
  const members = ['member-1', 'member-2', 'member-3', 'member-4', 'member-5'];
  await post(`/grant-applications/${application}/eligibility`, { eligible: true });
  for (const evaluatorId of members) await post(`/grant-applications/${application}/conflict-declarations`, { evaluatorId, hasConflict: false });
  for (const evaluatorId of members.slice(0, 3)) {
    await post(`/grant-applications/${application}/scores`, { evaluatorId, criterionScores: [{ criterionId: 'relevance', score: 80 }, { criterionId: 'feasibility', score: 70 }] });
  }
  await post(`/grant-applications/${application}/assessment`);
  on('2018-11-22T12:00:00.000Z');
  await post(`/grant-calls/${call}/award-decisions`, { sessionId: randomUUID(), sessionDate: '2018-11-22', memberIds: members, awards: [{ applicationId: application, amount: kzt('850000') }] });

  const meeting = randomUUID();
  const hostileTitle = 'Lighting <b>&</b> "water" for the aul';
  await post('/meetings', { meetingId: meeting, meetingType: 'PROBLEM_DISCUSSION', territoryUnitId: ids.village, title: hostileTitle, convenor: 'Akim of the aul', venue: 'School hall', scheduledFor: '2018-12-10T15:00:00+06:00' }, 201);
  await post(`/meetings/${meeting}/notice`, { publishedOn: '2018-11-22', channel: 'Akimat notice board' });
  const item = randomUUID();
  await post(`/meetings/${meeting}/agenda-items`, { itemId: item, title: 'Problems of the aul', kind: 'DISCUSSION' });
  on('2018-12-10T09:00:00.000Z');
  await post(`/meetings/${meeting}/opening`, { registeredCount: 2 });
  await post(`/meetings/${meeting}/attendance`, { attendance: { total: 2, bySex: { female: 1, male: 1 }, byAgeBand: { UNDER_18: 0, AGE_18_29: 0, AGE_30_44: 1, AGE_45_59: 1, AGE_60_PLUS: 0 } } });
  await post(`/meetings/${meeting}/problems`, { problemId: randomUUID(), text: 'The streets are dark at night', category: 'INFRASTRUCTURE', itemId: item });
  await post(`/meetings/${meeting}/closure`);

  on('2018-12-12T04:00:00.000Z');
  const plan = randomUUID();
  await post('/plans', { planId: plan, territoryUnitId: ids.village, programmeId: programme, period: '2019-2021', vision: 'A lit and green aul' }, 201);
  const problemId = randomUUID();
  await post(`/plans/${plan}/problems`, { problemId, title: 'The streets are dark at night', category: 'INFRASTRUCTURE', discussionId: meeting });
  const lighting = randomUUID();
  const green = randomUUID();
  await post(`/plans/${plan}/priorities`, {
    priorities: [
      { priorityId: lighting, title: 'Street lighting', sector: 'INFRASTRUCTURE', problemIds: [problemId] },
      { priorityId: green, title: 'Green spaces', sector: 'ENVIRONMENT', problemIds: [] },
    ],
  });
  const content = (priorityId: string, title: string, cost: string, sources: Array<[string, string]>) => ({
    priorityId, title, cost: kzt(cost), fundingSources: sources.map(([source, amount]) => ({ source, amount: kzt(amount), status: 'COMMITTED' })),
    responsibleParty: 'Aul akimat', start: '2019-09-01', end: '2020-10-31', indicators: [{ name: title, unit: 'items', baseline: '0', target: '1' }],
  });
  const lamps = randomUUID();
  await post(`/plans/${plan}/actions`, { actionId: lamps, ...content(lighting, 'Install 80 LED street lamps', '4000000', [['LOCAL_BUDGET', '1500000'], ['AUYL_EL_BESIGI', '2500000']]) });
  await post(`/plans/${plan}/actions`, { actionId: randomUUID(), ...content(green, 'Plant 200 trees', '300000', [['COMMUNITY', '300000']]) });
  await post(`/plans/${plan}/submission`);
  on('2018-12-20T04:00:00.000Z');
  await post(`/plans/${plan}/return-to-draft`, { reason: 'Residents asked for a playground and cheaper lamps' });
  await post(`/plans/${plan}/actions/${lamps}/revision`, content(lighting, 'Install 80 LED street lamps', '3600000', [['LOCAL_BUDGET', '1100000'], ['AUYL_EL_BESIGI', '2500000']]));
  await post(`/plans/${plan}/actions`, { actionId: randomUUID(), ...content(green, 'Build a playground', '200000', [['EU_PROJECT', '200000']]) });
  await post(`/plans/${plan}/submission`);

  return { ...ids, programme, call, application, meeting, plan, hostileTitle, personalValues, position };
}
