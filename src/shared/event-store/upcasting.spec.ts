import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { UpcastingEventStore, Upcasters } from './upcasting.js';
import { verifyChains } from './verify-chain.js';

const meta = { actor: { id: 'a', role: 'administrator' }, correlationId: 'c', occurredAt: '2018-01-01T00:00:00.000Z' };

/** v1 stored a single `name`; v2 has LocalizedText `names`; v3 adds `source`. */
const upcasters = new Upcasters([
  { type: 'UnitNamed', fromVersion: 1, upcast: (e) => ({ ...e, schemaVersion: 2, data: { names: { ru: e.data.name as string } } }) },
  { type: 'UnitNamed', fromVersion: 2, upcast: (e) => ({ ...e, schemaVersion: 3, data: { ...e.data, source: 'legacy' } }) },
]);

describe('Upcasting on read', () => {
  it('raises an old event through every version, leaving current ones alone', () => {
    const v1 = { type: 'UnitNamed', schemaVersion: 1, data: { name: 'Нура' } } as unknown as RecordedEvent;
    expect(upcasters.apply(v1)).toMatchObject({ schemaVersion: 3, data: { names: { ru: 'Нура' }, source: 'legacy' } });
    const v3 = { type: 'UnitNamed', schemaVersion: 3, data: { names: { en: 'Nura' } } } as unknown as RecordedEvent;
    expect(upcasters.apply(v3)).toBe(v3);
  });

  it('refuses two upcasters for one version and one that does not raise the version', () => {
    expect(() => new Upcasters([upcasters['byKey'].get('UnitNamed@1')!, upcasters['byKey'].get('UnitNamed@1')!])).toThrow(/Two upcasters/);
    const stuck = new Upcasters([{ type: 'X', fromVersion: 1, upcast: (e) => e }]);
    expect(() => stuck.apply({ type: 'X', schemaVersion: 1 } as RecordedEvent)).toThrow(/did not raise/);
  });

  it('applies to stream reads, global reads and subscriptions, while the raw store and the chain keep the stored bytes', async () => {
    const raw = SqliteEventStore.open(':memory:');
    const store = new UpcastingEventStore(raw, upcasters);
    await store.appendToStream('unit-1', [{ type: 'UnitNamed', schemaVersion: 1, data: { name: 'Киевка' }, metadata: meta }], 'no_stream');
    const expected = { schemaVersion: 3, data: { names: { ru: 'Киевка' }, source: 'legacy' } };
    expect((await store.readStream('unit-1'))[0]).toMatchObject(expected);
    expect((await store.readAll({ after: null, maxCount: 10 }))[0]).toMatchObject(expected);
    const sub = store.subscribeToAll({ after: null });
    const first = await sub[Symbol.asyncIterator]().next();
    await sub.close();
    expect(first.value).toMatchObject(expected);
    expect((await raw.readStream('unit-1'))[0]).toMatchObject({ schemaVersion: 1, data: { name: 'Киевка' } });
    expect(await verifyChains(raw)).toMatchObject({ ok: true, events: 1 });
    await store.close();
  });
});
