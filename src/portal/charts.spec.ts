import { describe, expect, it } from '@jest/globals';
import { barChart } from './charts.js';
import { formatAmount, formatDecimal, formatPct } from './format.js';

const chart = () =>
  barChart(
    {
      title: 'Budget <EU>',
      desc: 'EU 450 & co-financing 50',
      series: [
        { name: 'EU', cls: 's1' },
        { name: 'Co-financing', cls: 's2' },
      ],
      rows: [
        { label: 'GSE', values: [{ value: 450n, text: '450' }, { value: 50n, text: '50' }] },
        { label: 'A "quoted" <row>', values: [{ value: 225n, text: '225' }, { value: 0n, text: '0' }] },
      ],
      tableCaption: 'The data',
      rowHeader: 'Programme',
    },
    'c1',
  ).toString();

describe('the bar chart', () => {
  it('is an accessible image: role="img", labelled by its <title> and <desc>', () => {
    const svg = chart();
    expect(svg).toContain('<svg role="img" aria-labelledby="c1-st c1-sd"');
    expect(svg).toContain('<title id="c1-st">Budget &lt;EU&gt;</title><desc id="c1-sd">EU 450 &amp; co-financing 50</desc>');
  });

  it('draws bars proportional to the values, the largest spanning the plot', () => {
    const widths = [...chart().matchAll(/<rect class="s\d" x="130" y="\d+" width="([\d.]+)" height="14">/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([340, 37.7, 170, 0]);
  });

  it('gives the same data as a table, escaped', () => {
    const svg = chart();
    expect(svg).toContain('<caption>The data</caption>');
    expect(svg).toContain('<tr><th scope="row">A &quot;quoted&quot; &lt;row&gt;</th><td class="num">225</td><td class="num">0</td></tr>');
    expect(svg).not.toContain('<row>');
  });
});

describe('number formats', () => {
  it('groups digits and writes the decimal sign of each language, exactly', () => {
    expect(formatAmount('en', { amountMinor: '92841200', currency: 'EUR' })).toBe('928,412.00\u00a0EUR');
    expect(formatAmount('ru', { amountMinor: '92841200', currency: 'EUR' })).toBe('928\u00a0412,00\u00a0EUR');
    expect(formatAmount('kk', { amountMinor: '-5', currency: 'KZT' })).toBe('-0,05\u00a0KZT');
    expect(formatDecimal('en', '1234567')).toBe('1,234,567');
    expect(formatPct('ru', '89.68')).toBe('89,68\u00a0%');
    expect(formatPct('en', null)).toBe('–');
  });
});
