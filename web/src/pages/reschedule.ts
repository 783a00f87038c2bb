// Rescheduling a registration in one step: the other sessions and times of the same campaign with room,
// one of them chosen, and the pass again with the new time. The API takes the new seat and gives
// up the old one together, or changes nothing and says why.
import { api, ApiFailure, idempotencyKey, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { choiceField, FieldList } from '../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { loadPage } from '../foundation/page.ts';
import { h, on } from '../foundation/dom.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { formatDay, formatSessionTime, hasStarted } from '../format.ts';
import { sessionFacts, type Registration } from '../components/registration.ts';
import { windowTime } from '../components/windows.ts';
import { strings } from '../strings.ts';
import type { CampaignDetail } from './campaign.ts';

interface Place {
  slotId: string;
  windowStartsAt?: string;
  label: string;
}

/**
 * Where the registration could go: every slot of the same role, in sessions still to come, with a seat
 * left (in sessions with windows, each window with one), except where it is now.
 */
function placesFor(registration: Registration, campaign: CampaignDetail): Place[] {
  const s = strings();
  const places: Place[] = [];
  for (const session of campaign.sessions) {
    if (hasStarted(session.startsAt)) continue;
    const when = formatSessionTime(session.startsAt, session.endsAt);
    const day = formatDay(session.startsAt.slice(0, 10));
    for (const slot of session.slots) {
      if (slot.role !== registration.slot.role) continue;
      if (slot.windows) {
        for (const window of slot.windows) {
          const here = slot.id === registration.slot.id && window.startsAt === registration.window?.startsAt;
          if (here || window.remaining === 0) continue;
          places.push({
            slotId: slot.id,
            windowStartsAt: window.startsAt,
            label: `${day} ${s.windowChoice(windowTime(window), window.remaining)} · ${session.venue}`,
          });
        }
      } else if (slot.id !== registration.slot.id && slot.remaining > 0) {
        places.push({ slotId: slot.id, label: `${when} · ${session.venue} · ${s.seatsLeft(slot.remaining)}` });
      }
    }
  }
  return places;
}

export async function reschedulePage(context: PageContext) {
  const s = strings();
  setPageTitle(s.rescheduleTitle);
  const id = context.params.id!;
  await loadPage(
    context,
    async () => {
      const { registration } = await read(api.me.registrations[':id'].$get({ param: { id } }, within(context.signal)));
      const { campaign } = await read(
        api.campaigns[':id'].$get({ param: { id: registration.campaign.id } }, within(context.signal)),
      );
      return { registration, campaign };
    },
    ({ registration, campaign }) => {
      const passPath = `/me/sign-ups/${encodeURIComponent(id)}`;
      context.view.append(
        backLink(passPath, s.passTitle),
        h('h1', null, s.rescheduleTitle),
        h('p', { class: 'summary-title' }, campaign.title),
        h(
          'section',
          { class: 'card', 'aria-label': s.rescheduleNow },
          h('h2', null, s.rescheduleNow),
          sessionFacts(registration),
        ),
      );
      const places = placesFor(registration, campaign);
      if (places.length === 0) return context.view.append(h('p', { class: 'notice' }, s.rescheduleNone));

      const place = choiceField({
        path: 'slotId',
        label: s.rescheduleTo,
        required: true,
        choices: places.map((candidate, index) => ({ value: String(index), label: candidate.label })),
      });
      const fields = new FieldList([place]);
      const message = formMessage();
      const submit = h('button', { type: 'submit', class: 'button button-wide' }, s.rescheduleConfirm);
      const form = h(
        'form',
        { class: 'form', novalidate: true },
        h('p', { class: 'hint' }, s.rescheduleIntro),
        place.element,
        message.element,
        submit,
      );
      // One key per attempt: a retry after a lost answer moves once; after a definite answer, a new try.
      let key = idempotencyKey();
      on(form, 'submit', async (event) => {
        event.preventDefault();
        message.clear();
        if (!fields.checkAll()) return;
        const chosen = places[Number(place.value())]!;
        try {
          await whileBusy(submit, message, s.rescheduling, () =>
            read(
              api.registrations[':id'].move.$post(
                {
                  param: { id },
                  json: {
                    slotId: chosen.slotId,
                    ...(chosen.windowStartsAt && { windowStartsAt: chosen.windowStartsAt }),
                  },
                },
                { headers: { 'Idempotency-Key': key } },
              ),
            ),
          );
          navigate(passPath, { replace: true, state: { justMoved: true } });
        } catch (error) {
          if (error instanceof ApiFailure && error.answered) key = idempotencyKey();
          showFailure(error, message, fields);
        }
      });
      context.view.append(form);
    },
  );
}
