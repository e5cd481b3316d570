/** The part of a socket a stream writes to. */
export type Sink = { write(chunk: string): boolean; readonly writableLength: number; destroy(): void };

/**
 * Writes a stream's messages to one client with a bound on what the client has not read yet: past `maxUnsent` bytes
 * the connection is dropped (the client resumes with Last-Event-ID), so a slow reader never grows memory.
 */
export class BoundedWriter {
  private isOpen = true;

  constructor(
    private readonly sink: Sink,
    private readonly maxUnsent: number,
  ) {}

  get open(): boolean {
    return this.isOpen;
  }

  /** Writes a chunk; false when the writer is closed, or was just closed because the client fell too far behind. */
  send(chunk: string): boolean {
    if (!this.isOpen) return false;
    this.sink.write(chunk);
    if (this.sink.writableLength > this.maxUnsent) {
      this.sink.destroy();
      this.isOpen = false;
      return false;
    }
    return true;
  }

  close(): void {
    this.isOpen = false;
  }
}
