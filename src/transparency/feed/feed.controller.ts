import { createHash } from 'node:crypto';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../access/public.decorator.js';
import { AppConfig } from '../../config/app.config.js';
import { ApiQueryProblems } from '../../shared/http/api-docs.js';
import { ConditionalGets } from '../../shared/http/conditional-get.js';
import { ifNoneMatchNames } from '../../shared/http/etag.js';
import { badRequest } from '../../shared/http/http-errors.js';
import { BoundedWriter } from './bounded-writer.js';
import { type FeedEntry, afterPosition, positionOfSeq, seqOf } from './feed-entry.js';
import { type FeedPage, toAtom, toJsonFeed, toJsonFeedItem } from './feed-formats.js';
import { FeedQueryDto, FeedStreamQueryDto, type Language } from './feed-view.js';
import { FeedService } from './feed.service.js';

/** Public responses may be cached briefly; If-None-Match revalidates them (ETag on every GET). */
export const PUBLIC_CACHE = 'public, max-age=30, must-revalidate';
const STREAM_PAGE = 200;
/** Bytes a slow client may leave unread in its socket before it is dropped (it resumes with Last-Event-ID). */
const MAX_UNSENT_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;
/** Page URLs whose query the full path has accepted, kept with their hash (the oldest forgotten first). */
const KNOWN_PAGES = 4096;
const PAGE_TYPES = { 'feed.atom': 'application/atom+xml; charset=utf-8', 'feed.json': 'application/feed+json; charset=utf-8' } as const;
type PageFile = keyof typeof PAGE_TYPES;

/** A feed page's ETag: the position the feed reflects and the hash of the page's absolute URL. */
const pageETag = (reflects: bigint, urlHash: string): string => `W/"${reflects}-${urlHash}"`;

/** The base URL of the request, for absolute links in feeds. */
export const baseUrlOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** Consistent-With on public reads: waits (at most READ_WAIT_MS) until the feed reflects the position. */
export const waitForFeed = async (request: FastifyRequest, reply: FastifyReply, feed: FeedService, config: AppConfig): Promise<bigint> => {
  const header = request.headers['consistent-with'];
  let reached = feed.position();
  if (typeof header === 'string' && header !== '') {
    if (!/^\d{1,20}$/.test(header.trim())) {
      throw badRequest('invalid-consistent-with', 'Invalid Consistent-With header', 'Consistent-With must be a log position as returned by a command, e.g. 1042.', [
        { path: 'headers.consistent-with', message: 'must be a non-negative integer' },
      ]);
    }
    const wanted = BigInt(header.trim());
    reached = await feed.waitFor(wanted, config.readWaitMs);
    if (reached < wanted) void reply.header('Consistency', 'stale');
  }
  void reply.header('Reflects-Position', reached.toString());
  return reached;
};

/**
 * The public transparency feed (DOMAIN.md 4.4): Atom and JSON Feed pages cut by log position with RFC 5005 `next`
 * links, and a Server-Sent Events stream with `id:` = log position that resumes from Last-Event-ID.
 */
@ApiTags('public')
@Controller('public')
@Public()
export class FeedController {
  /** Absolute page URL → the hash of it its ETag holds, for URLs the full path has validated. */
  private readonly pages = new Map<string, string>();

  constructor(
    private readonly feed: FeedService,
    private readonly config: AppConfig,
    conditionalGets: ConditionalGets,
  ) {
    for (const file of Object.keys(PAGE_TYPES) as PageFile[]) conditionalGets.register(`/public/${file}`, (request) => this.currentValidator(request, file));
  }

  /**
   * A page's ETag and 304 headers from memory, for the fast path: only for a URL the full path has validated, and
   * only when the feed already reflects any Consistent-With (else the full path waits, or answers 400).
   */
  private currentValidator(request: FastifyRequest, file: PageFile): { etag: string; headers: Record<string, string> } | undefined {
    const hash = this.pages.get(`${baseUrlOf(request)}${request.url}`);
    if (hash === undefined) return undefined;
    const reflects = this.feed.position();
    const wanted = request.headers['consistent-with'];
    if (wanted !== undefined && wanted !== '' && !(typeof wanted === 'string' && /^\d{1,20}$/.test(wanted.trim()) && BigInt(wanted.trim()) <= reflects)) return undefined;
    return { etag: pageETag(reflects, hash), headers: { 'content-type': PAGE_TYPES[file], 'cache-control': PUBLIC_CACHE, 'reflects-position': reflects.toString() } };
  }

