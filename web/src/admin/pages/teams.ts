// A campaign's teams (团体): who holds how many seats, how many members joined, until when; and
// an organizer's change of a team's seats (beyond what a citizen may hold) while it is open.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h, on } from '../../foundation/dom.ts';
import { FieldList, inputField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import type { PageContext } from '../../foundation/router.ts';
import { campaignTaskPage } from '../campaign-task.ts';
import { canManage, notAllowed } from '../session.ts';
import { strings } from '../strings.ts';
import { shortTime } from '../time.ts';

type Team = InferResponseType<(typeof api.admin.campaigns)[':id']['groups']['$get'], 200>['items'][number];

function seatsForm(team: Team, onChanged: () => void) {
  const s = strings();
  const seats = inputField({ path: 'seats', label: s.teamSeats, type: 'number', required: true, value: team.seats });
  const fields = new FieldList([seats]);
  const message = formMessage();
  const submit = h('button', { type: 'submit', class: 'button button-secondary' }, s.save);
  const form = h('form', { class: 'inline-form', novalidate: true }, seats.element, submit, message.element);
  on(form, 'submit', async (event) => {
    event.preventDefault();
    if (submit.disabled || !fields.checkAll()) return;
    try {
      await whileBusy(submit, message, s.saving, () =>
        read(api.admin.groups[':id'].$patch({ param: { id: team.id }, json: { seats: Number(seats.value()) } })),
      );
      onChanged();
    } catch (error) {
      showFailure(error, message, fields);
    }
  });
  return form;
}

function teamCard(team: Team, onChanged: () => void) {
  const s = strings();
  const fact = (label: string, value: string, attributes: Record<string, string> | null = null) =>
    h('div', null, h('dt', null, label), h('dd', attributes, value));
  return h(
    'li',
    { class: 'card team' },
    h(
      'div',
      { class: 'team-head' },
      h('h2', null, team.organization),
      h('span', { class: `status-badge team-${team.status}` }, s.teamStatus[team.status]),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(s.teamContact, team.contactName ?? s.teamHeldByOrganizers),
      fact(s.session, `${shortTime(team.session.startsAt)} · ${team.session.venue}`),
      fact(s.slot, team.slot.role),
      fact(s.teamJoinedLabel, s.teamJoined(team.joined, team.seats)),
      fact(s.teamJoinUntil, shortTime(team.joinUntil)),
      fact(s.teamCode, team.code, { class: 'code' }),
    ),
    team.status === 'open' ? seatsForm(team, onChanged) : null,
  );
}

export function teamsPage(context: PageContext) {
  const s = strings();
  const id = context.params.id!;
  return campaignTaskPage(context, {
    title: s.teamsTitle,
    // Member counts and contact names are the organizers' to see, not the check-in desk's.
    load: async (staff) =>
      canManage(staff.role)
        ? read(api.admin.campaigns[':id'].groups.$get({ param: { id } }, within(context.signal)))
        : null,
    draw: ({ data: teams }) => {
      const view = context.view;
      if (!teams) return void view.append(notAllowed());
      append(view, [
        h('p', { class: 'hint' }, s.teamsIntro),
        teams.items.length === 0
          ? emptyNote(s.noTeams)
          : h('ul', { class: 'teams' }, ...teams.items.map((team) => teamCard(team, () => void context.refresh()))),
      ]);
    },
  });
}
