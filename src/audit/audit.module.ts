import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { AuditController } from './audit.controller.js';
import { auditTrailProjection } from './audit-trail.projection.js';
import { AuditTrailQueries } from './audit-trail.queries.js';
import { DriftDetector } from './drift-detector.js';
import { TimeTravelService } from './time-travel.service.js';

/**
 * The auditor's read side (docs/audit.md): the audit trail projection and its queries, history and time travel over
 * the log, and the projection drift detector. It owns no aggregate and issues no command.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [auditTrailProjection] })],
  controllers: [AuditController],
  providers: [AuditTrailQueries, TimeTravelService, DriftDetector],
  exports: [DriftDetector],
})
export class AuditModule {}
