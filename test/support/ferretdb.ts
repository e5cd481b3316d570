import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `scripts/build-ferretdb.sh` puts FerretDB 1.24.2. */
export const FERRETDB_BIN = fileURLToPath(new URL('../../.cache/ferretdb/ferretdb', import.meta.url));

export type MongoServer = {
  url: string;
  /** What the server is, for logs (no credentials). */
  name: string;
  stop(): Promise<void>;
};

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** Whether a MongoDB-wire server can be had, and why (or why not). */
export function mongoServerAvailability(): { available: boolean; why: string } {
  if (process.env.MONGODB_URL) return { available: true, why: `MONGODB_URL is set (${redact(process.env.MONGODB_URL)})` };
  if (existsSync(FERRETDB_BIN)) return { available: true, why: `FerretDB is built at .cache/ferretdb/ferretdb` };
  return {
    available: false,
    why: 'no MongoDB-wire server: MONGODB_URL is not set and FerretDB is not built at .cache/ferretdb/ferretdb (run `bash scripts/build-ferretdb.sh`, which needs Go, or set MONGODB_URL)',
  };
}

/**
 * The server named by `MONGODB_URL` (left running), or a private FerretDB on SQLite: loopback, a free ephemeral
 * port, a fresh temporary directory for its data and state, no telemetry and no debug HTTP listener. Resolves once
 * the server answers a `ping` (30 s at most); `stop` sends SIGTERM (SIGKILL after 5 s) and removes the directory.
 * `at` starts FerretDB itself (never MONGODB_URL's server) in a given directory and port, which `stop` keeps, so that
 * a fault test can stop it and start it again on the same data.
 */
export async function startMongoServer(at?: { dir: string; port: number }): Promise<MongoServer> {
  const external = process.env.MONGODB_URL;
  if (external && !at) return { url: external, name: `the server MONGODB_URL names (${redact(external)})`, stop: async () => undefined };
  if (!existsSync(FERRETDB_BIN)) throw new Error(mongoServerAvailability().why);

  const dir = at?.dir ?? mkdtempSync(join(tmpdir(), 'aul-ledger-ferretdb-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'state'), { recursive: true });
  const port = at?.port ?? (await freePort());
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${join(dir, 'data')}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-', // no HTTP listener for metrics and pprof
    `--state-dir=${join(dir, 'state')}`,
    '--telemetry=disable',
    '--log-level=error',
  ];
  const child = spawn(FERRETDB_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  child.once('error', (e) => {
    exited = `spawn error: ${e.message}`;
  });

  const stop = async () => {
    await terminate(child);
    if (!at) rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`FerretDB stopped while starting (${exited}): ${FERRETDB_BIN} ${args.join(' ')}\n${output()}`);
    }
    if (await ping('127.0.0.1', port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`FerretDB did not answer ping within ${START_TIMEOUT_MS / 1000} s: ${FERRETDB_BIN} ${args.join(' ')}\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `mongodb://127.0.0.1:${port}/`, name: `FerretDB 1.24.2 on SQLite at 127.0.0.1:${port} (${dir})`, stop };
}

const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/** A port the OS had free a moment ago (listen on 0, read it, close). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Keeps the last 32 KiB of the child's output, for error messages. */
const tail = (child: ChildProcess): (() => string) => {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-32_768);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
};

const terminate = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exit;
  clearTimeout(timer);
};

/**
 * One `{ ping: 1 }` OP_MSG over a raw socket (the test support does not import the driver, which only the adapter
 * may): true when the server answers `ok: 1`, false on any error, refusal or a 2 s silence.
 */
const ping = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let received = Buffer.alloc(0);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(opMsg({ ping: 1, $db: 'admin' })));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < received.readInt32LE(0)) return;
      // header (16 bytes), flagBits (4), section kind 0 (1), then the reply document.
      done(received.readInt32LE(12) === 2013 && received[20] === 0 && replyOk(received.subarray(21)));
    });
  });

const opMsg = (doc: { ping: number; $db: string }): Buffer => {
  const body = bson(doc);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + 4 + 1 + body.length, 0);
  header.writeInt32LE(1, 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(2013, 12); // OP_MSG
  return Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), body]);
};

/** BSON of `{ ping: <int32>, $db: <string> }`. */
const bson = (doc: { ping: number; $db: string }): Buffer => {
  const int = Buffer.alloc(4);
  int.writeInt32LE(doc.ping);
  const db = Buffer.from(`${doc.$db}\0`, 'utf8');
  const dbLength = Buffer.alloc(4);
  dbLength.writeInt32LE(db.length);
  const elements = Buffer.concat([Buffer.from([0x10]), Buffer.from('ping\0'), int, Buffer.from([0x02]), Buffer.from('$db\0'), dbLength, db]);
  const length = Buffer.alloc(4);
  length.writeInt32LE(4 + elements.length + 1);
  return Buffer.concat([length, elements, Buffer.from([0])]);
};

/** Whether a reply document holds `ok` equal to 1 (as a double, int32 or int64). */
const replyOk = (doc: Buffer): boolean => {
  let i = 4;
  while (i < doc.length && doc[i] !== 0) {
    const type = doc[i]!;
    const nameEnd = doc.indexOf(0, i + 1);
    const name = doc.toString('utf8', i + 1, nameEnd);
    const at = nameEnd + 1;
    if (name === 'ok') {
      if (type === 0x01) return doc.readDoubleLE(at) === 1;
      if (type === 0x10) return doc.readInt32LE(at) === 1;
      if (type === 0x12) return doc.readBigInt64LE(at) === 1n;
      return false;
    }
    const size = elementSize(type, doc, at);
    if (size === null) return false;
    i = at + size;
  }
  return false;
};

/** Byte size of a BSON element value, for the types a ping reply may hold before `ok`; null for others. */
const elementSize = (type: number, doc: Buffer, at: number): number | null => {
  switch (type) {
    case 0x01: // double
    case 0x09: // UTC datetime
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
      return 4 + doc.readInt32LE(at);
    case 0x03: // document
    case 0x04: // array
      return doc.readInt32LE(at);
    case 0x05: // binary
      return 4 + 1 + doc.readInt32LE(at);
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0a: // null
      return 0;
    case 0x10: // int32
      return 4;
    default:
      return null;
  }
};
