import type { EventStore, ReadStreamOptions } from '../../src/shared/event-store/event-store.port.js';

/** The store, counting the events each readStream returns (`reads`, one entry per call), for tests of what a fold reads. */
export const countingReads = (inner: EventStore): { store: EventStore; reads: number[] } => {
  const reads: number[] = [];
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'readStream')
        return async (id: string, o?: ReadStreamOptions) => {
          const events = await target.readStream(id, o);
          reads.push(events.length);
          return events;
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, reads };
};
