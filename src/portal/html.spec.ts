import { describe, expect, it } from '@jest/globals';
import { Html, escapeHtml, html, trusted } from './html.js';

describe('the html template', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const evil = `<script>alert("x")</script>&'\``;
    expect(html`<p title="${evil}">${evil}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;</p>',
    );
  });

  it('keeps nested templates and trusted constants as markup, and escapes strings inside arrays', () => {
    const items = ['a<b', html`<em>${'c&d'}</em>`];
    expect(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li><em>c&amp;d</em></li></ul>');
    expect(html`${trusted('<!DOCTYPE html>')}`.toString()).toBe('<!DOCTYPE html>');
  });

  it('renders numbers and bigints as text, and null, undefined and false as nothing', () => {
    expect(html`${1.5}|${12n}|${null}|${undefined}|${false}|${true}`.toString()).toBe('1.5|12||||true');
  });

  it('does not take an object that merely looks like Html as markup', () => {
    const fake = { value: '<b>' } as unknown as string;
    expect(html`${fake}`.toString()).toBe('[object Object]');
    expect(html`x` instanceof Html).toBe(true);
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});
