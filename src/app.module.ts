import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DiscoveryModule } from '@nestjs/core';
import { AccessModule } from './access/access.module.js';
import { AppConfig } from './config/app.config.js';
import { HealthController } from './health/health.controller.js';
import { MetricsService } from './health/metrics.service.js';
import { CommandPipeline } from './shared/command/command-pipeline.js';
import { StateSnapshots } from './shared/snapshots/state-snapshots.js';
import { snapshotKindOf } from './audit/stream-registry.js';
import { CLOCK, type Clock, SystemClock } from './shared/http/clock.js';
import { ConditionalGets } from './shared/http/conditional-get.js';
import { EventStoreModule } from './shared/event-store/event-store.module.js';
import type { EventStore } from './shared/event-store/event-store.port.js';
import { ProjectionsModule } from './shared/projections/projections.module.js';
import { ReadStoreModule } from './shared/read-store/read-store.module.js';
import type { ReadStore } from './shared/read-store/read-store.port.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { RANDOM_SOURCE, type RandomSource, assertRandomSourceAllowed, systemRandom } from './privacy/random-source.js';
import { TerritoryModule } from './territory/territory.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { GrantsModule } from './grants/grants.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { EngagementModule } from './engagement/engagement.module.js';
import { VotingModule } from './voting/voting.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { AuditModule } from './audit/audit.module.js';
import { IntegrityModule } from './integrity/integrity.module.js';
import { PortalModule } from './portal/portal.module.js';
import { TransparencyModule } from './transparency/transparency.module.js';

export type AppModuleOptions = {
  config: AppConfig;
  /** Business clock; the system clock by default. */
  clock?: Clock;
  /** An already open event store to use instead of the configured one. */
  eventStore?: EventStore;
  /** An already open read store to use instead of the configured one. */
  readStore?: ReadStore;
  /** Random bytes of the privacy context; the system CSPRNG by default (only the demo seed gives another). */
  randomSource?: RandomSource;
  /** Further modules to load (tools and test fixtures that add projections or reactors). */
  imports?: Array<Type | DynamicModule | ForwardReference>;
};

/** The shared infrastructure every context module relies on. */
@Module({})
class CoreModule {
  static forRoot({ config, clock, randomSource = systemRandom, eventStore }: AppModuleOptions): DynamicModule {
    assertRandomSourceAllowed(randomSource, eventStore);
    return {
      module: CoreModule,
      global: true,
      providers: [{ provide: AppConfig, useValue: config }, { provide: CLOCK, useValue: clock ?? new SystemClock() }, { provide: RANDOM_SOURCE, useValue: randomSource }, StateSnapshots.provider(snapshotKindOf), CommandPipeline, ConditionalGets],
      exports: [AppConfig, CLOCK, RANDOM_SOURCE, StateSnapshots, CommandPipeline, ConditionalGets],
    };
  }
}

/** The application: infrastructure, access, and one module per bounded context. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        CqrsModule.forRoot(),
        DiscoveryModule,
        EventStoreModule.forRoot({ store: options.eventStore }),
        ReadStoreModule.forRoot({ store: options.readStore }),
        ProjectionsModule.forRoot(),
        AccessModule,
        PrivacyModule,
        TerritoryModule,
        OrganisationsModule,
        ProgrammesModule,
        GrantsModule,
        PlanningModule,
        EngagementModule,
        VotingModule,
        RecommendationsModule,
        AuditModule,
        IntegrityModule,
        PortalModule,
        TransparencyModule,
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [MetricsService],
    };
  }
}