  /** The hash of a validated page URL its ETag holds; remembered for the fast path. */
  private pageHash(request: FastifyRequest): string {
    const url = `${baseUrlOf(request)}${request.url}`;
    let hash = this.pages.get(url);
    if (hash === undefined) {
      hash = createHash('sha256').update(url).digest('base64url').slice(0, 22);
      if (this.pages.size >= KNOWN_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(url, hash);
    }
    return hash;
  }

  @Get('feed.atom')
  @ApiOperation({ summary: 'The public feed in Atom (RFC 4287), newest first, or oldest first after a position; paged by `next` links (RFC 5005)' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'An Atom feed document' })
  @ApiQueryProblems()
  async atom(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', PAGE_TYPES['feed.atom']).header('cache-control', PUBLIC_CACHE);
    const page = await this.page(query, request, reply, 'feed.atom');
    return page ? toAtom(page) : '';
  }

  @Get('feed.json')
  @ApiOperation({ summary: 'The public feed in JSON Feed 1.1, paged like the Atom feed (`next_url`)' })
  @ApiProduces('application/feed+json')
  @ApiOkResponse({ description: 'A JSON Feed document' })
  @ApiQueryProblems()
  async json(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', PAGE_TYPES['feed.json']).header('cache-control', PUBLIC_CACHE);
    const page = await this.page(query, request, reply, 'feed.json');
    return page ? JSON.stringify(toJsonFeed(page)) : '';
  }

  @Get('feed/stream')
  @ApiOperation({
    summary:
      'Live stream of the feed (Server-Sent Events): one `entries` message per log position (`id:` = the position) with every entry published or changed there; resumes after Last-Event-ID with no gap and no repeat',
  })
  @ApiProduces('text/event-stream')
  @ApiQueryProblems()
  async stream(@Query() query: FeedStreamQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const header = request.headers['last-event-id'];
    const given = typeof header === 'string' && header.trim() !== '' ? header.trim() : query.lastEventId;
    if (given !== undefined && !/^\d{1,19}$/.test(given)) {
      throw badRequest('invalid-last-event-id', 'Invalid Last-Event-ID', 'Last-Event-ID must be the id of a message of this stream (a log position).', [
        { path: 'headers.last-event-id', message: 'must be a log position' },
      ]);
    }
    const lang: Language = query.lang ?? 'ru';
    const policy = await this.feed.policy();
    let last = given !== undefined ? BigInt(given) : this.feed.position();
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      ...Object.fromEntries(Object.entries(reply.getHeaders()).map(([k, v]) => [k, String(v)])),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const writer = new BoundedWriter(raw, MAX_UNSENT_BYTES);
    let wake: (() => void) | null = null;
    const stop = () => {
      writer.close();
      wake?.();
    };
    raw.on('close', stop);
    const off = this.feed.onAdvance(() => wake?.());
    const send = (chunk: string) => writer.send(chunk);
    try {
      send('retry: 2000\n\n');
      while (writer.open) {
        const target = this.feed.position();
        const { groups, more } = await this.groupsAfter(last, target);
        for (const [position, entries] of groups) {
          const data = JSON.stringify({ position: position.toString(), items: entries.map((e) => toJsonFeedItem(e, { lang, allowOfficialNames: policy.allowOfficialNames })) });
          if (!send(`id: ${position}\nevent: entries\ndata: ${data}\n\n`)) break;
          last = position;
        }
        if (!writer.open || more) continue;
        // Everything up to `target` has been sent.
        if (target > last) last = target;
        if (query.until === 'caught-up') break;
        if (this.feed.position() > target) continue;
        const woke = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!woke) send(': keep-alive\n\n');
      }
    } finally {
      off();
      raw.off('close', stop);
      if (!raw.destroyed) raw.end();
    }
  }

