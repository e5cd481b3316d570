import { type Money, formatMajor } from '../shared/domain/money.js';
import type { Lang } from './portal.i18n.js';

const GROUP: Record<Lang, string> = { kk: '\u00a0', ru: '\u00a0', en: ',' };
const DECIMAL: Record<Lang, string> = { kk: ',', ru: ',', en: '.' };

/** An exact decimal string ("928412.00", "89.68") with the language's digit grouping and decimal sign. */
export const formatDecimal = (lang: Lang, decimal: string): string => {
  const negative = decimal.startsWith('-');
  const [whole, fraction] = (negative ? decimal.slice(1) : decimal).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, GROUP[lang]);
  return `${negative ? '-' : ''}${grouped}${fraction ? DECIMAL[lang] + fraction : ''}`;
};

/** Money exactly, in major units with its currency code: "928 412,00 EUR" in Kazakh and Russian, "928,412.00 EUR" in English. */
export const formatAmount = (lang: Lang, m: Money): string => `${formatDecimal(lang, formatMajor(m))}\u00a0${m.currency}`;

/** A percentage string from the read models ("89.68") with a percent sign, or a dash. */
export const formatPct = (lang: Lang, pct: string | null | undefined): string => (pct == null ? '–' : `${formatDecimal(lang, pct)}\u00a0%`);

/** An ISO date or date-time as its calendar date (YYYY-MM-DD, unambiguous in every language). */
export const formatDate = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '–');
