import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/app.config.js';

/**
 * Checks that docker-compose.yml and the Dockerfile fit together and with the app's configuration:
 * the `app` service's environment, after Compose interpolation, must pass loadConfig and point at the
 * stores defined next to it. No Docker engine is needed.
 */

const root = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));
const composeText = readFileSync(root('docker-compose.yml'), 'utf8');
const dockerfileText = readFileSync(root('Dockerfile'), 'utf8');
/** The node flags of `npm start` (its heap limit), which the image runs the service with too. */
const serviceNodeFlags = (JSON.parse(readFileSync(root('package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ').filter((a) => a.startsWith('--'));

type Healthcheck = { test?: string | string[]; disable?: boolean };
type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: Healthcheck;
};
type Compose = { version?: unknown; services: Record<string, Service>; volumes?: Record<string, unknown> };

const compose = parse(composeText) as Compose;
const services = compose.services;
const app = services.app;

type Vars = Record<string, string | undefined>;

/**
 * Compose interpolation of one value: `$$` (a literal `$`), `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty),
 * `${VAR-default}` (unset), `${VAR:?message}` (unset or empty is an error), `${VAR?message}` (unset is an error),
 * `${VAR:+alt}` and `${VAR+alt}`. Unset variables without a modifier become empty, as in Compose.
 */
function interpolate(value: string, vars: Vars): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') {
      out += value[i];
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i += 1;
    } else if (next === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < value.length && depth > 0; j++) {
        if (value[j] === '{') depth++;
        else if (value[j] === '}') depth--;
      }
      if (depth > 0) throw new Error(`unterminated \${ in "${value}"`);
      out += expandBraced(value.slice(i + 2, j - 1), vars);
      i = j - 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1))?.[0];
      if (!name) throw new Error(`invalid interpolation at position ${i} of "${value}" (write $$ for a literal $)`);
      out += vars[name] ?? '';
      i += name.length;
    }
  }
  return out;
}

/** The inside of one `${...}`. */
function expandBraced(body: string, vars: Vars): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name, op, arg = ''] = m;
  const v = vars[name];
  const unset = v === undefined;
  const empty = unset || v === '';
  switch (op) {
    case undefined: return v ?? '';
    case ':-': return empty ? interpolate(arg, vars) : v!;
    case '-': return unset ? interpolate(arg, vars) : v!;
    case ':+': return empty ? '' : interpolate(arg, vars);
    case '+': return unset ? '' : interpolate(arg, vars);
    default: // ':?' and '?'
      if (op === ':?' ? empty : unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return v!;
  }
}

