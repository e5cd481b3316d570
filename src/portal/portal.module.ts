import { Module } from '@nestjs/common';
import { PortalController } from './portal.controller.js';
import { DEFAULT_PORTAL_LINKS, PORTAL_LINKS } from './portal-links.js';
import { PortalReader } from './portal.reader.js';

/** The public web portal (read-only; it registers no projection and reads the other contexts' read models). */
@Module({
  controllers: [PortalController],
  providers: [PortalReader, { provide: PORTAL_LINKS, useValue: DEFAULT_PORTAL_LINKS }],
})
export class PortalModule {}
