import { type Html, html } from './html.js';

/** One bar series: its name (legend and table header) and a CSS class for its colour (s1…s3 in the stylesheet). */
export type Series = { name: string; cls: 's1' | 's2' | 's3' };
/** One row of a chart: a label, and per series an exact value (for lengths) and its formatted text. */
export type ChartRow = { label: string; values: Array<{ value: bigint; text: string }> };

export type BarChart = {
  /** Announced as the image's accessible name (`<title>`) and shown as the figure's caption. */
  title: string;
  /** Longer accessible description (`<desc>`). */
  desc: string;
  series: Series[];
  rows: ChartRow[];
  /** Caption of the data table that stands in for the chart. */
  tableCaption: string;
  /** Header of the row labels' column in the table. */
  rowHeader: string;
};

const WIDTH = 480;
const LABEL = 130;
const BAR = 14;
const GAP = 10;

/** Bar length in tenths of a pixel, proportional to `value / max` (exact integers until the last division). */
const length = (value: bigint, max: bigint): number => (max <= 0n || value <= 0n ? 0 : Number((value * BigInt((WIDTH - LABEL - 10) * 10)) / max) / 10);

/**
 * A horizontal bar chart as inline SVG (role="img" with `<title>` and `<desc>`, labelled by them) followed by the same
 * data as a table, in one `<figure>`. Colours come from classes, so the page's one stylesheet styles it and no inline
 * style is needed. No scripts, no external assets.
 */
export const barChart = (chart: BarChart, id: string): Html => {
  const max = chart.rows.flatMap((r) => r.values.map((v) => v.value)).reduce((a, b) => (b > a ? b : a), 0n);
  const rowHeight = chart.series.length * (BAR + 2) + GAP;
  const legendHeight = 18 * chart.series.length + 6;
  const height = legendHeight + chart.rows.length * rowHeight + 4;
  const legend = chart.series.map(
    (s, i) => html`<rect class="${s.cls}" x="${LABEL}" y="${4 + i * 18}" width="12" height="12"/><text x="${LABEL + 16}" y="${15 + i * 18}">${s.name}</text>`,
  );
  const rows = chart.rows.map((row, r) => {
    const top = legendHeight + r * rowHeight;
    const bars = row.values.map((v, i) => {
      const y = top + i * (BAR + 2);
      return html`<rect class="${chart.series[i]!.cls}" x="${LABEL}" y="${y}" width="${length(v.value, max)}" height="${BAR}"><title>${chart.series[i]!.name}: ${v.text}</title></rect>`;
    });
    return html`<text x="${LABEL - 6}" y="${top + BAR - 2}" text-anchor="end">${row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label}</text>${bars}`;
  });
  return html`<figure class="chart"><figcaption id="${id}-t">${chart.title}</figcaption>
<svg role="img" aria-labelledby="${id}-st ${id}-sd" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="${id}-st">${chart.title}</title><desc id="${id}-sd">${chart.desc}</desc>${legend}${rows}</svg>
<table><caption>${chart.tableCaption}</caption><thead><tr><th scope="col">${chart.rowHeader}</th>${chart.series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
<tbody>${chart.rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.values.map((v) => html`<td class="num">${v.text}</td>`)}</tr>`)}</tbody></table></figure>`;
};
