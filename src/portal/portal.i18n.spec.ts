import { describe, expect, it } from '@jest/globals';
import { CODE_LABELS, LABELS, PORTAL_LANGS, chooseLang, codeLabel, label, localized } from './portal.i18n.js';

describe('the portal dictionary', () => {
  it('has every label and code in Kazakh, Russian and English, none blank', () => {
    const missing = Object.entries({ ...LABELS, ...CODE_LABELS }).flatMap(([key, entry]) =>
      PORTAL_LANGS.filter((l) => typeof (entry as Record<string, string>)[l] !== 'string' || (entry as Record<string, string>)[l]!.trim() === '').map((l) => `${key}.${l}`),
    );
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language of a label', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of Object.entries(LABELS)) expect({ key, kk: placeholders(entry.kk), ru: placeholders(entry.ru) }).toEqual({ key, kk: placeholders(entry.en), ru: placeholders(entry.en) });
  });

  it('fills placeholders and shows an unknown code as it is', () => {
    expect(label('en', 'changesBetween', { from: 1, to: 2 })).toBe('Changes from version 1 to version 2');
    expect(label('ru', 'dataAsOf', { position: 42 })).toBe('Данные по состоянию на позицию журнала 42');
    expect(codeLabel('kk', 'VILLAGE')).toBe('Ауыл');
    expect(codeLabel('en', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('chooses ?lang first, then Accept-Language, then Kazakh', () => {
    expect(chooseLang('en', 'ru')).toBe('en');
    expect(chooseLang('de', 'de-DE,ru;q=0.8,en;q=0.5')).toBe('ru');
    expect(chooseLang(['en'], undefined)).toBe('kk');
    expect(chooseLang(undefined, 'fr')).toBe('kk');
  });

  it('shows localized text in the chosen language, else Kazakh or Russian, else English, saying which', () => {
    expect(localized('en', { kk: 'Изенді', ru: 'Изенды' })).toEqual({ text: 'Изенды', lang: 'ru' });
    expect(localized('ru', { kk: 'Изенді', en: 'Izendy' })).toEqual({ text: 'Изенді', lang: 'kk' });
    expect(localized('kk', { en: 'Izendy' })).toEqual({ text: 'Izendy', lang: 'en' });
    expect(localized('kk', { kk: 'Изенді', ru: 'Изенды' })).toEqual({ text: 'Изенді', lang: 'kk' });
    expect(localized('kk', null)).toBeNull();
  });
});
