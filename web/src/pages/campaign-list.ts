// The published campaigns, by kind, each with its next session and the seats left.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../api.ts';
import { loadPage } from '../components/page-load.ts';
import { h } from '../dom.ts';
import { formatDays, formatSessionTime, hasStarted } from '../format.ts';
import { strings } from '../i18n.ts';
import type { PageContext } from '../router.ts';
import { setPageTitle } from '../shell.ts';
import type { CampaignDetail } from './campaign.ts';

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
      h('a', { href: kind ? `/?kind=${kind}` : '/', class: 'chip', 'aria-current': kind === selected ? 'page' : null }, kind ? s.kind[kind] : s.all),
    ),
  );
}

/** "Next: Sat 14 Jun 08:30 · venue" and "3 sessions · 628 seats left", from the campaign's sessions. */
function upcomingSummary(campaign: CampaignDetail): HTMLElement | null {
  const s = strings();
  const upcoming = campaign.sessions.filter((session) => !hasStarted(session.startsAt));
  const next = upcoming[0];
  if (!next) return null;
  const slots = upcoming.flatMap((session) => session.slots);
  const left = slots.reduce((sum, slot) => sum + slot.remaining, 0);
  const seats = left > 0 ? s.seatsLeft(left) : slots.some((slot) => slot.waitlist) ? s.fullWaitlist : s.full;
  return h(
    'div',
    { class: 'upcoming' },
    h('p', null, s.nextSession(formatSessionTime(next.startsAt, next.endsAt), next.venue)),
    h('p', { class: left > 0 ? 'seats' : 'seats seats-full' }, upcoming.length > 1 ? `${s.sessionCount(upcoming.length)} · ${seats}` : seats),
  );
}

function campaignCard(campaign: Campaign): { item: HTMLElement; details: HTMLElement } {
  const s = strings();
  const details = h('div', { class: 'card-details' });
  const item = h(
    'li',
    { class: `campaign kind-${campaign.kind}` },
    h(
      'a',
      { href: `/campaigns/${encodeURIComponent(campaign.id)}`, class: 'card-link' },
      h('span', { class: 'badge' }, s.kind[campaign.kind]),
      h('h2', null, campaign.title),
      campaign.summary ? h('p', null, campaign.summary) : null,
      h('p', { class: 'meta' }, `${formatDays(campaign.startsOn, campaign.endsOn)} · ${campaign.organization.name}`),
      details,
    ),
  );
  return { item, details };
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
      const cards = items.map(campaignCard);
      context.view.append(
        h('h1', { class: 'visually-hidden' }, s.campaignsTitle),
        kindFilter(kind),
        items.length ? h('ul', { class: 'campaigns' }, ...cards.map((card) => card.item)) : h('p', { class: 'status' }, s.empty),
      );
      // The list answer carries no sessions: each card fills in its next session and seats as
      // its campaign arrives; a card whose campaign does not arrive keeps its dates.
      items.forEach((campaign, index) => {
        if (campaign.kind === 'quiz') return;
        read(api.campaigns[':id'].$get({ param: { id: campaign.id } }, within(context.signal)))
          .then(({ campaign: detail }) => cards[index]!.details.append(upcomingSummary(detail) ?? ''))
          .catch(() => {});
      });
    },
  );
}
