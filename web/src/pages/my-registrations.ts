// "My sign-ups": what is coming up (with code and a way to cancel), what is past, and the
// donations recorded at blood drives.
import { api, read, within } from '../foundation/api.ts';
import { loadPage } from '../foundation/page.ts';
import {
  bookingCode,
  cancelControl,
  isCancellable,
  isUpcoming,
  sessionFacts,
  statusBadge,
  type Registration,
} from '../components/registration.ts';
import { append, h } from '../foundation/dom.ts';
import { formatDay } from '../format.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

const registrationPath = (registration: Registration) => `/me/sign-ups/${encodeURIComponent(registration.id)}`;

function registrationCard(context: PageContext, registration: Registration): HTMLElement {
  const s = strings();
  const upcoming = isUpcoming(registration);
  return h(
    'li',
    { class: `card registration status-${registration.status}` },
    h('div', { class: 'registration-head' }, h('h3', null, registration.campaign.title), statusBadge(registration)),
    sessionFacts(registration),
    // A place on the waiting list has no code to show yet.
    upcoming && registration.status !== 'waitlisted' ? bookingCode(registration.code) : null,
    upcoming
      ? h(
          'div',
          { class: 'actions' },
          h(
            'a',
            { class: 'button', href: registrationPath(registration) },
            registration.status === 'waitlisted' ? s.viewRegistration : s.showCode,
          ),
          isCancellable(registration) ? cancelControl(registration, context) : null,
        )
      : null,
  );
}

export async function myRegistrationsPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.myRegistrationsTitle);
  await loadPage(
    context,
    () =>
      Promise.all([
        read(api.me.registrations.$get({}, within(context.signal))),
        read(api.me.donations.$get({}, within(context.signal))),
        read(api.me.groups.$get({}, within(context.signal))),
      ]),
    ([{ items }, donations, groups]) => {
      // What comes next first; the past from the latest back.
      const bySessionTime = [...items].sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt));
      const upcoming = bySessionTime.filter(isUpcoming);
      const past = bySessionTime.filter((registration) => !isUpcoming(registration)).reverse();
      const list = (registrations: Registration[]) =>
        h(
          'ul',
          { class: 'registrations' },
          ...registrations.map((registration) => registrationCard(context, registration)),
        );
      append(context.view, [
        h('h1', null, s.myRegistrationsTitle),
        h(
          'section',
          { 'aria-labelledby': 'upcoming-title' },
          h('h2', { id: 'upcoming-title' }, s.upcomingTitle),
          upcoming.length
            ? list(upcoming)
            : h('p', { class: 'status' }, s.noUpcoming, ' ', h('a', { href: '/' }, s.findCampaigns)),
        ),
        // Where a group's contact finds the invitation link again.
        groups.items.length
          ? h(
              'section',
              { 'aria-labelledby': 'groups-title' },
              h('h2', { id: 'groups-title' }, s.myGroupsTitle),
              h(
                'ul',
                { class: 'registrations' },
                ...groups.items.map((group) =>
                  h(
                    'li',
                    { class: 'card' },
                    h('h3', null, h('a', { href: `/groups/${encodeURIComponent(group.code)}` }, group.organization)),
                    h('p', null, group.campaign.title, ' · ', group.slot.role),
                    h('p', { class: 'meta' }, s.groupJoined(group.joined, group.seats)),
                  ),
                ),
              ),
            )
          : null,
        past.length
          ? h('section', { 'aria-labelledby': 'past-title' }, h('h2', { id: 'past-title' }, s.pastTitle), list(past))
          : null,
        h(
          'section',
          { 'aria-labelledby': 'donations-title' },
          h('h2', { id: 'donations-title' }, s.donationsTitle),
          h(
            'p',
            null,
            h('a', { href: '/me/donor' }, s.myDonations),
            ' · ',
            h('a', { href: '/me/volunteering' }, s.myVolunteering),
          ),
          donations.items.length
            ? h(
                'ul',
                { class: 'donations' },
                ...donations.items.map((donation) =>
                  h('li', null, h('span', null, formatDay(donation.day)), h('span', null, s.donation[donation.kind])),
                ),
              )
            : h('p', { class: 'status' }, s.noDonations),
        ),
      ]);
    },
  );
}
