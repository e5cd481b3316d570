/** A stored event that cannot be decoded (its bytes were changed outside the store). */
export class CorruptEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly reason: string,
  ) {
    super(`Event ${streamId}@${revision} (position ${position}) cannot be decoded: ${reason}`);
    this.name = 'CorruptEventError';
  }
}
