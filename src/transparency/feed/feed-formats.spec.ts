import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FeedEntry } from './feed-entry.js';
import { type FeedPage, toAtom, toJsonFeed } from './feed-formats.js';

const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  kind: 'entry', key: 'event/e1', eventType: 'PlanEndorsedByAkim', eventId: 'e1', sourcePosition: '7', visibility: 'public',
  publishedSeq: '00000000000000000007.00000', changedSeq: '00000000000000000007.00000', published: '2018-05-01T10:00:00.000Z', updated: '2018-05-01T10:00:00.000Z',
  titles: { en: 'Development plan endorsed by the akim: Batyr', ru: 'План развития утверждён акимом: Батыр' }, summary: { en: '' }, categories: ['PlanEndorsedByAkim', 'plan'],
  facts: { planId: 'p1' }, keys: {}, releaseOn: [], corrects: null, correctedBy: [], actor: { role: 'rural-akim', name: 'Akim of Batyr (key holder)' }, ...over,
});
const page = (over: Partial<FeedPage> = {}): FeedPage => ({
  lang: 'kk', entries: [entry()], selfUrl: 'http://x/public/feed.atom', nextUrl: 'http://x/public/feed.atom?before=7', homeUrl: 'http://x/public/feed.json',
  updated: '2018-05-01T10:00:00.000Z', reflectsPosition: 9n, policyVersion: 0, allowOfficialNames: false, ...over,
});
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, isArray: (n) => ['entry', 'link'].includes(n) }).parse(xml).feed;

describe('feed formats', () => {
  it('shows an official by role unless the policy allows names', () => {
    expect(parse(toAtom(page())).entry[0].author.name).toBe('Ауылдық округ әкімі');
    expect(parse(toAtom(page({ allowOfficialNames: true }))).entry[0].author.name).toBe('Akim of Batyr (key holder)');
    expect(toJsonFeed(page({ lang: 'en' })).items[0]!.authors).toEqual([{ name: 'Rural akim' }]);
  });

  it('falls back to Russian, then English, for a title the data has not in the language asked for', () => {
    expect(parse(toAtom(page())).entry[0].title['#text']).toBe('План развития утверждён акимом: Батыр');
    expect(toJsonFeed(page({ lang: 'en' })).items[0]!.title).toBe('Development plan endorsed by the akim: Batyr');
  });

  it('links the next page (RFC 5005) only when there is one, and escapes text', () => {
    const xml = toAtom(page({ entries: [entry({ titles: { ru: 'A & B <c>' } })], nextUrl: null }));
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parse(xml);
    expect(feed.link.map((l: Record<string, string>) => l['@_rel'])).toEqual(['self', 'alternate']);
    expect(xml).toContain('A &amp; B &lt;c&gt;');
    expect(feed.entry[0].title['#text']).toBe('A & B <c>');
    expect(toJsonFeed(page({ nextUrl: null }))).not.toHaveProperty('next_url');
  });
});
