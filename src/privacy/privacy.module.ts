import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app.config.js';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { READ_STORE, type ReadStore } from '../shared/read-store/read-store.port.js';
import { DataSubjectsController } from './data-subjects.controller.js';
import { dataSubjectsProjection } from './data-subjects.projection.js';
import { KeyShredder } from './key-shredder.reactor.js';
import { openKeyStore } from './key-store.factory.js';
import { PersonalDataService, SUBJECT_KEYS } from './personal-data.service.js';
import { RANDOM_SOURCE, type RandomSource } from './random-source.js';

const KEY_STORE_BACKING = Symbol('KEY_STORE_BACKING');

@Injectable()
class KeyStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE_BACKING) private readonly backing: { store: ReadStore; owned: boolean }) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.backing.owned) await this.backing.store.close();
  }
}

/** Privacy: per-subject keys (crypto-shredding), legal holds and erasure; the PersonalDataService for every context. */
@Global()
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [dataSubjectsProjection], reactors: [KeyShredder] })],
  controllers: [DataSubjectsController],
  providers: [
    {
      provide: KEY_STORE_BACKING,
      inject: [AppConfig, READ_STORE, RANDOM_SOURCE],
      useFactory: async (config: AppConfig, reads: ReadStore, random: RandomSource) => {
        const logger = new Logger('KeyStore');
        const { keys, backing, owned } = await openKeyStore(config, reads, (m) => logger.warn(m), random);
        return { keys, store: backing, owned };
      },
    },
    { provide: SUBJECT_KEYS, inject: [KEY_STORE_BACKING], useFactory: (b: { keys: unknown }) => b.keys },
    KeyStoreLifecycle,
    PersonalDataService,
  ],
  exports: [PersonalDataService, SUBJECT_KEYS],
})
export class PrivacyModule {}
