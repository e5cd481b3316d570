/**
 * Where the portal's "feeds and downloads" links point: the transparency context's public routes and the API docs.
 * `iati` is a template: `{programmeId}` is replaced by a programme's id.
 */
export type PortalLinks = { feed: string; openData: string; reports: string; iati: string; api: string };

export const PORTAL_LINKS = Symbol('PORTAL_LINKS');

/**
 * The default targets. The feeds, reports and open data are served by the transparency context (src/transparency);
 * the portal only links to them, so a route changed there means one line changed here (docs/portal.md).
 */
export const DEFAULT_PORTAL_LINKS: PortalLinks = {
  feed: '/public/feed.atom',
  openData: '/public/open-data/360giving/grants.csv',
  reports: '/public/reports',
  iati: '/public/open-data/iati/{programmeId}',
  api: '/docs',
};
