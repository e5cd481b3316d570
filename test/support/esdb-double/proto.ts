/**
 * The protocol of the EventStoreDB test double: the message classes and gRPC service definitions that
 * `@eventstore/db-client` ships in its `generated/` folder (compiled from EventStoreDB's own .proto files), so the
 * double and the client speak byte for byte the same protocol. Plus the few conversions the services share.
 */
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export const { StreamsService } = streamsGrpc;
export const { ServerFeaturesService } = featuresGrpc;
export const { ReadReq, ReadResp, AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } = streamsPb;
export const { UUID, StreamIdentifier, AllStreamPosition, WrongExpectedVersion, Timeout, Empty } = sharedPb;
export const { Status } = statusPb;
export const { SupportedMethods, SupportedMethod } = featuresPb;
export const { Any } = anyPb;
/** google.protobuf.Empty, which BatchAppend uses where the other messages use event_store.client.Empty. */
export const GoogleEmpty = emptyPb.Empty;

export type ReadReq = InstanceType<typeof ReadReq>;
export type ReadResp = InstanceType<typeof ReadResp>;
export type AppendReq = InstanceType<typeof AppendReq>;
export type AppendResp = InstanceType<typeof AppendResp>;
export type BatchAppendReq = InstanceType<typeof BatchAppendReq>;
export type BatchAppendResp = InstanceType<typeof BatchAppendResp>;
export type UUID = InstanceType<typeof UUID>;
export type StreamIdentifier = InstanceType<typeof StreamIdentifier>;
export type ProposedMessage = InstanceType<typeof AppendReq.ProposedMessage> | InstanceType<typeof BatchAppendReq.ProposedMessage>;

/** A UUID message as its lowercase string; throws on a malformed one. */
export const uuidToString = (uuid: UUID | undefined): string => {
  if (!uuid) throw new Error('missing UUID');
  let text: string;
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const hex = BigInt.asUintN(64, BigInt(s.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())).toString(16).padStart(16, '0');
    text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } else {
    text = uuid.getString().toLowerCase();
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) throw new Error(`malformed UUID ${text}`);
  return text;
};

/** A UUID message in the form the reader asked for (string, or structured as two signed 64-bit halves). */
export const uuidMessage = (id: string, structured: boolean): UUID => {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const s = new UUID.Structured();
  s.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  s.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(s);
};

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

export const streamIdentifier = (name: string): StreamIdentifier => new StreamIdentifier().setStreamName(new Uint8Array(Buffer.from(name, 'utf8')));

/** A google.protobuf.Any holding `message` under its EventStoreDB type name (as `google.rpc.Status.details`). */
export const packAny = (message: { serializeBinary(): Uint8Array }, typeName: string): InstanceType<typeof Any> => {
  const any = new Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};
