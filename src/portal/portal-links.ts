/** Where the portal's "feeds and downloads" links point: the transparency context's public routes and the API docs. */
export type PortalLinks = { feed: string; openData: string; reports: string; api: string };

export const PORTAL_LINKS = Symbol('PORTAL_LINKS');

/**
 * The default targets. The feeds, reports and open data are served by the transparency context (src/transparency);
 * these paths are only links, so changing a route there means changing one line here (docs/portal.md).
 */
export const DEFAULT_PORTAL_LINKS: PortalLinks = { feed: '/feed.atom', openData: '/open-data', reports: '/reports', api: '/docs' };
