/**
 * The EventStoreDB test double: an in-process gRPC server on 127.0.0.1 that speaks the part of EventStoreDB's client
 * protocol that `@eventstore/db-client` uses for a single node (`esdb://127.0.0.1:<port>?tls=false`): Streams.Read,
 * Streams.Append, Streams.BatchAppend and ServerFeatures.GetSupportedMethods. See docs/esdb-test-double.md.
 *
 * `stop()` drops every connection at once (as a crashed node does); `start()` listens again on the same port with the
 * same log, so a client that reconnects finds its events where they were.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { featuresService } from './features-service.js';
import { ServerFeaturesService, StreamsService } from './proto.js';
import { EsdbLog } from './storage.js';
import { type CallCounts, streamsService } from './streams-service.js';

export type EsdbDoubleOptions = {
  /** Whether GetSupportedMethods lists Streams.BatchAppend (the client then appends through it). Default true. */
  batchAppend?: boolean;
  /** After this many client appends, the node writes a `$statsCollected` system event. 0 (default): never. */
  systemEventEvery?: number;
  /** The server stops itself after this long, in case a test forgets to (default 15 minutes). */
  maxLifetimeMs?: number;
};

const BIND_ATTEMPTS = 20;
const BIND_RETRY_MS = 50;

export class EsdbDouble {
  readonly log: EsdbLog;
  /** Calls served since the double was created, by method (BatchAppend: by completed append). */
  readonly calls: CallCounts = { read: 0, subscribe: 0, append: 0, batchAppend: 0, getSupportedMethods: 0 };
  readonly batchAppend: boolean;
  private readonly maxLifetimeMs: number;
  private readonly active = new Set<() => void>();
  private server: Server | null = null;
  private boundPort: number | null = null;
  private lifetime: NodeJS.Timeout | null = null;

  constructor(options: EsdbDoubleOptions = {}) {
    this.batchAppend = options.batchAppend ?? true;
    this.maxLifetimeMs = options.maxLifetimeMs ?? 15 * 60_000;
    this.log = new EsdbLog({ systemEventEvery: options.systemEventEvery ?? 0 });
  }

  /** Creates a double and starts it on `port` (0 or omitted: an ephemeral port). */
  static async start(options: EsdbDoubleOptions = {}, port = 0): Promise<EsdbDouble> {
    const double = new EsdbDouble(options);
    await double.start(port);
    return double;
  }

  get running(): boolean {
    return this.server !== null;
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('The EventStoreDB double has not been started');
    return this.boundPort;
  }

  /** The connection string of a single insecure node, as the app's ESDB_URL takes it. */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Which server and which client append path, for the test logs. */
  describe(): string {
    const path = this.batchAppend ? 'BatchAppend advertised: the client appends through Streams.BatchAppend' : 'BatchAppend not advertised: the client appends through Streams.Append';
    return `the EventStoreDB test double (in-process gRPC at 127.0.0.1:${this.boundPort ?? '?'}; ${path})`;
  }

  /**
   * Listens on 127.0.0.1: on `port`, else on the port of the previous start, else on an ephemeral port. The log is
   * kept across stops and starts.
   */
  async start(port?: number): Promise<void> {
    if (this.server) throw new Error('The EventStoreDB double is already running');
    const server = new Server({ 'grpc.keepalive_permit_without_calls': 1 });
    server.addService(StreamsService, streamsService(this.log, this.calls, this.active));
    server.addService(ServerFeaturesService, featuresService({ batchAppend: this.batchAppend }, this.calls));
    const wanted = port ?? this.boundPort ?? 0;
    for (let attempt = 1; ; attempt++) {
      try {
        this.boundPort = await new Promise<number>((resolve, reject) =>
          server.bindAsync(`127.0.0.1:${wanted}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
        );
        break;
      } catch (e) {
        // The port of a server that was just stopped can take a moment to be free again.
        if (wanted === 0 || attempt >= BIND_ATTEMPTS) {
          server.forceShutdown();
          throw e;
        }
        await new Promise((r) => setTimeout(r, BIND_RETRY_MS));
      }
    }
    this.server = server;
    this.lifetime = setTimeout(() => void this.stop(), this.maxLifetimeMs);
    this.lifetime.unref();
  }

  /** Drops every connection and stops listening, as a crashed node; the log stays for the next start. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    if (this.lifetime) clearTimeout(this.lifetime);
    this.lifetime = null;
    for (const close of [...this.active]) close();
    this.active.clear();
    server.forceShutdown();
    // Let the transport deliver the resets before anyone reconnects.
    await new Promise((r) => setImmediate(r));
  }

  /** Stops and starts again on the same port, with the same log. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
