import { createHash } from 'node:crypto';
import { type Html, html, trusted } from './html.js';
import { type Lang, LABELS, PORTAL_LANGS, label } from './portal.i18n.js';
import type { PortalLinks } from './portal-links.js';

/** The portal's path prefix. */
export const PORTAL_BASE = '/portal';

/** The one stylesheet, inlined in every page (no external assets); the CSP admits exactly this text by its hash. */
export const PORTAL_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b5394}a:focus,a:hover{color:#073763}.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
header{background:#0b4f6c;color:#fff;padding:8px 16px}header a{color:#fff}header p{margin:0;font-size:.9em}.brand{font-weight:700;font-size:1.2em;text-decoration:none}
nav ul{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}nav a[aria-current]{font-weight:700;text-decoration:none}
.langs{float:right;margin:0}.langs>*{margin-left:10px}main{max-width:60rem;margin:0 auto;padding:8px 16px 24px}
h1{font-size:1.6em;margin:.6em 0 .3em}h2{font-size:1.25em;margin:1.2em 0 .4em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.num,.date{text-align:right;white-space:nowrap}.date{text-align:left}caption{text-align:left;font-weight:600;padding:4px 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:8px;padding:0;list-style:none}
.tiles li{border:1px solid #ccc;border-radius:4px;padding:8px;min-width:0;overflow-wrap:anywhere}.tiles strong{display:block;font-size:1.4em}
figure{margin:1em 0}figure svg{max-width:40rem;display:block}figcaption{font-weight:600}svg text{font-size:13px;fill:#1b1b1b}.s1{fill:#1f5f8b}.s2{fill:#e0a100}.s3{fill:#5b8c3a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}dd{margin:0}.hash{font-family:monospace;font-size:.85em;word-break:break-all}
footer{border-top:1px solid #ccc;padding:8px 16px;font-size:.9em;color:#444}.muted{color:#555}
@media (max-width:40rem){table{display:block;overflow-x:auto}.tiles strong{font-size:1.05em}main{padding:4px 8px 16px}.langs{float:none}dl{grid-template-columns:1fr}}`;

/** `'sha256-…'` of the stylesheet, for the Content-Security-Policy. */
export const PORTAL_CSS_HASH = `'sha256-${createHash('sha256').update(PORTAL_CSS, 'utf8').digest('base64')}'`;

/**
 * The portal's CSP: nothing but this exact stylesheet and same-origin images; no scripts at all, no favicon request (an empty data: icon), no frames, no forms,
 * no base URL changes. Stricter than the API's (which must allow Swagger UI).
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  `style-src ${PORTAL_CSS_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A portal link in a language: the language travels as `?lang=`, so navigation needs no cookie and no script. */
export const href = (lang: Lang, path: string): string => `${PORTAL_BASE}${path === '/' ? '' : path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

export type Section = 'home' | 'plans' | 'meetings' | 'grants' | 'none';

export type PageShell = {
  lang: Lang;
  title: string;
  /** The path under the portal (e.g. `/grants`), for the language switch. */
  path: string;
  section: Section;
  links: PortalLinks;
  /** The log position the page reflects. */
  position: string;
  body: Html;
};

const LANG_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** The whole page: doctype, `<html lang>`, the inline stylesheet, header with navigation and language switch, footer. */
export const page = ({ lang, title, path, section, links, position, body }: PageShell): Html => {
  const t = (k: keyof typeof LABELS) => label(lang, k);
  const navItem = (s: Section, p: string, text: string) =>
    html`<li><a href="${href(lang, p)}"${s === section ? trusted(' aria-current="page"') : ''}>${text}</a></li>`;
  const langLink = (l: Lang) =>
    l === lang
      ? html`<strong lang="${l}">${LANG_NAMES[l]}</strong>`
      : html`<a href="${href(l, path)}" hreflang="${l}" lang="${l}" rel="alternate">${LANG_NAMES[l]}</a>`;
  return html`${trusted('<!DOCTYPE html>')}
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><link rel="alternate" type="application/atom+xml" href="${links.feed}"><title>${title} · ${t('siteName')}</title><style>${trusted(PORTAL_CSS)}</style></head>
<body><a class="skip" href="#main">${t('skipToContent')}</a>
<header><p class="langs" aria-label="${t('language')}">${PORTAL_LANGS.map(langLink)}</p>
<a class="brand" href="${href(lang, '/')}">${t('siteName')}</a><p>${t('tagline')}</p>
<nav aria-label="${t('mainNav')}"><ul>${navItem('home', '/', t('home'))}${navItem('plans', '/plans', t('plans'))}${navItem('meetings', '/meetings', t('meetingsRegister'))}${navItem('grants', '/grants', t('grantsRegister'))}</ul></nav></header>
<main id="main">${body}</main>
<footer><p><strong>${t('downloads')}:</strong> <a href="${links.feed}" type="application/atom+xml">${t('feedAtom')}</a> · <a href="${links.openData}">${t('openData')}</a> · <a href="${links.reports}">${t('reports')}</a> · <a href="${links.api}">${t('apiDocs')}</a></p>
<p class="muted">${t('noPersonalData')} ${label(lang, 'dataAsOf', { position })}</p></footer></body></html>
`;
};
