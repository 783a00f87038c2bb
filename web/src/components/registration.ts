// A person's own registration as "My sign-ups" and the confirmation page show it: status, code,
// when and where, and cancelling with a confirmation step.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read } from '../foundation/api.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { formatSessionTime, hasStarted } from '../format.ts';
import { windowTime } from './windows.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';

export type Registration = InferResponseType<typeof api.me.registrations.$get, 200>['items'][number];

/** Confirmed or waiting, and the session has not begun: it can still be cancelled. */
export const isCancellable = (registration: Registration) =>
  (registration.status === 'confirmed' || registration.status === 'waitlisted') &&
  !hasStarted(registration.session.startsAt);

/** A confirmed seat for a session still to come: it can be moved to another time of the campaign. */
export const isMovable = (registration: Registration) =>
  registration.status === 'confirmed' && !hasStarted(registration.session.startsAt);

/** Not cancelled and not over: what "My sign-ups" lists first. */
export const isUpcoming = (registration: Registration) =>
  registration.status !== 'cancelled' && registration.status !== 'no_show' && !hasStarted(registration.session.endsAt);

export function statusBadge(registration: Registration): HTMLElement {
  const s = strings();
  const text =
    registration.status === 'waitlisted'
      ? s.waitingNumber(registration.position)
      : s.registrationStatus[registration.status];
  return h('span', { class: `status-badge status-${registration.status}` }, text);
}

/** The booking code in two groups of four, easy to read aloud; `large` on the pass. */
export function bookingCode(code: string, large = false): HTMLElement {
  const groups = code.length === 8 ? [code.slice(0, 4), code.slice(4)] : [code];
  return h(
    'p',
    { class: large ? 'booking-code booking-code-large' : 'booking-code' },
    h('span', { class: 'label-text' }, strings().bookingCode),
    ' ',
    h('span', { class: 'code', translate: 'no' }, ...groups.map((group) => h('span', null, group))),
  );
}

export function sessionFacts(registration: Registration): HTMLElement {
  const s = strings();
  const { session, slot } = registration;
  const fact = (term: string, detail: string) => h('div', null, h('dt', null, term), h('dd', null, detail));
  return h(
    'dl',
    { class: 'facts' },
    fact(s.role, slot.role),
    fact(s.when, formatSessionTime(session.startsAt, session.endsAt)),
    registration.window ? fact(s.arriveWindow, windowTime(registration.window)) : null,
    fact(s.venue, session.venue),
    fact(s.address, session.address),
  );
}

/**
 * "Cancel" → "Are you sure?" → the API (the first person waiting takes the seat), then the page
 * draws again with the new status; focus stays in the page, not on a button that is gone.
 */
export function cancelControl(registration: Registration, page: Pick<PageContext, 'view' | 'refresh'>): HTMLElement {
  const s = strings();
  const box = h('div', { class: 'cancel' });
  const waiting = registration.status === 'waitlisted';
  const message = h('p', { class: 'field-error', role: 'alert', hidden: true });

  const ask = on(
    h('button', { type: 'button', class: 'button button-secondary' }, waiting ? s.leaveWaitlist : s.cancelRegistration),
    'click',
    () => {
      const question = h(
        'p',
        { class: 'cancel-question', tabindex: -1 },
        waiting ? s.leaveWaitlistQuestion : s.cancelQuestion,
      );
      const keep = on(
        h('button', { type: 'button', class: 'button button-secondary' }, s.keepRegistration),
        'click',
        () => {
          replaceContent(box, ask, message);
          ask.focus();
        },
      );
      const confirm = on(
        h('button', { type: 'button', class: 'button button-danger' }, waiting ? s.confirmLeave : s.confirmCancel),
        'click',
        async () => {
          confirm.disabled = keep.disabled = true;
          confirm.textContent = s.cancelling;
          message.hidden = true;
          try {
            await read(api.registrations[':id'].cancel.$post({ param: { id: registration.id } }));
            page.refresh();
            page.view.focus();
          } catch (error) {
            if (!(error instanceof ApiFailure)) throw error;
            message.textContent = error.message;
            message.hidden = false;
            confirm.disabled = keep.disabled = false;
            confirm.textContent = waiting ? s.confirmLeave : s.confirmCancel;
          }
        },
      );
      replaceContent(box, question, h('div', { class: 'actions' }, confirm, keep), message);
      question.focus();
    },
  );
  replaceContent(box, ask, message);
  return box;
}
