// Small charts as inline SVG, without a chart library. Every number is also text on the page
// (bar rows carry their label and value; the column chart has its data table), so the chart
// is a picture of the numbers, not their only home. Colours are attributes, not inline
// styles, which the Content-Security-Policy forbids.
import { h } from '../foundation/dom.ts';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: (SVGElement | string)[]
) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

export interface Bar {
  label: string;
  value: number;
  /** A class for the bar's colour (e.g. the status it counts). */
  tone?: string;
}

/**
 * Horizontal bars: label and value as text, the bar as SVG scaled to the largest value. The
 * text grows with the reader's text size; the bars take the width left.
 */
export function barList(bars: Bar[], caption: string): HTMLElement {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, caption),
    h(
      'ul',
      { class: 'bars' },
      ...bars.map((bar) =>
        h(
          'li',
          { class: `bar-row${bar.tone ? ` tone-${bar.tone}` : ''}` },
          h('span', { class: 'bar-label' }, bar.label),
          h('span', { class: 'bar-value' }, String(bar.value)),
          barGraphic(bar.value / max),
        ),
      ),
    ),
  );
}

function barGraphic(share: number) {
  return svg(
    'svg',
    {
      class: 'bar-track',
      viewBox: '0 0 100 10',
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    svg('rect', { class: 'bar-bg', x: 0, y: 0, width: 100, height: 10, rx: 2 }),
    svg('rect', {
      class: 'bar-fill',
      x: 0,
      y: 0,
      width: Math.max(share > 0 ? 1 : 0, share * 100).toFixed(2),
      height: 10,
      rx: 2,
    }),
  );
}

export interface Column {
  /** Short label under the column (e.g. "6/14"). */
  label: string;
  /** Stacked parts, bottom first. */
  parts: { value: number; tone: string }[];
  /** What a pointer hover shows; the data table says the same. */
  title: string;
}

/**
 * Columns over time (sign-ups per day). The SVG scales to the width; with many days only some
 * labels are drawn so they never overlap. Described by `summary` for screen readers.
 */
export function columnChart(columns: Column[], summary: string): SVGSVGElement {
  const height = 120;
  const labelSpace = 18;
  const columnWidth = 24;
  const gap = 6;
  const width = Math.max(columns.length * (columnWidth + gap), 120);
  const max = Math.max(1, ...columns.map((column) => column.parts.reduce((sum, part) => sum + part.value, 0)));
  const every = Math.ceil(columns.length / 8); // at most about eight labels
  // The drawn size caps how far a few columns stretch; CSS shrinks it to narrow screens.
  const chart = svg('svg', {
    class: 'columns',
    viewBox: `0 0 ${width} ${height + labelSpace}`,
    width: Math.round(width * 1.5),
    height: Math.round((height + labelSpace) * 1.5),
    role: 'img',
    'aria-label': summary,
  });
  chart.append(svg('line', { class: 'axis', x1: 0, y1: height + 0.5, x2: width, y2: height + 0.5 }));
  columns.forEach((column, index) => {
    const x = index * (columnWidth + gap) + gap / 2;
    let top = height;
    const group = svg('g', {}, svg('title', {}, column.title));
    for (const part of column.parts) {
      const size = (part.value / max) * (height - 14); // room for the count above
      if (size <= 0) continue;
      top -= size;
      group.append(
        svg('rect', {
          class: `column tone-${part.tone}`,
          x,
          y: top.toFixed(2),
          width: columnWidth,
          height: size.toFixed(2),
        }),
      );
    }
    // The count above its column, while the columns are wide enough to carry one.
    const total = column.parts.reduce((sum, part) => sum + part.value, 0);
    if (columns.length <= 31 && total > 0) {
      group.append(
        svg(
          'text',
          {
            class: 'column-value',
            x: x + columnWidth / 2,
            y: Math.max(10, top - 3).toFixed(2),
            'text-anchor': 'middle',
          },
          String(total),
        ),
      );
    }
    if (index % every === 0) {
      group.append(
        svg(
          'text',
          { class: 'column-label', x: x + columnWidth / 2, y: height + 14, 'text-anchor': 'middle' },
          column.label,
        ),
      );
    }
    chart.append(group);
  });
  return chart;
}
