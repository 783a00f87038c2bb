// A list read a page at a time by cursor: the first page drawn, then "load more" until the API
// gives no next cursor. A failed page leaves the button in place: pressing it again retries.
import { h, on } from '../foundation/dom.ts';
import { strings } from './strings.ts';
import { formMessage, showFailure } from '../foundation/form-message.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pagedList<T>(
  first: Page<T>,
  options: {
    fetchNext: (cursor: string) => Promise<Page<T>>;
    row: (item: T) => HTMLElement;
    /** Where the rows go: a list by default, a table's body for a table. */
    container?: HTMLElement;
    /** Told how many rows are shown after each page. */
    onCount?: (shown: number) => void;
    signal: AbortSignal;
  },
) {
  const s = strings();
  const list = options.container ?? h('ul', { class: 'roster' });
  list.append(...first.items.map(options.row));
  const message = formMessage();
  const more = h(
    'button',
    { type: 'button', class: 'button button-secondary button-wide', hidden: !first.nextCursor },
    s.loadMore,
  );
  let cursor = first.nextCursor;
  let shown = first.items.length;
  on(more, 'click', async () => {
    if (!cursor) return;
    more.disabled = true;
    message.busy(s.loading);
    try {
      const next = await options.fetchNext(cursor);
      const rows = next.items.map(options.row);
      list.append(...rows);
      shown += rows.length;
      options.onCount?.(shown);
      cursor = next.nextCursor;
      more.hidden = !cursor;
      message.clear();
      // Focus stays in the list: on the first new row for a keyboard or screen reader.
      rows[0]?.setAttribute('tabindex', '-1');
      rows[0]?.focus();
    } catch (error) {
      if (!options.signal.aborted) showFailure(error, message);
    } finally {
      more.disabled = false;
    }
  });
  return { list, more, message: message.element };
}
