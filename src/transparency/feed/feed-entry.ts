import type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { JsonObject } from '../../shared/domain/message.js';
import type { FieldSpec } from '../../shared/read-store/read-store.port.js';
import type { PolicyContent } from '../domain/publication-policy.events.js';
import type { Label } from './renderers.js';

/** public: in the feed; held: waiting for its release event (a delay rule); private: its type is not public. */
export type Visibility = 'public' | 'held' | 'private';

/** One feed entry as stored (collection `transparency_feed_v1`, id `entry:<key>`). */
export type FeedEntry = {
  kind: 'entry';
  key: string;
  eventType: string;
  eventId: string;
  /** Log position of the event the entry was rendered from. */
  sourcePosition: string;
  visibility: Visibility;
  /** `<position>.<n>` (zero-padded) where the entry became public: pages are ordered and cut by it. */
  publishedSeq: string | null;
  /** `<position>.<n>` of its last change while public (publication, correction): the live stream is ordered by it. */
  changedSeq: string | null;
  /** Business time of the event (RFC 3339). */
  published: string;
  /** Time of the last change: publication after a delay, or a correction. */
  updated: string;
  titles: LocalizedText;
  summary: LocalizedText;
  categories: string[];
  facts: JsonObject;
  keys: Record<string, string>;
  /** `<heldType>:<field>=<value>` that release it while held. */
  releaseOn: string[];
  corrects: string | null;
  correctedBy: string[];
  /** Who acted: role always; the key holder's name is shown only where the policy allows officials' names. */
  actor: { role: string; name: string | null };
};

export type FeedPolicyDoc = PolicyContent & { kind: 'policy'; version: number };
export type FeedLabelDoc = Label & { kind: 'label' };
/** The feed's head: the last change and its time (the feed's `updated`). */
export type FeedHeadDoc = { kind: 'head'; changedSeq: string | null; updated: string | null; position: string };

export type FeedDoc = FeedEntry | FeedPolicyDoc | FeedLabelDoc | FeedHeadDoc;

export const FEED_COLLECTION = 'transparency_feed_v1';
export const FEED_CONSUMER = 'transparency.feed';
export const FEED_FIELDS: FieldSpec[] = [
  { path: 'kind', type: 'string' },
  { path: 'visibility', type: 'string' },
  { path: 'eventType', type: 'string' },
  { path: 'publishedSeq', type: 'string' },
  { path: 'changedSeq', type: 'string' },
  { path: 'releaseOn', type: 'string', array: true },
];

export const seqOf = (position: bigint, n: number): string => `${position.toString().padStart(20, '0')}.${String(n).padStart(5, '0')}`;
/** The log position of a `<position>.<n>` sequence. */
export const positionOfSeq = (seq: string): bigint => BigInt(seq.slice(0, 20));
/** The smallest sequence above every sequence of `position` (to read strictly after a whole position). */
export const afterPosition = (position: bigint): string => `${position.toString().padStart(20, '0')}.99999`;
