import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, type TestResponse, eventCount, startTestApp } from '../support/test-app.js';

/**
 * The six recommendations to government of DOMAIN.md 6.6 through HTTP (texts shortened [I]): drafted in 2019 Q3,
 * consulted at the three dialogue platforms, endorsed and submitted to the MNE at the closing conference of
 * 2020-01-23; answered 2 PARTIALLY_ACCEPTED, 1 ACCEPTED, 3 NO_RESPONSE by 2020-06. Ids are invented.
 */
describe('Recommendations over HTTP', () => {
  let t: TestApp;
  let last = '0';
  const mne = randomUUID();
  const gse = randomUUID();
  const conference = randomUUID();
  const platforms = [randomUUID(), randomUUID(), randomUUID()];

  const RECOMMENDATIONS: Array<{ id: string; theme: string; en: string; response: string }> = [
    { id: randomUUID(), theme: 'LOCAL_BUDGET_FORMULATION', en: 'Make the local community meeting’s agreement on 4th-level budget priorities binding', response: 'PARTIALLY_ACCEPTED' },
    { id: randomUUID(), theme: 'COMMUNITY_PARTICIPATION', en: 'Require an inclusive village development plan for budget requests and project selection', response: 'ACCEPTED' },
    { id: randomUUID(), theme: 'FISCAL_DECENTRALISATION', en: 'Widen the own revenue base of rural okrugs; formula-based subventions', response: 'NO_RESPONSE' },
    { id: randomUUID(), theme: 'AKIM_AND_COMMUNITY_COMPETENCIES', en: 'Set out the competencies of rural akims, district akimats and the community', response: 'NO_RESPONSE' },
    { id: randomUUID(), theme: 'LOCAL_SELF_GOVERNANCE', en: 'Publish rural budgets, execution reports and minutes in plain language', response: 'PARTIALLY_ACCEPTED' },
    { id: randomUUID(), theme: 'LOCAL_SELF_GOVERNANCE', en: 'Fund small grants for rural entrepreneurs with women and youth quotas', response: 'NO_RESPONSE' },
  ];

  const post = async (path: string, body: unknown, status = 200): Promise<TestResponse> => {
    const res = await t.request('POST', path, { body });
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = res.body.position;
    return res;
  };
  const get = (path: string) => t.request('GET', path, { headers: { 'consistent-with': last } });
  const expectProblem = (res: TestResponse, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String) });
    if (code) expect(res.body).toMatchObject({ type: `/problems/${code}`, detail: expect.any(String) });
  };
  /** Posts a request that must be refused with `status` (and `code`), appending nothing. */
  const refused = async (path: string, body: unknown, status: number, code?: string) => {
    const before = await eventCount(t.store);
    const res = await t.request('POST', path, { body });
    expectProblem(res, status, code);
    expect(await eventCount(t.store)).toBe(before);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2019-09-10T09:00:00.000Z') });
    for (const [i, r] of RECOMMENDATIONS.entries()) {
      await post('/recommendations', {
        recommendationId: r.id, title: { en: `Recommendation ${i + 1}` }, text: { en: r.en }, theme: r.theme, addresseeOrganisationId: mne, programmeId: gse,
      }, 201);
      await post(`/recommendations/${r.id}/consultation`, undefined);
      for (const platform of platforms) {
        await post(`/recommendations/${r.id}/consultation-inputs`, { sourceKind: 'MEETING', sourceId: platform, summary: `Discussed at dialogue platform; supported` });
      }
    }
    t.clock.set(new Date('2020-01-23T10:00:00.000Z'));
    for (const r of RECOMMENDATIONS) {
      await post(`/recommendations/${r.id}/endorsement`, { meetingId: conference, endorsedOn: '2020-01-23' });
      await post(`/recommendations/${r.id}/submission`, { submittedOn: '2020-01-23' });
    }
    for (const r of RECOMMENDATIONS) {
      await post(`/recommendations/${r.id}/responses`, { response: r.response, respondedOn: '2020-06-01', summary: `Ministry answer: ${r.response}` });
    }
  }, 60_000);
  afterAll(async () => {
    await t.cleanup();
  });

  it('shows a recommendation with its inputs, endorsement, submission and response', async () => {
    const [first] = RECOMMENDATIONS;
    const res = await get(`/recommendations/${first!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.body).toMatchObject({
      recommendationId: first!.id, title: { en: 'Recommendation 1' }, theme: 'LOCAL_BUDGET_FORMULATION', status: 'RESPONDED', addresseeOrganisationId: mne, programmeId: gse,
      endorsement: { forumMeetingId: conference, endorsedOn: '2020-01-23' },
      submission: { addresseeOrganisationId: mne, submittedOn: '2020-01-23' },
      response: 'PARTIALLY_ACCEPTED', responses: [{ response: 'PARTIALLY_ACCEPTED', respondedOn: '2020-06-01' }], evidence: [], withdrawal: null,
    });
    expect(res.body.inputs.map((i: { sourceId: string }) => i.sourceId)).toEqual(platforms);
  });

  it('counts the responses of DOMAIN.md 6.6 in the summary', async () => {
    const res = await get('/recommendations/summary');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 6,
      byStatus: { DRAFT: 0, IN_CONSULTATION: 0, ENDORSED: 0, SUBMITTED: 0, RESPONDED: 6, WITHDRAWN: 0 },
      byResponse: { ACCEPTED: 1, PARTIALLY_ACCEPTED: 2, REJECTED: 0, NO_RESPONSE: 3 },
    });
  });

  it('filters by status and theme', async () => {
    const byTheme = await get('/recommendations?theme=LOCAL_SELF_GOVERNANCE');
    expect(byTheme.status).toBe(200);
    expect(byTheme.body.items.map((d: { recommendationId: string }) => d.recommendationId).sort()).toEqual([RECOMMENDATIONS[4]!.id, RECOMMENDATIONS[5]!.id].sort());
    const responded = await get('/recommendations?status=RESPONDED&limit=4');
    expect(responded.body.items).toHaveLength(4);
    expect(responded.body.next).toEqual(expect.any(String));
    expect((await get('/recommendations?status=DRAFT')).body).toEqual({ items: [], next: null });
  });

  it('answers a resent command with 200 and appends nothing', async () => {
    const r = RECOMMENDATIONS[0]!;
    const res = await post(`/recommendations/${r.id}/responses`, { response: r.response, respondedOn: '2020-06-01', summary: `Ministry answer: ${r.response}` });
    expect(res.body.eventsAppended).toBe(0);
  });

  it('records a corrected response and implementation evidence', async () => {
    const r = RECOMMENDATIONS[2]!;
    await post(`/recommendations/${r.id}/responses`, { response: 'REJECTED', respondedOn: '2020-06-15', summary: 'Late answer: not now' });
    await post(`/recommendations/${r.id}/evidence`, { documentId: randomUUID(), sha256: 'c'.repeat(64), note: 'Letter of the ministry' });
    const doc = (await get(`/recommendations/${r.id}`)).body;
    expect(doc).toMatchObject({ response: 'REJECTED', responses: [{ response: 'NO_RESPONSE' }, { response: 'REJECTED' }], evidence: [{ sha256: 'c'.repeat(64) }] });
    expect((await get('/recommendations/summary')).body.byResponse).toEqual({ ACCEPTED: 1, PARTIALLY_ACCEPTED: 2, REJECTED: 1, NO_RESPONSE: 2 });
    await post(`/recommendations/${r.id}/responses`, { response: 'NO_RESPONSE', respondedOn: '2020-06-16', summary: 'Correction: the letter was a holding reply' });
  });

  it('refuses bad input with problem+json and appends nothing', async () => {
    const id = RECOMMENDATIONS[0]!.id;
    await refused('/recommendations', { recommendationId: 'not-a-uuid', title: { en: 'X' }, text: { en: 'Y' }, theme: 'LOCAL_SELF_GOVERNANCE' }, 400);
    await refused('/recommendations', { recommendationId: randomUUID(), title: { en: 'X' }, text: { en: 'Y' }, theme: 'TAXES' }, 400);
    await refused('/recommendations', { recommendationId: randomUUID(), title: { en: 'X' }, text: { en: 'Y' }, theme: 'LOCAL_SELF_GOVERNANCE', extra: 1 }, 400);
    await refused('/recommendations', { recommendationId: randomUUID(), title: { en: ' ' }, text: { en: 'Y' }, theme: 'LOCAL_SELF_GOVERNANCE' }, 422, 'recommendation-text-required');
    await refused(`/recommendations/${id}/responses`, { response: 'MAYBE', respondedOn: '2020-06-01', summary: 'x' }, 400);
    await refused(`/recommendations/${id}/responses`, { response: 'ACCEPTED', respondedOn: '2020-02-30', summary: 'x' }, 400);
    await refused(`/recommendations/${id}/evidence`, { documentId: randomUUID(), sha256: 'XYZ', note: 'x' }, 400);
    await refused(`/recommendations/${randomUUID()}/consultation`, undefined, 404, 'recommendation-not-found');
    expectProblem(await get(`/recommendations/${randomUUID()}`), 404, 'recommendation-not-found');
    expectProblem(await get('/recommendations?status=LOST'), 400);
  });

  it('refuses transitions out of order with problem+json and appends nothing', async () => {
    const responded = RECOMMENDATIONS[1]!.id;
    await refused(`/recommendations/${responded}/withdrawal`, { reason: 'Too late to withdraw' }, 409, 'recommendation-already-responded');
    await refused(`/recommendations/${responded}/revision`, { title: { en: 'New' }, text: { en: 'New' }, theme: 'LOCAL_SELF_GOVERNANCE' }, 409, 'recommendation-wrong-status');
    await refused(`/recommendations/${responded}/consultation-inputs`, { sourceKind: 'MEETING', sourceId: conference, summary: 'Late' }, 409, 'recommendation-wrong-status');

    const fresh = randomUUID();
    await post('/recommendations', { recommendationId: fresh, title: { en: 'Seventh' }, text: { en: 'Draft' }, theme: 'COMMUNITY_PARTICIPATION' }, 201);
    await refused(`/recommendations/${fresh}/endorsement`, { meetingId: conference, endorsedOn: '2020-01-23' }, 409, 'recommendation-wrong-status');
    await refused(`/recommendations/${fresh}/consultation-inputs`, { sourceKind: 'ORGANISATION', sourceId: mne, summary: 'Early' }, 409, 'recommendation-wrong-status');
    await refused('/recommendations', { recommendationId: fresh, title: { en: 'Other' }, text: { en: 'Draft' }, theme: 'COMMUNITY_PARTICIPATION' }, 409, 'recommendation-already-drafted');
    await post(`/recommendations/${fresh}/revision`, { title: { en: 'Seventh, revised' }, text: { en: 'Draft' }, theme: 'COMMUNITY_PARTICIPATION' });
    await post(`/recommendations/${fresh}/consultation`, undefined);
    await post(`/recommendations/${fresh}/endorsement`, { meetingId: conference, endorsedOn: '2020-01-23' });
    await refused(`/recommendations/${fresh}/submission`, { submittedOn: '2020-01-23' }, 422, 'recommendation-addressee-required');
    await refused(`/recommendations/${fresh}/submission`, { addresseeOrganisationId: mne, submittedOn: '2020-01-22' }, 422, 'recommendation-date-out-of-order');
    await post(`/recommendations/${fresh}/withdrawal`, { reason: 'Merged into recommendation 2' });
    expect((await get(`/recommendations/${fresh}`)).body).toMatchObject({ status: 'WITHDRAWN', title: { en: 'Seventh, revised' }, withdrawal: { reason: 'Merged into recommendation 2' } });
    expect((await get('/recommendations/summary')).body).toMatchObject({ total: 7, byStatus: { RESPONDED: 6, WITHDRAWN: 1 } });
  });
});
