// A campaign's teams (团体): who holds how many seats, how many members joined, until when, and
// the invitation link to pass on; an organizer's change of a team's seats (beyond what a citizen
// may hold) while it is open; and seats organizers hold for a team themselves (a company that
// phoned), kept under the team's name only.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h, on, replaceContent } from '../../foundation/dom.ts';
import { FieldList, inputField, selectField } from '../../foundation/fields.ts';
import { formMessage, sendingForm, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { linkToCopy } from '../../foundation/link-to-copy.ts';
import { emptyNote } from '../../foundation/notices.ts';
import type { PageContext } from '../../foundation/router.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { canManage, notAllowed } from '../login.ts';
import { strings } from '../strings.ts';
import { shortTime } from '../time.ts';

type Team = InferResponseType<(typeof api.admin.campaigns)[':id']['groups']['$get'], 200>['items'][number];

/** The address a member opens: the citizen app's invitation page. */
const invitationLink = (code: string) => new URL(`/groups/${encodeURIComponent(code)}`, location.origin).href;

/** Slots of sessions still to come and not cancelled: where seats can be held. */
const slotChoices = (campaign: Campaign) =>
  campaign.sessions
    .filter((session) => !session.cancelledAt && Date.parse(session.startsAt) > Date.now())
    .flatMap((session) =>
      session.slots.map((slot) => ({
        value: slot.id,
        label: `${shortTime(session.startsAt)} · ${session.venue} · ${slot.role}`,
      })),
    );

/** Organizers hold seats for a team: its name and how many, no one's name or phone. */
function holdForm(campaign: Campaign, onHeld: (team: Team) => void) {
  const s = strings();
  const fields = new FieldList();
  const slot = fields.add(
    selectField({ path: 'slotId', label: s.teamSlot, required: true, choices: slotChoices(campaign) }),
  );
  const organization = fields.add(
    inputField({ path: 'organization', label: s.teamName, required: true, attributes: { maxlength: 100 } }),
  );
  const seats = fields.add(
    inputField({ path: 'seats', label: s.teamSeats, type: 'number', required: true, attributes: { min: 1 } }),
  );
  return sendingForm(
    {
      fields,
      label: s.teamHold,
      busy: s.saving,
      heading: s.teamHoldTitle,
      send: () =>
        read(
          api.admin.campaigns[':id'].groups.$post({
            param: { id: campaign.id },
            json: {
              slotId: String(slot.value()),
              organization: String(organization.value()),
              seats: Number(seats.value()),
            },
          }),
        ),
      sent: ({ group }, form, message) => {
        form.reset();
        message.ok(s.teamHeld(group.organization));
        onHeld(group);
      },
    },
    h('p', { class: 'hint' }, s.teamHoldIntro),
    slot.element,
    organization.element,
    seats.element,
  );
}

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
    team.status === 'open' ? invitation(team) : null,
    team.status === 'open' ? seatsForm(team, onChanged) : null,
  );
}

function invitation(team: Team) {
  const s = strings();
  const { field, copy, status } = linkToCopy(invitationLink(team.code), {
    label: s.teamLink,
    copy: s.teamCopy,
    copied: s.teamCopied,
    copyFailed: s.teamCopyFailed,
  });
  return h('div', { class: 'team-invitation' }, field, h('div', { class: 'actions' }, copy), status);
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
    draw: ({ campaign, data: teams }) => {
      const view = context.view;
      if (!teams) return void view.append(notAllowed());
      const items = [...teams.items];
      const list = h('ul', { class: 'teams' });
      const empty = emptyNote(s.noTeams);
      const drawList = () => {
        replaceContent(list, ...items.map((team) => teamCard(team, () => void context.refresh())));
        empty.hidden = items.length > 0;
      };
      drawList();
      append(view, [
        h('p', { class: 'hint' }, s.teamsIntro),
        empty,
        list,
        campaign.status === 'closed'
          ? null
          : holdForm(campaign, (team) => {
              items.push(team);
              drawList();
            }),
      ]);
    },
  });
}
