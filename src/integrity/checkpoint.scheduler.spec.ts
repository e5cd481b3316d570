import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app.config.js';
import type { EventStore, NewEvent, RecordedEvent } from '../shared/event-store/event-store.port.js';
import { FixedClock } from '../shared/http/clock.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from './checkpoint.js';
import { ApplicationMerkleLog, CheckpointScheduler } from './checkpoint.scheduler.js';

/** A log in memory: enough of the port for the Merkle log and the scheduler. */
const memoryStore = () => {
  const events: RecordedEvent[] = [];
  const append = (streamId: string, e: NewEvent) => {
    const revision = BigInt(events.filter((x) => x.streamId === streamId).length);
    const position = BigInt(events.length * 10 + 7); // positions with gaps, as on EventStoreDB
    const hash = Buffer.alloc(32, events.length + 1).toString('hex');
    events.push({ eventId: `e${events.length}`, type: e.type, schemaVersion: 1, streamId, revision, position, recordedAt: '2019-06-05T09:30:00.000Z', data: e.data, metadata: e.metadata, prevHash: '0'.repeat(64), hash });
  };
  const store = {
    readAll: async ({ after, maxCount }: { after?: bigint | null; maxCount: number }) => events.filter((e) => after == null || e.position > after).slice(0, maxCount),
    appendToStream: async (streamId: string, batch: NewEvent[]) => {
      for (const e of batch) append(streamId, e);
      return { nextRevision: 0n, position: events.at(-1)!.position };
    },
  } as unknown as EventStore;
  return { store, events, add: (n: number) => Array.from({ length: n }, () => append('unit-x', { type: 'Registered', data: {}, metadata: { actor: { id: 't', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-06-05T09:30:00.000Z' } })) };
};
const config = { checkpointSigningKey: Buffer.alloc(32, 5).toString('base64'), checkpointOrigin: 'aul-ledger', checkpointEveryEvents: 3, checkpointEverySeconds: 1 } as AppConfig;

describe('Checkpoint scheduler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));
  it('takes checkpoints on its own timer once events are due, and records them on the checkpoint stream', async () => {
    const { store, events, add } = memoryStore();
    const clock = new FixedClock(new Date('2019-06-05T09:30:00.000Z'));
    const scheduler = new CheckpointScheduler(config, new ApplicationMerkleLog(store), store, clock);
    add(3);
    scheduler.onApplicationBootstrap();
    try {
      for (let i = 0; i < 40 && !events.some((e) => e.type === CHECKPOINT_SIGNED); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await scheduler.beforeApplicationShutdown();
    }
    const checkpoints = events.filter((e) => e.streamId === CHECKPOINT_STREAM);
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]!.data).toMatchObject({ treeSize: 3, logPosition: '27', origin: 'aul-ledger', signedAt: '2019-06-05T09:30:00.000Z' });
  });

  it('is due after N events, or T seconds after the last checkpoint when anything is new, never for its own event', async () => {
    const { store, add } = memoryStore();
    const clock = new FixedClock(new Date('2019-06-05T09:30:00.000Z'));
    const scheduler = new CheckpointScheduler(config, new ApplicationMerkleLog(store), store, clock);
    add(2);
    expect(await scheduler.tick()).toBeNull(); // 2 < N, and no time has passed
    add(1);
    expect(await scheduler.tick()).toMatchObject({ treeSize: 3 });
    clock.advance(5000);
    expect(await scheduler.tick()).toBeNull(); // only the checkpoint's own event is new
    add(1);
    expect(await scheduler.tick()).toMatchObject({ treeSize: 5 }); // T has passed since the last one
    add(1);
    expect(await scheduler.tick()).toBeNull();
  });
});
