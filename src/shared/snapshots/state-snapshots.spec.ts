import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TimeTravelService } from '../../audit/time-travel.service.js';
import { snapshotKindOf } from '../../audit/stream-registry.js';
import type { AppConfig } from '../../config/app.config.js';
import { administrativeUnitDecider, unitStream } from '../../territory/domain/administrative-unit.decider.js';
import { CommandPipeline } from '../command/command-pipeline.js';
import { type Decider, fold } from '../domain/decider.js';
import type { CommandMetadata } from '../domain/message.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { UnencodableStateError, decodeState, encodeState } from './state-codec.js';
import { SNAPSHOTS_COLLECTION, type SnapshotKindOf, StateSnapshots } from './state-snapshots.js';
import { countingReads as counting } from '../../../test/support/counting-event-store.js';

type Add = { type: 'Add'; data: { amount: number }; metadata: CommandMetadata };
/** Each event records the state the decider saw, so a wrong state shows in the log. */
type Added = { type: 'Added'; data: { amount: number; seenTotal: string; seenCount: number } };
/** A state with what JSON cannot hold: a bigint total and a Map of amounts. */
type Tally = { total: bigint; count: number; byAmount: ReadonlyMap<number, number> };

const counter = (): Decider<Tally, Add, Added> & { version: number } => ({
  version: 1,
  initialState: () => ({ total: 0n, count: 0, byAmount: new Map() }),
  evolve: (s, e) => ({ total: s.total + BigInt(e.data.amount), count: s.count + 1, byAmount: new Map(s.byAmount).set(e.data.amount, (s.byAmount.get(e.data.amount) ?? 0) + 1) }),
  decide: (c, s) => (c.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: c.data.amount, seenTotal: s.total.toString(), seenCount: s.count } }]),
});

const metadata: CommandMetadata = { actor: { id: 'tester', role: 'administrator' }, now: '2019-05-01T00:00:00.000Z', correlationId: 'c' };
const add = (amount: number): Add => ({ type: 'Add', data: { amount }, metadata });
const config = { commandRetries: 3 } as AppConfig;


/** The test decider is the registered fold of `tally-…` streams (at whatever version it has when asked). */
const tallyKinds =
  (decider: Decider<Tally, Add, Added>): SnapshotKindOf =>
  (streamId, f) =>
    streamId.startsWith('tally-') && f.evolve === decider.evolve ? { name: 'tally', version: f.version ?? 1 } : null;

describe('state codec', () => {
  it('round-trips bigints, Maps with any keys, Sets, Dates, undefined, -0, non-finite numbers and a literal $t key', () => {
    const state = {
      status: 'Active',
      total: -12345678901234567890n,
      byYear: new Map<unknown, unknown>([
        [2019, { count: 3n }],
        ['x', new Set(['a', 'b'])],
        [{ k: 1 }, [1n, null]],
      ]),
      at: new Date('2019-05-01T00:00:00.000Z'),
      missing: undefined,
      odd: [-0, Number.NaN, Number.POSITIVE_INFINITY],
      tricky: { $t: 'n', v: '1' },
      money: { amountMinor: '92841200', currency: 'KZT' },
    };
    const back = decodeState<typeof state>(encodeState(state));
    expect(back).toStrictEqual(state);
    expect(back.byYear).toBeInstanceOf(Map);
    expect(Object.is(back.odd[0], -0)).toBe(true);
    expect('missing' in back).toBe(true);
  });

  it('refuses a class instance rather than losing its prototype', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    expect(() => encodeState({ at: new Point(1) })).toThrow(UnencodableStateError);
  });
});

