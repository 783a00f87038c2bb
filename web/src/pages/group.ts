// Group sign-ups (团体献血) by consent: the contact holds seats and gets an invitation link to share
// in a WeChat group; each member opens it, signs in as themselves and fills in the individual
// sign-up form in one of the group's seats. Nobody is signed up on the contact's word.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { append, h, on } from '../foundation/dom.ts';
import { FieldList, inputField } from '../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { linkToCopy } from '../foundation/link-to-copy.ts';
import { loadPage } from '../foundation/page.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { formatDay, formatSessionTime } from '../format.ts';
import { strings } from '../strings.ts';
import { donationsFor, drawSignUpForm } from './sign-up.ts';

type Invitation = InferResponseType<(typeof api.groups)[':code']['$get'], 200>['group'];

const SEATS_PER_CONTACT = 50;
const invitationPath = (code: string) => `/groups/${encodeURIComponent(code)}`;

/** "6月13日 周六 09:00": a moment as the API gives it, in China time. */
const formatMoment = (iso: string) => `${formatDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`;

/** The contact's form on a slot: the group's name, their own name and phone, and how many seats. */
export async function groupHoldPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.groupHoldTitle);
  await loadPage(
    context,
    () =>
      Promise.all([
        read(api.campaigns[':id'].$get({ param: { id: context.params.campaignId! } }, within(context.signal))),
        read(api.me.$get({}, within(context.signal))),
      ]),
    ([{ campaign }, { person }]) => {
      const session = campaign.sessions.find((candidate) =>
        candidate.slots.some((slot) => slot.id === context.params.slotId),
      );
      const slot = session?.slots.find((candidate) => candidate.id === context.params.slotId);
      const { view } = context;
      view.append(
        backLink(campaign.title, `/campaigns/${encodeURIComponent(campaign.id)}`),
        h('h1', null, s.groupHoldTitle),
      );
      if (!session || !slot) return view.append(h('p', { class: 'notice' }, s.slotNotFound));
      view.append(
        h(
          'section',
          { class: 'card summary', 'aria-label': s.whatYouSignUpFor },
          h('p', { class: 'summary-title' }, campaign.title),
          h('p', null, h('strong', null, slot.role), ' · ', s.seatsLeft(slot.remaining)),
          h('p', null, formatSessionTime(session.startsAt, session.endsAt)),
          h('p', null, session.venue),
        ),
        h('p', null, s.groupHoldIntro),
      );

      const fields = new FieldList();
      const organization = fields.add(
        inputField({
          path: 'organization',
          label: s.groupOrganization,
          required: true,
          attributes: { maxlength: 100 },
        }),
      );
      const contactName = fields.add(
        inputField({
          path: 'contactName',
          label: s.groupContactName,
          required: true,
          value: person.name,
          attributes: { autocomplete: 'name', maxlength: 40 },
        }),
      );
      const contactPhone = fields.add(
        inputField({
          path: 'contactPhone',
          label: s.groupContactPhone,
          required: true,
          type: 'tel',
          attributes: { autocomplete: 'tel', maxlength: 20 },
        }),
      );
      const seats = fields.add(
        inputField({
          path: 'seats',
          label: s.groupSeats,
          hint: s.groupSeatsHint,
          required: true,
          type: 'number',
          attributes: { min: 1, max: Math.min(SEATS_PER_CONTACT, slot.remaining), inputmode: 'numeric' },
          validate: (value) => {
            const count = Number(value);
            return Number.isInteger(count) && count >= 1 && count <= SEATS_PER_CONTACT ? null : s.groupSeatsRange;
          },
        }),
      );
      const message = formMessage();
      const submit = h('button', { type: 'submit', class: 'button button-wide' }, s.groupHold);
      const form = h(
        'form',
        { class: 'form', novalidate: true },
        ...[organization, contactName, contactPhone, seats].map((field) => field.element),
        message.element,
        submit,
      );
      on(form, 'submit', async (event) => {
        event.preventDefault();
        if (submit.disabled) return; // a double tap
        message.clear();
        if (!fields.checkAll()) return;
        try {
          const { group } = await whileBusy(submit, message, s.sending, () =>
            read(
              api.slots[':slotId'].groups.$post({
                param: { slotId: slot.id },
                json: {
                  organization: String(organization.value()),
                  contactName: String(contactName.value()),
                  contactPhone: String(contactPhone.value()),
                  seats: Number(seats.value()),
                },
              }),
            ),
          );
          navigate(invitationPath(group.code), { replace: true });
        } catch (error) {
          showFailure(error, message, fields);
        }
      });
      view.append(form);
    },
  );
}

