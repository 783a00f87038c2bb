// The published campaigns, by kind, each with its next session and the seats left.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { loadPage } from '../foundation/page.ts';
import { h } from '../foundation/dom.ts';
import { formatDays, formatSessionTime } from '../format.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { showBloodStock } from '../components/blood-stock.ts';

const kinds = ['blood_drive', 'outreach', 'cpr_training', 'quiz'] as const;
type Kind = (typeof kinds)[number];
type Campaign = InferResponseType<typeof api.campaigns.$get, 200>['items'][number];

const isKind = (value: string | null): value is Kind => kinds.includes(value as Kind);

function kindFilter(selected: Kind | undefined): HTMLElement {
  const s = strings();
  return h(
    'nav',
    { class: 'kinds', 'aria-label': s.kindsLabel },
    ...[undefined, ...kinds].map((kind) =>
      h(
        'a',
        { href: kind ? `/?kind=${kind}` : '/', class: 'chip', 'aria-current': kind === selected ? 'page' : null },
        kind ? s.kind[kind] : s.all,
      ),
    ),
  );
}

/** "Next: Sat 14 Jun 08:30 · venue" and "3 sessions · 628 seats left", as the list answer gives them. */
function upcomingSummary(campaign: Campaign): HTMLElement | null {
  const s = strings();
  const next = campaign.nextSession;
  if (!next) return null;
  const seats = campaign.remaining > 0 ? s.seatsLeft(campaign.remaining) : campaign.waitlist ? s.fullWaitlist : s.full;
  return h(
    'div',
    { class: 'upcoming' },
    h('p', null, s.nextSession(formatSessionTime(next.startsAt, next.endsAt), next.venue)),
    h(
      'p',
      { class: campaign.remaining > 0 ? 'seats' : 'seats seats-full' },
      campaign.upcomingSessions > 1 ? `${s.sessionCount(campaign.upcomingSessions)} · ${seats}` : seats,
    ),
  );
}

function campaignCard(campaign: Campaign): HTMLElement {
  const s = strings();
  return h(
    'li',
    { class: `campaign kind-${campaign.kind}` },
    h(
      'a',
      { href: `/campaigns/${encodeURIComponent(campaign.id)}`, class: 'card-link' },
      h('span', { class: 'badge' }, s.kind[campaign.kind]),
      h('h2', null, campaign.title),
      campaign.summary ? h('p', null, campaign.summary) : null,
      h('p', { class: 'meta' }, `${formatDays(campaign.startsOn, campaign.endsOn)} · ${campaign.organization.name}`),
      upcomingSummary(campaign),
    ),
  );
}

export async function campaignListPage(context: PageContext) {
  const s = strings();
  const kindParam = context.query.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  setPageTitle(kind ? s.kind[kind] : s.campaignsTitle);

  await loadPage(
    context,
    () => read(api.campaigns.$get({ query: kind ? { kind } : {} }, within(context.signal))),
    ({ items }) => {
      const stock = h('div', { class: 'stock-place' });
      context.view.append(
        h('h1', { class: 'visually-hidden' }, s.campaignsTitle),
        stock,
        kindFilter(kind),
        items.length
          ? h('ul', { class: 'campaigns' }, ...items.map(campaignCard))
          : h('p', { class: 'status' }, s.empty),
      );
      showBloodStock(stock, context.signal);
    },
  );
}