  /** Whole position groups of entries changed after `last`, up to `target`, in order; `more` when the page was cut. */
  private async groupsAfter(last: bigint, target: bigint): Promise<{ groups: Map<bigint, FeedEntry[]>; more: boolean }> {
    let items = await this.feed.find({ changedSeq: { $gt: afterPosition(last), $lte: afterPosition(target) } }, 'changedSeq', 'asc', STREAM_PAGE);
    const more = items.length === STREAM_PAGE;
    if (more) {
      // The last position may be cut: read it whole.
      const edge = positionOfSeq(items.at(-1)!.changedSeq!);
      items = [...items.filter((e) => positionOfSeq(e.changedSeq!) < edge), ...(await this.feed.find({ changedSeq: { $gte: seqOf(edge, 0), $lte: afterPosition(edge) } }, 'changedSeq', 'asc', 1000))];
    }
    const groups = new Map<bigint, FeedEntry[]>();
    for (const e of items) {
      const p = positionOfSeq(e.changedSeq!);
      groups.set(p, [...(groups.get(p) ?? []), e]);
    }
    return { groups, more };
  }

  /**
   * The page a request names, or null when its If-None-Match names the page's ETag (then the answer is 304, decided
   * before any entry is read). A page is a function of its URL and of the position the feed reflects (entries,
   * corrections, releases and the policy all come from events), so the ETag holds both: it changes whenever the feed
   * moves, and never stays the same over a changed page.
   */
  private async page(query: FeedQueryDto, request: FastifyRequest, reply: FastifyReply, file: string): Promise<FeedPage | null> {
    if (query.after !== undefined && query.before !== undefined) {
      throw badRequest('validation-failed', 'The request is not valid', 'Give either after or before, not both.', [{ path: 'before', message: 'must not be given with after' }]);
    }
    const reflects = await waitForFeed(request, reply, this.feed, this.config);
    const etag = pageETag(reflects, this.pageHash(request));
    void reply.header('etag', etag);
    if (ifNoneMatchNames(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return null;
    }
    const lang = query.lang ?? 'ru';
    const limit = query.limit ?? 50;
    const ascending = query.after !== undefined;
    const filter = ascending
      ? { publishedSeq: { $gt: afterPosition(BigInt(query.after!)), $lte: afterPosition(reflects) } }
      : { publishedSeq: { $lt: seqOf(query.before !== undefined ? BigInt(query.before) : reflects + 1n, 0) } };
    let entries = await this.feed.find(filter, 'publishedSeq', ascending ? 'asc' : 'desc', limit);
    const full = entries.length === limit;
    if (full) {
      // Never cut a position in two: complete the page's last position.
      const edge = positionOfSeq(entries.at(-1)!.publishedSeq!);
      const rest = await this.feed.find({ publishedSeq: { $gte: seqOf(edge, 0), $lte: afterPosition(edge) } }, 'publishedSeq', ascending ? 'asc' : 'desc', 1000);
      entries = [...entries.filter((e) => positionOfSeq(e.publishedSeq!) !== edge), ...rest];
    }
    const [policy, head] = await Promise.all([this.feed.policy(), this.feed.head()]);
    const base = baseUrlOf(request);
    const url = (params: Record<string, string>) => {
      const u = new URL(`${base}/public/${file}`);
      for (const [k, v] of Object.entries({ ...params, ...(query.limit ? { limit: String(limit) } : {}), ...(query.lang ? { lang } : {}) })) u.searchParams.set(k, v);
      return u.toString();
    };
    const edge = entries.length > 0 ? positionOfSeq(entries.at(-1)!.publishedSeq!) : null;
    const self = url(query.after !== undefined ? { after: query.after } : query.before !== undefined ? { before: query.before } : {});
    return {
      lang,
      entries,
      selfUrl: self,
      nextUrl: full && edge !== null ? url(ascending ? { after: edge.toString() } : { before: edge.toString() }) : null,
      homeUrl: `${base}/public/feed.json`,
      updated: head?.updated ?? '1970-01-01T00:00:00.000Z',
      reflectsPosition: reflects,
      policyVersion: policy.version,
      allowOfficialNames: policy.allowOfficialNames,
    };
  }
}
