/**
 * `event_store.client.streams.Streams` of the EventStoreDB test double: Read (a stream or $all, forwards or
 * backwards, with a count, or as a subscription), Append (client streaming) and BatchAppend (bidirectional, one
 * response per correlation id). Delete and Tombstone are not implemented (grpc-js answers UNIMPLEMENTED).
 */
import { randomUUID } from 'node:crypto';
import {
  Metadata,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerWritableStream,
  type UntypedServiceImplementation,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import {
  AllStreamPosition,
  AppendReq,
  AppendResp,
  type BatchAppendReq,
  BatchAppendResp,
  Empty,
  GoogleEmpty,
  type ProposedMessage,
  ReadReq,
  ReadResp,
  Status,
  Timeout,
  WrongExpectedVersion,
  packAny,
  streamIdentifier,
  streamName,
  uuidMessage,
  uuidToString,
} from './proto.js';
import type { AllStart, AppendOutcome, EsdbLog, Expectation, ProposedEvent, StoredEvent, StreamStart } from './storage.js';

/** What the double counts, so that tests can tell which client path ran. */
export type CallCounts = { read: number; subscribe: number; append: number; batchAppend: number; getSupportedMethods: number };

/** Default search window of a filtered subscription when the client names none (EventStoreDB's read batch). */
const DEFAULT_SEARCH_WINDOW = 32;

type ServiceError = { code: status; details: string; metadata?: Metadata };

/** The Streams service over `log`. `active` holds a closer for every open call, so that a stop can abandon them. */
export const streamsService = (log: EsdbLog, counts: CallCounts, active: Set<() => void>): UntypedServiceImplementation => ({
  read: (call: ServerWritableStream<ReadReq, ReadResp>) => {
    void read(log, counts, active, call).catch((e: unknown) => fail(call, { code: status.INTERNAL, details: messageOf(e) }));
  },

  append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => {
    counts.append++;
    let options: InstanceType<typeof AppendReq.Options> | undefined;
    const proposed: ProposedEvent[] = [];
    let failed: ServiceError | null = null;
    call.on('data', (req: AppendReq) => {
      if (failed) return;
      try {
        if (req.hasOptions()) {
          if (options) throw badRequest('options sent twice');
          options = req.getOptions();
        } else if (req.hasProposedMessage()) {
          if (!options) throw badRequest('the first message of an append must carry its options');
          proposed.push(toProposed(req.getProposedMessage()!));
        }
      } catch (e) {
        failed = asServiceError(e);
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failed) return callback(failed);
      if (!options) return callback(badRequest('an append needs options'));
      const stream = streamName(options.getStreamIdentifier());
      if (!stream) return callback(badRequest('an append needs a stream name'));
      const expected: Expectation = options.hasRevision()
        ? { kind: 'revision', revision: BigInt(options.getRevision()) }
        : options.hasNoStream()
          ? { kind: 'no_stream' }
          : options.hasStreamExists()
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
      callback(null, appendResponse(log.append(stream, expected, proposed)));
    });
  },

  batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, { options: InstanceType<typeof BatchAppendReq.Options>; events: ProposedEvent[] }>();
    const close = () => pending.clear();
    active.add(close);
    call.on('error', () => undefined);
    call.on('cancelled', () => active.delete(close));
    call.on('end', () => {
      active.delete(close);
      call.end();
    });
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId();
      let key: string;
      try {
        key = uuidToString(correlation);
      } catch {
        return fail(call, { code: status.INVALID_ARGUMENT, details: 'a batch append needs a correlation id' });
      }
      const options = req.getOptions() ?? pending.get(key)?.options;
      const respond = (fill: (resp: BatchAppendResp) => void) => {
        const resp = new BatchAppendResp().setCorrelationId(correlation);
        if (options) {
          resp.setStreamIdentifier(options.getStreamIdentifier());
          if (options.hasStreamPosition()) resp.setStreamPosition(options.getStreamPosition());
          else if (options.hasNoStream()) resp.setNoStream(new GoogleEmpty());
          else if (options.hasStreamExists()) resp.setStreamExists(new GoogleEmpty());
          else resp.setAny(new GoogleEmpty());
        }
        fill(resp);
        if (!call.writableEnded && !call.destroyed) call.write(resp);
      };
      const error = (code: number, message: string, details?: ReturnType<typeof packAny>) =>
        respond((resp) => {
          const s = new Status().setCode(code as codePb.Code).setMessage(message);
          if (details) s.setDetails(details);
          resp.setError(s);
        });
      if (!options) return error(codePb.Code.INVALID_ARGUMENT, 'the first request of a batch must carry its options');
      let entry = pending.get(key);
      if (!entry) {
        entry = { options, events: [] };
        pending.set(key, entry);
      }
      try {
        for (const m of req.getProposedMessagesList()) entry.events.push(toProposed(m));
      } catch (e) {
        pending.delete(key);
        return error(codePb.Code.INVALID_ARGUMENT, messageOf(e));
      }
      if (!req.getIsFinal()) return;
      pending.delete(key);
      counts.batchAppend++;
      const deadline = options.getDeadline();
      if (deadline && deadline.toDate().getTime() < Date.now()) {
        return error(codePb.Code.DEADLINE_EXCEEDED, 'Timeout', packAny(new Timeout(), 'event_store.client.Timeout'));
      }
      const stream = streamName(options.getStreamIdentifier());
      if (!stream) return error(codePb.Code.INVALID_ARGUMENT, 'a batch append needs a stream name');
      const expected: Expectation = options.hasStreamPosition()
        ? { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
        : options.hasNoStream()
          ? { kind: 'no_stream' }
          : options.hasStreamExists()
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
      const outcome = log.append(stream, expected, entry.events);
      if (outcome.kind === 'wrong_expected_version') {
        const details = new WrongExpectedVersion();
        if (outcome.current === null) details.setCurrentNoStream(new GoogleEmpty());
        else details.setCurrentStreamRevision(outcome.current.toString());
        switch (expected.kind) {
          case 'revision':
            details.setExpectedStreamPosition(expected.revision.toString());
            break;
          case 'no_stream':
            details.setExpectedNoStream(new GoogleEmpty());
            break;
          case 'stream_exists':
            details.setExpectedStreamExists(new GoogleEmpty());
            break;
          default:
            details.setExpectedAny(new GoogleEmpty());
        }
        return error(codePb.Code.FAILED_PRECONDITION, 'Wrong expected version.', packAny(details, 'event_store.client.WrongExpectedVersion'));
      }
      respond((resp) => {
        const success = new BatchAppendResp.Success();
        if (outcome.currentRevision < 0n) success.setNoStream(new GoogleEmpty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.kind === 'written') {
          success.setPosition(new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
        } else {
          success.setNoPosition(new GoogleEmpty());
        }
        resp.setSuccess(success);
      });
    });
  },
});

