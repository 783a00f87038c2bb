// One registration's pass: the booking code large and as a QR code to show at the desk, when and
// where, its status, the calendar, the map and a blood drive's preparation, and cancelling. Also
// the confirmation right after signing up. A place on the waiting list is no pass: it says what
// happens next instead.
import { api, ApiFailure, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { loadPage } from '../foundation/page.ts';
import { qrCode } from '../components/qr-code.ts';
import { calendarLink, donorPrepCard, mapLink } from '../components/before-you-come.ts';
import { cityConfig } from '../city.ts';
import {
  bookingCode,
  cancelControl,
  isCancellable,
  isMovable,
  sessionFacts,
  statusBadge,
  type Registration,
} from '../components/registration.ts';
import { h } from '../foundation/dom.ts';
import { hasStarted } from '../format.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

function heading(registration: Registration, justBooked: boolean, justMoved: boolean): string {
  const s = strings();
  if (justMoved && registration.status === 'confirmed') return s.rescheduled;
  if (!justBooked || registration.status === 'cancelled') return registration.campaign.title;
  return registration.status === 'waitlisted' ? s.joinedWaitlist : s.signedUp;
}

export async function registrationPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.passTitle);
  await loadPage(
    context,
    // Someone else's registration, or one that never was, is "not found" rather than an error to retry.
    () =>
      Promise.all([
        read(api.me.registrations[':id'].$get({ param: { id: context.params.id! } }, within(context.signal))).then(
          ({ registration }) => registration,
          (error: unknown) => {
            if (error instanceof ApiFailure && (error.status === 404 || error.code === 'validation_failed'))
              return null;
            throw error;
          },
        ),
        // Asked once a visit, and the map link does without it.
        cityConfig().then(
          ({ cityName }) => cityName,
          () => '',
        ),
      ]),
    ([registration, city]) => {
      context.view.append(backLink('/me/sign-ups', s.myRegistrationsTitle));
      if (!registration) return context.view.append(h('p', { class: 'notice' }, s.registrationNotFound));

      const justBooked = context.state.justBooked === true;
      const showPass = registration.status === 'confirmed' || registration.status === 'checked_in';
      const over = hasStarted(registration.session.endsAt);
      const coming = registration.status === 'confirmed' && !over;
      const waiting = registration.status === 'waitlisted' && !over;
      const { session } = registration;
      const justMoved = context.state.justMoved === true;
      setPageTitle(heading(registration, justBooked, justMoved));
      context.view.append(
        h(
          'article',
          { class: 'pass' },
          h('h1', null, heading(registration, justBooked, justMoved)),
          justBooked || justMoved ? h('p', { class: 'summary-title' }, registration.campaign.title) : null,
          h('p', null, statusBadge(registration)),
          waiting
            ? h(
                'div',
                { class: 'notice', 'data-testid': 'waitlist-next' },
                h('p', null, s.waitlistNext(registration.position)),
                h('p', null, s.waitlistNoPass),
              )
            : null,
          showPass ? bookingCode(registration.code, true) : null,
          showPass
            ? h(
                'figure',
                { class: 'qr-frame' },
                qrCode(registration.code, s.qrLabel(registration.code)),
                h('figcaption', null, s.showAtDesk),
              )
            : null,
          sessionFacts(registration),
          coming || waiting
            ? h(
                'div',
                { class: 'actions' },
                coming ? calendarLink(registration.id) : null,
                mapLink(session.venue, session.address, city),
              )
            : null,
          isMovable(registration)
            ? h(
                'a',
                { class: 'button button-secondary', href: `/me/sign-ups/${encodeURIComponent(registration.id)}/move` },
                s.reschedule,
              )
            : null,
          coming && registration.campaign.kind === 'blood_drive' ? donorPrepCard() : null,
          isCancellable(registration) ? cancelControl(registration, context) : null,
        ),
      );
    },
  );
}
