import type { FieldError } from './errors.js';

/**
 * A name or title in Kazakh, Russian and/or English (ARCHITECTURE.md, API conventions). At least one language is
 * given and no given one is blank. Organisation names and programme titles share these helpers.
 */
export type LocalizedText = { readonly kk?: string; readonly ru?: string; readonly en?: string };

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** What is wrong with a text that must be given in at least one language with no blank one; [] when nothing. */
export const localizedTextErrors = (text: LocalizedText, path: string): FieldError[] => {
  const given = LANGUAGES.filter((l) => text[l] !== undefined);
  if (given.length === 0) return [{ path, message: 'must give at least one of kk, ru, en' }];
  return given.filter((l) => text[l]!.trim() === '').map((l) => ({ path: `${path}.${l}`, message: 'must not be blank' }));
};

/** Keeps only the languages given, so events carry no `undefined` keys. */
export const compactText = (text: LocalizedText): LocalizedText =>
  Object.fromEntries(LANGUAGES.filter((l) => text[l] !== undefined).map((l) => [l, text[l]])) as LocalizedText;

export const sameText = (a: LocalizedText, b: LocalizedText): boolean => LANGUAGES.every((l) => a[l] === b[l]);

/** The text to sort and show by: Russian, else English, else Kazakh. */
export const displayText = (text: LocalizedText): string => text.ru ?? text.en ?? text.kk ?? '';
