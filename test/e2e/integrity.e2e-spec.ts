import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CheckpointData, parseVerifierKey, signedNote, verifyCheckpointSignature } from '../../src/integrity/checkpoint.js';
import { CheckpointScheduler } from '../../src/integrity/checkpoint.scheduler.js';
import { eventLeafHash } from '../../src/integrity/merkle-log.js';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/merkle.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const buf = (hex: string) => Buffer.from(hex, 'hex');

describe('Merkle log, signed checkpoints and proofs over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHECKPOINT_SIGNING_KEY: randomBytes(32).toString('base64'), CHECKPOINT_EVERY_EVENTS: '4', CHECKPOINT_EVERY_SECONDS: '3600' } });
    // The test drives the scheduler's ticks itself, so that checkpoints fall where it expects them.
    await t.app.get(CheckpointScheduler).beforeApplicationShutdown();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const region = async (en: string) => {
    const unitId = randomUUID();
    const res = await t.request('POST', '/units', { body: { unitId, level: 'REGION', names: { en }, parentId: null, effectiveFrom: '2017-01-01' } });
    expect(res.status).toBe(201);
    return (await t.store.readStream(`administrativeUnit-${unitId}`))[0]!;
  };
  const tick = () => t.app.get(CheckpointScheduler).tick();
  const latest = async () => (await t.request('GET', '/integrity/checkpoints/latest', { auth: null })).body as CheckpointData & { note: string; event: { leafIndex: number } };

  it('signs a checkpoint after N events and again after T seconds, and proves inclusion and consistency against them', async () => {
    const key = await t.request('GET', '/integrity/public-key', { auth: null });
    expect(key.status).toBe(200);
    const pub = parseVerifierKey(key.body.verifierKey);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', name: 'aul-ledger', keyId: pub.keyId });

    const events = [];
    for (const name of ['Akmola', 'Karaganda', 'Pavlodar', 'Kostanay']) events.push(await region(name));
    await tick();
    const first = await latest();
    expect(first.treeSize).toBeGreaterThanOrEqual(4);
    expect(verifyCheckpointSignature(first, pub)).toBe(true);
    expect(first.note).toBe(signedNote(first));
    expect(verifyCheckpointSignature({ ...first, treeSize: first.treeSize + 1 }, pub)).toBe(false);

    // Nothing new but the checkpoint event itself: no further checkpoint, however long one waits.
    t.clock.advance(7200_000);
    await tick();
    expect((await latest()).treeSize).toBe(first.treeSize);

    // One more event, T seconds later: a second checkpoint, although fewer than N events are new.
    const late = await region('Turkistan');
    await tick();
    const second = await latest();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    expect(verifyCheckpointSignature(second, pub)).toBe(true);

    const list = await t.request('GET', '/integrity/checkpoints', { auth: null });
    expect(list.body.items.map((c: CheckpointData) => c.treeSize)).toEqual([first.treeSize, second.treeSize]);

    for (const [event, checkpoint] of [[events[0]!, first], [events[3]!, first], [late, second], [events[1]!, second]] as const) {
      const proof = await t.request('GET', `/integrity/proofs/inclusion?eventId=${event.eventId}&treeSize=${checkpoint.treeSize}`, { auth: null });
      expect(proof.status).toBe(200);
      expect(proof.body.leafHash).toBe(eventLeafHash(event.hash).toString('hex'));
      expect(verifyInclusion(proof.body.leafIndex, checkpoint.treeSize, eventLeafHash(event.hash), proof.body.auditPath.map(buf), buf(checkpoint.rootHash))).toBe(true);
      const byPosition = await t.request('GET', `/integrity/proofs/inclusion?position=${event.position}&treeSize=${checkpoint.treeSize}`, { auth: null });
      expect(byPosition.body).toEqual(proof.body);
    }

    const consistency = await t.request('GET', `/integrity/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`, { auth: null });
    expect(consistency.status).toBe(200);
    expect(verifyConsistency(first.treeSize, second.treeSize, buf(first.rootHash), buf(second.rootHash), consistency.body.proof.map(buf))).toBe(true);

    const totals = await t.request('GET', '/integrity/totals', { auth: null });
    expect(totals.body).toMatchObject({ basis: { treeSize: second.treeSize, rootHash: second.rootHash, logPosition: second.logPosition }, events: second.treeSize, signed: true });

    // The checkpoint event is itself a leaf of the next tree.
    const cp = await t.request('GET', `/integrity/proofs/inclusion?index=${first.event.leafIndex}&treeSize=${second.treeSize}`, { auth: null });
    expect(cp.status).toBe(200);
  });

  it('refuses proofs it cannot give', async () => {
    const tree = (await t.request('GET', '/integrity/tree', { auth: null })).body as { treeSize: number };
    const beyond = await t.request('GET', `/integrity/proofs/consistency?from=1&to=${tree.treeSize + 1}`, { auth: null });
    expect(beyond.status).toBe(422);
    expect(beyond.body.code ?? beyond.body.type).toMatch(/tree-size-out-of-range/);
    expect((await t.request('GET', '/integrity/proofs/inclusion?treeSize=1', { auth: null })).status).toBe(422);
    expect((await t.request('GET', `/integrity/proofs/inclusion?eventId=${randomUUID()}`, { auth: null })).status).toBe(404);
    expect((await t.request('GET', '/integrity/proofs/consistency?from=0', { auth: null })).status).toBe(400);
  });
});
