import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { AppConfig } from '../config/app.config.js';
import type { NewEvent } from '../shared/event-store/event-store.port.js';
import { SqliteEventStore } from '../shared/event-store/sqlite/sqlite-event-store.js';
import type { Projection } from '../shared/projections/projection.js';
import { ProjectionRunner } from '../shared/projections/projection-runner.js';
import type { Projections } from '../shared/projections/projections.module.js';
import { SqliteReadStore } from '../shared/read-store/sqlite/sqlite-read-store.js';
import { DriftDetector } from './drift-detector.js';

const meta = { actor: { id: 'drift-test', role: 'administrator' }, correlationId: 'c', occurredAt: '2019-01-01T00:00:00.000Z' };
const deposit = (account: string, amount: number): NewEvent => ({ type: 'Deposited', data: { account, amount }, metadata: meta });
const balances: Projection<{ account: string; balance: number }> = {
  name: 'test.balances', version: 1, handles: ['Deposited'], fields: [{ path: 'balance', type: 'number' }],
  documentId: (e) => (e.data as { account: string }).account,
  evolve: (doc, e) => {
    const { account, amount } = e.data as { account: string; amount: number };
    return { account, balance: (doc?.balance ?? 0) + amount };
  },
};
const noMetrics = { get: () => { throw new Error('no metrics here'); } } as unknown as ModuleRef;
const config = (driftCheckMinutes: number) => ({ driftCheckMinutes }) as AppConfig;

describe('DriftDetector', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => {
    jest.useRealTimers();
  });

  it('matches a clean projection, then names the documents a corrupted one changed, deleted or added', async () => {
    const events = SqliteEventStore.open(':memory:');
    const reads = SqliteReadStore.open(':memory:');
    const runner = new ProjectionRunner(events, reads, { idleMs: 20 }).addProjection(balances);
    for (let i = 0; i < 30; i++) await events.appendToStream(`account-${i % 5}`, [deposit(`acc-${i % 5}`, i)], 'any');
    await runner.start();
    await runner.catchUp();
    const detector = new DriftDetector(events, reads, runner as unknown as Projections, config(0), noMetrics);
    try {
      const clean = await detector.check();
      expect(clean).toMatchObject({ ok: true, trigger: 'on-demand', results: [{ projection: 'test.balances', match: true, position: '30', liveDocuments: 5, shadowDocuments: 5 }] });

      const live = runner.collectionFor('test.balances');
      const at = 1000n;
      await reads.applyBatch({ projection: 'corruption', checkpoint: 0n, writes: [
        { collection: live, id: 'acc-1', doc: { account: 'acc-1', balance: -1 }, position: at },
        { collection: live, id: 'acc-2', doc: null, position: at },
        { collection: live, id: 'ghost', doc: { account: 'ghost', balance: 1 }, position: at },
      ] });
      const drift = await detector.check(['test.balances']);
      expect(drift.ok).toBe(false);
      expect(drift.results[0]).toMatchObject({ match: false, liveDocuments: 5, shadowDocuments: 5, differing: { count: 2, examples: ['acc-1', 'acc-2'], extraInLive: 1 } });
      expect(detector.latestReport()).toBe(drift);
      await expect(detector.check(['nope'])).rejects.toMatchObject({ code: 'unknown-projection' });
    } finally {
      await runner.stop();
      await events.close();
      await reads.close();
    }
  });

  it('runs on its schedule when DRIFT_CHECK_MINUTES is above 0, and not at all when it is 0', async () => {
    jest.useFakeTimers();
    const projections = { status: () => [] } as unknown as Projections;
    const off = new DriftDetector({} as never, {} as never, projections, config(0), noMetrics);
    const hourly = new DriftDetector({} as never, {} as never, projections, config(60), noMetrics);
    off.onApplicationBootstrap();
    hourly.onApplicationBootstrap();
    jest.advanceTimersByTime(59 * 60_000);
    expect(hourly.latestReport()).toBeNull();
    jest.advanceTimersByTime(60_000);
    jest.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hourly.latestReport()).toMatchObject({ trigger: 'schedule', ok: true, results: [] });
    expect(off.latestReport()).toBeNull();
    await hourly.beforeApplicationShutdown();
  });
});