/** A service's environment (map or list form) with interpolation applied; pass-through entries take `vars`. */
function serviceEnv(service: Service, vars: Vars): Record<string, string> {
  const env: Record<string, string> = {};
  const raw = service.environment ?? {};
  const entries: [string, string | null][] = Array.isArray(raw)
    ? raw.map((line) => {
        const i = line.indexOf('=');
        return i < 0 ? [line, null] : [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(raw).map(([k, v]) => [k, v === null ? null : String(v)]);
  for (const [key, value] of entries) {
    if (value === null) {
      if (vars[key] !== undefined) env[key] = vars[key]!;
    } else {
      env[key] = interpolate(value, vars);
    }
  }
  return env;
}

/** Instructions of a Dockerfile (comments dropped, continuation lines joined). */
function dockerInstructions(text: string): { op: string; args: string }[] {
  const joined = text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n').replace(/\\\r?\n/g, ' ');
  return joined.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(l)!;
    return { op: op.toUpperCase(), args };
  });
}

const ADMIN_API_KEY = 'test-admin-key-0123456789abcdefg';
const MASTER_KEY = `mk1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('interpolate (Compose variable syntax)', () => {
  it('resolves plain, default, alternative and escaped forms', () => {
    const vars = { SET: 'x', EMPTY: '' };
    expect(interpolate('a-${SET}-$SET-${NOPE}', vars)).toBe('a-x-x-');
    expect(interpolate('${EMPTY:-d}|${EMPTY-d}|${NOPE-d}|${SET:-d}', vars)).toBe('d||d|x');
    expect(interpolate('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${NOPE+alt}', vars)).toBe('alt||alt|');
    expect(interpolate('${NOPE:-${SET}}', vars)).toBe('x');
    expect(interpolate('$$HOME and $${SET}', vars)).toBe('$HOME and ${SET}');
  });

  it('throws the message of `:?` when the variable is unset or empty, and of `?` only when unset', () => {
    expect(() => interpolate('${NOPE:?give NOPE}', {})).toThrow('give NOPE');
    expect(() => interpolate('${EMPTY:?give EMPTY}', { EMPTY: '' })).toThrow('give EMPTY');
    expect(interpolate('${EMPTY?give EMPTY}', { EMPTY: '' })).toBe('');
    expect(interpolate('${SET:?give SET}', { SET: 'v' })).toBe('v');
  });
});

describe('docker-compose.yml', () => {
  it('follows the Compose Specification (no top-level version) and has the three services', () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(services).sort()).toEqual(['app', 'eventstore', 'mongo']);
    expect(services.eventstore.image).toMatch(/^eventstore\/eventstore:(23\.10|24\.\d+)\.\d+/);
    expect(services.mongo.image).toMatch(/^mongo:7(\.|$)/);
  });

  it("gives the app an environment that loadConfig accepts, wired to the file's own services", () => {
    expect(ADMIN_API_KEY).toHaveLength(32);
    const env = serviceEnv(app, { ADMIN_API_KEY, MASTER_KEY });
    const config = loadConfig(env, { checkDataDir: false });

    expect(config.eventStore).toBe('esdb');
    expect(config.readStore).toBe('mongo');
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/data');
    expect(config.adminApiKey).toBe(ADMIN_API_KEY);
    expect(config.masterKey).toBe(MASTER_KEY);
    expect(config.production).toBe(true);

    const esdb = new URL(config.esdbUrl!);
    expect(esdb.hostname).toBe('eventstore');
    expect(Object.keys(services)).toContain(esdb.hostname);
    expect(esdb.port).toBe('2113');
    // The eventstore service runs insecure, so the client must not use TLS.
    expect(esdb.searchParams.get('tls')).toBe('false');
    expect(serviceEnv(services.eventstore, {}).EVENTSTORE_INSECURE).toBe('true');

    const mongo = new URL(config.mongodbUrl!);
    expect(mongo.hostname).toBe('mongo');
    expect(Object.keys(services)).toContain(mongo.hostname);
    // The replica set named in the URL is the one mongod starts with and the health check initiates.
    const command = ([] as string[]).concat(services.mongo.command ?? []).join(' ');
    const replSet = /--replSet[ =](\S+)/.exec(command)?.[1];
    expect(replSet).toBeDefined();
    expect(mongo.searchParams.get('replicaSet')).toBe(replSet);
    const mongoCheck = ([] as string[]).concat(services.mongo.healthcheck?.test ?? []).join(' ');
    expect(mongoCheck).toContain('rs.initiate(');
    expect(mongoCheck).toContain(`_id: '${replSet}'`);
    expect(mongoCheck).toContain(`host: '${mongo.hostname}:${mongo.port || '27017'}'`);
  });

  it('reads the environment the same in list form (KEY=value, bare KEY passed through)', () => {
    const map = serviceEnv(app, { ADMIN_API_KEY, MASTER_KEY });
    const raw = app.environment as Record<string, unknown>;
    const asList: Service = { environment: [...Object.entries(raw).map(([k, v]) => `${k}=${String(v)}`), 'PASSED', 'UNSET'] };
    expect(serviceEnv(asList, { ADMIN_API_KEY, MASTER_KEY, PASSED: 'p' })).toEqual({ ...map, PASSED: 'p' });
  });

  it('refuses to start without ADMIN_API_KEY or MASTER_KEY (the `:?` in the file)', () => {
    expect(() => serviceEnv(app, { MASTER_KEY })).toThrow(/ADMIN_API_KEY/);
    expect(() => serviceEnv(app, { ADMIN_API_KEY: '', MASTER_KEY })).toThrow(/ADMIN_API_KEY/);
    expect(() => serviceEnv(app, { ADMIN_API_KEY })).toThrow(/MASTER_KEY/);
  });

  it('starts the app only once both stores are healthy', () => {
    expect(app.depends_on).toEqual({
      eventstore: { condition: 'service_healthy' },
      mongo: { condition: 'service_healthy' },
    });
    for (const name of ['eventstore', 'mongo']) expect(services[name].healthcheck).toBeDefined();
  });

  it('gives every health check a test command', () => {
    const withHealthcheck = Object.entries(services).filter(([, s]) => s.healthcheck && !s.healthcheck.disable);
    expect(withHealthcheck.map(([name]) => name).sort()).toEqual(['app', 'eventstore', 'mongo']);
    for (const [name, { healthcheck }] of withHealthcheck) {
      const test = healthcheck!.test;
      expect({ name, hasTest: test !== undefined && test.length > 0 }).toEqual({ name, hasTest: true });
      if (Array.isArray(test)) {
        expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
        expect(test.length).toBeGreaterThan(1);
      }
    }
    expect(app.healthcheck!.test).toContain("fetch('http://127.0.0.1:3000/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))");
  });

  it("mounts a declared named volume on the app's DATA_DIR, and declares every named volume it uses", () => {
    const declared = Object.keys(compose.volumes ?? {});
    const dataDir = serviceEnv(app, { ADMIN_API_KEY, MASTER_KEY }).DATA_DIR;
    const targets: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      for (const v of service.volumes ?? []) {
        const [source, target] = typeof v === 'string' ? v.split(':') : [v.type === 'volume' ? v.source : undefined, v.target];
        if (name === 'app' && target) targets.push(target);
        if (source && !/^[./~]/.test(source)) expect(declared).toContain(source);
      }
    }
    expect(targets).toContain(dataDir);
  });

  it('builds the app from the Dockerfile, whose final CMD runs dist/main.js (with the flags of npm start) as the node user', () => {
    const build = typeof app.build === 'string' ? { context: app.build } : app.build;
    expect(build?.context).toBe('.');
    expect(existsSync(root(build?.dockerfile ?? 'Dockerfile'))).toBe(true);

    const instructions = dockerInstructions(dockerfileText);
    const lastFrom = instructions.map((i) => i.op).lastIndexOf('FROM');
    const finalStage = instructions.slice(lastFrom);
    const cmd = finalStage.filter((i) => i.op === 'CMD').at(-1);
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!.args)).toEqual(['node', ...serviceNodeFlags, 'dist/main.js']);
    expect(finalStage.filter((i) => i.op === 'USER').at(-1)?.args).toBe('node');
    expect(finalStage.find((i) => i.op === 'EXPOSE')?.args).toBe('3000');
  });
});
