import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { withControlDigit } from '../../src/privacy/iin.js';
import { parseMajor } from '../../src/shared/domain/money.js';
import { type TestApp, type TestResponse, startTestApp } from '../support/test-app.js';

type SseMessage = { id: string; event: string; data: { position: string; items: Array<{ id: string; title: string }> } };

/**
 * The public side through HTTP (DOMAIN.md 4, 5.10): the publication policy, the Atom and JSON feeds with paging and
 * conditional GETs, the live stream, reports and open data; and no personal value of a resident or an applicant in
 * any public response. Names, numbers and amounts are invented [I].
 */
describe('Transparency over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const org = { eu: randomUUID(), argo: randomUUID() };
  const unit = { karaganda: randomUUID(), nura: randomUUID(), izendy: randomUUID() };
  const gse = randomUUID();
  const call = randomUUID();
  const application = randomUUID();
  const agreement = randomUUID();
  const FX = (rateDate: string) => ({ rate: '400', base: 'EUR', quote: 'KZT', source: 'NBK', rateDate });
  const BANK_REF = 'KZ-PP-2018-77X31';
  const kzt = (major: string) => parseMajor(major, 'KZT');
  const eur = (major: string) => parseMajor(major, 'EUR');
  /** Distinctive personal values: none may appear in a public response. */
  const RESIDENTS = [
    { residentId: randomUUID(), sex: 'female', fullName: 'Qwyndolyn Zhanargulova', iin: withControlDigit('88130345077')!, birthDate: '1988-03-03', phone: '+7 701 909 77 31', address: 'Izendy, Quarry lane 17' },
    { residentId: randomUUID(), sex: 'male', fullName: 'Бекзатбек Жолдыбайұлы', iin: withControlDigit('91130235088')!, birthDate: '1991-07-12', phone: '+7 705 313 24 68', address: 'Изенды, ул. Степная 9' },
  ];
  const APPLICANT = { fullName: 'Xantippa Nurbolatkyzy', iin: withControlDigit('85130245099')!, phone: '+7 777 246 80 13' };
  const personalValues = [...RESIDENTS.flatMap((r) => [r.fullName, r.iin, r.phone, r.address]), ...Object.values(APPLICANT), BANK_REF];

  const post = async (path: string, body: unknown, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  /** A public GET: no key, waiting for the last command. */
  const pub = (path: string, headers: Record<string, string> = {}) => t.request('GET', path, { auth: null, headers: { 'consistent-with': last, ...headers } });

  /** Reads an SSE stream until it ends or `count` messages arrived. */
  const readStream = async (path: string, headers: Record<string, string> = {}, count = Infinity): Promise<SseMessage[]> => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}${path}`, { headers, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const messages: SseMessage[] = [];
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      while (messages.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0 && messages.length < count) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
          if (fields.id !== undefined) messages.push({ id: fields.id, event: fields.event!, data: JSON.parse(fields.data!) });
        }
      }
    } finally {
      controller.abort();
    }
    return messages;
  };
  const flatten = (messages: SseMessage[]) => messages.flatMap((m) => m.data.items.map((i) => `${m.id}:${i.id}`));

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2018-10-10T09:00:00.000Z') });
    await post('/organisations', { organisationId: org.eu, name: { en: 'European Union (Delegation to Kazakhstan)', ru: 'Европейский союз' }, orgIdentifier: 'XI-IATI-EC_DEVCO', iatiOrgType: '40', country: 'KZ' }, 201);
    await post('/organisations', { organisationId: org.argo, name: { en: 'ARGO Civil Society Development Association' }, orgIdentifier: 'KZ-BIN-000140012345', iatiOrgType: '22', country: 'KZ' }, 201);
    const units: Array<[string, string, string | null, string, string]> = [
      [unit.karaganda, 'REGION', null, 'Karaganda region', '350000000'], [unit.nura, 'DISTRICT', unit.karaganda, 'Nura district', '355200000'],
      [unit.izendy, 'RURAL_OKRUG', unit.nura, 'Izendy rural okrug', '355245100'],
    ];
    for (const [unitId, level, parentId, en, code] of units) {
      await post('/units', { unitId, level, parentId, names: { en, kk: `${en} (kk)` }, effectiveFrom: '2017-01-01' }, 201);
      await post(`/units/${unitId}/kato-codes`, { code, classifierVersion: 'KATO-2019', validFrom: '2017-01-01' });
    }
    for (const r of RESIDENTS) await post('/residents', { ...r, settlementId: unit.izendy }, 201);
    await post('/programmes', {
      programmeId: gse, code: 'GSE', title: { en: 'Greater Stakeholder Engagement', ru: 'Расширенное участие заинтересованных сторон', kk: 'Мүдделі тараптардың қатысуы' },
      donorOrgId: org.eu, leadOrgId: org.argo, contractRef: 'CSO-LA/2016/GSE', currency: 'EUR', period: { start: '2017-02-01', end: '2020-01-31' }, maxEuSharePct: '90',
      fstpPerRecipientCap: eur('60000'),
    }, 201);
    await post(`/programmes/${gse}/partners`, { orgId: org.eu, role: 'FUNDING' });
    await post(`/programmes/${gse}/partners`, { orgId: org.argo, role: 'ACCOUNTABLE' });
    await post(`/programmes/${gse}/partners`, { orgId: org.argo, role: 'IMPLEMENTING' });
    await post(`/programmes/${gse}/budget`, {
      total: eur('500000'), euContribution: eur('450000'),
      lines: [{ code: '1', kind: 'HR', title: 'Human resources', amount: eur('448000') }, { code: '6', kind: 'FSTP', title: 'Financial support to third parties', amount: eur('52000') }],
    });
    await post(`/programmes/${gse}/pilot-units`, { unitId: unit.izendy });
    await post(`/programmes/${gse}/incoming-commitments`, { transactionId: randomUUID(), transactionDate: '2017-02-01', amount: eur('450000'), providerOrgId: org.eu });
    await post(`/programmes/${gse}/incoming-funds`, { transactionId: randomUUID(), transactionDate: '2017-03-01', amount: eur('180000'), providerOrgId: org.eu });
    await post(`/programmes/${gse}/expenditures`, { transactionId: randomUUID(), transactionDate: '2017-04-01', amount: eur('12000'), budgetLineCode: '1' });
    await post('/grant-calls', {
      callId: call, programmeId: gse, reference: 'GSE-2018-1', title: { en: 'Competition for financial support for local entrepreneurship', ru: 'Конкурс поддержки местного предпринимательства' },
      fund: kzt('12000000'), perRecipientCap: kzt('1200000'), minAward: kzt('500000'), maxAward: kzt('1200000'), ownContributionPct: { min: 10, max: 20 },
      eligibleUnitIds: [unit.izendy], eligibleApplicantTypes: ['INDIVIDUAL_ENTREPRENEUR'],
      criteria: [{ criterionId: 'relevance', title: 'Relevance', weight: 100 }], openingDate: '2018-10-16', deadline: '2018-11-09', committee: { members: 5, quorum: 3 },
    }, 201);
    t.clock.set(new Date('2018-10-16T09:00:00.000Z'));
    await post(`/grant-calls/${call}/publication`, {});
    await post('/grant-applications', {
      applicationId: application, callId: call, applicantId: randomUUID(), applicantType: 'INDIVIDUAL_ENTREPRENEUR', territoryUnitId: unit.izendy, projectTitle: 'Mini dairy',
      budget: { total: kzt('1000000'), requested: kzt('850000'), ownContribution: kzt('150000') }, ...APPLICANT,
    }, 201);
    await post(`/grant-applications/${application}/eligibility`, { eligible: true });
    const members = ['member-1', 'member-2', 'member-3'];
    for (const evaluatorId of members) await post(`/grant-applications/${application}/conflict-declarations`, { evaluatorId, hasConflict: false });
    for (const evaluatorId of members) await post(`/grant-applications/${application}/scores`, { evaluatorId, criterionScores: [{ criterionId: 'relevance', score: 80 }] });
    await post(`/grant-applications/${application}/assessment`, {});
    t.clock.set(new Date('2018-11-22T09:00:00.000Z'));
    await post(`/grant-calls/${call}/closure`, {});
    await post(`/grant-calls/${call}/award-decisions`, { sessionId: randomUUID(), sessionDate: '2018-11-22', memberIds: members, awards: [{ applicationId: application, amount: kzt('850000') }] });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('serves a well-formed Atom feed with every required element, titles in the language asked for, paged by position', async () => {
    const res = await pub('/public/feed.atom?lang=kk&limit=3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(BigInt(res.headers.get('reflects-position')!)).toBeGreaterThanOrEqual(BigInt(last));
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name) }).parse(res.text);
    const feed = doc.feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toMatch(/^tag:/);
    expect(feed.title).toEqual(expect.any(String));
    expect(Date.parse(feed.updated)).not.toBeNaN();
    expect(feed.author[0].name).toBe('Aul Ledger');
    const links = Object.fromEntries(feed.link.map((l: Record<string, string>) => [l['@_rel'], l['@_href']]));
    expect(links.self).toContain('/public/feed.atom');
    expect(links.next).toMatch(/before=\d+/);
    expect(feed.entry.length).toBeGreaterThanOrEqual(3);
    for (const e of feed.entry) {
      expect(e.id).toMatch(/^tag:/);
      expect(e.title['#text'] ?? e.title).toEqual(expect.any(String));
      expect(Date.parse(e.updated)).not.toBeNaN();
      expect(e.content ?? e.link?.find((l: Record<string, string>) => l['@_rel'] === 'alternate')).toBeDefined();
      expect(e.author[0].name).toEqual(expect.any(String));
      expect(e.category[0]['@_scheme']).toMatch(/^tag:/);
    }
    // Kazakh titles where the data has them: the programme's own Kazakh title.
    const all = await pub('/public/feed.atom?lang=kk&limit=200');
    expect(all.text).toContain('Бағдарлама тіркелді: Мүдделі тараптардың қатысуы');
    // Following `next` reaches older entries without repeating one.
    const next = await t.request('GET', new URL(links.next).pathname + new URL(links.next).search, { auth: null });
    const olderIds = new XMLParser({ isArray: (n) => n === 'entry' }).parse(next.text).feed.entry.map((e: { id: string }) => e.id);
    expect(olderIds.filter((id: string) => feed.entry.some((e: { id: string }) => e.id === id))).toEqual([]);
  });

  it('serves JSON Feed 1.1 with every required key; an unchanged feed answers 304 to If-None-Match', async () => {
    const res = await pub('/public/feed.json?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/feed\+json/);
    const feed = res.body;
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: expect.any(String), items: expect.any(Array), home_page_url: expect.any(String), feed_url: expect.any(String) });
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true);
      expect(Date.parse(item.date_published)).not.toBeNaN();
    }
    expect(feed.items.map((i: { title: string }) => i.title)).toContain('Programme registered: Greater Stakeholder Engagement');
    // The award is held until its agreement is signed (default policy): not in the feed.
    expect(feed.items.some((i: { id: string }) => i.id === `award/${application}`)).toBe(false);

    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await pub('/public/feed.json?lang=en', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('cache-control')).toBe(res.headers.get('cache-control'));
    const atom = await pub('/public/feed.atom');
    expect((await pub('/public/feed.atom', { 'if-none-match': atom.headers.get('etag')! })).status).toBe(304);
    // Once the log moves on, the old ETag no longer matches: the page is sent again, with a new ETag.
    await post('/units', { unitId: randomUUID(), level: 'REGION', parentId: null, names: { en: 'Mangystau region' }, effectiveFrom: '2017-01-01' }, 201);
    const moved = await pub('/public/feed.json?lang=en', { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
  });

  it('streams the feed as Server-Sent Events and resumes after Last-Event-ID with no gap and no repeat', async () => {
    const whole = await readStream('/public/feed/stream?lastEventId=0&until=caught-up&lang=en');
    expect(whole.length).toBeGreaterThan(5);
    const ids = whole.map((m) => BigInt(m.id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);

    const first = await readStream('/public/feed/stream?lastEventId=0', {}, 3);
    const rest = await readStream('/public/feed/stream?until=caught-up', { 'last-event-id': first.at(-1)!.id });
    expect(flatten([...first, ...rest])).toEqual(flatten(whole));

    // Live: a client waiting at the head receives the next public entry once.
    const live = readStream('/public/feed/stream', { 'last-event-id': whole.at(-1)!.id }, 1);
    await new Promise((r) => setTimeout(r, 100));
    await post('/organisations', { organisationId: randomUUID(), name: { en: 'Akimat of Nura district' }, orgIdentifier: 'KZ-BIN-991240012345', iatiOrgType: '11', country: 'KZ' }, 201);
    const [message] = await live;
    expect(BigInt(message!.id)).toBeGreaterThan(BigInt(whole.at(-1)!.id));
    expect(flatten(whole)).not.toContain(`${message!.id}:${message!.data.items[0]!.id}`);
    const bad = await t.request('GET', '/public/feed/stream', { auth: null, headers: { 'last-event-id': 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('publishes the award when its agreement is signed, at the signing position; a policy change withdraws nothing', async () => {
    await post('/grant-agreements', {
      agreementId: agreement, applicationId: application, amount: kzt('850000'), mode: 'BANK_TRANSFER',
      tranches: [{ n: 1, amount: kzt('850000'), condition: 'NONE', dueDate: '2018-12-10' }],
    }, 201);
    expect((await pub('/public/feed.json?lang=en&limit=200')).body.items.some((i: { id: string }) => i.id === `award/${application}`)).toBe(false);
    t.clock.set(new Date('2018-12-06T09:00:00.000Z'));
    const signed = await post(`/grant-agreements/${agreement}/signature`, { signedOn: '2018-12-06', fx: FX('2018-12-06') });
    await post(`/grant-agreements/${agreement}/disbursements`, { paymentId: 'pay-1', trancheN: 1, amount: kzt('850000'), paidOn: '2018-12-10', bankRef: BANK_REF, fx: FX('2018-12-10') });
    const feed = await pub('/public/feed.json?lang=en&limit=200');
    const award = feed.body.items.find((i: { id: string }) => i.id === `award/${application}`);
    expect(award).toMatchObject({ title: 'Grant awarded: 850000.00 KZT — GSE-2018-1', _aul_ledger: { eventType: 'GrantAwardsDecided', position: signed.body.position } });
    expect(feed.body.items.map((i: { title: string }) => i.title)).toContain('Grant tranche 1 paid: 850000.00 KZT — GSE-2018-1');

    const policy = await pub('/public/publication-policy');
    expect(policy.body).toMatchObject({ version: 0, allowOfficialNames: false });
    const publicEventTypes = policy.body.publicEventTypes.filter((type: string) => type !== 'OrganisationRegistered');
    const changed = await post('/publication-policy', { publicEventTypes, delays: policy.body.delays, allowOfficialNames: false, reason: 'Organisations are listed on the portal' }, 201);
    expect(changed.body.eventsAppended).toBe(1);
    expect((await t.request('POST', '/publication-policy', { auth: null, body: {} })).status).toBe(401);
    await post('/organisations', { organisationId: randomUUID(), name: { en: 'Akimat of Izendy rural okrug' }, orgIdentifier: 'KZ-BIN-991240099999', iatiOrgType: '11', country: 'KZ' }, 201);
    const after = (await pub('/public/feed.json?lang=en&limit=200')).body.items.map((i: { title: string }) => i.title);
    expect(after).not.toContain('Organisation registered: Akimat of Izendy rural okrug');
    expect(after).toContain('Organisation registered: ARGO Civil Society Development Association');
    expect(after).toContain('Publication policy changed (version 1)');
  });

  it('publishes reports in JSON and CSV with a data dictionary and the position they reflect', async () => {
    const list = await pub('/public/reports');
    const names = list.body.items.map((r: { name: string }) => r.name);
    expect(names).toEqual(['programme-finance', 'plan-implementation', 'meetings-register', 'vote-results', 'grants-register', 'kpi-summary']);
    for (const name of names) {
      const json = await pub(`/public/reports/${name}.json`);
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ report: name, reflectsPosition: expect.stringMatching(/^\d+$/), merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/), dictionary: expect.any(Array), rows: expect.any(Array) });
      expect(BigInt(json.body.reflectsPosition)).toBeGreaterThanOrEqual(BigInt(last));
      const fields = json.body.dictionary.map((c: { field: string }) => c.field);
      for (const c of json.body.dictionary) expect(c).toEqual({ field: expect.any(String), type: expect.any(String), description: expect.any(String) });
      for (const row of json.body.rows) expect(Object.keys(row).sort()).toEqual([...fields].sort());
      const csv = await pub(`/public/reports/${name}.csv`);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(BigInt(csv.headers.get('reflects-position')!)).toBeGreaterThanOrEqual(BigInt(last));
      expect(csv.text.split('\n')[0]).toBe(fields.join(','));
      expect(csv.text.trim().split('\n')).toHaveLength(json.body.rows.length + 1);
    }
    // The root is the Merkle tree's over the log up to the position the report reflects (the integrity context's tree).
    const tree = await pub('/integrity/tree');
    const kpiNow = await pub('/public/reports/kpi-summary.json');
    if (kpiNow.body.reflectsPosition === tree.body.logPosition) expect(kpiNow.body).toMatchObject({ merkleRoot: tree.body.rootHash, merkleTreeSize: tree.body.treeSize });
    expect(kpiNow.headers.get('merkle-root')).toBe(kpiNow.body.merkleRoot);
    const logged = await t.store.readAll({ after: null, maxCount: 100_000 });
    expect(kpiNow.body.merkleTreeSize).toBe(logged.filter((e) => e.position <= BigInt(kpiNow.body.reflectsPosition)).length);
    const finance = await pub('/public/reports/programme-finance.json');
    expect(finance.body.rows).toContainEqual(expect.objectContaining({ programmeCode: 'GSE', lineCode: '1', budget: '448000.00', spent: '12000.00', euSharePct: '90.00' }));
    const grants = await pub('/public/reports/grants-register.json');
    expect(grants.body.rows).toEqual([expect.objectContaining({ callReference: 'GSE-2018-1', kato: '355245100', amountAwarded: '850000.00', projectTitle: 'Mini dairy', agreementSignedOn: '2018-12-06', amountDisbursed: '850000.00', recipientRef: expect.stringMatching(/^360G-aul-ledger-IND-[0-9a-f]{16}$/) })]);
    const kpi = await pub('/public/reports/kpi-summary.json');
    expect(kpi.body.rows).toContainEqual({ kpi: 'grantsAwardedTotal', value: '850000.00', unit: 'KZT' });
    expect((await pub('/public/reports/nothing.json')).status).toBe(404);
    expect((await pub('/public/reports/kpi-summary.xls')).status).toBe(400);
  });

  it('exports IATI 2.03 activity XML with the required elements and codelist values', async () => {
    const res = await pub(`/public/open-data/iati/${gse}`);
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, isArray: (n) => ['participating-org', 'transaction', 'budget', 'location', 'sector', 'result', 'activity-date', 'narrative'].includes(n) }).parse(res.text);
    expect(doc['iati-activities']['@_version']).toBe('2.03');
    const a = doc['iati-activities']['iati-activity'];
    expect(a['@_default-currency']).toBe('EUR');
    expect(a['iati-identifier']).toBe('KZ-BIN-000140012345-GSE');
    expect(a['reporting-org']).toMatchObject({ '@_ref': 'KZ-BIN-000140012345', '@_type': '22' });
    expect(a.title.narrative[0]).toBe('Greater Stakeholder Engagement');
    expect(a.description['@_type']).toBe('1');
    expect(a['participating-org'].map((o: Record<string, string>) => [o['@_ref'], o['@_role']])).toEqual([['XI-IATI-EC_DEVCO', '1'], ['KZ-BIN-000140012345', '2'], ['KZ-BIN-000140012345', '4']]);
    expect(['1', '2', '3', '4', '5', '6']).toContain(a['activity-status']['@_code']);
    expect(a['activity-date'].map((d: Record<string, string>) => d['@_type'])).toEqual(['1', '3']);
    expect(a['recipient-country']).toMatchObject({ '@_code': 'KZ', '@_percentage': '100' });
    expect(a.location[0]['@_ref']).toBe('KATO-355245100');
    expect(a.sector.reduce((n: number, s: Record<string, string>) => n + Number(s['@_percentage']), 0)).toBe(100);
    expect(a.sector.every((s: Record<string, string>) => s['@_vocabulary'] === '1' && /^\d{5}$/.test(s['@_code']))).toBe(true);
    expect(a['default-flow-type']['@_code']).toBe('10');
    expect(a['default-finance-type']['@_code']).toBe('110');
    expect(a['default-aid-type']['@_code']).toBe('C01');
    expect(a['default-tied-status']['@_code']).toBe('5');
    expect(a.budget[0]).toMatchObject({ '@_type': '1', '@_status': '2', value: { '#text': '500000.00', '@_currency': 'EUR' } });
    expect(a.transaction.map((t: Record<string, Record<string, string>>) => t['transaction-type']!['@_code']).sort()).toEqual(['1', '11', '2', '3', '4']);
    expect(a.result.map((r: Record<string, string>) => r['@_type'])).toEqual(['1', '1', '1']);
    expect((await pub(`/public/open-data/iati/${randomUUID()}`)).status).toBe(404);
  });

  it('exports 360Giving 1.4 JSON and CSV, one grant per published award, with the required fields', async () => {
    const res = await pub('/public/open-data/360giving/grants.json');
    expect(res.body).toMatchObject({ version: '1.4', reflectsPosition: expect.stringMatching(/^\d+$/), merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.grants).toHaveLength(1);
    const g = res.body.grants[0];
    expect(g).toMatchObject({
      id: `360G-aul-ledger-${application}`, title: 'Mini dairy', description: expect.any(String), currency: 'KZT', amountAwarded: 850000, awardDate: '2018-11-22',
      fundingOrganization: [{ id: 'KZ-BIN-000140012345', name: 'ARGO Civil Society Development Association' }],
      recipientIndividual: { id: expect.stringMatching(/^360G-aul-ledger-IND-/), name: 'Individual entrepreneur, Izendy rural okrug' },
      beneficiaryLocation: [{ name: 'Izendy rural okrug', countryCode: 'KZ', geoCode: '355245100', geoCodeType: 'KATO' }],
      grantProgramme: [{ code: 'GSE-2018-1', title: expect.any(String) }],
      amountDisbursed: 850000, actualDates: [{ startDate: '2018-12-06' }],
      disbursementTransaction: [{ id: expect.stringMatching(/^360G-/), transactionDate: '2018-12-10', value: 850000, currency: 'KZT' }],
    });
    expect(g.id.startsWith('360G-')).toBe(true);
    const csv = await pub('/public/open-data/360giving/grants.csv');
    const [header, row] = csv.text.trim().split('\n');
    expect(header).toContain('Identifier,Title,Description,Currency,Amount Awarded');
    expect(row).toContain(`360G-aul-ledger-${application},Mini dairy`);
  });

  it('never shows a personal value of a resident or an applicant in any public response', async () => {
    // The values are in the ledger (an administrator reads them), so the scan below can find them if they leak.
    const admin = await t.request('GET', `/residents/${RESIDENTS[0]!.residentId}`, { headers: { 'consistent-with': last } });
    expect(admin.text).toContain(RESIDENTS[0]!.fullName);
    const paths = [
      '/public/feed.atom?limit=200', '/public/feed.atom?lang=kk&limit=200', '/public/feed.json?limit=200', '/public/feed.json?after=0&limit=200&lang=en', '/public/publication-policy',
      ...['programme-finance', 'plan-implementation', 'meetings-register', 'vote-results', 'grants-register', 'kpi-summary'].flatMap((r) => [`/public/reports/${r}.json`, `/public/reports/${r}.csv`]),
      `/public/open-data/iati/${gse}`, '/public/open-data/360giving/grants.json', '/public/open-data/360giving/grants.csv',
    ];
    const bodies = await Promise.all(paths.map(async (p) => {
      const res = await pub(p);
      expect({ p, status: res.status }).toEqual({ p, status: 200 });
      return res.text;
    }));
    const stream = await readStream('/public/feed/stream?lastEventId=0&until=caught-up');
    bodies.push(JSON.stringify(stream));
    expect(bodies.join('').length).toBeGreaterThan(10_000);
    const variants = personalValues.flatMap((v) => [v, v.replace(/\s+/g, ''), JSON.stringify(v).slice(1, -1)]);
    const found = variants.filter((v) => bodies.some((b) => b.includes(v)));
    expect(found).toEqual([]);
  });
});
