import { createHash } from 'node:crypto';
import { CorruptEventError } from '../corrupt-event.error.js';
import { EventStoreUnavailableError, type EventMetadata, VersionConflictError } from '../event-store.port.js';
import { GENESIS_HASH } from '../integrity.js';
import {
  COMMAND_RESULT_EVENT_TYPE,
  ENVELOPE_KEY,
  type Envelope,
  type EsdbRecord,
  appendExpectation,
  commandResultStreamId,
  conflictRevision,
  decodeCommandResult,
  decodeRecord,
  isAfter,
  isExactExpectation,
  isSystemEvent,
  matchesExpected,
  readPositionAfter,
  toEsdbExpectedRevision,
  translate,
  unwrapMetadata,
  wrapMetadata,
} from './esdb-event-store.js';

const metadata: EventMetadata = {
  actor: { id: 'u-1', role: 'clerk' },
  correlationId: 'c-1',
  commandName: 'RegisterAdministrativeUnit',
  occurredAt: '2025-01-02T03:04:05.000Z',
};
const envelope: Envelope = { schemaVersion: 2, recordedAt: '2025-01-02T03:04:06.000Z', prevHash: GENESIS_HASH, hash: 'a'.repeat(64) };

const record = (over: Partial<EsdbRecord> = {}): EsdbRecord => ({
  streamId: 'unit-1',
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  revision: 3n,
  type: 'AdministrativeUnitRegistered',
  data: { name: 'Kyiv' },
  metadata: wrapMetadata(metadata, envelope),
  position: { commit: 1200n, prepare: 1200n },
  ...over,
});

describe('expected revision mapping', () => {
  it('maps the port values to the client constants', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(7n)).toBe(7n);
  });

  it('matches like the SQLite adapter', () => {
    expect(matchesExpected('any', null)).toBe(true);
    expect(matchesExpected('any', 4n)).toBe(true);
    expect(matchesExpected('no_stream', null)).toBe(true);
    expect(matchesExpected('no_stream', 0n)).toBe(false);
    expect(matchesExpected('stream_exists', null)).toBe(false);
    expect(matchesExpected('stream_exists', 0n)).toBe(true);
    expect(matchesExpected(2n, 2n)).toBe(true);
    expect(matchesExpected(2n, 3n)).toBe(false);
    expect(matchesExpected(0n, null)).toBe(false);
  });

  it('pins floating expectations to the revision that was read', () => {
    expect(isExactExpectation('no_stream')).toBe(true);
    expect(isExactExpectation(5n)).toBe(true);
    expect(isExactExpectation('any')).toBe(false);
    expect(isExactExpectation('stream_exists')).toBe(false);
    expect(appendExpectation('any', null)).toBe('no_stream');
    expect(appendExpectation('any', 9n)).toBe(9n);
    expect(appendExpectation('stream_exists', 0n)).toBe(0n);
    expect(appendExpectation('no_stream', null)).toBe('no_stream');
    expect(appendExpectation(4n, 4n)).toBe(4n);
  });

  it('reads the current revision of a wrong-expected-version error', () => {
    expect(conflictRevision('no_stream')).toBeNull();
    expect(conflictRevision(12n)).toBe(12n);
  });
});

describe('metadata envelope', () => {
  it('round-trips: the port metadata comes back exactly as appended', () => {
    const stored = JSON.parse(JSON.stringify(wrapMetadata(metadata, envelope)));
    expect(stored[ENVELOPE_KEY]).toEqual(envelope);
    const { metadata: back, envelope: env } = unwrapMetadata(stored);
    expect(back).toEqual(metadata);
    expect(ENVELOPE_KEY in back).toBe(false);
    expect(env).toEqual(envelope);
  });

  it('refuses metadata that already uses the reserved key', () => {
    expect(() => wrapMetadata({ ...metadata, [ENVELOPE_KEY]: 'x' } as unknown as EventMetadata, envelope)).toThrow(ENVELOPE_KEY);
  });

  it.each([
    ['bytes', new Uint8Array([1, 2])],
    ['no envelope', { ...metadata }],
    ['bad hash', { ...metadata, [ENVELOPE_KEY]: { ...envelope, hash: 'nope' } }],
    ['bad schemaVersion', { ...metadata, [ENVELOPE_KEY]: { ...envelope, schemaVersion: 0 } }],
    ['missing recordedAt', { ...metadata, [ENVELOPE_KEY]: { ...envelope, recordedAt: undefined } }],
  ])('rejects %s', (_, raw) => {
    expect(() => unwrapMetadata(raw)).toThrow();
  });
});

