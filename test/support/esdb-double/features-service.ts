/**
 * `event_store.client.server_features.ServerFeatures` of the EventStoreDB test double. The Node.js client asks it
 * once per connection which methods the server has, and appends through BatchAppend when it is listed, through
 * Append otherwise (as against EventStoreDB before 21.10). The double lists BatchAppend only when told to.
 */
import type { ServerUnaryCall, UntypedServiceImplementation, sendUnaryData } from '@grpc/grpc-js';
import { type Empty, SupportedMethod, SupportedMethods } from './proto.js';
import type { CallCounts } from './streams-service.js';

/** The version the double reports. The client only logs it. */
export const DOUBLE_SERVER_VERSION = '24.10.0-test-double';

export const featuresService = (options: { batchAppend: boolean }, counts: CallCounts): UntypedServiceImplementation => ({
  getSupportedMethods: (_call: ServerUnaryCall<InstanceType<typeof Empty>, InstanceType<typeof SupportedMethods>>, callback: sendUnaryData<InstanceType<typeof SupportedMethods>>) => {
    counts.getSupportedMethods++;
    const method = (service: string, name: string, features: string[] = []) =>
      new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
    const streams = 'event_store.client.streams.streams';
    const methods = [
      method(streams, 'read'),
      method(streams, 'append'),
      ...(options.batchAppend ? [method(streams, 'batchappend')] : []),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ];
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(DOUBLE_SERVER_VERSION));
  },
});