/** The link, a copy button and, where the browser has one, the system's share sheet. */
function shareBox(group: Invitation): HTMLElement {
  const s = strings();
  const link = new URL(invitationPath(group.code), location.origin).href;
  const { field, copy, status } = linkToCopy(link, {
    label: s.groupLink,
    copy: s.groupCopy,
    copied: s.groupCopied,
    copyFailed: s.groupCopyFailed,
  });
  const share =
    typeof navigator.share === 'function'
      ? on(h('button', { type: 'button', class: 'button button-secondary' }, s.groupShare), 'click', () => {
          navigator.share({ title: `${group.organization} · ${group.campaign.title}`, url: link }).catch(() => {});
        })
      : null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, s.groupShareTitle),
    h('p', null, s.groupShareIntro),
    field,
    h('div', { class: 'actions' }, copy, share),
    status,
  );
}

/** What the invitation link opens: the drive, time, place and seats left; to the contact, also who joined. */
export async function invitationPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.groupInvitationTitle);
  await loadPage(
    context,
    () => read(api.groups[':code'].$get({ param: { code: context.params.code! } }, within(context.signal))),
    ({ group }) => {
      setPageTitle(`${group.organization} · ${group.campaign.title}`);
      const left = Math.max(0, group.seats - group.joined);
      const open = group.status === 'open' && Date.parse(group.joinUntil) > Date.now();
      append(context.view, [
        h('span', { class: 'badge' }, s.groupSignUp),
        h('h1', null, group.organization),
        h(
          'section',
          { class: 'card summary', 'aria-label': s.whatYouSignUpFor },
          h('p', { class: 'summary-title' }, group.campaign.title),
          h('p', null, h('strong', null, group.slot.role), ' · ', s.groupSeatsLeft(left)),
          h('p', null, formatSessionTime(group.session.startsAt, group.session.endsAt)),
          h('p', null, group.session.venue, h('br'), h('span', { class: 'meta' }, group.session.address)),
          h('p', { class: 'meta' }, s.groupJoined(group.joined, group.seats)),
          h('p', { class: 'meta' }, s.groupJoinUntil(formatMoment(group.joinUntil))),
        ),
        !open
          ? h('p', { class: 'notice' }, s.groupClosed)
          : left === 0
            ? h('p', { class: 'notice' }, s.groupFull)
            : h('a', { class: 'button button-wide', href: `${invitationPath(group.code)}/join` }, s.groupJoin),
        'members' in group ? shareBox(group) : null,
        'members' in group && group.members
          ? h(
              'section',
              { 'aria-labelledby': 'members-title' },
              h('h2', { id: 'members-title' }, s.groupMembers),
              group.members.length
                ? h('ul', { class: 'members' }, ...group.members.map((member) => h('li', null, member.name)))
                : h('p', { class: 'status' }, s.groupNoMembers),
            )
          : null,
      ]);
    },
  );
}

/** A member's sign-up from the invitation: the individual form, in one of the group's seats. */
export async function groupSignUpPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.signUpTitle);
  await loadPage(
    context,
    async () => {
      const [{ group }, { person }] = await Promise.all([
        read(api.groups[':code'].$get({ param: { code: context.params.code! } }, within(context.signal))),
        read(api.me.$get({}, within(context.signal))),
      ]);
      const { campaign } = await read(
        api.campaigns[':id'].$get({ param: { id: group.campaign.id } }, within(context.signal)),
      );
      return { group, campaign, known: { person, donations: await donationsFor(campaign, context.signal) } };
    },
    ({ group, campaign, known }) =>
      drawSignUpForm(context, campaign, known, group.slot.id, {
        code: group.code,
        organization: group.organization,
        seatsLeft: Math.max(0, group.seats - group.joined),
      }),
  );
}