describe('decodeRecord', () => {
  it('builds the port event from the record and its envelope', () => {
    expect(decodeRecord(record())).toEqual({
      eventId: '01890a5d-ac96-774b-bcce-b302099a8057',
      type: 'AdministrativeUnitRegistered',
      schemaVersion: 2,
      streamId: 'unit-1',
      revision: 3n,
      position: 1200n,
      recordedAt: envelope.recordedAt,
      data: { name: 'Kyiv' },
      metadata,
      prevHash: GENESIS_HASH,
      hash: 'a'.repeat(64),
    });
  });

  it('falls back to the resolved event commit position', () => {
    expect(decodeRecord(record({ position: undefined }), 77n).position).toBe(77n);
    expect(() => decodeRecord(record({ position: undefined }))).toThrow('position');
  });

  it.each([
    ['malformed JSON data (the client hands back the string)', { data: '{"name": ' }],
    ['binary data', { data: new Uint8Array([123]) }],
    ['an array', { data: [1] }],
    ['malformed metadata (the client hands back the bytes)', { metadata: new Uint8Array([123]) }],
    ['missing metadata', { metadata: undefined }],
  ])('turns %s into CorruptEventError', (_, over) => {
    const decode = () => decodeRecord(record(over as Partial<EsdbRecord>));
    expect(decode).toThrow(CorruptEventError);
    expect(decode).toThrow(/unit-1@3 \(position 1200\)/);
  });
});

describe('positions', () => {
  it('reads from the start, or from the exact commit/prepare pair of `after`', () => {
    expect(readPositionAfter(null)).toBe('start');
    expect(readPositionAfter(undefined)).toBe('start');
    expect(readPositionAfter(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(readPositionAfter(4096n)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('keeps only events strictly after `after`, since the read start is inclusive', () => {
    expect(isAfter(10n, null)).toBe(true);
    expect(isAfter(10n, undefined)).toBe(true);
    expect(isAfter(10n, 10n)).toBe(false);
    expect(isAfter(10n, 11n)).toBe(false);
    expect(isAfter(11n, 10n)).toBe(true);
    const positions = [100n, 250n, 400n];
    expect(positions.filter((p) => isAfter(p, 250n))).toEqual([400n]);
  });

  it('treats $ event types and $ streams as system events', () => {
    expect(isSystemEvent('unit-1', 'AdministrativeUnitRegistered')).toBe(false);
    expect(isSystemEvent('unit-1', '$>')).toBe(true);
    expect(isSystemEvent('commandResult-abc', COMMAND_RESULT_EVENT_TYPE)).toBe(true);
    expect(isSystemEvent('$stats-127.0.0.1:2113', 'x')).toBe(true);
  });
});

describe('command results', () => {
  const scope = 'POST /units#key-1';
  const result = { requestHash: 'f'.repeat(64), status: 201, body: { id: 'unit-1' } };
  const stored = (data: unknown, type = COMMAND_RESULT_EVENT_TYPE): EsdbRecord =>
    record({ streamId: commandResultStreamId(scope), revision: 0n, type, data, metadata: undefined });

  it('names the stream after the SHA-256 of the scope', () => {
    expect(commandResultStreamId(scope)).toBe(`commandResult-${createHash('sha256').update(scope).digest('hex')}`);
    expect(commandResultStreamId(scope)).toMatch(/^commandResult-[0-9a-f]{64}$/);
  });

  it('decodes a recorded result', () => {
    expect(decodeCommandResult(stored({ scope, ...result }), scope)).toEqual(result);
  });

  it.each([
    ['another type', stored({ scope, ...result }, 'Other')],
    ['another scope', stored({ scope: 'other', ...result })],
    ['a missing status', stored({ scope, requestHash: result.requestHash, body: {} })],
    ['undecodable data', stored('{"scope": ')],
  ])('rejects %s', (_, rec) => {
    expect(() => decodeCommandResult(rec, scope)).toThrow(CorruptEventError);
  });
});

/** A gRPC ServiceError as @grpc/grpc-js produces it (status codes: CANCELLED 1, DEADLINE_EXCEEDED 4, ABORTED 10, UNAVAILABLE 14). */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('translate', () => {
  it.each([
    ['UNAVAILABLE', grpcError(14, 'No connection established')],
    ['DEADLINE_EXCEEDED', grpcError(4, 'Deadline exceeded')],
    ['ABORTED (server timeout)', grpcError(10, 'Operation timed out')],
    ['CANCELLED by the server', grpcError(1, 'Cancelled')],
    ['a failed cluster discovery', new Error('Failed to discover after 10 attempts.')],
  ])('turns %s into EventStoreUnavailableError', (_, error) => {
    const out = translate(error, 'readAll');
    expect(out).toBeInstanceOf(EventStoreUnavailableError);
    expect((out as EventStoreUnavailableError).message).toContain('readAll');
    expect((out as EventStoreUnavailableError).cause).toBeDefined();
  });

  it('leaves other errors alone', () => {
    const conflict = new VersionConflictError('s', 1n, 2n);
    const unavailable = new EventStoreUnavailableError('down');
    const plain = new Error('boom');
    expect(translate(conflict, 'x')).toBe(conflict);
    expect(translate(unavailable, 'x')).toBe(unavailable);
    expect(translate(plain, 'x')).toBe(plain);
    expect(translate(grpcError(3, 'Invalid argument'), 'x')).not.toBeInstanceOf(EventStoreUnavailableError);
  });
});
