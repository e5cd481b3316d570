import { Module } from '@nestjs/common';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { FeedController } from './feed/feed.controller.js';
import { FeedService } from './feed/feed.service.js';
import { PublicationPolicyController } from './publication-policy.controller.js';
import { PublicDataController } from './public-data.controller.js';
import { PublicDataService } from './reports/public-data.service.js';

/**
 * Transparency & Publishing (context 7, DOMAIN.md 5.10): the publication policy, the public feed (Atom, JSON Feed,
 * Server-Sent Events), reports and open data (IATI, 360Giving). It owns no aggregate but the policy; everything else
 * reads the published events and the other contexts' read models.
 */
@Module({
  imports: [IntegrityModule],
  controllers: [FeedController, PublicationPolicyController, PublicDataController],
  providers: [FeedService, PublicDataService],
  exports: [FeedService, PublicDataService],
})
export class TransparencyModule {}
