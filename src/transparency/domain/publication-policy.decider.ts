import type { Decider } from '../../shared/domain/decider.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { InvalidPublicationPolicy } from './publication-policy.errors.js';
import type { PolicyContent, PublicationPolicyCommand, PublicationPolicyEvent } from './publication-policy.events.js';

/** The one stream of the singleton PublicationPolicy aggregate. */
export const PUBLICATION_POLICY_STREAM = 'publicationPolicy-default';

export type PublicationPolicyState = PolicyContent & { readonly version: number };

const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{1,79}$/;
const FIELD = /^[a-z][A-Za-z0-9]{0,63}$/;

const sameContent = (a: PolicyContent, b: PolicyContent): boolean =>
  a.allowOfficialNames === b.allowOfficialNames &&
  JSON.stringify([...a.publicEventTypes].sort()) === JSON.stringify([...b.publicEventTypes].sort()) &&
  JSON.stringify(a.delays.map((d) => `${d.eventType}|${d.releasedBy}|${d.matchOn}`).sort()) ===
    JSON.stringify(b.delays.map((d) => `${d.eventType}|${d.releasedBy}|${d.matchOn}`).sort());

const validate = (c: PolicyContent): void => {
  const seen = new Set<string>();
  c.publicEventTypes.forEach((t, i) => {
    if (!EVENT_TYPE.test(t)) throw new InvalidPublicationPolicy(`"${t}" is not an event type name (PascalCase).`, `publicEventTypes[${i}]`, 'must be an event type name');
    if (seen.has(t)) throw new InvalidPublicationPolicy(`${t} is listed twice.`, `publicEventTypes[${i}]`, 'must be listed once');
    seen.add(t);
  });
  const delayed = new Set<string>();
  c.delays.forEach((d, i) => {
    if (!seen.has(d.eventType)) throw new InvalidPublicationPolicy(`${d.eventType} is delayed but not public: add it to publicEventTypes or drop the delay.`, `delays[${i}].eventType`, 'must be a public event type');
    if (!EVENT_TYPE.test(d.releasedBy)) throw new InvalidPublicationPolicy(`"${d.releasedBy}" is not an event type name.`, `delays[${i}].releasedBy`, 'must be an event type name');
    if (!FIELD.test(d.matchOn)) throw new InvalidPublicationPolicy(`"${d.matchOn}" is not a field name.`, `delays[${i}].matchOn`, 'must be a camelCase field name');
    if (delayed.has(d.eventType)) throw new InvalidPublicationPolicy(`${d.eventType} has two delays; give it one.`, `delays[${i}].eventType`, 'must be delayed once');
    delayed.add(d.eventType);
  });
};

/**
 * The publication policy (DOMAIN.md 5.10) as a pure decider: ChangePublicationPolicy → PublicationPolicyChanged with the
 * next version, or nothing when the content is unchanged. Before the first change the default policy (version 0) holds.
 */
export const publicationPolicyDecider: Decider<PublicationPolicyState, PublicationPolicyCommand, PublicationPolicyEvent> = {
  initialState: () => DEFAULT_POLICY,
  evolve: (state, event) => {
    if (event.type !== 'PublicationPolicyChanged') return state;
    const { version, publicEventTypes, delays, allowOfficialNames } = event.data;
    return { version, publicEventTypes, delays, allowOfficialNames };
  },
  decide: (command, state) => {
    const { publicEventTypes, delays, allowOfficialNames, reason } = command.data;
    const content: PolicyContent = { publicEventTypes: [...publicEventTypes], delays: delays.map((d) => ({ eventType: d.eventType, releasedBy: d.releasedBy, matchOn: d.matchOn })), allowOfficialNames };
    validate(content);
    if (sameContent(content, state)) return [];
    return [{ type: 'PublicationPolicyChanged', data: { ...content, version: state.version + 1, reason, changedAt: command.metadata.now } }];
  },
};
