import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { READ_STORE, type ReadStore } from '../read-store/read-store.port.js';
import type { Projection, Reactor } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/** The application's projection runner: started when the application has bootstrapped, stopped before the stores close. */
@Injectable()
export class Projections extends ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore) {
    super(events, reads, { logger: new Logger('Projections') });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

@Global()
@Module({ providers: [Projections], exports: [Projections] })
class ProjectionsCoreModule {}

/**
 * Registers a context's projections and reactors with the runner. Reactors are providers (they dispatch commands
 * through the CommandBus); projections are plain definitions.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(): DynamicModule {
    return { module: ProjectionsCoreModule };
  }

  static forFeature(feature: { projections?: Projection<any>[]; reactors?: Type<Reactor>[] }): DynamicModule {
    const reactors = feature.reactors ?? [];
    @Injectable()
    class Registrar implements OnModuleInit {
      constructor(
        private readonly runner: Projections,
        private readonly moduleRef: ModuleRef,
      ) {}
      onModuleInit() {
        for (const p of feature.projections ?? []) this.runner.addProjection(p);
        for (const r of reactors) this.runner.addReactor(this.moduleRef.get(r, { strict: true }));
      }
    }
    return { module: ProjectionsModule, providers: [...reactors, Registrar] };
  }
}
