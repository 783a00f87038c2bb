// The electronic donor card (电子无偿献血证): a QR a bus conductor or a scenic-spot gate scans for
// the 三免 benefits. Its token lives five minutes and the page fetches the next one before then,
// so the card on the phone keeps working and a screenshot stops. The QR is an address: any phone
// camera opens the public check page below, which shows a masked name, donations and honour.
import { api, ApiFailure, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { h, replaceContent } from '../foundation/dom.ts';
import { loadPage } from '../foundation/page.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { qrCode } from '../components/qr-code.ts';
import { strings } from '../strings.ts';

/** Fetch the next token this long before the shown one expires. */
const REFRESH_AHEAD_MS = 60_000;

export const cardCheckAddress = (token: string) => `${location.origin}/donor-cards/${encodeURIComponent(token)}`;

export async function donorCardPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.donorCardTitle);
  await loadPage(
    context,
    () => read(api.me.donor.$get({}, within(context.signal))),
    (record) => {
      const frame = h('figure', { class: 'qr-frame', 'data-testid': 'donor-card-qr' });
      let timer: ReturnType<typeof setTimeout> | undefined;
      context.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      const fetchNext = async () => {
        try {
          show((await read(api.me.donor.$get({}, within(context.signal)))).card);
        } catch (error) {
          if (!(error instanceof ApiFailure) || context.signal.aborted) return;
          // Offline for a moment: the shown code may still have a minute; try again soon.
          timer = setTimeout(fetchNext, 10_000);
        }
      };
      const show = (card: typeof record.card) => {
        frame.dataset.expiresAt = card.expiresAt;
        replaceContent(frame, qrCode(cardCheckAddress(card.token), s.donorCardQr), h('figcaption', null, s.cardHint));
        timer = setTimeout(fetchNext, Math.max(Date.parse(card.expiresAt) - Date.now() - REFRESH_AHEAD_MS, 5_000));
      };
      show(record.card);
      context.view.append(
        backLink('/me/donor', s.donorRecordTitle),
        h('h1', null, s.donorCardTitle),
        h(
          'div',
          { class: 'card donor-card' },
          h('p', null, h('strong', null, s.donorTotals(record.totals.count, record.totals.volumeMl))),
          record.honor ? h('p', null, s.honorName[record.honor]) : null,
          frame,
        ),
      );
    },
  );
}

/** What the gate sees after scanning: valid or not, a masked name, donations, honour. */
export async function donorCardCheckPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.cardCheckTitle);
  const token = context.params.token ?? '';
  await loadPage(
    context,
    async () => {
      try {
        return await read(api['donor-cards'][':token'].$get({ param: { token } }, within(context.signal)));
      } catch (error) {
        if (error instanceof ApiFailure && error.answered) return null;
        throw error;
      }
    },
    (card) => {
      context.view.append(
        h('h1', null, s.cardCheckTitle),
        card
          ? h(
              'div',
              { class: 'card card-valid', 'data-testid': 'card-check' },
              h('p', null, h('strong', null, s.cardValid)),
              h(
                'dl',
                { class: 'facts' },
                h('div', null, h('dt', null, s.name), h('dd', null, card.name)),
                h('div', null, h('dt', null, s.donationsTitle), h('dd', null, s.donationCount(card.donations))),
                card.honor ? h('div', null, h('dt', null, s.honorTitle), h('dd', null, s.honorName[card.honor])) : null,
              ),
            )
          : h('p', { class: 'notice notice-error', 'data-testid': 'card-check' }, s.cardInvalid),
      );
    },
  );
}
