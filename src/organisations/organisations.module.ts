import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { ExecuteOrganisationCommandHandler } from './commands/organisation-command.handler.js';
import { OrganisationsController } from './organisations.controller.js';
import { organisationsProjection } from './projections/organisations.projection.js';
import { FindOrganisationsHandler, GetOrganisationHandler } from './queries/organisation.queries.js';

/** Organisations (Programme & Finance context, DOMAIN.md 5.4): names, IATI identifiers and types, countries. */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [organisationsProjection] })],
  controllers: [OrganisationsController],
  providers: [ExecuteOrganisationCommandHandler, GetOrganisationHandler, FindOrganisationsHandler],
})
export class OrganisationsModule {}
