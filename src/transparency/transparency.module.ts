import { Module } from '@nestjs/common';
import { FeedController } from './feed/feed.controller.js';
import { FeedService } from './feed/feed.service.js';
import { PublicationPolicyController } from './publication-policy.controller.js';

/**
 * Transparency & Publishing (context 7, DOMAIN.md 5.10): the publication policy, the public feed (Atom, JSON Feed,
 * Server-Sent Events), reports and open data (IATI, 360Giving). It owns no aggregate but the policy; everything else
 * reads the published events and the other contexts' read models.
 */
@Module({
  controllers: [FeedController, PublicationPolicyController],
  providers: [FeedService],
  exports: [FeedService],
})
export class TransparencyModule {}