describe('CommandPipeline with persisted snapshots', () => {
  let raw: SqliteEventStore;
  let reads: SqliteReadStore;
  let store: EventStore;
  let counted: number[];
  let decider: Decider<Tally, Add, Added> & { version: number };
  let snapshots: StateSnapshots;
  let pipeline: CommandPipeline;

  /** A new process: a new pipeline (empty cache) and snapshots over the same stores. */
  const restart = () => {
    snapshots = new StateSnapshots(reads, 10, tallyKinds(decider));
    pipeline = new CommandPipeline(store, config, snapshots);
  };
  const run = (amount: number) => pipeline.run({ id: 'tally', streamId: 'tally-1', decider, command: add(amount), context: {} });
  const log = async () => (await raw.readStream('tally-1')) as unknown as Array<RecordedEvent & Added>;
  /** Every decision saw exactly the fold of the events before it. */
  const expectDecisionsOnFullFolds = async () => {
    const events = await log();
    events.forEach((e, i) => {
      const full = fold(decider, events.slice(0, i) as unknown as Added[]);
      expect({ total: e.data.seenTotal, count: e.data.seenCount }).toEqual({ total: full.total.toString(), count: full.count });
    });
  };
  const stored = () => reads.find<{ revision: number; version: number; hash: string }>(SNAPSHOTS_COLLECTION, { limit: 100, sort: [{ path: 'revision', direction: 'asc' }] });

  beforeEach(() => {
    raw = SqliteEventStore.open(':memory:');
    reads = SqliteReadStore.open(':memory:');
    ({ store, reads: counted } = counting(raw));
    decider = counter();
    restart();
  });
  afterEach(async () => {
    await raw.close();
    await reads.close();
  });

  it('stores the state every N revisions, and after a restart reads only the events after the latest snapshot', async () => {
    for (let i = 0; i < 25; i++) await run((i % 4) + 1);
    await snapshots.settled();
    expect((await stored()).items.map((s) => s.revision)).toEqual([9, 19]);

    restart();
    counted.length = 0;
    await run(7);
    // The event at the snapshot's revision (19), then 20 … 24: six events, not twenty-five.
    expect(counted).toEqual([6]);
    await expectDecisionsOnFullFolds();
  });

  it('is not used by another version of the decider, which folds from the first event and writes its own', async () => {
    for (let i = 0; i < 12; i++) await run(2);
    await snapshots.settled();
    // The new version counts every event double: a v1 snapshot must not be reused.
    decider.version = 2;
    decider.evolve = (s, e) => ({ total: s.total + 2n * BigInt(e.data.amount), count: s.count + 1, byAmount: s.byAmount });
    restart();
    counted.length = 0;
    await run(1);
    expect(counted).toEqual([12]);
    expect((await log()).at(-1)!.data).toEqual({ amount: 1, seenTotal: '48', seenCount: 12 });
    await snapshots.settled();
    expect((await stored()).items.map((s) => [s.revision, s.version])).toEqual([[9, 1], [9, 2]]);
  });

  it('ignores (and removes) a snapshot whose hash is not that of the event at its revision', async () => {
    for (let i = 0; i < 12; i++) await run(3);
    await snapshots.settled();
    // Tamper: the state says 1,000,000 after ten events, with the hash changed too.
    const [row] = (await stored()).items;
    const doc = { ...row!, hash: '0'.repeat(64), state: encodeState({ total: 1_000_000n, count: 10, byAmount: new Map() }) };
    await reads.applyBatch({ projection: 'test', checkpoint: 1n, writes: [{ collection: SNAPSHOTS_COLLECTION, id: snapshotId('tally', 1, 'tally-1', 9), doc, position: 10_000n }] });

    restart();
    counted.length = 0;
    await run(1);
    expect(counted).toEqual([3, 12]); // the tail from the snapshot, refused; then the whole stream
    await expectDecisionsOnFullFolds();
    await snapshots.settled();
    expect((await stored()).items.map((s) => s.hash)).not.toContain('0'.repeat(64));
  });

  it('ignores a snapshot of a log rewritten under it (same stream id, other events)', async () => {
    for (let i = 0; i < 12; i++) await run(3);
    await snapshots.settled();
    // Another log with the same stream id and as many events, of other amounts; the read store is kept.
    await raw.close();
    raw = SqliteEventStore.open(':memory:');
    ({ store, reads: counted } = counting(raw));
    restart();
    for (let i = 0; i < 12; i++) await raw.appendToStream('tally-1', [added(5, i)], i === 0 ? 'no_stream' : BigInt(i - 1));
    counted.length = 0;
    await run(1);
    expect(counted).toEqual([3, 12]);
    expect((await log()).at(-1)!.data).toEqual({ amount: 1, seenTotal: '60', seenCount: 12 });
  });

  it('never fails a command when the read store cannot store or read snapshots', async () => {
    for (let i = 0; i < 9; i++) await run(1);
    await reads.close();
    await expect(run(1)).resolves.toMatchObject({ body: { revision: '9' } });
    restart();
    await expect(run(1)).resolves.toMatchObject({ body: { revision: '10' } });
    await snapshots.settled();
    reads = SqliteReadStore.open(':memory:'); // for afterEach
  });
});

