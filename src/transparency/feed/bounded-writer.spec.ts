import { describe, expect, it } from '@jest/globals';
import { BoundedWriter, type Sink } from './bounded-writer.js';

/** A socket whose client reads `readPerWrite` bytes between two writes. */
const socket = (readPerWrite: number) => {
  const sink = { buffered: 0, destroyed: false, writes: 0 } as { buffered: number; destroyed: boolean; writes: number } & Sink;
  Object.defineProperty(sink, 'writableLength', { get: () => sink.buffered });
  sink.write = (chunk: string) => {
    sink.writes += 1;
    sink.buffered = Math.max(0, sink.buffered - readPerWrite) + Buffer.byteLength(chunk);
    return sink.buffered < 1024;
  };
  sink.destroy = () => {
    sink.destroyed = true;
  };
  return sink;
};

describe('BoundedWriter', () => {
  const message = 'x'.repeat(1000);

  it('drops a client that stops reading once its unread bytes pass the bound, and writes nothing more', () => {
    const sink = socket(0);
    const writer = new BoundedWriter(sink, 10_000);
    let sent = 0;
    while (writer.send(message)) sent += 1;
    expect(sent).toBe(10);
    expect(sink.destroyed).toBe(true);
    expect(sink.buffered).toBeLessThanOrEqual(11_000);
    expect(writer.send(message)).toBe(false);
    expect(sink.writes).toBe(11);
  });

  it('keeps a client that reads as fast as it is written to', () => {
    const sink = socket(1000);
    const writer = new BoundedWriter(sink, 10_000);
    for (let i = 0; i < 1000; i++) expect(writer.send(message)).toBe(true);
    expect(sink.destroyed).toBe(false);
  });
});
