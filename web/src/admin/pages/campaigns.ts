// The campaigns of my organization (every campaign for a platform admin), latest first.
import { api, read, within } from '../../foundation/api.ts';
import { h } from '../../foundation/dom.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { canManage, me, myOrganization, seesDonors } from '../login.ts';
import { strings } from '../strings.ts';

export function campaignsPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.campaignsTitle);
  return loadPage(
    context,
    async () => {
      const [staff, organization, { items }] = await Promise.all([
        me(),
        myOrganization(),
        read(api.admin.campaigns.$get({ query: {} }, within(context.signal))),
      ]);
      return { staff, organization, items };
    },
    ({ staff, organization, items }) => {
      context.view.append(
        h(
          'div',
          { class: 'page-head' },
          h('h1', null, s.campaignsTitle),
          seesDonors(staff, organization)
            ? h('a', { class: 'button button-secondary', href: href('/emergency-donors') }, s.navDonors)
            : null,
          canManage(staff.role) ? h('a', { class: 'button', href: href('/campaigns/new') }, s.newCampaign) : null,
        ),
        items.length === 0
          ? emptyNote(s.noCampaigns)
          : h(
              'ul',
              { class: 'campaigns' },
              ...items.map((campaign) =>
                h(
                  'li',
                  { class: `kind-${campaign.kind}` },
                  h(
                    'a',
                    { class: 'card-link', href: href(`/campaigns/${encodeURIComponent(campaign.id)}`) },
                    h('span', { class: 'badge' }, s.kind[campaign.kind]),
                    ' ',
                    h(
                      'span',
                      { class: `status-pill status-pill-${campaign.status}` },
                      s.campaignStatus[campaign.status],
                    ),
                    h('h2', null, campaign.title),
                    h('p', { class: 'meta' }, s.dates(campaign.startsOn, campaign.endsOn)),
                    staff.role === 'admin' ? h('p', { class: 'meta' }, campaign.organization.name) : null,
                  ),
                ),
              ),
            ),
      );
    },
  );
}
