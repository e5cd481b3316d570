import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { applicationCode } from '../../src/portal/portal.views.js';
import { type PortalFixtures, seedPortal } from '../support/portal-fixtures.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/**
 * The public web portal over real HTTP, without a key: every page in Kazakh, Russian and English, what each shows,
 * its size, its CSP, escaping, and a crawl of every portal page for the seeded personal values (zero matches).
 */
describe('The public portal over HTTP', () => {
  let t: TestApp;
  let f: PortalFixtures;
  const page = async (path: string) => {
    const res = await t.request('GET', path, { auth: null, headers: { 'consistent-with': f.position } });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = await seedPortal(t);
    await t.catchUp();
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('serves the home page in each language, small, with a strict CSP and no scripts or external assets', async () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const res = await page(`/portal?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-language')).toBe(lang);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toMatch(/unsafe-inline|script-src/);
      expect(res.text).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
      expect(res.text).not.toMatch(/<script|<link (?!rel="icon" href="data:,">|rel="alternate" type="application\/atom\+xml" href="\/public\/feed\.atom">)|src="http|href="http|@import|url\(/i);
      expect(Buffer.byteLength(res.text)).toBeLessThan(50 * 1024);
    }
    const en = (await page('/portal?lang=en')).text;
    expect(en).toContain('500,000.00\u00a0EUR');
    expect(en).toContain('450,000.00\u00a0EUR');
    expect(en).toContain('90.00\u00a0%');
    expect(en).toMatch(/<svg role="img" aria-labelledby="[^"]+"[^>]*><title id="[^"]+">Budget: EU contribution and co-financing \(EUR\)<\/title><desc/);
    expect(en).toContain('<caption>The chart’s data</caption>');
    // The feeds and downloads of the transparency context are linked (links only: docs/portal.md).
    expect(en).toContain('<a href="/public/feed.atom" type="application/atom+xml">');
    expect(en).toContain(`<a href="/public/open-data/iati/${f.programme}" type="application/xml">IATI XML</a>`);
    const ru = (await page('/portal?lang=ru')).text;
    expect(ru).toContain('500\u00a0000,00\u00a0EUR');
    expect(ru).toContain('Карагандинская область');
    expect((await page('/portal?lang=kk')).text).toContain('Қарағанды облысы');
    // Without ?lang, Accept-Language chooses; without either, Kazakh.
    expect((await t.request('GET', '/portal', { auth: null, headers: { 'accept-language': 'ru-RU,ru;q=0.9' } })).text).toContain('<html lang="ru">');
    expect((await t.request('GET', '/portal', { auth: null })).text).toContain('<html lang="kk">');
  });

  it('shows region, district and aul pages with their place in the hierarchy, falling back to another language for a missing name', async () => {
    const region = (await page(`/portal/units/${f.region}?lang=en`)).text;
    expect(region).toContain('<h1>Karaganda region</h1>');
    expect(region).toContain(`href="/portal/units/${f.district}?lang=en"`);
    expect(region).toContain(`>Development plan 2019-2021</a>`); // plans anywhere below the region
    expect(region).not.toMatch(/<main id="main"><p>/); // no breadcrumb above a region
    const district = (await page(`/portal/units/${f.district}?lang=ru`)).text;
    expect(district).toContain('<h1>Нуринский район</h1>');
    expect(district).toContain(`href="/portal/units/${f.region}?lang=ru"`);
    const aul = await page(`/portal/units/${f.village}?lang=en`);
    expect(aul.status).toBe(200);
    expect(aul.text).toContain('<h1><span lang="ru">село Изенды</span></h1>');
    expect(aul.text).toContain(`href="/portal/plans/${f.plan}?lang=en"`);
    const okrug = (await page(`/portal/units/${f.okrug}?lang=en`)).text;
    expect(okrug).toContain('2,400.00\u00a0EUR'); // the programme's commitment in the okrug
  });

  it('shows a plan with its version history and the diff between versions', async () => {
    const res = await page(`/portal/plans/${f.plan}?lang=en`);
    expect(res.status).toBe(200);
    const text = res.text;
    expect(text).toContain('<h1>Development plan 2019-2021</h1>');
    expect(text).toContain('Version history');
    expect(text.match(/<td class="hash">[0-9a-f]{64}<\/td>/g)).toHaveLength(2);
    expect(text).toContain('Changes from version 1 to version 2');
    expect(text).toMatch(/Actions added<\/h4><table>.*Build a playground/s);
    expect(text).toMatch(/<td>Cost<\/td><td><del>4,000,000.00\u00a0KZT<\/del><\/td><td><ins>3,600,000.00\u00a0KZT<\/ins><\/td>/);
    expect(text).not.toContain('Aul akimat'); // responsible parties may name people: not shown
    expect((await page(`/portal/plans/${f.plan}?lang=kk`)).text).toContain('1-нұсқадан 2-нұсқаға дейінгі өзгерістер');
  });

  it('shows the grants register with pseudonymous application codes only', async () => {
    const text = (await page('/portal/grants?lang=en')).text;
    expect(text).toContain('GSE-2018-1');
    expect(text).toContain('Support for local entrepreneurship');
    expect(text).toContain(applicationCode(f.application));
    expect(text).toContain('850,000.00\u00a0KZT');
    expect(text).toContain('Individual entrepreneur');
    expect(text).not.toContain(f.application);
    expect(text).not.toContain('Mini dairy');
  });

  it('shows the meetings register, escaping every value it prints', async () => {
    const text = (await page('/portal/meetings?lang=en')).text;
    expect(text).toContain('Lighting &lt;b&gt;&amp;&lt;/b&gt; &quot;water&quot; for the aul');
    expect(text).not.toContain(f.hostileTitle);
    expect(text).toContain('2 (1 women, 1 men)');
    expect(text).toContain('The streets are dark at night');
    expect(text).not.toContain('Akim of the aul'); // convenors are not shown
  });

  it('answers an unknown or malformed id with a 404 page in the asked language', async () => {
    for (const path of [`/portal/units/${randomUUID()}?lang=ru`, '/portal/plans/not-a-uuid?lang=ru']) {
      const res = await page(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('Страница не найдена');
    }
  });

  it('never shows a personal value of the seeded residents or applicant on any portal page (a crawl of every link)', async () => {
    const seen = new Set<string>();
    const queue = ['/portal?lang=kk', '/portal?lang=ru', '/portal?lang=en'];
    const pages: Array<{ path: string; text: string }> = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await page(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      pages.push({ path, text: res.text });
      for (const [, link] of res.text.matchAll(/href="(\/portal[^"#]*)"/g)) if (!seen.has(link!.replace(/&amp;/g, '&'))) queue.push(link!.replace(/&amp;/g, '&'));
    }
    // Home, plans, meetings, grants, one plan, four units, and the plans and meetings of each unit, in three languages.
    expect(pages.length).toBe(51);
    expect(f.personalValues.length).toBe(12);
    // Every page stays small for a slow rural connection.
    expect(pages.filter(({ text }) => Buffer.byteLength(text) >= 50 * 1024).map(({ path }) => path)).toEqual([]);
    const hits = pages.flatMap(({ path, text }) => f.personalValues.filter((v) => text.includes(v)).map((v) => `${path}: ${v}`));
    expect(hits).toEqual([]);
  });

  it('limits the registers to a territory and pages the meetings register with plain links', async () => {
    expect((await page(`/portal/meetings?unit=${f.district}&lang=en`)).text).toContain('Lighting &lt;b&gt;');
    expect((await page(`/portal/plans?unit=${f.region}&lang=en`)).text).toContain(`href="/portal/plans/${f.plan}?lang=en"`);
    for (const bad of [`/portal/meetings?unit=${randomUUID()}`, '/portal/meetings?after=not-a-cursor', '/portal/plans?page=0', '/portal/plans?page=2']) {
      expect({ bad, status: (await page(bad)).status }).toEqual({ bad, status: 404 });
    }
    // 25 more meetings in the district: the register shows 25 a page, latest first, and links the next page.
    for (let i = 1; i <= 25; i++) {
      const res = await t.request('POST', '/meetings', {
        body: { meetingId: randomUUID(), meetingType: 'WORKING_GROUP', territoryUnitId: f.district, title: `Working group ${i}`, convenor: 'District akimat', venue: 'Akimat', scheduledFor: `2019-02-${String(i).padStart(2, '0')}T10:00:00+06:00` },
      });
      expect(res.status).toBe(201);
      f.position = res.body.position;
    }
    const first = (await page(`/portal/meetings?unit=${f.region}&lang=en`)).text;
    expect(first.match(/<tr id="m-/g)).toHaveLength(25);
    expect(Buffer.byteLength(first)).toBeLessThan(50 * 1024);
    expect(first).toContain('Working group 25');
    expect(first).not.toContain('Lighting &lt;b&gt;');
    const next = /<a href="(\/portal\/meetings\?[^"]+)" rel="next">Next page<\/a>/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = (await page(next)).text;
    expect(second.match(/<tr id="m-/g)).toHaveLength(1);
    expect(second).toContain('Lighting &lt;b&gt;');
    expect(second).toContain(`<a href="/portal/meetings?unit=${f.region}&amp;lang=en">First page</a>`);
    expect(second).not.toContain('rel="next"');
  });
});