describe('Audit as-of state with persisted snapshots', () => {
  const unitId = '6b1f8f8e-6f1e-4a57-9a53-0d3e1d5b8a10';
  const streamId = unitStream(unitId);
  const N = 10;
  const EVENTS = 35;
  let raw: SqliteEventStore;
  let reads: SqliteReadStore;
  let store: EventStore;
  let counted: number[];
  const audit = (snapshots?: StateSnapshots) => new TimeTravelService(store, reads, undefined as never, undefined as never, snapshots);

  beforeEach(async () => {
    raw = SqliteEventStore.open(':memory:');
    reads = SqliteReadStore.open(':memory:');
    ({ store, reads: counted } = counting(raw));
    const meta = (day: number) => ({ actor: { id: 'tester', role: 'administrator' }, correlationId: 'c', occurredAt: `2019-01-${String(day).padStart(2, '0')}T00:00:00.000Z` });
    const events: NewEvent[] = [
      { type: 'AdministrativeUnitRegistered', data: { unitId, level: 'REGION', names: { ru: 'Аул', en: 'Aul' }, parentId: null, effectiveFrom: '2017-01-01', registeredAt: '2019-01-01T00:00:00.000Z' }, metadata: meta(1) },
    ];
    for (let i = 1; i < EVENTS; i++) events.push({ type: 'PopulationRecorded', data: { unitId, year: 2010 + (i % 7), count: i, recordedAt: '2019-01-01T00:00:00.000Z' }, metadata: meta(1 + Math.floor(i / 2)) });
    for (const e of events) await raw.appendToStream(streamId, [e], 'any');
  });
  afterEach(async () => {
    await raw.close();
    await reads.close();
  });

  it('gives the state of a full fold at revisions before, at and after snapshot points, reading from the nearest snapshot', async () => {
    const plain = audit();
    const snapshots = new StateSnapshots(reads, N, snapshotKindOf);
    await audit(snapshots).stateAt(streamId, {}); // folds from the first event, takes the snapshots at 9, 19, 29
    await snapshots.settled();
    expect(snapshots.stats.written).toBe(3);

    const cold = new StateSnapshots(reads, N, snapshotKindOf); // another process
    for (const revision of [0n, 8n, 9n, 10n, 19n, 25n, 29n, 34n]) {
      counted.length = 0;
      const withSnapshot = await audit(cold).stateAt(streamId, { revision });
      const nearest = revision >= 9n ? ((revision + 1n) / 10n) * 10n - 1n : null;
      // From the snapshot's own event up to the cut, or from the first event before the first snapshot.
      expect(counted[0]).toBe(Number(nearest === null ? revision + 1n : revision - nearest + 1n));
      expect(withSnapshot).toEqual(await plain.stateAt(streamId, { revision }));
    }
  });

  it('uses a snapshot for a time cut only when every event it covers is within the cut', async () => {
    const snapshots = new StateSnapshots(reads, N, snapshotKindOf);
    await audit(snapshots).stateAt(streamId, {});
    await snapshots.settled();
    const plain = audit();
    // Event i (i ≥ 1) occurred on day 1 + floor(i / 2): the snapshot at 19 covers up to day 10.
    for (const [day, axis] of [[9, 'occurred'], [10, 'occurred'], [15, 'occurred'], [30, 'recorded']] as const) {
      const cut = { asOf: `2019-01-${String(day).padStart(2, '0')}T12:00:00.000Z`, axis };
      expect(await audit(snapshots).stateAt(streamId, cut)).toEqual(await plain.stateAt(streamId, cut));
    }
    counted.length = 0;
    await audit(snapshots).stateAt(streamId, { asOf: '2019-01-10T12:00:00.000Z' });
    expect(counted[0]).toBe(35 - 19); // from the snapshot at 19 (day 10) to the end of the stream
    counted.length = 0;
    await audit(snapshots).stateAt(streamId, { asOf: '2019-01-09T12:00:00.000Z' });
    expect(counted[0]).toBe(35 - 9); // day 10 is past the cut: the snapshot at 9 (day 5)
  });

  it('shares snapshots with the command pipeline: the states a command passed serve the audit as-of state', async () => {
    const snapshots = new StateSnapshots(reads, N, snapshotKindOf);
    const pipeline = new CommandPipeline(store, config, snapshots);
    const record = (count: number) =>
      pipeline.run({
        id: unitId,
        streamId,
        decider: administrativeUnitDecider,
        command: { type: 'RecordPopulation', data: { unitId, year: 2020, count }, metadata: { ...metadata, now: '2019-02-01T00:00:00.000Z' } },
        context: {},
      });
    for (let i = 0; i < 6; i++) await record(100 + i); // revisions 35 … 40: the folds passed 9, 19, 29 and 39
    await snapshots.settled();
    counted.length = 0;
    const at = await audit(new StateSnapshots(reads, N, snapshotKindOf)).stateAt(streamId, { revision: 39n });
    expect(counted).toEqual([1]);
    expect(at).toEqual(await audit().stateAt(streamId, { revision: 39n }));
    expect((at.state as { populationByYear: Array<[number, number]> }).populationByYear).toContainEqual([2020, 104]);
  });

  it('at the last revision, reads one event when a snapshot is there', async () => {
    const snapshots = new StateSnapshots(reads, 5, snapshotKindOf);
    const first = await audit(snapshots).stateAt(streamId, {});
    await snapshots.settled();
    counted.length = 0;
    expect(await audit(snapshots).stateAt(streamId, { revision: 34n })).toEqual(first);
    expect(counted).toEqual([1]);
  });
});

const snapshotId = (kind: string, version: number, streamId: string, revision: number) => `${kind}.v${version}.${streamId}@${revision}`;

const added = (amount: number, i: number): NewEvent => ({
  type: 'Added',
  data: { amount, seenTotal: String(amount * i), seenCount: i },
  metadata: { actor: metadata.actor, correlationId: 'c', occurredAt: metadata.now },
});
