import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app.config.js';
import { READ_STORE, type ReadStore } from './read-store.port.js';
import { SqliteReadStore } from './sqlite/sqlite-read-store.js';

/** Opens the read store that the configuration names. The MongoDB driver is loaded only when it is used. */
export async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.readStore === 'mongo') {
    const { MongoReadStore } = await import('./mongodb/mongo-read-store.js');
    return MongoReadStore.connect(config.mongodbUrl!);
  }
  return SqliteReadStore.open(config.sqliteReadPath);
}

@Injectable()
class ReadStoreLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadStore');
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('Read store closed');
  }
}

/** Provides READ_STORE: the configured adapter (or a given one), closed at shutdown. */
@Global()
@Module({})
export class ReadStoreModule {
  static forRoot(options: { store?: ReadStore } = {}): DynamicModule {
    return {
      module: ReadStoreModule,
      providers: [{ provide: READ_STORE, inject: [AppConfig], useFactory: async (config: AppConfig) => options.store ?? (await openReadStore(config)) }, ReadStoreLifecycle],
      exports: [READ_STORE],
    };
  }
}
