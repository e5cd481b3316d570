import type { AppConfig } from '../config/app.config.js';
import type { EventStore } from '../shared/event-store/event-store.port.js';
import { SystemClock } from '../shared/http/clock.js';
import { ApplicationMerkleLog, CheckpointScheduler } from './checkpoint.scheduler.js';
import { IntegrityController } from './integrity.controller.js';

const emptyStore = { readAll: async () => [] } as unknown as EventStore;
const config = (key?: string) => ({ checkpointSigningKey: key, checkpointOrigin: 'aul-ledger', checkpointEveryEvents: 1000, checkpointEverySeconds: 300 }) as AppConfig;

describe('Integrity routes without a signing key', () => {
  it('answer 404 checkpoints-off for the key and the latest checkpoint, and still give the unsigned tree', async () => {
    const log = new ApplicationMerkleLog(emptyStore);
    const scheduler = new CheckpointScheduler(config(), log, emptyStore, new SystemClock());
    const controller = new IntegrityController(log, scheduler, emptyStore);
    expect(scheduler.enabled).toBe(false);
    expect(() => controller.publicKey()).toThrow(expect.objectContaining({ kind: 'not-found', code: 'checkpoints-off' }));
    await expect(controller.latest()).rejects.toMatchObject({ kind: 'not-found', code: 'checkpoints-off' });
    await expect(controller.tree()).resolves.toEqual({ treeSize: 0, rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', logPosition: null });
    await expect(scheduler.checkpointNow()).resolves.toBeNull();
  });

  it('with a key but no checkpoint yet, answer 404 no-checkpoint and publish the key', async () => {
    const log = new ApplicationMerkleLog(emptyStore);
    const scheduler = new CheckpointScheduler(config(Buffer.alloc(32, 3).toString('base64')), log, emptyStore, new SystemClock());
    const controller = new IntegrityController(log, scheduler, emptyStore);
    expect(controller.publicKey()).toMatchObject({ algorithm: 'Ed25519', name: 'aul-ledger', verifierKey: scheduler.verifierKey });
    await expect(controller.latest()).rejects.toMatchObject({ code: 'no-checkpoint' });
    // Nothing in the log: nothing to sign.
    await expect(scheduler.checkpointNow()).resolves.toBeNull();
  });
});
