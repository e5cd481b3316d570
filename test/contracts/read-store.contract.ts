import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CollectionSpec, type DocumentWrite, InvalidQueryError, type ReadStore } from '../../src/shared/read-store/read-store.port.js';

type Unit = { unitId: string; level: string; region: string | null; population: number; active: boolean; names: { ru: string; en?: string }; codes: string[] };

const spec = (name: string): CollectionSpec => ({
  name,
  fields: [
    { path: 'level', type: 'string' },
    { path: 'region', type: 'string' },
    { path: 'population', type: 'number' },
    { path: 'active', type: 'boolean' },
    { path: 'names.ru', type: 'string' },
    { path: 'codes', type: 'string', array: true },
  ],
});

const units: Unit[] = [
  { unitId: 'u01', level: 'VILLAGE', region: 'Mangystau', population: 300, active: true, names: { ru: 'Баянды', en: 'Bayandy' }, codes: ['475036100'] },
  { unitId: 'u02', level: 'VILLAGE', region: 'Mangystau', population: 1200, active: true, names: { ru: 'Батыр' }, codes: ['475042100', '475042200'] },
  { unitId: 'u03', level: 'TOWNSHIP', region: 'Karaganda', population: 9000, active: true, names: { ru: 'Нура' }, codes: ['355230100'] },
  { unitId: 'u04', level: 'RURAL_OKRUG', region: 'Karaganda', population: 2500, active: false, names: { ru: 'Изенды' }, codes: [] },
  { unitId: 'u05', level: 'RURAL_OKRUG', region: 'East Kazakhstan', population: 2500, active: true, names: { ru: 'Кожохово' }, codes: ['634057100'] },
  { unitId: 'u06', level: 'VILLAGE', region: null, population: 450, active: true, names: { ru: 'Баскудук' }, codes: ['475033100'] },
  { unitId: 'u07', level: 'TOWNSHIP', region: 'East Kazakhstan', population: 7000, active: true, names: { ru: 'Белоусовка' }, codes: ['634037100'] },
];

/**
 * The ReadStore contract: every adapter must pass it. Each test uses its own collection and projection names, so
 * `open` may return a store on a shared server.
 */
