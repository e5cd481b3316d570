import type { RecordedEvent, Subscription } from './event-store.port.js';

export type FollowLogOptions = {
  /** Exclusive start position; null for the start of the log. */
  after: bigint | null;
  /** Reads a batch strictly after `from`. */
  read: (from: bigint | null, maxCount: number) => Promise<RecordedEvent[]>;
  /** Registers a wake-up for appends made in this process; returns the unregister function. */
  onAppended: (wake: () => void) => () => void;
  /** Longest wait before looking again when nothing woke the subscriber (appends by other processes). */
  pollIntervalMs: number;
  batchSize?: number;
};

/**
 * A catch-up-then-live subscription over a pull-based log: reads batches until the end, then sleeps until an
 * in-process append wakes it or the poll interval passes. Delivers each event once, in order.
 */
export const followLog = ({ after, read, onAppended, pollIntervalMs, batchSize = 500 }: FollowLogOptions): Subscription => {
  let closed = false;
  let wake: (() => void) | null = null;
  let pending = false;
  const unregister = onAppended(() => {
    pending = true;
    wake?.();
  });
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pending || closed) return resolve();
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function* iterate(): AsyncGenerator<RecordedEvent> {
    let position = after;
    try {
      while (!closed) {
        pending = false;
        const batch = await read(position, batchSize);
        for (const event of batch) {
          if (closed) return;
          position = event.position;
          yield event;
        }
        if (batch.length < batchSize) await sleep();
      }
    } finally {
      unregister();
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      wake?.();
      unregister();
      await iterator.return(undefined);
    },
  };
};
