/**
 * A tiny, safe HTML template: `html` is a tagged template in which every interpolated value is escaped, unless it
 * is itself `Html` (made by `html` or, for constant markup only, `trusted`). Arrays are joined, null and undefined
 * and `false` render as nothing. There is no other way to put text into a page.
 */
export class Html {
  private constructor(readonly value: string) {}

  /** @internal made only by `html` and `trusted` */
  static of(value: string): Html {
    return new Html(value);
  }

  toString(): string {
    return this.value;
  }
}

export type Interpolation = Html | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for an HTML element's content or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);

const render = (value: Interpolation): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

/** The tagged template: `html\`<p>${text}</p>\`` escapes `text`. */
export const html = (strings: TemplateStringsArray, ...values: Interpolation[]): Html => {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return Html.of(out);
};

/** Constant markup written in this code (a stylesheet, a doctype). Never pass data to it. */
export const trusted = (markup: string): Html => Html.of(markup);
