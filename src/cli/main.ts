#!/usr/bin/env node
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { formatKey, newSecret, secretHash } from '../access/api-key.authenticator.js';
import { apiKeyDecider, apiKeyStream, type ApiKeyCommand } from '../access/domain/api-key.decider.js';
import { ROLES, type Role } from '../access/roles.js';
import { BundleCheckFailed, verifyBundle, writeBundle } from '../integrity/bundle.js';
import { parseSigningKey, parseVerifierKey, rawPublicKey, verifierKey } from '../integrity/checkpoint.js';
import { MerkleLog, verifyLogCheckpoints } from '../integrity/merkle-log.js';
import { openKeyStore } from '../privacy/key-store.factory.js';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { openEventStore } from '../shared/event-store/event-store.module.js';
import type { EventStore } from '../shared/event-store/event-store.port.js';
import { verifyChains } from '../shared/event-store/verify-chain.js';
import { Projections } from '../shared/projections/projections.module.js';
import { openReadStore } from '../shared/read-store/read-store.module.js';
import { CliError, cliConfig, withApplication } from './cli-context.js';
import { runDriftCheck } from '../audit/drift-cli.js';
import { logDigest } from '../demo/log-digest.js';
import { seedProgress } from '../demo/progress.js';
import { StoreNotEmptyError, seedDemo } from '../demo/seed.js';

const CLI_ACTOR = { id: 'cli', role: 'administrator' };

