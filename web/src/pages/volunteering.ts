// "My volunteer hours": each session of service with its hours (the desk's check-in to check-out),
// the total, and the star level of the national volunteer awards with the hours to the next.
import { api, read, within } from '../foundation/api.ts';
import { append, h } from '../foundation/dom.ts';
import { loadPage } from '../foundation/page.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { formatSessionTime } from '../format.ts';
import { strings } from '../strings.ts';

export async function volunteeringPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.volunteeringTitle);
  await loadPage(
    context,
    () => read(api.me.volunteering.$get({}, within(context.signal))),
    (record) => {
      append(context.view, [
        h('h1', null, s.volunteeringTitle),
        h(
          'section',
          { class: 'card', 'data-testid': 'volunteer-total' },
          h('p', null, h('strong', null, s.volunteerHours(record.hours))),
          h('p', null, record.stars ? s.volunteerStars(record.stars) : s.volunteerNoStar),
          record.nextStarHours !== null
            ? h('p', { class: 'meta' }, s.volunteerNextStar(record.stars + 1, record.nextStarHours - record.hours))
            : null,
        ),
        record.items.length
          ? h(
              'ul',
              { class: 'registrations' },
              ...record.items.map((item) =>
                h(
                  'li',
                  { class: 'card' },
                  h('h3', null, item.campaign.title),
                  h('p', null, `${item.role} · ${item.session.venue}`),
                  h('p', { class: 'meta' }, formatSessionTime(item.checkedInAt, item.checkedOutAt)),
                  h('p', null, s.volunteerHours(Math.floor(item.minutes / 6) / 10)),
                ),
              ),
            )
          : h('p', { class: 'status' }, s.noVolunteering),
      ]);
    },
  );
}
