// A plain table of figures (the finalists, a chart's numbers): column headings, and in each row
// the cell that names the row as its header, so a screen reader says whose figures these are.
import { h } from '../foundation/dom.ts';

type Cell = string | number;

export function dataTable(columns: string[], rows: Cell[][], rowHeaderColumn: number): HTMLTableElement {
  return h(
    'table',
    { class: 'data' },
    h('thead', null, h('tr', null, ...columns.map((label) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      null,
      ...rows.map((cells) =>
        h(
          'tr',
          null,
          ...cells.map((cell, index) =>
            index === rowHeaderColumn ? h('th', { scope: 'row' }, cell) : h('td', null, cell),
          ),
        ),
      ),
    ),
  );
}
