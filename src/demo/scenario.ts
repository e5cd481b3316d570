import { withControlDigit } from '../privacy/iin.js';
import { agreementsScenario } from './agreements.js';
import { Prng, demoId } from './deterministic.js';
import { DISTRICTS, FEMALE_NAMES, MALE_NAMES, PILOT_UNITS, type PilotUnit, REGIONS, SURNAMES, VILLAGE_NAMES } from './territory-data.js';

/** What the scenario needs from its host: send a command, set business time, and wait for projections and reactors. */
export type ScenarioPort = {
  /** Sends a command (POST) as the demo administrator; throws on anything but 2xx. Returns the JSON answer. */
  post(path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Reads a JSON document (GET) as the demo administrator. */
  get(path: string): Promise<any>;
  /** Moves the business clock (every following command happens at this instant). */
  at(iso: string): void;
  /** Waits until every projection and reactor has applied the whole log, twice (reactions of reactions). */
  settle(): Promise<void>;
  /**
   * Runs `work`, a long run of commands that read no projection and trigger no reactor, with the projections and
   * reactors woken every few hundred appends rather than after each command; then settles. The log is the same.
   */
  quietly(work: () => Promise<void>): Promise<void>;
  /** Reports progress: `done` of `total` steps. */
  progress(done: number, label: string): void;
};

/** Roughly how many steps (`progress` calls) the scenario makes; the bar's total. */
export const SCENARIO_STEPS = 100;

/** The fixed seed of the scenario's pseudo-random choices. */
export const SCENARIO_SEED = 20_170_201;

const kzt = (major: number | bigint) => ({ amountMinor: (BigInt(major) * 100n).toString(), currency: 'KZT' });
const eurMinor = (minor: bigint) => ({ amountMinor: minor.toString(), currency: 'EUR' });
const eur = (major: number) => eurMinor(BigInt(major) * 100n);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** 09:00 local time in Almaty (UTC+6) or Aktau (UTC+5), plus minutes, as UTC. */
const localTime = (date: string, unit: PilotUnit | null, minutes = 0) => {
  const offset = unit?.programme === 'ABD' ? 5 : 6;
  return new Date(Date.parse(`${date}T09:00:00Z`) - offset * 3_600_000 + minutes * 60_000).toISOString();
};
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A demo IIN: valid control digit, but birth-date digits in an impossible block (month 13 or more), so never a real person's. */
export const demoIin = (serial: number, birthYear: number, female: boolean): string => {
  const century = birthYear < 2000 ? (female ? 4 : 3) : female ? 6 : 5;
  for (let month = 13; month < 99; month++) {
    const iin = withControlDigit(`${pad(birthYear % 100)}${pad(month)}00${century}${pad(serial % 10_000, 4)}`);
    if (iin) return iin;
  }
  throw new Error(`No demo IIN for serial ${serial}`);
};

const PROBLEM_CATALOGUE: Array<[string, string, string]> = [
  ['Drinking water supply is unreliable', 'WATER', 'Drinking water supply'],
  ['Intra-village roads are broken and streets are dark', 'INFRASTRUCTURE', 'Intra-village roads and street lighting'],
  ['No place for culture and sport', 'SOCIAL', 'A house of culture or sports ground'],
  ['Young people leave for lack of work', 'ECONOMY', 'Youth employment'],
  ['Waste is dumped at the edge of the village', 'ENVIRONMENT', 'Waste collection'],
  ['Pastures are overgrazed and far away', 'AGRICULTURE', 'Pasture and livestock'],
  ['Too few kindergarten places', 'SOCIAL', 'Kindergarten places'],
  ['Camel milk is sold raw, below its value', 'ECONOMY', 'Camel milk (shubat) processing'],
  ['Visitors find no guest houses or guides', 'ECONOMY', 'Tourism'],
];
const ACTION_TITLES: Record<string, string[]> = {
  WATER: ['Repair the water tower', 'Lay 2 km of water pipes', 'Install a water-treatment unit', 'Drill a new borehole'],
  INFRASTRUCTURE: ['Install LED street lamps', 'Grade and gravel the main street', 'Repair the bridge over the stream', 'Build pavements near the school'],
  SOCIAL: ['Renovate the house of culture', 'Build a sports ground', 'Open a kindergarten group', 'Equip the library'],
  ECONOMY: ['Train young people in trades', 'Open a business advice desk', 'Set up a processing point', 'Mark a tourist trail'],
  ENVIRONMENT: ['Buy waste containers', 'Organise weekly waste collection', 'Close the illegal dump', 'Plant a shelter belt'],
  AGRICULTURE: ['Restore a pasture well', 'Rotate pastures', 'Build a cattle crossing', 'Vaccinate livestock'],
};
/** Funding-source mix by cost (DOMAIN.md 6.4), in percent. */
const FUNDING_MIX: Array<[string, number]> = [
  ['LOCAL_BUDGET', 20], ['DISTRICT_BUDGET', 25], ['AUYL_EL_BESIGI', 15], ['NURLY_ZHOL', 10], ['EU_PROJECT', 10], ['COMMUNITY', 5], ['SPONSOR', 5], ['OTHER', 10],
];
const SECTORS = ['dairy and cheese', 'bakery', 'sewing atelier', 'greenhouse vegetables', 'beekeeping', 'car repair', 'welding', 'hairdresser', 'feed mill', 'handicrafts (felt, syrmak)'];

const CRITERIA = [
  { criterionId: 'relevance', title: 'Relevance to the village plan priorities', weight: 20 },
  { criterionId: 'feasibility', title: 'Feasibility and business-plan quality', weight: 25 },
  { criterionId: 'jobs', title: 'Jobs, especially women and youth', weight: 20 },
  { criterionId: 'market', title: 'Market and sustainability', weight: 15 },
  { criterionId: 'budget', title: 'Budget realism and own contribution', weight: 10 },
  { criterionId: 'innovation', title: 'Innovation or social benefit', weight: 10 },
];

/** The four calls of DOMAIN.md 6.5; `cohorts` split applications and awards by region where the seed does. */
const CALLS = [
  { ref: 'GSE-2018-1', programme: 'GSE', announced: '2018-10-16', deadline: '2018-11-09', committee: '2018-11-22', fund: 12_000_000, apps: 31, awards: 12 },
  { ref: 'ABD-2018-1', programme: 'ABD', announced: '2018-09-03', deadline: '2018-10-01', committee: '2018-10-20', fund: 6_000_000, apps: 19, awards: 6 },
  { ref: 'GSE-2019-2', programme: 'GSE', announced: '2019-04-15', deadline: '2019-05-17', committee: '2019-06-05', fund: 9_000_000, apps: 26, awards: 9 },
  { ref: 'ABD-2019-2', programme: 'ABD', announced: '2019-05-06', deadline: '2019-06-07', committee: '2019-06-25', fund: 5_500_000, apps: 15, awards: 6 },
] as const;

/** The six recommendations of DOMAIN.md 6.6 and the authority's responses. */
const RECOMMENDATIONS: Array<{ theme: string; text: string; response: string }> = [
  { theme: 'COMMUNITY_PARTICIPATION', response: 'PARTIALLY_ACCEPTED', text: 'Make the meeting of the local community’s agreement on 4th-level budget priorities binding, with a published record of how each priority was handled.' },
  { theme: 'LOCAL_BUDGET_FORMULATION', response: 'ACCEPTED', text: 'Require an inclusive village development plan as the basis for 4th-level budget requests and for Auyl–El Besigi project selection.' },
  { theme: 'FISCAL_DECENTRALISATION', response: 'NO_RESPONSE', text: 'Widen the own revenue base of rural okrugs (land and property taxes) and make district subventions formula-based.' },
  { theme: 'AKIM_AND_COMMUNITY_COMPETENCIES', response: 'PARTIALLY_ACCEPTED', text: 'Set out the competencies of rural akims vs district akimats, and what the local community decides vs what it advises on.' },
  { theme: 'LOCAL_SELF_GOVERNANCE', response: 'NO_RESPONSE', text: 'Publish rural budgets, execution reports and minutes in plain language (the open-data and feed approach of this system).' },
  { theme: 'LOCAL_BUDGET_FORMULATION', response: 'NO_RESPONSE', text: 'Fund small grants for rural entrepreneurs through state programmes, tied to plan priorities, with women and youth quotas.' },
];

type Unit = PilotUnit & { unitId: string; population: number; residents: string[]; adultIds: string[]; adults: number; rollId?: string };
type PlanState = { planId: string; version: number; actions: Array<{ actionId: string; priorityId: string; title: string; cost: number; sources: Array<[string, number]> }>; priorities: string[] };

/**
 * The seed's pilot programme, issued command by command through the API (DOMAIN.md 6): organisations, territory and
 * residents, the two programmes with their budgets and ledger, problem discussions, focus groups, rolls, votes and
 * hearings, 23 plans with amendments (one conflicted and rebased), four grant calls with 91 applications and 33
 * awards, dialogue platforms, the closing conference, six recommendations with responses, and one erasure.
 * Every id is a UUIDv5 of a fixed name, every choice comes from a PRNG with a fixed seed, and business time follows
 * the 2017–2020 timeline.
 */
export async function runScenario(api: ScenarioPort, options: { residentsPerUnit?: [number, number] } = {}): Promise<void> {
  const rng = new Prng(SCENARIO_SEED);
  let step = 0;
  const tick = (label: string) => api.progress(++step, label);
  const post = api.post;

  // --- Organisations (6.1) ---------------------------------------------------------------------------------------
  api.at('2017-01-16T04:00:00.000Z');
  const org = (key: string) => demoId(`organisation:${key}`);
  const organisations: Array<[string, string, string, string, string, string?]> = [
    ['eu', 'European Union (Delegation to Kazakhstan)', 'XI-IATI-EC_DEVCO', '40', 'KZ'],
    ['argo', 'ARGO Civil Society Development Association', 'KZ-BIN-990140000017', '22', 'KZ'],
    ['flgr', 'Foundation for Local Government Reform (Sofia)', 'BG-EIK-000000017', '21', 'BG'],
    ['clsd', 'Centre for Local Self-Governance Development (East Kazakhstan)', 'KZ-BIN-990140000025', '22', 'KZ'],
    ['ecocenter', 'Karaganda Regional Ecological Centre "ECOCENTER"', 'KZ-BIN-990140000033', '22', 'KZ'],
    ['akimat-nura', 'Akimat of Nura district', 'KZ-BIN-990240000011', '11', 'KZ'],
    ['akimat-shemonaikha', 'Akimat of Shemonaikha district', 'KZ-BIN-990240000029', '11', 'KZ'],
    ['akimat-glubokoe', 'Akimat of Glubokoe district', 'KZ-BIN-990240000037', '11', 'KZ'],
    ['maslikhat-karaganda', 'Karaganda oblast maslikhat', 'KZ-BIN-990240000045', '11', 'KZ'],
    ['camo', 'Civil Alliance of Mangistau Oblast', 'KZ-BIN-990140000041', '22', 'KZ'],
    ['akimat-munaily', 'Akimat of Munaily district', 'KZ-BIN-990240000053', '11', 'KZ'],
    ['akimat-tupkaragan', 'Akimat of Tupkaragan district', 'KZ-BIN-990240000061', '11', 'KZ'],
    ['akimat-mangystau', 'Akimat of Mangystau region', 'KZ-BIN-990240000079', '11', 'KZ'],
    ['mne', 'Ministry of National Economy of the Republic of Kazakhstan', 'KZ-BIN-990240000087', '10', 'KZ'],
  ];
  for (const [key, en, orgIdentifier, iatiOrgType, country] of organisations) {
    await post('/organisations', { organisationId: org(key), name: { en }, orgIdentifier, iatiOrgType, country });
  }
  tick('organisations');

  // --- Territory (6.3) ---------------------------------------------------------------------------------------------
  const unitId = (key: string) => demoId(`unit:${key}`);
  const registerUnit = async (key: string, level: string, parentId: string | null, ru: string, en: string, kato: string | null) => {
    await post('/units', { unitId: unitId(key), level, parentId, names: { ru, en }, effectiveFrom: '2017-01-01' });
    if (kato) await post(`/units/${unitId(key)}/kato-codes`, { code: kato, classifierVersion: 'KATO-2019', validFrom: '2017-01-01' });
  };
  for (const r of REGIONS) await registerUnit(r.key, 'REGION', null, r.ru, r.en, r.kato);
  for (const d of DISTRICTS) await registerUnit(d.key, 'DISTRICT', unitId(d.region), d.ru, d.en, d.kato);
  const units: Unit[] = [];
  let villageIndex = 0;
  for (const p of PILOT_UNITS) {
    await registerUnit(p.key, p.level, unitId(p.district), p.ru, p.en, p.kato);
    const population = p.level === 'TOWNSHIP' || p.level === 'TOWN_DISTRICT' ? rng.int(4000, 9000) : p.level === 'RURAL_OKRUG' ? rng.int(1200, 4500) : rng.int(300, 3000);
    await post(`/units/${unitId(p.key)}/population`, { year: 2017, count: population });
    if (p.level === 'RURAL_OKRUG') {
      for (let v = rng.int(1, 3); v > 0; v--) {
        const [kk, en] = VILLAGE_NAMES[villageIndex++ % VILLAGE_NAMES.length]!;
        const key = `${p.key}/village-${v}`;
        await post('/units', { unitId: unitId(key), level: 'VILLAGE', parentId: unitId(p.key), names: { kk, en }, effectiveFrom: '2017-01-01' });
        await post(`/units/${unitId(key)}/population`, { year: 2017, count: rng.int(300, 1500) });
      }
    }
    units.push({ ...p, unitId: unitId(p.key), population, residents: [], adultIds: [], adults: 0 });
  }
  // Re-coding: the East Kazakhstan units also get their codes under the KATO-2023 classifier version.
  for (const p of PILOT_UNITS.filter((u) => u.district === 'glubokoe' || u.district === 'shemonaikha')) {
    await post(`/units/${unitId(p.key)}/kato-codes`, { code: p.kato, classifierVersion: 'KATO-2023', validFrom: '2023-01-01' });
  }
  tick('territory');

  // --- Residents (~300 per pilot unit, ~68% adults) ---------------------------------------------------------------
  api.at('2017-03-01T04:00:00.000Z');
  let serial = 0;
  // Registrations read no projection and trigger no reactor: the projections follow in batches meanwhile.
  await api.quietly(async () => {
    for (const u of units) {
      const [min, max] = options.residentsPerUnit ?? [290, 318];
      const count = rng.int(min, max);
      for (let i = 0; i < count; i++) {
        serial++;
        const female = rng.chance(0.52);
        const adult = rng.chance(0.68);
        const birthYear = adult ? rng.int(1940, 1994) : rng.int(2002, 2012);
        const residentId = demoId(`resident:${serial}`);
        const first = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
        const surname = rng.pick(SURNAMES);
        await post('/residents', {
          residentId, settlementId: u.unitId, sex: female ? 'female' : 'male', fullName: `${first} ${female && /[вн]$/.test(surname) ? `${surname}а` : surname}`,
          iin: demoIin(serial, birthYear, female), birthDate: day(birthYear, rng.int(1, 12), rng.int(1, 28)),
        });
        u.residents.push(residentId);
        if (adult) u.adultIds.push(residentId);
      }
      tick(`residents of ${u.en}`);
    }
  });

  // --- Programmes, budgets and the ledger (6.2) -------------------------------------------------------------------
  const programme = (code: 'GSE' | 'ABD') => demoId(`programme:${code}`);
  const programmes = [
    { code: 'GSE' as const, title: 'Greater Stakeholder Engagement at the local level in East and Central Kazakhstan', lead: 'argo', contractRef: 'CSO-LA/2016/GSE',
      start: '2017-02-01', end: '2020-01-31', total: 500_000, eu: 450_000, fstp: 52_000, cap: '90', partners: ['flgr', 'clsd', 'ecocenter', 'akimat-nura', 'akimat-shemonaikha', 'akimat-glubokoe', 'maslikhat-karaganda'] },
    { code: 'ABD' as const, title: 'Accountable Budgets and Development in Mangystau', lead: 'camo', contractRef: 'CSO-LA/2016/ABD',
      start: '2017-03-01', end: '2020-02-29', total: 428_412, eu: 382_570, fstp: 28_000, cap: '90', partners: ['akimat-munaily', 'akimat-tupkaragan', 'akimat-mangystau'] },
  ];
  const budgetLines = (total: number, fstp: number, travelShift = 0n) => {
    const t = BigInt(total) * 100n;
    const pct = (p: bigint) => (t * p) / 100n;
    const fixed: Array<[string, string, string, bigint]> = [
      ['HR', 'Human resources', 'HR', pct(45n)],
      ['TRAVEL', 'Travel', 'TRAVEL', pct(7n) - travelShift],
      ['EQUIP', 'Equipment', 'EQUIPMENT', pct(4n)],
      ['OFFICE', 'Local office', 'LOCAL_OFFICE', pct(5n)],
      ['INDIRECT', 'Indirect costs', 'INDIRECT', pct(7n)],
      ['FSTP', 'Financial support to third parties', 'FSTP', BigInt(fstp) * 100n],
    ];
    const services = t - fixed.reduce((s, l) => s + l[3], 0n);
    return [...fixed, ['SERVICES', 'Trainings, facilitation, publications, conferences', 'SERVICES', services] as [string, string, string, bigint]].map(([code, title, kind, amount]) => ({
      code, title, kind, amount: eurMinor(amount),
    }));
  };
  for (const p of programmes) {
    api.at(localTime(p.start, null));
    const programmeId = programme(p.code);
    await post('/programmes', {
      programmeId, code: p.code, title: { en: p.title }, donorOrgId: org('eu'), leadOrgId: org(p.lead), contractRef: p.contractRef, currency: 'EUR',
      period: { start: p.start, end: p.end }, maxEuSharePct: p.cap, fstpPerRecipientCap: eur(3000),
    });
    await post(`/programmes/${programmeId}/partners`, { orgId: org('eu'), role: 'FUNDING' });
    await post(`/programmes/${programmeId}/partners`, { orgId: org('eu'), role: 'EXTENDING' });
    await post(`/programmes/${programmeId}/partners`, { orgId: org(p.lead), role: 'ACCOUNTABLE' });
    await post(`/programmes/${programmeId}/partners`, { orgId: org(p.lead), role: 'IMPLEMENTING' });
    for (const partner of p.partners) await post(`/programmes/${programmeId}/partners`, { orgId: org(partner), role: 'IMPLEMENTING' });
    await post(`/programmes/${programmeId}/budget`, { total: eur(p.total), euContribution: eur(p.eu), lines: budgetLines(p.total, p.fstp) });
    for (const u of units.filter((x) => x.programme === p.code)) await post(`/programmes/${programmeId}/pilot-units`, { unitId: u.unitId });
    await post(`/programmes/${programmeId}/status`, { status: 'IMPLEMENTATION', reason: 'Grant contract signed; the action starts' });
    await post(`/programmes/${programmeId}/incoming-commitments`, {
      transactionId: demoId(`transaction:${p.code}:eu-commitment`), transactionDate: p.start, amount: eur(p.eu), providerOrgId: org('eu'), description: 'EU grant contract',
    });
    // EU instalments: 40% pre-financing at signature, 40% after the interim report (2018), the balance after the final report (2020).
    const instalments: Array<[string, number]> = [[p.start, Math.round(p.eu * 0.4)], [p.code === 'GSE' ? '2018-03-15' : '2018-04-16', Math.round(p.eu * 0.4)]];
    for (const [i, [date, amount]] of instalments.entries()) {
      api.at(localTime(date, null));
      await post(`/programmes/${programmeId}/incoming-funds`, {
        transactionId: demoId(`transaction:${p.code}:eu-instalment-${i + 1}`), transactionDate: date, amount: eur(amount), providerOrgId: org('eu'), description: `EU instalment ${i + 1}`,
      });
    }
    // Expenditures per quarter on the running lines, and the partners' co-financing.
    for (let q = 0; q < 10; q++) {
      const date = addDays(p.start, 45 + q * 91);
      api.at(localTime(date, null));
      for (const [line, share] of [['HR', 0.04], ['TRAVEL', 0.006], ['OFFICE', 0.004], ['SERVICES', 0.01]] as const) {
        await post(`/programmes/${programmeId}/expenditures`, {
          transactionId: demoId(`transaction:${p.code}:expenditure:${q}:${line}`), transactionDate: date, amount: eur(Math.round(p.total * share)), budgetLineCode: line,
          description: `${line} costs, quarter ${q + 1}`,
        });
      }
    }
    api.at(localTime(addDays(p.start, 400), null));
    await post(`/programmes/${programmeId}/co-financing`, {
      contributionId: demoId(`contribution:${p.code}:own`), source: 'OWN_RESOURCES', contributionDate: addDays(p.start, 400), amount: eur(p.total - p.eu), description: 'Co-financing of the lead and partners',
    });
    tick(`programme ${p.code}`);
  }

  // --- Engagement helpers -----------------------------------------------------------------------------------------
  const attendance = (total: number) => {
    const female = Math.round(total * (0.4 + rng.next() * 0.2));
    const youth = Math.round(total * (0.15 + rng.next() * 0.15));
    const a45 = Math.round((total - youth) * 0.35);
    const a60 = Math.round((total - youth) * 0.2);
    return { total, bySex: { female, male: total - female }, byAgeBand: { UNDER_18: 0, AGE_18_29: youth, AGE_30_44: total - youth - a45 - a60, AGE_45_59: a45, AGE_60_PLUS: a60 } };
  };
  /** Schedules, announces and opens a meeting on `date` (notice `noticeDays` before), with its agenda; returns the ids. */
  const meeting = async (
    key: string, type: string, unit: { unitId: string; en: string; programme?: 'GSE' | 'ABD' } | Unit, date: string, title: string, registered: number,
    items: Array<{ key: string; title: string; kind: 'DISCUSSION' | 'DECISION'; subjectRef?: string }>, options: { noticeDays?: number; rollId?: string; venue?: string } = {},
  ) => {
    if (options.rollId && 'adults' in unit) registered = Math.min(registered, unit.adults);
    const meetingId = demoId(`meeting:${key}`);
    const pilot = 'kato' in unit ? (unit as Unit) : null;
    const noticeOn = addDays(date, -(options.noticeDays ?? 12));
    api.at(localTime(noticeOn, pilot));
    await post('/meetings', {
      meetingId, meetingType: type, territoryUnitId: unit.unitId, title, convenor: `Akim of ${unit.en}`, venue: options.venue ?? 'House of Culture', scheduledFor: localTime(date, pilot, 360),
    });
    await post(`/meetings/${meetingId}/notice`, { publishedOn: noticeOn, channel: 'Akimat notice board and website' });
    const itemIds: Record<string, string> = {};
    for (const item of items) {
      itemIds[item.key] = demoId(`meeting:${key}:item:${item.key}`);
      await post(`/meetings/${meetingId}/agenda-items`, { itemId: itemIds[item.key], title: item.title, kind: item.kind, ...(item.subjectRef ? { subjectRef: item.subjectRef } : {}) });
    }
    api.at(localTime(date, pilot, 360));
    await post(`/meetings/${meetingId}/opening`, { registeredCount: registered, ...(options.rollId ? { rollId: options.rollId } : {}) });
    await post(`/meetings/${meetingId}/attendance`, { attendance: attendance(registered) });
    return { meetingId, itemIds };
  };
  const close = async (meetingId: string) => {
    await post(`/meetings/${meetingId}/closure`, { reason: 'Agenda exhausted' });
  };

  /** Opens a hand-count vote, records the count, closes, tallies and certifies it; settles the reactors. */
  const handVote = async (key: string, unit: Unit, subject: { type: string; ref: string; contentHash: string }, count: { for: number; against: number; abstain: number; present: number }, extra: Record<string, unknown> = {}) => {
    const voteId = demoId(`vote:${key}`);
    if (count.present > unit.adults) {
      // Small test runs: scale the count down to the roll.
      const f = unit.adults / count.present;
      const against = Math.floor(count.against * f);
      const abstain = Math.floor(count.abstain * f);
      count = { for: Math.max(0, unit.adults - against - abstain), against, abstain, present: unit.adults };
    }
    await post('/votes', { voteId, subject, options: ['FOR', 'AGAINST', 'ABSTAIN'], method: 'OPEN_HAND_COUNT', territoryUnitId: unit.unitId, rollId: unit.rollId, policy: 'GATHERING', ...extra });
    await post(`/votes/${voteId}/hand-count`, count);
    await post(`/votes/${voteId}/closing`);
    await post(`/votes/${voteId}/tally`);
    await post(`/votes/${voteId}/certification`);
    await api.settle();
    return voteId;
  };
  const hash = (text: string) => {
    let h = 0n;
    for (const c of text) h = (h * 131n + BigInt(c.codePointAt(0)!)) % (1n << 256n);
    return h.toString(16).padStart(64, '0').slice(-64);
  };
  /** A count adopted by those present (for ≥ 70%). */
  const adopted = (present: number) => {
    const against = Math.floor(present * 0.1);
    const abstain = Math.floor(present * 0.08);
    return { for: present - against - abstain, against, abstain, present };
  };

  // --- Rolls: one frozen roll per pilot unit, cut off at the end of 2017 ------------------------------------------
  await api.settle();
  api.at('2017-06-01T04:00:00.000Z');
  for (const u of units) {
    u.rollId = demoId(`roll:${u.key}:2017`);
    await post('/rolls', { rollId: u.rollId, scopeUnitId: u.unitId, cutoffDate: '2017-06-01' });
    await post(`/rolls/${u.rollId}/freeze`);
  }
  await api.settle();
  for (const u of units) u.adults = (await api.get(`/rolls/${u.rollId}`)).size as number;
  tick('eligibility rolls');

  // --- 23 problem discussions (2017 Q3–Q4) and the priority votes -------------------------------------------------
  const problemsOf = new Map<string, Array<{ problemId: string; text: string; category: string; priority: string; discussionId: string }>>();
  for (const [i, u] of units.entries()) {
    const date = addDays('2017-07-03', i * 6);
    const itemKey = 'problems';
    const { meetingId, itemIds } = await meeting(`${u.key}:problem-discussion`, 'PROBLEM_DISCUSSION', u, date, `Problems of ${u.en}: what the aul needs most`, rng.int(25, 120), [
      { key: itemKey, title: 'Problems of the aul', kind: 'DISCUSSION' },
    ], { noticeDays: 5, venue: 'School hall' });
    const catalogue = PROBLEM_CATALOGUE.filter(([, category, title]) => category !== 'ECONOMY' || u.programme === 'ABD' || !/shubat|Tourism/.test(title)).filter(
      ([, , title]) => !(/shubat/.test(title) && u.programme !== 'ABD') && !(/Tourism/.test(title) && !['fort-shevchenko', 'bautino'].includes(u.key)),
    );
    const chosen = [...catalogue].sort(() => rng.next() - 0.5).slice(0, rng.int(4, 6));
    const problems = [];
    for (const [j, [text, category, priority]] of chosen.entries()) {
      const problemId = demoId(`problem:${u.key}:${j}`);
      await post(`/meetings/${meetingId}/problems`, { problemId, text, category, itemId: itemIds[itemKey] });
      problems.push({ problemId, text, category, priority, discussionId: meetingId });
    }
    problemsOf.set(u.key, problems);
    await close(meetingId);
  }
  tick('problem discussions');

  // --- 12 focus groups for women and youth ------------------------------------------------------------------------
  for (let i = 0; i < 12; i++) {
    const u = units[(i * 2) % units.length]!;
    const who = i % 2 === 0 ? 'women' : 'young people';
    const { meetingId } = await meeting(`${u.key}:focus-group-${i}`, 'FOCUS_GROUP', u, addDays('2017-10-02', i * 5), `Focus group of ${who} of ${u.en}`, rng.int(12, 30), [
      { key: 'needs', title: `Needs of ${who}`, kind: 'DISCUSSION' },
    ], { noticeDays: 5, venue: 'Library' });
    await close(meetingId);
  }
  tick('focus groups');

  // --- 23 plans: drafted, problems, priorities (voted by hand count), actions, submitted -------------------------
  const plans = new Map<string, PlanState>();
  let priorityVoteAnnulled = false;
  for (const [i, u] of units.entries()) {
    const planId = demoId(`plan:${u.key}`);
    const date = addDays('2017-12-04', i * 2);
    api.at(localTime(date, u));
    await post('/plans', { planId, territoryUnitId: u.unitId, programmeId: programme(u.programme), period: '2018-2020', vision: `${u.en}: a clean, safe aul with work for its young people` });
    const problems = problemsOf.get(u.key)!;
    for (const p of problems) await post(`/plans/${planId}/problems`, { problemId: p.problemId, title: p.text, category: p.category, discussionId: p.discussionId });
    const priorities = problems.map((p, j) => ({ priorityId: demoId(`priority:${u.key}:${j}`), title: p.priority, sector: p.category, problemIds: [p.problemId] }));
    // The ranking is voted by hand count (present: 15–25% of the roll).
    const present = Math.max(Math.ceil(u.adults * 0.1) + 2, Math.round(u.adults * (0.15 + rng.next() * 0.1)));
    const rankingHash = hash(JSON.stringify(priorities.map((p) => p.priorityId)));
    let priorityVote = await handVote(`${u.key}:priorities`, u, { type: 'PRIORITIES', ref: planId, contentHash: rankingHash }, adopted(present));
    if (!priorityVoteAnnulled) {
      // One vote is annulled (taken on the wrong roll) and re-run.
      priorityVoteAnnulled = true;
      await post(`/votes/${priorityVote}/annulment`, { reason: 'Taken on the wrong roll: the roll of the previous year had been announced' });
      await api.settle();
      priorityVote = await handVote(`${u.key}:priorities:rerun`, u, { type: 'PRIORITIES', ref: planId, contentHash: rankingHash }, adopted(present + 3), { rerunOf: priorityVote });
    }
    await post(`/plans/${planId}/priorities`, { priorities, voteId: priorityVote });
    const actions: PlanState['actions'] = [];
    const actionCount = rng.int(6, 12);
    for (let a = 0; a < actionCount; a++) {
      const priority = priorities[a % priorities.length]!;
      const titles = ACTION_TITLES[priority.sector] ?? ACTION_TITLES.ECONOMY!;
      const cost = rng.int(20, 400) * 100_000;
      const sources = fundingMix(cost, rng, u);
      const action = { actionId: demoId(`action:${u.key}:${a}`), priorityId: priority.priorityId, title: `${titles[a % titles.length]!} (${u.en})`, cost, sources };
      await post(`/plans/${planId}/actions`, actionBody(action));
      actions.push(action);
    }
    await post(`/plans/${planId}/submission`);
    plans.set(u.key, { planId, version: 1, actions, priorities: priorities.map((p) => p.priorityId) });
  }
  tick('plans drafted');

  // --- 23 public hearings approving the plans (2018 Q1–Q2); one first attempt without quorum ----------------------
  for (const [i, u] of units.entries()) {
    const plan = plans.get(u.key)!;
    const contentHash = (await api.get(`/plans/${plan.planId}`)).submittedContentHash as string;
    const date = addDays('2018-02-05', i * 4);
    const { meetingId, itemIds } = await meeting(`${u.key}:plan-approval`, 'PUBLIC_HEARING', u, date, `Approval of the development plan of ${u.en} for 2018-2020`, rng.int(40, 120), [
      { key: 'plan', title: 'Approval of the development plan 2018-2020', kind: 'DECISION', subjectRef: `plan:${plan.planId}` },
    ], { rollId: u.rollId });
    const subject = { type: 'PLAN', ref: plan.planId, contentHash };
    const quorum = Math.ceil(u.adults * 0.1);
    if (i === 7) await handVote(`${u.key}:plan-approval:first`, u, subject, adopted(Math.max(0, quorum - 4)));
    const voteId = await handVote(`${u.key}:plan-approval`, u, subject, adopted(quorum + rng.int(10, 40)));
    await post(`/meetings/${meetingId}/decisions`, { itemId: itemIds.plan, voteId, outcome: 'ADOPTED', text: 'The development plan 2018-2020 is approved' });
    await close(meetingId);
    await api.settle();
    api.at(localTime(addDays(date, 3), u));
    await post(`/plans/${plan.planId}/endorsement`, {});
    await post(`/plans/${plan.planId}/activation`);
  }
  tick('plans approved');

  // --- Roll-call votes in Batyr and Nura: the youth-project priority ----------------------------------------------
  for (const key of ['batyr', 'nura-township']) {
    const u = units.find((x) => x.key === key)!;
    const voteId = demoId(`vote:${key}:youth-project`);
    api.at(localTime('2018-06-20', u, 360));
    await post('/votes', {
      voteId, subject: { type: 'OTHER', ref: `youth-project:${key}`, contentHash: hash(`youth-project:${key}`) }, options: ['FOR', 'AGAINST', 'ABSTAIN'],
      method: 'OPEN_ROLL_CALL', territoryUnitId: u.unitId, rollId: u.rollId, policy: 'GATHERING',
    });
    // Everyone born in 1994 or before is on the roll (cut off in 2017): see ELIGIBILITY_POLICY.
    const roll = u.adultIds;
    const voters = roll.slice(0, Math.ceil(roll.length * 0.1) + 12);
    for (const [j, residentId] of voters.entries()) await post(`/votes/${voteId}/ballots`, { residentId, option: j % 5 === 4 ? 'AGAINST' : 'FOR' });
    await post(`/votes/${voteId}/closing`);
    await post(`/votes/${voteId}/tally`);
    await post(`/votes/${voteId}/certification`);
    await api.settle();
  }
  tick('roll-call votes');

  // --- Grants: 8 information sessions, 4 calls, 91 applications, scoring, 33 awards (6.5) --------------------------
  const infoSessions: Array<[string, string]> = [
    ['glubokoe-township', '2018-09-24'], ['nura-township', '2018-09-26'], ['mangistau', '2018-08-20'], ['fort-shevchenko', '2018-08-22'],
    ['belousovka', '2019-04-03'], ['izendy', '2019-04-05'], ['batyr', '2019-04-22'], ['bautino', '2019-04-24'],
  ];
  for (const [key, date] of infoSessions) {
    const u = units.find((x) => x.key === key)!;
    const { meetingId } = await meeting(`${key}:grant-info-${date}`, 'FOCUS_GROUP', u, date, `Information session on the small-grant competition in ${u.en}`, rng.int(25, 60), [
      { key: 'grants', title: 'How to apply for a small grant', kind: 'DISCUSSION' },
    ], { noticeDays: 7 });
    await close(meetingId);
  }
  tick('grant information sessions');

  const awardsOf: Array<{ applicationId: string; applicantId: string; amount: number; unit: Unit; callRef: string }> = [];
  for (const c of CALLS) {
    const callId = demoId(`call:${c.ref}`);
    const eligible = units.filter((u) => u.programme === c.programme);
    api.at(localTime(addDays(c.announced, -5), null));
    await post('/grant-calls', {
      callId, programmeId: programme(c.programme), reference: c.ref,
      title: { en: 'Competition for financial support for local entrepreneurship', ru: 'Конкурс на финансовую поддержку местного предпринимательства' },
      fund: kzt(c.fund), perRecipientCap: kzt(1_200_000), minAward: kzt(450_000), maxAward: kzt(1_200_000), ownContributionPct: { min: 10, max: 20 },
      eligibleUnitIds: eligible.map((u) => u.unitId), eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS', 'PEASANT_FARM'],
      criteria: CRITERIA, openingDate: c.announced, deadline: c.deadline, committee: { members: 5, quorum: 3 },
    });
    api.at(localTime(c.announced, null));
    await post(`/grant-calls/${callId}/publication`, {});
    // Award amounts that add up to the fund exactly: pairs around the mean, the remainder on the last one.
    const mean = Math.floor(c.fund / c.awards);
    const amounts: number[] = [];
    for (let k = 0; k < c.awards - 1; k += 2) {
      const d = rng.int(0, 8) * 10_000;
      amounts.push(mean + d, mean - d);
    }
    if (amounts.length > c.awards) amounts.length = c.awards;
    while (amounts.length < c.awards) amounts.push(mean);
    amounts[amounts.length - 1]! += c.fund - amounts.reduce((s, a) => s + a, 0);
    const applications = [];
    for (let k = 0; k < c.apps; k++) {
      const winner = k < c.awards;
      const u = eligible[(k * 7 + c.ref.length) % eligible.length]!;
      const requested = winner ? amounts[k]! : rng.int(45, 108) * 10_000;
      const own = requested > 1_000_000 ? Math.ceil(requested / 9) : Math.ceil((requested * 15) / 85);
      const applicationId = demoId(`application:${c.ref}:${k}`);
      const applicantId = demoId(`applicant:${c.ref}:${k}`);
      const female = rng.chance(0.45);
      const sector = c.programme === 'ABD' && k % 5 === 0 ? (u.key === 'bautino' ? 'fish smoking' : u.key === 'fort-shevchenko' ? 'guest house' : 'shubat (camel milk)') : rng.pick(SECTORS);
      api.at(localTime(addDays(c.announced, 3 + (k % 20)), u));
      await post('/grant-applications', {
        applicationId, callId, applicantId, applicantType: rng.pick(['INDIVIDUAL_ENTREPRENEUR', 'POTENTIAL_ENTREPRENEUR', 'SMALL_BUSINESS'] as const), territoryUnitId: u.unitId,
        projectTitle: `${sector[0]!.toUpperCase()}${sector.slice(1)} in ${u.en}`,
        budget: { total: kzt(requested + own), requested: kzt(requested), ownContribution: kzt(own) },
        fullName: `${rng.pick(female ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(SURNAMES)}`, iin: demoIin(9000 + awardsOf.length * 0 + k + CALLS.indexOf(c) * 100, rng.int(1965, 1998), female),
        phone: `+7 700 ${pad(rng.int(100, 999), 3)} ${pad(rng.int(10, 99))} ${pad(rng.int(10, 99))}`,
      });
      applications.push({ applicationId, applicantId, winner, u, requested });
    }
    api.at(localTime(addDays(c.deadline, 2), null));
    // Eligibility: every tenth losing application is out of scope.
    for (const [k, a] of applications.entries()) {
      if (!a.winner && k % 10 === 9) await post(`/grant-applications/${a.applicationId}/eligibility`, { eligible: false, reasons: ['The business plan is for an activity outside the pilot territory'] });
      else await post(`/grant-applications/${a.applicationId}/eligibility`, { eligible: true });
    }
    await post(`/grant-calls/${callId}/closure`, {});
    // Committee: every eligible application is declared on and scored by three members; in GSE-2019-2 one member
    // declares a family tie to an applicant in Izendy and is recused, and the other four score it.
    api.at(localTime(addDays(c.committee, -3), null));
    for (const [k, a] of applications.entries()) {
      if (!a.winner && k % 10 === 9) continue;
      const coi = c.ref === 'GSE-2019-2' && a.u.key === 'izendy' && !applications.slice(0, k).some((b) => b.u.key === 'izendy');
      const members = coi ? [1, 2, 3, 4, 5] : [1 + (k % 5), 1 + ((k + 1) % 5), 1 + ((k + 2) % 5)];
      for (const m of members) {
        const evaluatorId = `${c.ref}-member-${m}`;
        const conflict = coi && m === 3;
        await post(`/grant-applications/${a.applicationId}/conflict-declarations`, conflict ? { evaluatorId, hasConflict: true, nature: 'Family tie to the applicant' } : { evaluatorId, hasConflict: false });
        if (conflict) continue;
        const base = a.winner ? 78 + rng.int(0, 15) - Math.floor((k * 10) / c.awards) : 40 + rng.int(0, 25);
        await post(`/grant-applications/${a.applicationId}/scores`, { evaluatorId, criterionScores: CRITERIA.map((cr) => ({ criterionId: cr.criterionId, score: Math.max(0, Math.min(100, base + rng.int(-5, 5))) })) });
      }
      await post(`/grant-applications/${a.applicationId}/assessment`, {});
    }
    api.at(localTime(c.committee, null));
    const winners = applications.filter((a) => a.winner);
    const others = applications.filter((a, k) => !a.winner && k % 10 !== 9);
    // The session is decided by the five members, or by the four others where one was recused (GSE-2019-2).
    const memberIds = [1, 2, 3, 4, 5].filter((m) => !(c.ref === 'GSE-2019-2' && m === 3)).map((m) => `${c.ref}-member-${m}`);
    await post(`/grant-calls/${callId}/award-decisions`, {
      sessionId: demoId(`award-session:${c.ref}`), sessionDate: c.committee, memberIds,
      awards: winners.map((a) => ({ applicationId: a.applicationId, amount: kzt(a.requested) })),
      reserve: others.slice(0, 2).map((a) => ({ applicationId: a.applicationId })),
      rejected: others.slice(2).map((a) => ({ applicationId: a.applicationId, reason: 'Scored below the funding line' })),
    });
    await api.settle();
    for (const a of winners) awardsOf.push({ applicationId: a.applicationId, applicantId: a.applicantId, amount: a.requested, unit: a.u, callRef: c.ref });
    tick(`grant call ${c.ref}`);
  }

  // --- Grant agreements, tranches, monitoring and jobs ------------------------------------------------------------
  await agreementsScenario(api, awardsOf.map((a) => ({ applicationId: a.applicationId, amount: a.amount, committee: CALLS.find((c) => c.ref === a.callRef)!.committee })), rng);
  tick('grant agreements');

  // --- 2019 review meetings: 18 amendments (14 MAJOR voted: 12 adopted, 2 rejected; 4 MINOR), one conflicted ------
  const reviewUnits = units.filter((_, i) => i % 2 === 0).slice(0, 10);
  let majorCount = 0;
  for (const [i, u] of reviewUnits.entries()) {
    const plan = plans.get(u.key)!;
    const date = addDays('2019-03-04', i * 14);
    const majors = i < 4 ? 2 : 1;
    // The amendments are put on the agenda in advance and proposed on the plan's version of the day, one after the
    // other, so that the second of a meeting builds on the first (only the MINOR demo below conflicts).
    const proposals = Array.from({ length: majors }, (_, m) => ({ m, amendmentId: demoId(`amendment:${u.key}:major-${m}`), adopted: !([5, 11].includes(++majorCount)) }));
    const items = proposals.map((p) => ({ key: `amendment-${p.m}`, title: `Amendment ${p.m + 1} of the development plan`, kind: 'DECISION' as const, subjectRef: `amendment:${p.amendmentId}` }));
    const { meetingId, itemIds } = await meeting(`${u.key}:review-2019`, 'PUBLIC_HEARING', u, date, `Annual review of the development plan of ${u.en}`, rng.int(40, 110), items, { rollId: u.rollId });
    for (const { m, amendmentId, adopted: isAdopted } of proposals) {
      const priorityId = plan.priorities[m % plan.priorities.length]!;
      const cost = rng.int(20, 150) * 100_000;
      const newAction = { actionId: demoId(`action:${u.key}:amendment-${m}`), priorityId, title: `Build a playground (${u.en}, ${m + 1})`, cost, sources: [['AUYL_EL_BESIGI', cost]] as Array<[string, number]> };
      await post('/plan-amendments', {
        amendmentId, planId: plan.planId, baseVersion: plan.version, ops: [{ op: 'ADD_ACTION', action: actionBody(newAction) }],
        rationale: 'Residents asked for it at the review meeting', proposer: { kind: m === 0 ? 'RESIDENT_INITIATIVE' : 'WORKING_GROUP', ...(m === 0 ? { signatures: rng.int(40, 90) } : {}) },
      });
      await post(`/plan-amendments/${amendmentId}/submission`);
      const contentHash = (await api.get(`/plan-amendments/${amendmentId}`)).contentHash as string;
      const quorum = Math.ceil(u.adults * 0.1) + rng.int(8, 30);
      const count = isAdopted ? adopted(quorum) : { for: Math.floor(quorum * 0.3), against: Math.ceil(quorum * 0.6), abstain: quorum - Math.floor(quorum * 0.3) - Math.ceil(quorum * 0.6), present: quorum };
      const voteId = await handVote(`${u.key}:amendment-${m}`, u, { type: 'AMENDMENT', ref: amendmentId, contentHash }, count, { meetingId });
      await post(`/meetings/${meetingId}/decisions`, { itemId: itemIds[`amendment-${m}`], voteId, outcome: isAdopted ? 'ADOPTED' : 'REJECTED', text: isAdopted ? 'The amendment is approved' : 'The amendment is rejected' });
      await post(`/plan-amendments/${amendmentId}/decision`, { decision: isAdopted ? 'APPROVED' : 'REJECTED', voteId });
      await api.settle();
      if (isAdopted) {
        plan.version++;
        plan.actions.push(newAction);
      }
    }
    await close(meetingId);
  }
  tick('review meetings and major amendments');

  // Four MINOR amendments (an end date moved by two months), decided by the akim and the working group. The first two are
  // proposed on the same base version of one plan: the second is approved after the first was applied, so the
  // AmendmentApplication reactor marks it CONFLICTED; it is rebased onto the new version and approved again.
  const minorPlans = [units[1]!, units[1]!, units[3]!, units[5]!];
  const minorIds: string[] = [];
  api.at(localTime('2019-09-10', minorPlans[0]!));
  for (const [m, u] of minorPlans.entries()) {
    const plan = plans.get(u.key)!;
    const action = plan.actions[m]!;
    const amendmentId = demoId(`amendment:${u.key}:minor-${m}`);
    await post('/plan-amendments', {
      amendmentId, planId: plan.planId, baseVersion: plan.version, ops: [{ op: 'REVISE_ACTION', actionId: action.actionId, fields: { end: '2020-12-31', responsibleParty: 'Aul akimat and working group' } }],
      rationale: 'Materials arrive late; the working group moved the end date by two months', proposer: { kind: 'AKIM' },
    });
    await post(`/plan-amendments/${amendmentId}/submission`);
    minorIds.push(amendmentId);
  }
  for (const [m, amendmentId] of minorIds.entries()) {
    api.at(localTime(addDays('2019-09-20', m), minorPlans[m]!));
    await post(`/plan-amendments/${amendmentId}/decision`, { decision: 'APPROVED', akimSignOff: true, workingGroupSignOff: true });
    await api.settle();
  }
  const conflicted = await api.get(`/plan-amendments/${minorIds[1]}`);
  if (conflicted.status !== 'CONFLICTED') throw new Error(`Demo scenario: amendment ${minorIds[1]} should have conflicted, but is ${conflicted.status}`);
  api.at(localTime('2019-09-25', minorPlans[1]!));
  await post(`/plan-amendments/${minorIds[1]}/rebase`, {});
  const rebased = await api.get(`/plan-amendments/${minorIds[1]}`);
  if (rebased.status === 'PROPOSED') await post(`/plan-amendments/${minorIds[1]}/submission`);
  await post(`/plan-amendments/${minorIds[1]}/decision`, { decision: 'APPROVED', akimSignOff: true, workingGroupSignOff: true });
  await api.settle();
  tick('minor amendments and the rebase');

  // --- Implementation by January 2020: 20–45% of the actions done --------------------------------------------------
  api.at('2019-12-16T04:00:00.000Z');
  for (const u of units) {
    const plan = plans.get(u.key)!;
    const done = Math.max(2, Math.round(plan.actions.length * (0.2 + rng.next() * 0.25)));
    for (const action of plan.actions.slice(0, done)) {
      await post(`/plans/${plan.planId}/actions/${action.actionId}/progress`, { status: 'DONE', spent: kzt(action.cost) });
    }
  }
  tick('plan implementation');

  // --- Dialogue platforms (with the MNE), the closing conference and the six recommendations (6.6) ---------------
  const platforms: string[] = [];
  for (const [i, r] of REGIONS.entries()) {
    const region = { unitId: unitId(r.key), en: r.en };
    const { meetingId } = await meeting(`${r.key}:dialogue-platform`, 'DIALOGUE_PLATFORM', region, addDays('2019-10-08', i * 14), `Regional dialogue platform: ${r.en}`, rng.int(40, 80), [
      { key: 'recommendations', title: 'Draft recommendations to the Ministry of National Economy', kind: 'DISCUSSION' },
    ], { noticeDays: 10, venue: 'Regional akimat' });
    await close(meetingId);
    platforms.push(meetingId);
  }
  const conference = await meeting('closing-conference', 'CONFERENCE', { unitId: unitId('karaganda'), en: 'the programmes' }, '2020-01-23', 'Closing conference of the GSE and ABD programmes, Nur-Sultan', 120, [
    { key: 'results', title: 'Results of the pilot programme', kind: 'DISCUSSION' },
    { key: 'recommendations', title: 'Recommendations to the Ministry of National Economy', kind: 'DISCUSSION' },
  ], { noticeDays: 14, venue: 'Conference hall, Nur-Sultan' });
  await close(conference.meetingId);
  const recommendationIds: string[] = [];
  api.at('2019-09-16T04:00:00.000Z');
  for (const [i, r] of RECOMMENDATIONS.entries()) {
    const recommendationId = demoId(`recommendation:${i + 1}`);
    recommendationIds.push(recommendationId);
    await post('/recommendations', { recommendationId, title: { en: `Recommendation ${i + 1}` }, text: { en: r.text }, theme: r.theme, addresseeOrganisationId: org('mne'), programmeId: programme('GSE') });
    await post(`/recommendations/${recommendationId}/consultation`);
  }
  api.at('2019-12-02T04:00:00.000Z');
  for (const recommendationId of recommendationIds) {
    for (const platform of platforms) await post(`/recommendations/${recommendationId}/consultation-inputs`, { sourceKind: 'MEETING', sourceId: platform, summary: 'Discussed at the regional dialogue platform; supported with comments' });
  }
  api.at('2020-01-23T06:00:00.000Z');
  for (const recommendationId of recommendationIds) {
    await post(`/recommendations/${recommendationId}/endorsement`, { meetingId: conference.meetingId, endorsedOn: '2020-01-23' });
    await post(`/recommendations/${recommendationId}/submission`, { submittedOn: '2020-01-23' });
  }
  api.at('2020-06-01T04:00:00.000Z');
  for (const [i, r] of RECOMMENDATIONS.entries()) {
    await post(`/recommendations/${recommendationIds[i]}/responses`, { response: r.response, respondedOn: '2020-06-01', summary: r.response === 'NO_RESPONSE' ? 'No answer by June 2020' : `The ministry’s answer: ${r.response.toLowerCase().replace('_', ' ')}` });
  }
  tick('dialogue platforms, conference and recommendations');

  // --- The programmes' budget revision (mid-2019) and finalisation -------------------------------------------------
  for (const p of programmes) {
    api.at('2019-07-01T04:00:00.000Z');
    await post(`/programmes/${programme(p.code)}/budget/revisions`, {
      total: eur(p.total), euContribution: eur(p.eu), lines: budgetLines(p.total, p.fstp, 500_000n), reason: 'Travel savings moved to trainings and publications (mid-term revision)',
    });
    api.at(localTime(addDays(p.end, -20), null));
    await post(`/programmes/${programme(p.code)}/status`, { status: 'FINALISATION', reason: 'Activities completed; final report in preparation' });
  }
  tick('budget revisions');

  // --- One erasure: a grantee asks for their personal data to be erased -------------------------------------------
  api.at('2020-03-02T04:00:00.000Z');
  const erased = awardsOf[5]!;
  await post(`/data-subjects/${erased.applicantId}/erasure`, { basis: 'Request of the data subject' });
  await api.settle();
  tick('erasure');
}

/** Funding sources of an action by the seed's mix, adding up exactly to its cost (in whole tenges). */
function fundingMix(cost: number, rng: Prng, unit: PilotUnit): Array<[string, number]> {
  const kinds = FUNDING_MIX.filter(([source]) => source !== 'AUYL_EL_BESIGI' || unit.district === 'nura');
  const picked = [...kinds].sort(() => rng.next() - 0.5).slice(0, rng.int(1, 3));
  const weight = picked.reduce((s, [, w]) => s + w, 0);
  const parts = picked.map(([source, w]) => [source === 'OTHER' ? 'OTHER' : source, Math.floor((cost * w) / weight / 1000) * 1000] as [string, number]);
  parts[0]![1] += cost - parts.reduce((s, [, a]) => s + a, 0);
  return parts;
}

function actionBody(a: { actionId: string; priorityId: string; title: string; cost: number; sources: Array<[string, number]> }) {
  return {
    actionId: a.actionId, priorityId: a.priorityId, title: a.title, cost: kzt(a.cost),
    fundingSources: a.sources.map(([source, amount]) => ({ source, amount: kzt(amount), status: 'INDICATIVE' })),
    responsibleParty: 'Aul akimat', start: '2018-04-01', end: '2020-10-31',
    indicators: [{ name: a.title, unit: 'items', baseline: '0', target: '1' }],
  };
}