const appendResponse = (outcome: AppendOutcome): AppendResp => {
  const resp = new AppendResp();
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === null) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(outcome.current.toString());
    const expected = outcome.expected;
    switch (expected.kind) {
      case 'revision':
        wrong.setExpectedRevision(expected.revision.toString());
        break;
      case 'no_stream':
        wrong.setExpectedNoStream(new Empty());
        break;
      case 'stream_exists':
        wrong.setExpectedStreamExists(new Empty());
        break;
      default:
        wrong.setExpectedAny(new Empty());
    }
    return resp.setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.kind === 'written') {
    success.setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  } else {
    success.setNoPosition(new Empty());
  }
  return resp.setSuccess(success);
};

/** A proposed message as the log's ProposedEvent; `type` and `content-type` are required, as on EventStoreDB. */
const toProposed = (m: ProposedMessage): ProposedEvent => {
  const metadata = m.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) {
    const md = new Metadata();
    md.set('exception', 'missing-required-metadata-property');
    md.set('required-metadata-properties', 'type,content-type');
    throw { code: status.INVALID_ARGUMENT, details: 'Required metadata properties are missing', metadata: md } satisfies ServiceError;
  }
  let id: string;
  try {
    id = uuidToString(m.getId());
  } catch (e) {
    throw badRequest(`event id: ${messageOf(e)}`);
  }
  return { id, type, contentType, data: m.getData_asU8(), customMetadata: m.getCustomMetadata_asU8() };
};

/** A read: a bounded one answers its events and completes; a subscription follows the log until cancelled. */
async function read(log: EsdbLog, counts: CallCounts, active: Set<() => void>, call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
  const options = call.request.getOptions();
  if (!options || (!options.hasStream() && !options.hasAll())) return fail(call, badRequest('a read needs stream or all options'));
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const filter = options.hasAll() && options.hasFilter() ? compileFilter(options.getFilter()!) : null;
  if (filter instanceof Error) return fail(call, badRequest(filter.message));
  const toResp = (e: StoredEvent, withPosition: boolean) => readEvent(e, structured, withPosition);

  let closed = false;
  let wake: (() => void) | null = null;
  // Called when the server stops: the loop ends without a status, the transport reset tells the client.
  const close = () => {
    closed = true;
    wake?.();
  };
  active.add(close);
  call.on('cancelled', () => {
    closed = true;
    wake?.();
  });
  call.on('error', () => undefined);
  const send = (resp: ReadResp) => write(call, resp, () => closed);

  try {
    if (!options.hasSubscription()) {
      counts.read++;
      const count = options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
      if (options.hasStream()) {
        const s = options.getStream()!;
        const name = streamName(s.getStreamIdentifier());
        const events = log.readStream(name, streamStart(s), backwards, count);
        if (events === null) {
          await send(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name))));
        } else {
          for (const e of events) {
            if (closed) return;
            await send(toResp(e, false));
          }
        }
      } else {
        let i = log.allIndex(allStart(options.getAll()!), backwards, false);
        let sent = 0n;
        for (let e = log.at(i); e && sent < count && !closed; i += backwards ? -1 : 1, e = log.at(i)) {
          if (filter && !filter.matches(e)) continue;
          await send(toResp(e, true));
          sent++;
        }
      }
      if (!closed) call.end();
      return;
    }

    // A subscription: confirmation, catch-up (start exclusive), caught-up, then live events until cancelled.
    counts.subscribe++;
    const unsubscribe = log.onWrite(() => wake?.());
    try {
      await send(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
      const isAll = options.hasAll();
      const streamId = isAll ? '' : streamName(options.getStream()!.getStreamIdentifier());
      let i = isAll ? log.allIndex(allStart(options.getAll()!), false, true) : log.streamSubscriptionIndex(streamId, streamStart(options.getStream()!));
      const interval = filter ? filter.checkpointInterval : 0;
      let examined = 0;
      let caughtUp = false;
      while (!closed) {
        const e = isAll ? log.at(i) : log.streamAt(streamId, i);
        if (!e) {
          if (!caughtUp) {
            caughtUp = true;
            await send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (closed) resolve();
          });
          wake = null;
          continue;
        }
        i++;
        if (!filter || filter.matches(e)) await send(toResp(e, isAll));
        if (interval > 0 && ++examined >= interval) {
          examined = 0;
          const p = e.position.toString();
          await send(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(p).setPreparePosition(p)));
        }
      }
    } finally {
      unsubscribe();
    }
  } finally {
    active.delete(close);
  }
}

