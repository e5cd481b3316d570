import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app.config.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { type Upcaster, UpcastingEventStore, Upcasters } from './upcasting.js';

/** Opens the adapter that the configuration names. EventStoreDB's client is loaded only when it is used. */
export async function openEventStore(config: AppConfig, options: { clock?: () => Date } = {}): Promise<EventStore> {
  if (config.eventStore === 'esdb') {
    const { EsdbEventStore } = await import('./esdb/esdb-event-store.js');
    return EsdbEventStore.connect(config.esdbUrl!, options);
  }
  return SqliteEventStore.open(config.sqliteEventsPath, { synchronous: config.sqliteSynchronous, ...options });
}

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('Event store closed');
  }
}

export type EventStoreModuleOptions = {
  /** Upcasters of every context, applied on every read. */
  upcasters?: Upcaster[];
  /** Replaces the configured adapter (tests, tools that already hold a store). */
  store?: EventStore;
};

/** Provides EVENT_STORE: the configured adapter wrapped in upcasting, closed at shutdown. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions = {}): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => new UpcastingEventStore(options.store ?? (await openEventStore(config)), new Upcasters(options.upcasters)),
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }
}
