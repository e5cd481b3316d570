import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { AccessGuard } from './access.guard.js';
import { ApiKeyAuthenticator } from './api-key.authenticator.js';
import { ApiKeysController } from './api-keys.controller.js';
import { apiKeysProjection } from './api-keys.projection.js';

/** Access: event-sourced API keys with roles, scopes and expiry, and the one access guard of every route. */
@Global()
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [apiKeysProjection] })],
  controllers: [ApiKeysController],
  providers: [ApiKeyAuthenticator, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [ApiKeyAuthenticator],
})
export class AccessModule {}
