// "My donations": every donation with kind and volume, when each kind may be given again, the
// national honour and how far it is, and the blood-fee waiver in plain words; the way to the card.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { append, h } from '../foundation/dom.ts';
import { loadPage } from '../foundation/page.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { formatDay, nextDayWords } from '../format.ts';
import { strings } from '../strings.ts';
import { myTypeNotice } from '../components/blood-stock.ts';

export type DonorRecord = InferResponseType<typeof api.me.donor.$get, 200>;
type Honor = 'bronze' | 'silver' | 'gold';

const HONOR_STEPS: { honor: Honor; from: number }[] = [
  { honor: 'bronze', from: 20 },
  { honor: 'silver', from: 30 },
  { honor: 'gold', from: 40 },
];

function honorWords(record: DonorRecord) {
  const s = strings();
  const count = record.honorCount;
  const next = HONOR_STEPS.find((step) => count < step.from);
  return [
    record.honor ? s.honorReached(s.honorName[record.honor], count) : s.honorCounted(count),
    next ? s.honorNext(s.honorName[next.honor], next.from - count) : '',
  ].join('');
}

function waiverWords(waiver: DonorRecord['feeWaiver']) {
  const s = strings();
  if (!waiver) return s.waiverNone;
  if (waiver.coveredMl === null) return s.waiverLifetime;
  if (waiver.until && waiver.thenMl !== null)
    return s.waiverFiveTimes(waiver.coveredMl, formatDay(waiver.until), waiver.thenMl);
  return s.waiverEqual(waiver.coveredMl);
}

const fact = (term: string, ...value: (string | Node)[]) =>
  h('div', null, h('dt', null, term), h('dd', null, ...value));

export async function donorRecordPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.donorRecordTitle);
  await loadPage(
    context,
    () => read(api.me.donor.$get({}, within(context.signal))),
    (record) => {
      append(context.view, [
        h('h1', null, s.donorRecordTitle),
        record.myTypeNeeded ? myTypeNotice(record.myTypeNeeded) : null,
        h(
          'p',
          { class: 'meta', 'data-testid': 'donor-totals' },
          s.donorTotals(record.totals.count, record.totals.volumeMl),
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'next-title' },
          h('h2', { id: 'next-title' }, s.nextEligibleTitle),
          h(
            'dl',
            { class: 'facts', 'data-testid': 'next-eligible' },
            fact(s.donation.whole_blood, nextDayWords(record.nextEligible.whole_blood)),
            fact(s.donation.platelets, nextDayWords(record.nextEligible.platelets)),
          ),
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'honor-title' },
          h('h2', { id: 'honor-title' }, s.honorTitle),
          h('p', { 'data-testid': 'honor' }, honorWords(record)),
          h('p', { class: 'meta' }, s.honorRule),
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'waiver-title' },
          h('h2', { id: 'waiver-title' }, s.waiverTitle),
          h('p', { 'data-testid': 'fee-waiver' }, waiverWords(record.feeWaiver)),
        ),
        h('p', null, h('a', { class: 'button button-wide', href: '/me/donor/card' }, s.donorCardTitle)),
        h(
          'section',
          { 'aria-labelledby': 'donations-title' },
          h('h2', { id: 'donations-title' }, s.donationsTitle),
          record.donations.length
            ? h(
                'ul',
                { class: 'donations' },
                ...record.donations.map((donation) =>
                  h(
                    'li',
                    null,
                    h('span', null, formatDay(donation.day)),
                    h(
                      'span',
                      null,
                      donation.volumeMl
                        ? s.donationWithVolume(s.donation[donation.kind], donation.volumeMl)
                        : s.donation[donation.kind],
                    ),
                  ),
                ),
              )
            : h('p', { class: 'status' }, s.noDonations),
        ),
      ]);
    },
  );
}
