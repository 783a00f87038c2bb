// The blood stock by type on the home page, and "your type is needed" for a donor whose type is
// low or critical. Both load after the page has drawn: a slow answer never holds the page up.
import type { InferResponseType } from 'hono/client';
import { neededType, type ShortType } from '../../../worker/domain/blood-stock.ts';
import { api, read, within } from '../foundation/api.ts';
import { h } from '../foundation/dom.ts';
import { strings } from '../strings.ts';

type Stock = InferResponseType<(typeof api)['blood-stock']['$get'], 200>;

const typeName = (row: { bloodType: string; rhD: 'positive' | 'negative' }) =>
  `${row.bloodType}${row.rhD === 'negative' ? ' RhD−' : ''}`;

function stockBanner(stock: Stock): HTMLElement | null {
  const s = strings();
  if (stock.levels.length === 0) return null;
  const short = stock.levels.filter((row) => row.level === 'critical' || row.level === 'low');
  return h(
    'section',
    { class: `card blood-stock${short.length ? ' blood-stock-short' : ''}`, 'aria-labelledby': 'stock-title' },
    h('h2', { id: 'stock-title' }, s.stockTitle),
    short.length ? h('p', null, s.stockShort) : null,
    h(
      'ul',
      { class: 'stock-levels' },
      ...stock.levels.map((row) =>
        h(
          'li',
          { class: `stock-level stock-${row.level}` },
          h('strong', null, typeName(row)),
          ' ',
          s.stockLevel[row.level],
        ),
      ),
    ),
    stock.updatedAt ? h('p', { class: 'meta' }, s.stockUpdated(stock.updatedAt.slice(5, 16).replace('T', ' '))) : null,
  );
}

/** Puts the stock banner at the start of `place` once it has loaded (nothing when none is set). */
export function showBloodStock(place: HTMLElement, signal: AbortSignal) {
  read(api['blood-stock'].$get({}, within(signal)))
    .then((stock) => {
      const banner = stockBanner(stock);
      if (banner && !signal.aborted) place.prepend(banner);
    })
    .catch(() => {}); // the banner is a bonus: the page stands without it
}

/** The notice for a donor whose type is low or critical. */
export const myTypeNotice = (type: ShortType) =>
  h(
    'p',
    { class: `notice stock-notice stock-${type.level}`, role: 'status' },
    strings().myTypeNeeded(type.level, typeName(type)),
  );

/** On a blood drive's pages: tells a signed-in donor whose type is short, once it is known. */
export function showMyTypeNeeded(place: HTMLElement, signal: AbortSignal) {
  Promise.all([read(api['blood-stock'].$get({}, within(signal))), read(api.me.$get({}, within(signal)))])
    .then(([stock, { person }]) => {
      const needed = neededType(stock.levels, person);
      if (needed && !signal.aborted) place.prepend(myTypeNotice(needed));
    })
    .catch(() => {}); // signed out, or offline: nothing to tell
}
