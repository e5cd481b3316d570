/**
 * The server side of the HTTP benchmarks, run as a child process so that the load generator does not share its core:
 *   node .bench-dist/bench/http-server.js app    the real application (createApp), configured from the environment
 *   node .bench-dist/bench/http-server.js bare   a bare Nest app on Fastify: POST /units with the same DTO, the same
 *                                                ValidationPipe and the CommandBus, then (BARE_DURABLE=1) one raw
 *                                                INSERT committed with synchronous=FULL; GET /units/:id returns a
 *                                                fixed unit document
 * It sends `{ url }` to the parent when listening, and answers `{ rss }` to 'rss' and `{ caughtUp }` to 'catch-up'.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app.config.js';
import { validationPipe } from '../src/shared/http/validation.js';
import { Projections } from '../src/shared/projections/projections.module.js';
import { RegisterUnitDto } from '../src/territory/commands/unit-commands.dto.js';
import { createLogger } from '../src/shared/logging/logger.js';

import { BENCH_KEY } from './http-support.js';
import { runMain } from './support.js';

class BareRegister extends Command<{ id: string; revision: string; position: string }> {
  constructor(readonly dto: RegisterUnitDto) {
    super();
  }
}

const durable = process.env.BARE_DURABLE === '1';
let insert: ((id: string, data: string) => bigint) | undefined;

@CommandHandler(BareRegister)
class BareRegisterHandler implements ICommandHandler<BareRegister> {
  async execute({ dto }: BareRegister) {
    const position = insert ? insert(dto.unitId, JSON.stringify(dto)) : 0n;
    return { id: dto.unitId, revision: '0', position: position.toString() };
  }
}

/** A unit document of the size GET /units/:id returns. */
const unitDocument = {
  unitId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', status: 'Active', level: 'REGION', names: { ru: 'Аул 1', en: 'Aul 1' },
  nameHistory: [{ names: { ru: 'Аул 1', en: 'Aul 1' }, effectiveFrom: '2017-01-01' }], parentId: null,
  parentHistory: [{ parentId: null, effectiveFrom: '2017-01-01' }], katoCodes: [{ code: '100000001', classifierVersion: 'KATO-2019', validFrom: '2017-01-01' }],
  populationByYear: { 2010: 300, 2011: 301, 2012: 302, 2013: 303, 2014: 304, 2015: 305, 2016: 306, 2017: 307 }, revision: '9', position: '10',
};

@Controller('units')
class BareController {
  constructor(private readonly commands: CommandBus) {}
  @Post()
  @HttpCode(201)
  register(@Body() dto: RegisterUnitDto) {
    return this.commands.execute(new BareRegister(dto));
  }
  @Get(':unitId')
  get(@Param('unitId') unitId: string) {
    return { ...unitDocument, unitId };
  }
}

@Module({ imports: [CqrsModule.forRoot()], controllers: [BareController], providers: [BareRegisterHandler] })
class BareModule {}

async function bare(): Promise<NestFastifyApplication> {
  if (durable) {
    const db = new Database(join(process.env.DATA_DIR!, 'bare.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, data TEXT NOT NULL)');
    const stmt = db.prepare('INSERT INTO events (event_id, stream_id, data) VALUES (?, ?, ?)');
    const tx = db.transaction((id: string, data: string) => BigInt(stmt.run(randomUUID(), id, data).lastInsertRowid));
    insert = (id, data) => tx.immediate(id, data);
  }
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(validationPipe());
  return app;
}

async function main() {
  const mode = process.argv[2];
  let app: NestFastifyApplication;
  if (mode === 'app') {
    const config = loadConfig({
      ...process.env,
      ADMIN_API_KEY: BENCH_KEY,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    app = await createApp({ config, logger: createLogger('warn') });
  } else if (mode === 'bare') {
    app = await bare();
  } else throw new Error(`Unknown mode ${mode}`);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  process.on('message', (m: { type: string }) => {
    if (m.type === 'rss') process.send!({ rss: process.memoryUsage().rss });
    if (m.type === 'memory') process.send!({ memory: process.memoryUsage() });
    if (m.type === 'catch-up')
      void app
        .get(Projections)
        .catchUp(1_800_000)
        .then(() => process.send!({ caughtUp: true }), (e: Error) => process.send!({ caughtUp: false, error: e.message }));
    if (m.type === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send!({ url });
}

runMain(main);
