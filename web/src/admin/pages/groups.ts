// A campaign's groups (团体): who holds how many seats, how many members joined, until when, and
// the invitation link to pass on; an organizer's change of a group's seats (beyond what a citizen
// may hold) while it is open; and seats organizers hold for a group themselves (a company that
// phoned), kept under the group's name only.
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

type Group = InferResponseType<(typeof api.admin.campaigns)[':id']['groups']['$get'], 200>['items'][number];

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

/** Organizers hold seats for a group: its name and how many, no one's name or phone. */
function holdForm(campaign: Campaign, onHeld: (group: Group) => void) {
  const s = strings();
  const fields = new FieldList();
  const slot = fields.add(
    selectField({ path: 'slotId', label: s.groupSlot, required: true, choices: slotChoices(campaign) }),
  );
  const organization = fields.add(
    inputField({ path: 'organization', label: s.groupName, required: true, attributes: { maxlength: 100 } }),
  );
  const seats = fields.add(
    inputField({ path: 'seats', label: s.groupSeats, type: 'number', required: true, attributes: { min: 1 } }),
  );
  return sendingForm(
    {
      fields,
      label: s.groupHold,
      busy: s.saving,
      heading: s.groupHoldTitle,
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
        message.ok(s.groupHeld(group.organization));
        onHeld(group);
      },
    },
    h('p', { class: 'hint' }, s.groupHoldIntro),
    slot.element,
    organization.element,
    seats.element,
  );
}

function seatsForm(group: Group, onChanged: () => void) {
  const s = strings();
  const seats = inputField({ path: 'seats', label: s.groupSeats, type: 'number', required: true, value: group.seats });
  const fields = new FieldList([seats]);
  const message = formMessage();
  const submit = h('button', { type: 'submit', class: 'button button-secondary' }, s.save);
  const form = h('form', { class: 'inline-form', novalidate: true }, seats.element, submit, message.element);
  on(form, 'submit', async (event) => {
    event.preventDefault();
    if (submit.disabled || !fields.checkAll()) return;
    try {
      await whileBusy(submit, message, s.saving, () =>
        read(api.admin.groups[':id'].$patch({ param: { id: group.id }, json: { seats: Number(seats.value()) } })),
      );
      onChanged();
    } catch (error) {
      showFailure(error, message, fields);
    }
  });
  return form;
}

function groupCard(group: Group, onChanged: () => void) {
  const s = strings();
  const fact = (label: string, value: string, attributes: Record<string, string> | null = null) =>
    h('div', null, h('dt', null, label), h('dd', attributes, value));
  return h(
    'li',
    { class: 'card group' },
    h(
      'div',
      { class: 'group-head' },
      h('h2', null, group.organization),
      h('span', { class: `status-badge group-${group.status}` }, s.groupStatus[group.status]),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(s.groupContact, group.contactName ?? s.groupHeldByOrganizers),
      fact(s.session, `${shortTime(group.session.startsAt)} · ${group.session.venue}`),
      fact(s.slot, group.slot.role),
      fact(s.groupJoinedLabel, s.groupJoined(group.joined, group.seats)),
      fact(s.groupJoinUntil, shortTime(group.joinUntil)),
      fact(s.groupCode, group.code, { class: 'code' }),
    ),
    group.status === 'open' ? invitation(group) : null,
    group.status === 'open' ? seatsForm(group, onChanged) : null,
  );
}

function invitation(group: Group) {
  const s = strings();
  const { field, copy, status } = linkToCopy(invitationLink(group.code), {
    label: s.groupLink,
    copy: s.groupCopy,
    copied: s.groupCopied,
    copyFailed: s.groupCopyFailed,
  });
  return h('div', { class: 'group-invitation' }, field, h('div', { class: 'actions' }, copy), status);
}

export function groupsPage(context: PageContext) {
  const s = strings();
  const id = context.params.id!;
  return campaignTaskPage(context, {
    title: s.groupsTitle,
    // Member counts and contact names are the organizers' to see, not the check-in desk's.
    load: async (staff) =>
      canManage(staff.role)
        ? read(api.admin.campaigns[':id'].groups.$get({ param: { id } }, within(context.signal)))
        : null,
    draw: ({ campaign, data: groups }) => {
      const view = context.view;
      if (!groups) return void view.append(notAllowed());
      const items = [...groups.items];
      const list = h('ul', { class: 'groups' });
      const empty = emptyNote(s.noGroups);
      const drawList = () => {
        replaceContent(list, ...items.map((group) => groupCard(group, () => void context.refresh())));
        empty.hidden = items.length > 0;
      };
      drawList();
      append(view, [
        h('p', { class: 'hint' }, s.groupsIntro),
        empty,
        list,
        campaign.status === 'closed'
          ? null
          : holdForm(campaign, (group) => {
              items.push(group);
              drawList();
            }),
      ]);
    },
  });
}