/** A progress bar on stderr, only when stderr is a terminal (CI logs stay clean). */
const progress = (label: string, total: number) => {
  if (!process.stderr.isTTY) return { update: (_: number) => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
};

const withEventStore = async <T>(run: (store: EventStore) => Promise<T>): Promise<T> => {
  const store = await openEventStore(cliConfig());
  try {
    return await run(store);
  } finally {
    await store.close();
  }
};

const program = new Command()
  .name('aul-ledger')
  .description('Command-line tool of the Aul Ledger, over the same modules and stores as the service (configured by the same environment variables).')
  .showHelpAfterError()
  .exitOverride();

program
  .command('verify')
  .description('Check every per-stream hash chain of the event log; exit 2 and name the first broken link when one is found.')
  .option('--bundle <dir>', 'check an export bundle instead, offline (no database, no network): chains, signed checkpoints, consistency, totals')
  .option('--key <verifierKey|file>', 'with --bundle: the published public key to check checkpoints with (default: the bundle\'s own)')
  .option('--checkpoint <file>', 'with --bundle: a checkpoint published before (its signed note) that the bundle\'s log must extend')
  .action(async (options: { bundle?: string; key?: string; checkpoint?: string }) => {
    if (options.bundle) return verifyBundleCommand(options.bundle, options);
    await withEventStore(async (store) => {
      const head = Number((await store.headPosition()) ?? 0n);
      const bar = progress('verify', head);
      const report = await verifyChains(store, { onProgress: bar.update });
      bar.update(report.events);
      bar.stop();
      if (report.ok) {
        process.stdout.write(`ok: ${report.events} events in ${report.streams} streams verified up to position ${report.head ?? 0}\n`);
        // The signed checkpoints against the log: roots, consistency, and signatures when the key is configured.
        const config = cliConfig();
        const key = config.checkpointSigningKey ? parseVerifierKey(verifierKey(config.checkpointOrigin, rawPublicKey(parseSigningKey(config.checkpointSigningKey)))) : null;
        const checkpoints = await verifyLogCheckpoints(new MerkleLog(store, 1000, { leavesInMemory: false }), key);
        if (checkpoints.problem) {
          const c = checkpoints.problem.checkpoint;
          throw new CliError(`broken: checkpoint ${checkpoints.checked + 1} (integrity-checkpoints revision ${c.revision}, position ${c.position}, tree size ${c.treeSize}): ${checkpoints.problem.problem}`, 2);
        }
        process.stdout.write(`ok: ${checkpoints.checked} signed checkpoints match the log${key ? ' and verify under the configured key' : ' (no CHECKPOINT_SIGNING_KEY: signatures not checked)'}\n`);
        return;
      }
      throw new CliError(
        `broken: ${report.kind} at ${report.streamId} revision ${report.revision} (position ${report.position}): expected ${report.expected}, found ${report.found}`,
        2,
      );
    });
  });

/** A value given inline or as a file path. */
const inlineOrFile = (value: string): string => {
  try {
    return readFileSync(value, 'utf8');
  } catch {
    return value;
  }
};

function verifyBundleCommand(dir: string, options: { key?: string; checkpoint?: string }): void {
  if (!existsSync(dir)) throw new CliError(`No bundle at ${dir}`, 1);
  const started = Date.now();
  let report;
  try {
    report = verifyBundle(dir, { verifierKey: options.key && inlineOrFile(options.key).trim(), pinnedCheckpoint: options.checkpoint && inlineOrFile(options.checkpoint) });
  } catch (e) {
    if (e instanceof BundleCheckFailed) throw new CliError(`broken: ${e.message}`, 2);
    throw e;
  }
  const lines = [
    `ok: ${report.events} events in ${report.streams} streams, ${report.checkpoints} signed checkpoints verified in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `tree size ${report.treeSize}, root ${report.rootHash}${report.unsigned > 0 ? ` (${report.unsigned} events after the last checkpoint are chain-checked but not yet signed)` : ''}`,
    ...(report.pinned ? [`consistent with the given checkpoint of tree size ${report.pinned.treeSize}`] : []),
    ...(report.totals ? [`totals recomputed at tree size ${report.totals.basis.treeSize} (root ${report.totals.basis.rootHash}): ${JSON.stringify(report.totals.counts)}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

program
  .command('export')
  .description('Write every event as NDJSON (personal fields stay ciphertext), in log order, to a file or stdout.')
  .option('-o, --out <file>', 'file to write (default: stdout)')
  .option('--bundle <dir>', 'write a verifiable bundle into <dir> instead: events, signed checkpoints, public key, headline totals')
  .action(async (options: { out?: string; bundle?: string }) => {
    if (options.bundle) {
      const dir = options.bundle;
      const config = cliConfig();
      const key = config.checkpointSigningKey ? verifierKey(config.checkpointOrigin, rawPublicKey(parseSigningKey(config.checkpointSigningKey))) : null;
      await withEventStore(async (store) => {
        const bar = progress('export', Number((await store.headPosition()) ?? 0n));
        const written = await writeBundle(store, dir, { verifierKey: key, onProgress: bar.update });
        bar.stop();
        process.stderr.write(`exported ${written.events} events and ${written.checkpoints} checkpoints to ${dir}${key ? '' : ' (no CHECKPOINT_SIGNING_KEY: no public key in the bundle)'}\n`);
      });
      return;
    }
    await withEventStore(async (store) => {
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      const bar = progress('export', Number((await store.headPosition()) ?? 0n));
      let count = 0;
      for (let after: bigint | null = null; ; ) {
        const batch = await store.readAll({ after, maxCount: 1000 });
        if (batch.length === 0) break;
        const text = batch.map((e) => JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).join('\n');
        if (!out.write(`${text}\n`)) await once(out, 'drain');
        count += batch.length;
        bar.update(count);
        after = batch.at(-1)!.position;
      }
      bar.stop();
      if (options.out) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`exported ${count} events to ${options.out}\n`);
      }
    });
  });

program
  .command('rebuild')
  .description('Rebuild projections from position zero into fresh collections; readers switch when each has caught up.')
  .argument('[projections...]', 'projection names (default: all)')
  .action(async (names: string[]) => {
    await withApplication(cliConfig(), async (app) => {
      const projections = app.get(Projections);
      const known = projections.status().filter((s) => s.kind === 'projection').map((s) => s.name);
      const chosen = names.length > 0 ? names : known;
      const unknown = chosen.filter((n) => !known.includes(n));
      if (unknown.length > 0) throw new CliError(`Unknown projection(s): ${unknown.join(', ')}. Known: ${known.join(', ')}`, 1);
      await projections.catchUp(600_000);
      for (const name of chosen) {
        const collection = await projections.rebuild(name);
        await projections.catchUp(600_000);
        process.stdout.write(`rebuilt ${name} into ${collection}\n`);
      }
    });
  });

program
  .command('drift-check')
  .description('Rebuild projections into shadow collections and compare their digests with the live ones; exit 2 when one differs.')
  .argument('[projections...]', 'projection names (default: all)')
  .action((names: string[]) => withApplication(cliConfig(), (app) => runDriftCheck(app, names)));

program
  .command('seed')
  .description(
    'Generate the demo scenario of the pilot programme (DOMAIN.md 6) into the configured, empty stores, through the same command pipeline as the service: ' +
      'a byte-identical log on every run (synthetic data: its keys are derived from a public seed), every event marked demo. Exit 2 when the event store already holds events.',
  )
  .option('--if-empty', 'exit 0 without seeding when the event store already holds events')
  .action(async (options: { ifEmpty?: boolean }) => {
    const config = cliConfig();
    const bar = seedProgress();
    try {
      const report = await seedDemo(config, { onProgress: bar.update });
      bar.stop();
      const digest = await withEventStore((store) => logDigest(store));
      process.stdout.write(`seeded ${report.events} events by ${report.commands} requests in ${(report.ms / 1000).toFixed(1)} s; log digest ${digest.raw} (content ${digest.content})\n`);
    } catch (e) {
      bar.stop();
      if (!(e instanceof StoreNotEmptyError)) throw e;
      if (options.ifEmpty) {
        process.stdout.write(`not seeded: ${e.message}\n`);
        return;
      }
      throw new CliError(e.message, 2);
    }
  });

const keys = program.command('keys').description('Issue and revoke API keys.');

const role = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return value as Role;
};
const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