export const readStoreContract = (name: string, open: () => Promise<ReadStore>) =>
  describe(`ReadStore contract: ${name}`, () => {
    let store: ReadStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    const fresh = async () => {
      const s = spec(`contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
      await store.ensureCollection(s);
      await store.ensureCollection(s); // idempotent
      return s.name;
    };
    const seeded = async () => {
      const c = await fresh();
      await store.applyBatch({ projection: `p-${c}`, checkpoint: 7n, writes: units.map((u, i) => ({ collection: c, id: u.unitId, doc: u, position: BigInt(i + 1) })) });
      return c;
    };
    const ids = (items: Unit[]) => items.map((u) => u.unitId);

    describe('documents and checkpoints', () => {
      it('reads back what a batch wrote, and the batch checkpoint', async () => {
        const c = await seeded();
        expect(await store.get<Unit>(c, 'u02')).toEqual(units[1]);
        expect(await store.getStored<Unit>(c, 'u02')).toEqual({ id: 'u02', doc: units[1], position: 2n });
        expect(await store.get(c, 'missing')).toBeNull();
        expect(await store.getCheckpoint(`p-${c}`)).toBe(7n);
        expect(await store.getCheckpoint(`never-${c}`)).toBeNull();
        await store.deleteCheckpoint(`p-${c}`);
        expect(await store.getCheckpoint(`p-${c}`)).toBeNull();
      });

      it('ignores a write at or below the document position, and applies one above it', async () => {
        const c = await fresh();
        const w = (doc: object | null, position: bigint): DocumentWrite => ({ collection: c, id: 'd', doc, position });
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 10n, writes: [w({ v: 10 }, 10n)] });
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 10n, writes: [w({ v: 9 }, 9n), w({ v: 'same' }, 10n)] });
        expect(await store.get(c, 'd')).toEqual({ v: 10 });
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 11n, writes: [w({ v: 11 }, 11n)] });
        expect(await store.getStored(c, 'd')).toEqual({ id: 'd', doc: { v: 11 }, position: 11n });
      });

      it('keeps a tombstone on delete, so an older replay does not bring the document back', async () => {
        const c = await seeded();
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 20n, writes: [{ collection: c, id: 'u01', doc: null, position: 20n }] });
        expect(await store.get(c, 'u01')).toBeNull();
        expect(await store.getStored(c, 'u01')).toEqual({ id: 'u01', doc: null, position: 20n });
        expect(await store.count(c)).toBe(units.length - 1);
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 20n, writes: [{ collection: c, id: 'u01', doc: units[0]!, position: 1n }] });
        expect(await store.get(c, 'u01')).toBeNull();
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 21n, writes: [{ collection: c, id: 'u01', doc: { ...units[0]!, population: 301 }, position: 21n }] });
        expect(await store.get<Unit>(c, 'u01')).toMatchObject({ population: 301 });
      });

      it('removes a document outright, leaving no tombstone', async () => {
        const c = await seeded();
        await store.remove(c, 'u03');
        await store.remove(c, 'never-there');
        await store.purge();
        expect(await store.getStored(c, 'u03')).toBeNull();
        expect(await store.count(c)).toBe(units.length - 1);
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 8n, writes: [{ collection: c, id: 'u03', doc: units[2]!, position: 1n }] });
        expect(await store.get(c, 'u03')).toEqual(units[2]); // no tombstone: even an old position writes it again
      });

      it('round-trips nested objects and text in any script unchanged', async () => {
        const c = await fresh();
        const doc = { names: { kk: 'Сайын Шапағатов', ru: 'Сайын Шапагатов', en: 'Saiyn Shapagat' }, nested: [{ a: [1, 2.5, null, true] }], emoji: 'ok ✓' };
        await store.applyBatch({ projection: `p-${c}`, checkpoint: 1n, writes: [{ collection: c, id: 'x', doc, position: 1n }] });
        expect(await store.get(c, 'x')).toEqual(doc);
      });

      it('drops a collection with its documents', async () => {
        const c = await seeded();
        await store.dropCollection(c);
        await store.ensureCollection(spec(c));
        expect(await store.count(c)).toBe(0);
      });

      it('keeps meta values', async () => {
        const key = `meta-${randomUUID()}`;
        expect(await store.getMeta(key)).toBeNull();
        await store.setMeta(key, 'v1');
        await store.setMeta(key, 'v2');
        expect(await store.getMeta(key)).toBe('v2');
      });
    });

    describe('queries', () => {
      let c: string;
      beforeAll(async () => {
        c = await seeded();
      });
      const find = (options: Parameters<ReadStore['find']>[1]) => store.find<Unit>(c, options);

      it('filters by equality on strings, numbers, booleans, nested paths and null', async () => {
        expect(ids((await find({ filter: { level: 'VILLAGE' }, limit: 100 })).items).sort()).toEqual(['u01', 'u02', 'u06']);
        expect(ids((await find({ filter: { population: 2500, active: true }, limit: 100 })).items)).toEqual(['u05']);
        expect(ids((await find({ filter: { 'names.ru': 'Нура' }, limit: 100 })).items)).toEqual(['u03']);
        expect(ids((await find({ filter: { region: null }, limit: 100 })).items)).toEqual(['u06']);
        expect(ids((await find({ filter: { active: false }, limit: 100 })).items)).toEqual(['u04']);
      });

      it('filters by $in, ranges and $prefix', async () => {
        expect(ids((await find({ filter: { region: { $in: ['Karaganda', 'East Kazakhstan'] } }, limit: 100 })).items).sort()).toEqual(['u03', 'u04', 'u05', 'u07']);
        expect(ids((await find({ filter: { population: { $gte: 1200, $lt: 7000 } }, limit: 100 })).items).sort()).toEqual(['u02', 'u04', 'u05']);
        expect(ids((await find({ filter: { 'names.ru': { $prefix: 'Ба' } }, limit: 100 })).items).sort()).toEqual(['u01', 'u02', 'u06']);
        expect(ids((await find({ filter: { 'names.ru': { $gt: 'Н' } }, limit: 100 })).items)).toEqual(['u03']);
      });

      it('matches an array field when any element matches', async () => {
        expect(ids((await find({ filter: { codes: '475042200' }, limit: 100 })).items)).toEqual(['u02']);
        expect(ids((await find({ filter: { codes: { $prefix: '6340' } }, limit: 100 })).items).sort()).toEqual(['u05', 'u07']);
        expect(ids((await find({ filter: { codes: { $in: ['355230100', '475036100'] } }, limit: 100 })).items).sort()).toEqual(['u01', 'u03']);
      });

      it('counts with a filter', async () => {
        expect(await store.count(c, { level: 'TOWNSHIP' })).toBe(2);
        expect(await store.count(c)).toBe(units.length);
      });

      it('sorts on several keys with the id as the last, and pages through every item exactly once', async () => {
        const sort = [{ path: 'population', direction: 'desc' as const }, { path: 'level', direction: 'asc' as const }];
        const all = await find({ sort, limit: 100 });
        expect(ids(all.items)).toEqual(['u03', 'u07', 'u04', 'u05', 'u02', 'u06', 'u01']);
        expect(all.nextCursor).toBeNull();
        const paged: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 10; i++) {
          const page: { items: Unit[]; nextCursor: string | null } = await find({ sort, limit: 3, cursor });
          paged.push(...ids(page.items));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(paged).toEqual(ids(all.items));
      });

      it('pages in id order with a filter when no sort is given', async () => {
        const first = await find({ filter: { level: 'VILLAGE' }, limit: 2 });
        expect(ids(first.items)).toEqual(['u01', 'u02']);
        const second = await find({ filter: { level: 'VILLAGE' }, limit: 2, cursor: first.nextCursor });
        expect(ids(second.items)).toEqual(['u06']);
        expect(second.nextCursor).toBeNull();
      });

      it('refuses undeclared fields, bad operators, bad cursors and bad limits', async () => {
        await expect(find({ filter: { colour: 'red' }, limit: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(find({ filter: { population: { $regex: '.*' } as never }, limit: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(find({ filter: { population: 'many' }, limit: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(find({ sort: [{ path: 'codes', direction: 'asc' }], limit: 10 })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(find({ limit: 10, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(find({ limit: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
