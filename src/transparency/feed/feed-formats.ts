import { create } from 'xmlbuilder2';
import type { Language } from './feed-view.js';
import type { FeedEntry } from './feed-entry.js';
import { positionOfSeq } from './feed-entry.js';

/** The tag URI authority of every id (RFC 4151): stable across hosts, never dereferenced. */
export const TAG = 'tag:aul-ledger.example,2017:';
export const FEED_ID = `${TAG}feed/transparency`;
export const CATEGORY_SCHEME = `${TAG}vocabulary/event-type`;

const FEED_TITLE = { en: 'Aul Ledger: public transparency feed', ru: 'Aul Ledger: открытая лента прозрачности', kk: 'Aul Ledger: ашықтық лентасы' } as const;
const FEED_SUBTITLE = {
  en: 'Decisions of local self-government, plans, meetings, votes, grants and programme finance, as they are recorded.',
  ru: 'Решения местного самоуправления, планы, собрания, голосования, гранты и финансы программ по мере их записи.',
  kk: 'Жергілікті өзін-өзі басқару шешімдері, жоспарлар, жиналыстар, дауыс берулер, гранттар және бағдарлама қаржысы.',
} as const;
const ROLE_NAMES: Record<string, { en: string; ru: string; kk: string }> = {
  administrator: { en: 'Administrator', ru: 'Администратор', kk: 'Әкімші' },
  'programme-officer': { en: 'Programme officer', ru: 'Сотрудник программы', kk: 'Бағдарлама қызметкері' },
  'rural-akim': { en: 'Rural akim', ru: 'Аким сельского округа', kk: 'Ауылдық округ әкімі' },
  'meeting-secretary': { en: 'Meeting secretary', ru: 'Секретарь собрания', kk: 'Жиналыс хатшысы' },
  evaluator: { en: 'Evaluator', ru: 'Эксперт', kk: 'Сарапшы' },
  auditor: { en: 'Auditor', ru: 'Аудитор', kk: 'Аудитор' },
  'data-protection-officer': { en: 'Data protection officer', ru: 'Ответственный за защиту данных', kk: 'Деректерді қорғау жөніндегі маман' },
  system: { en: 'Aul Ledger', ru: 'Aul Ledger', kk: 'Aul Ledger' },
};

/** What both formats render: one page of public entries and its links. */
export type FeedPage = {
  lang: Language;
  entries: FeedEntry[];
  /** Absolute URLs. */
  selfUrl: string;
  nextUrl: string | null;
  homeUrl: string;
  /** The feed's last change (RFC 3339), or the epoch for an empty feed. */
  updated: string;
  reflectsPosition: bigint;
  policyVersion: number;
  allowOfficialNames: boolean;
};

export const titleIn = (text: { kk?: string; ru?: string; en?: string }, lang: Language): string => text[lang] || text.ru || text.en || text.kk || '';
export const entryId = (key: string): string => `${TAG}entry/${key}`;
const authorOf = (e: FeedEntry, page: FeedPage): string =>
  page.allowOfficialNames && e.actor.name ? e.actor.name : titleIn(ROLE_NAMES[e.actor.role] ?? { en: e.actor.role }, page.lang);

/** Atom 1.0 (RFC 4287) with RFC 5005 paging links. Built with xmlbuilder2. */
export const toAtom = (page: FeedPage): string => {
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': page.lang });
  feed.ele('id').txt(FEED_ID);
  feed.ele('title').txt(FEED_TITLE[page.lang]);
  feed.ele('subtitle').txt(FEED_SUBTITLE[page.lang]);
  feed.ele('updated').txt(page.updated);
  feed.ele('author').ele('name').txt('Aul Ledger');
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: page.selfUrl });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: page.homeUrl });
  if (page.nextUrl) feed.ele('link', { rel: 'next', type: 'application/atom+xml', href: page.nextUrl });
  feed.ele('generator', { version: '0.1.0' }).txt('Aul Ledger');
  for (const e of page.entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(entryId(e.key));
    entry.ele('title', { type: 'text' }).txt(titleIn(e.titles, page.lang));
    entry.ele('updated').txt(e.updated);
    entry.ele('published').txt(e.published);
    entry.ele('author').ele('name').txt(authorOf(e, page));
    for (const term of e.categories) entry.ele('category', { term, scheme: CATEGORY_SCHEME });
    if (e.corrects) entry.ele('link', { rel: 'related', title: 'corrects', href: entryId(e.corrects) });
    for (const by of e.correctedBy) entry.ele('link', { rel: 'related', title: 'corrected-by', href: entryId(by) });
    entry.ele('content', { type: 'text' }).txt(titleIn(e.summary, page.lang) || titleIn(e.titles, page.lang));
  }
  return feed.end({ prettyPrint: false });
};

/** One item of JSON Feed 1.1, with the full facts under `_aul_ledger`. */
export const toJsonFeedItem = (e: FeedEntry, page: Pick<FeedPage, 'lang' | 'allowOfficialNames'>) => ({
  id: e.key,
  title: titleIn(e.titles, page.lang),
  content_text: titleIn(e.summary, page.lang) || titleIn(e.titles, page.lang),
  date_published: e.published,
  date_modified: e.updated,
  authors: [{ name: authorOf(e, page as FeedPage) }],
  tags: e.categories,
  language: page.lang,
  _aul_ledger: {
    eventType: e.eventType,
    position: e.publishedSeq ? positionOfSeq(e.publishedSeq).toString() : null,
    titles: e.titles,
    facts: e.facts,
    corrects: e.corrects,
    correctedBy: e.correctedBy,
  },
});

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export const toJsonFeed = (page: FeedPage) => ({
  version: 'https://jsonfeed.org/version/1.1',
  title: FEED_TITLE[page.lang],
  home_page_url: page.homeUrl,
  feed_url: page.selfUrl,
  ...(page.nextUrl ? { next_url: page.nextUrl } : {}),
  description: FEED_SUBTITLE[page.lang],
  language: page.lang,
  authors: [{ name: 'Aul Ledger' }],
  _aul_ledger: { policyVersion: page.policyVersion, updated: page.updated },
  items: page.entries.map((e) => toJsonFeedItem(e, page)),
});