/** A ReadEvent: $all reads carry the event's commit position; stream reads carry none (the record still has it). */
const readEvent = (e: StoredEvent, structured: boolean, withPosition: boolean): ReadResp => {
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(e.id, structured))
    .setStreamIdentifier(streamIdentifier(e.streamId))
    .setStreamRevision(e.revision.toString())
    .setPreparePosition(e.position.toString())
    .setCommitPosition(e.position.toString())
    .setData(e.data)
    .setCustomMetadata(e.customMetadata);
  record.getMetadataMap().set('type', e.type).set('created', e.created.toString()).set('content-type', e.contentType);
  const event = new ReadResp.ReadEvent().setEvent(record);
  if (withPosition) event.setCommitPosition(e.position.toString());
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
};

const streamStart = (s: InstanceType<typeof ReadReq.Options.StreamOptions>): StreamStart =>
  s.hasRevision() ? { kind: 'revision', revision: BigInt(s.getRevision()) } : s.hasEnd() ? { kind: 'end' } : { kind: 'start' };

const allStart = (a: InstanceType<typeof ReadReq.Options.AllOptions>): AllStart => {
  if (a.hasPosition()) {
    const p = a.getPosition()!;
    return { kind: 'position', commit: BigInt(p.getCommitPosition()), prepare: BigInt(p.getPreparePosition()) };
  }
  return a.hasEnd() ? { kind: 'end' } : { kind: 'start' };
};

/** A filter on stream name or event type, by regular expression or prefixes, with its checkpoint interval. */
const compileFilter = (f: InstanceType<typeof ReadReq.Options.FilterOptions>): { matches: (e: StoredEvent) => boolean; checkpointInterval: number } | Error => {
  const onType = f.hasEventType();
  const expression = onType ? f.getEventType() : f.getStreamIdentifier();
  if (!expression) return new Error('a filter needs a stream name or event type expression');
  const prefixes = expression.getPrefixList();
  let regex: RegExp | null = null;
  if (expression.getRegex()) {
    try {
      regex = new RegExp(expression.getRegex());
    } catch (e) {
      return new Error(`invalid filter regex: ${messageOf(e)}`);
    }
  }
  const test = (value: string) => (regex ? regex.test(value) : true) && (prefixes.length === 0 || prefixes.some((p) => value.startsWith(p)));
  const window = f.hasMax() && f.getMax() > 0 ? f.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (e) => test(onType ? e.type : e.streamId),
    checkpointInterval: Math.max(1, f.getCheckpointintervalmultiplier()) * window,
  };
};

/** Writes one message, waiting for the transport to drain when its buffer is full (or until the call ends). */
const write = (call: ServerWritableStream<ReadReq, ReadResp>, resp: ReadResp, closed: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    if (closed() || call.writableEnded || call.destroyed) return resolve();
    if (call.write(resp)) return resolve();
    const done = () => {
      call.off('drain', done);
      call.off('close', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('close', done);
    call.on('cancelled', done);
  });

const fail = (call: { emit(event: 'error', e: ServiceError): unknown; writableEnded?: boolean }, error: ServiceError): void => {
  if (call.writableEnded) return;
  call.emit('error', error);
};

const badRequest = (details: string): ServiceError => ({ code: status.INVALID_ARGUMENT, details });

const asServiceError = (e: unknown): ServiceError =>
  typeof e === 'object' && e !== null && 'code' in e && 'details' in e ? (e as ServiceError) : { code: status.INTERNAL, details: messageOf(e) };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