keys
  .command('issue')
  .description('Issue a key; prints it once (only its hash is kept).')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .requiredOption('--name <name>', 'who or what holds the key')
  .option('--units <ids>', 'scope: unit ids (comma-separated)', list)
  .option('--programmes <ids>', 'scope: programme ids', list)
  .option('--calls <ids>', 'scope: call ids', list)
  .option('--days <n>', 'days until it expires (at most 730)', (v) => Number(v), 365)
  .action(async (options: { role: Role; name: string; units?: string[]; programmes?: string[]; calls?: string[]; days: number }) => {
    await withApplication(cliConfig(), async (app) => {
      const keyId = crypto.randomUUID();
      const secret = newSecret();
      const now = new Date();
      const command: ApiKeyCommand = {
        type: 'IssueApiKey',
        data: {
          keyId,
          name: options.name,
          role: options.role,
          scope: { ...(options.units && { units: options.units }), ...(options.programmes && { programmes: options.programmes }), ...(options.calls && { calls: options.calls }) },
          expiresAt: new Date(now.getTime() + options.days * 86_400_000).toISOString(),
          secretHash: secretHash(secret),
        },
        metadata: { actor: CLI_ACTOR, now: now.toISOString(), correlationId: crypto.randomUUID() },
      };
      await app.get(CommandPipeline).run({ id: keyId, streamId: apiKeyStream(keyId), decider: apiKeyDecider, command, context: {} });
      process.stdout.write(`${formatKey(keyId, secret)}\n`);
      process.stderr.write(`issued ${options.role} key ${keyId}, expires ${command.data.expiresAt}\n`);
    });
  });

keys
  .command('revoke')
  .description('Revoke a key; it stops working at once.')
  .argument('<keyId>', 'the key id (the part after "aul.")')
  .requiredOption('--reason <reason>', 'why')
  .action(async (keyId: string, options: { reason: string }) => {
    await withApplication(cliConfig(), async (app) => {
      const now = new Date().toISOString();
      await app.get(CommandPipeline).run({
        id: keyId,
        streamId: apiKeyStream(keyId),
        decider: apiKeyDecider,
        command: { type: 'RevokeApiKey', data: { keyId, reason: options.reason }, metadata: { actor: CLI_ACTOR, now, correlationId: crypto.randomUUID(), reason: options.reason } },
        context: {},
      });
      process.stdout.write(`revoked ${keyId}\n`);
    });
  });

program
  .command('rotate-master-key')
  .description('Re-wrap every personal-data key under MASTER_KEY (with the old key in PREVIOUS_MASTER_KEYS); events are untouched.')
  .action(async () => {
    const config = cliConfig();
    const reads = config.readStore === 'mongo' ? await openReadStore(config) : null;
    try {
      const { keys: store, backing, owned } = await openKeyStore(config, reads);
      const count = await store.rotate();
      if (owned) await backing.close();
      process.stdout.write(`re-wrapped ${count} keys under master key ${config.masterKey?.split(':')[0] ?? '(from DATA_DIR/master.key)'}\n`);
    } finally {
      await reads?.close();
    }
  });

program
  .parseAsync(process.argv)
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
    if (err.code?.startsWith('commander.')) process.exit(1);
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`failed: ${err.message ?? String(e)}\n`);
    process.exit(3);
  });
