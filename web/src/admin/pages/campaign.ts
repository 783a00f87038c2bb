// One campaign for its organizers: what it is and who may sign up, its tasks (roster,
// statistics, check-in, quiz), its sessions with their seats (a slot's capacity changes in
// place), and a new session. A quiz has no sign-ups: its page is its quiz and its edit form.
import { api, idempotencyKey, read, within } from '../../foundation/api.ts';
import { backLink } from '../../foundation/back-link.ts';
import { append, h, on, replaceContent, uniqueId } from '../../foundation/dom.ts';
import { checkboxField, type ControlField, FieldList, inputField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext, rewriteAddress } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import type { Campaign } from '../campaign-task.ts';
import { canManage, me, type Staff } from '../login.ts';
import { strings } from '../strings.ts';
import { shortTime } from '../time.ts';
type Session = Campaign['sessions'][number];
type Slot = Session['slots'][number];

/** The tasks this role may open for this campaign. */
function tasks(campaign: Campaign, staff: Staff) {
  const s = strings();
  const base = `/campaigns/${encodeURIComponent(campaign.id)}`;
  const manage = canManage(staff.role);
  const quiz = campaign.kind === 'quiz';
  const links: [string, string, boolean][] = [
    [`${base}/roster`, s.roster, manage && !quiz],
    [`${base}/teams`, s.groups, manage && !quiz],
    [`${base}/stats`, s.stats, !quiz],
    [`${base}/check-in`, s.checkIn, !quiz],
    [`${base}/quiz`, s.quizAdmin, manage && quiz],
    [`${base}/edit`, s.editCampaign, manage],
  ];
  return h(
    'nav',
    { class: 'tasks', 'aria-label': s.actionsTitle },
    ...links
      .filter(([, , shown]) => shown)
      .map(([path, label]) => h('a', { class: 'button button-secondary', href: href(path) }, label)),
  );
}

/** Who may sign up, in a line: "报名条件：35–64 岁，仅女性". */
function eligibilityLine(rules: Campaign['eligibility']) {
  const s = strings();
  const parts = [
    rules?.minAge !== undefined || rules?.maxAge !== undefined ? s.ageRange(rules?.minAge, rules?.maxAge) : null,
    rules?.gender ? s.genderRule[rules.gender] : null,
    rules?.donorRules ? s.donorRulesShort : null,
    rules?.platelets ? s.plateletsShort : null,
  ].filter((part): part is string => !!part);
  return h('p', { class: 'meta' }, s.eligibilityLine(parts.length ? parts : [s.anyone]));
}

/** A number of seats: a whole number, 0 or more. */
const seatsField = (path: string, label: string, value: number) =>
  inputField({
    path,
    label,
    type: 'number',
    required: true,
    value,
    attributes: { inputmode: 'numeric' },
    validate: (seats) => (Number.isInteger(seats) && Number(seats) >= 0 ? null : strings().numberInvalid),
  });

const slotText = (slot: Slot) => strings().slotLine(slot.role, slot.taken, slot.capacity, slot.waiting);

/** A slot's seats, and for organizers a box to change them. */
function slotItem(slot: Slot, manage: boolean) {
  const s = strings();
  const line = h('span', { class: 'slot-line' }, slotText(slot));
  const item = h('li', { class: 'admin-slot' }, line);
  if (!manage) return item;
  const capacity = seatsField('capacity', s.capacityOf(slot.role), slot.capacity);
  const waitlist = h('input', { type: 'checkbox', id: uniqueId('waitlist'), checked: slot.waitlist });
  const message = formMessage();
  const button = h('button', { type: 'submit', 'aria-label': s.saveSlotLabel(slot.role) }, s.saveSlot);
  const form = h(
    'form',
    { class: 'capacity-form', novalidate: true },
    capacity.element,
    h('label', { class: 'choice', for: waitlist.id }, waitlist, s.waitlist),
    button,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    if (!capacity.check()) return capacity.focus();
    const value = Number(capacity.value());
    try {
      const { slot: updated } = await whileBusy(button, message, s.saving, () =>
        read(
          api.admin.slots[':id'].$patch({
            param: { id: slot.id },
            json: { capacity: value, waitlist: waitlist.checked },
          }),
        ),
      );
      line.textContent = slotText({ ...slot, ...updated });
      message.ok(s.capacityRaised(Math.max(0, updated.taken - slot.taken)));
      slot = { ...slot, ...updated };
    } catch (error) {
      showFailure(error, message, [capacity]);
    }
  });
  item.append(form, message.element);
  return item;
}

/** A session's when and where, as the new-session form and the change form both ask them. */
function whenAndWhere(current?: { startsAt: string; endsAt: string; venue: string; address: string }) {
  const s = strings();
  const when = (path: 'startsAt' | 'endsAt', label: string, hint?: string) =>
    inputField({ path, label, hint, type: 'datetime-local', required: true, value: current?.[path] });
  const where = (path: 'venue' | 'address', label: string, maxlength: number) =>
    inputField({ path, label, required: true, value: current?.[path], attributes: { maxlength } });
  const startsAt = when('startsAt', s.startsAt, s.chinaTime);
  const endsAt = when('endsAt', s.endsAt);
  const venue = where('venue', s.venue, 100);
  const address = where('address', s.address, 200);
  return { startsAt, endsAt, venue, address, all: [startsAt, endsAt, venue, address] };
}

/** "2026-06-14T09:00:00+08:00" → "2026-06-14T09:00", for a datetime-local box. */
const localValue = (iso: string) => iso.slice(0, 16);

/** "2026-06-14T09:00" from a datetime-local box, read as China time: the ISO instant the API takes. */
const chinaInstant = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** Everyone the session's notifications go to: the confirmed and the waiting. */
const signedUp = (session: Session) => session.slots.reduce((sum, slot) => sum + slot.taken + slot.waiting, 0);

/**
 * Moving a session (time, venue, address) and cancelling it, for organizers. Only what was
 * changed is sent: the API tells people what changed. Both end in `onDone`, which draws the
 * card again from the session's new state.
 */
function sessionChanges(session: Session, onDone: (session: Session, said: string) => void) {
  const s = strings();
  const fields = whenAndWhere({
    startsAt: localValue(session.startsAt),
    endsAt: localValue(session.endsAt),
    venue: session.venue,
    address: session.address,
  });
  const { startsAt, endsAt, venue, address } = fields;
  const checked = new FieldList(fields.all);
  const message = formMessage();
  const save = h('button', { type: 'submit', class: 'button' }, s.saveSessionChange);
  const cancel = h('button', { type: 'button', class: 'button button-quiet' }, s.cancelSession);
  const form = h(
    'form',
    { class: 'form session-change', novalidate: true },
    h('p', { class: 'hint' }, s.sessionChangeHint),
    startsAt.element,
    endsAt.element,
    venue.element,
    address.element,
    h('div', { class: 'actions' }, save, cancel),
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    message.clear();
    if (!checked.checkAll()) return;
    const change = {
      ...(startsAt.control.value !== localValue(session.startsAt) && {
        startsAt: chinaInstant(startsAt.control.value),
      }),
      ...(endsAt.control.value !== localValue(session.endsAt) && { endsAt: chinaInstant(endsAt.control.value) }),
      ...(venue.control.value.trim() !== session.venue && { venue: venue.control.value }),
      ...(address.control.value.trim() !== session.address && { address: address.control.value }),
    };
    if (Object.keys(change).length === 0) return message.error(s.nothingChanged);
    try {
      await whileBusy(save, message, s.saving, () =>
        read(api.admin.sessions[':id'].$patch({ param: { id: session.id }, json: change })),
      );
      onDone(
        {
          ...session,
          startsAt: `${startsAt.control.value}:00+08:00`,
          endsAt: `${endsAt.control.value}:00+08:00`,
          venue: venue.control.value.trim(),
          address: address.control.value.trim(),
        },
        s.sessionChanged,
      );
    } catch (error) {
      showFailure(error, message, checked);
    }
  });
  on(cancel, 'click', async () => {
    if (!window.confirm(s.cancelSessionConfirm(signedUp(session)))) return;
    try {
      await whileBusy(cancel, message, s.cancelling, () =>
        read(api.admin.sessions[':id'].cancel.$post({ param: { id: session.id } })),
      );
      onDone({ ...session, cancelledAt: chinaNow() }, '');
    } catch (error) {
      showFailure(error, message);
    }
  });
  return h('details', { class: 'session-edit' }, h('summary', null, s.changeSession), form);
}

/** Now as the API writes it, "2026-06-14T09:00:00+08:00" (China time). */
const chinaNow = () => `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/** A session's card: when and where, its slots, and for organizers its changes; a cancelled one says so. */
function sessionCard(session: Session, manage: boolean) {
  const item = h('li', { class: 'session' });
  const draw = (current: Session, said: string) => {
    const s = strings();
    const cancelled = !!current.cancelledAt;
    item.className = cancelled ? 'session session-cancelled' : 'session';
    // What just happened, said where the old card's controls were; the focus goes there.
    const news = said
      ? h('p', { class: 'form-message form-message-ok', role: 'status', tabindex: -1 }, said)
      : cancelled
        ? h('p', { class: 'meta', tabindex: -1 }, s.sessionCancelledAt(shortTime(current.cancelledAt!)))
        : null;
    replaceContent(
      item,
      h(
        'p',
        { class: 'venue' },
        cancelled ? h('span', { class: 'status-badge status-cancelled' }, s.sessionCancelled) : null,
        cancelled ? ' ' : null,
        `${shortTime(current.startsAt)}–${current.endsAt.slice(11, 16)} · ${current.venue}`,
      ),
      h('p', { class: 'meta' }, current.address),
      current.windowMinutes ? h('p', { class: 'meta' }, s.windowsEvery(current.windowMinutes)) : null,
      news,
      h('ul', { class: 'slots' }, ...current.slots.map((slot) => slotItem(slot, manage && !cancelled))),
      manage && !cancelled ? sessionChanges(current, redraw) : null,
    );
  };
  const redraw = (current: Session, said: string) => {
    draw(current, said);
    item.querySelector<HTMLElement>(':scope > [tabindex="-1"]')?.focus();
  };
  draw(session, '');
  return item;
}

/** The form for a new session with one or more slots. */
function newSessionForm(campaign: Campaign, onAdded: () => void) {
  const s = strings();
  const { startsAt, endsAt, venue, address, all: whenAndWhereFields } = whenAndWhere();
  const windowMinutes = inputField({
    path: 'windowMinutes',
    label: s.windowMinutes,
    hint: s.windowMinutesHint,
    type: 'number',
    attributes: { maxlength: 3 },
  });

  interface SlotRow {
    element: HTMLElement;
    role: ControlField<HTMLInputElement>;
    capacity: ControlField<HTMLInputElement>;
    waitlist: ControlField<HTMLInputElement>;
  }
  const rows: SlotRow[] = [];
  const list = h('div', { class: 'slot-rows' });
  const addRow = () => {
    const role = inputField({
      path: '',
      label: s.slotRole,
      required: true,
      hint: rows.length === 0 ? s.slotRoleHint : undefined,
      attributes: { maxlength: 40 },
    });
    const capacity = seatsField('', s.capacity, 20);
    const waitlist = checkboxField({ path: '', label: s.waitlist, checked: true });
    const legend = h('legend', null);
    const remove = h('button', { type: 'button', class: 'link-button' });
    const element = h(
      'fieldset',
      { class: 'slot-row' },
      legend,
      role.element,
      capacity.element,
      waitlist.element,
      remove,
    );
    const row = { element, role, capacity, waitlist };
    on(remove, 'click', () => {
      rows.splice(rows.indexOf(row), 1);
      element.remove();
      renumber();
      rows[0]?.role.control.focus();
    });
    rows.push(row);
    list.append(element);
    renumber();
    return row;
  };
  // The API names a slot's problems by position (slots.0.role): the rows keep those names.
  const renumber = () =>
    rows.forEach((row, index) => {
      row.role.path = `slots.${index}.role`;
      row.capacity.path = `slots.${index}.capacity`;
      row.element.querySelector('legend')!.textContent = s.slotNumber(index + 1);
      const remove = row.element.querySelector<HTMLButtonElement>('.link-button')!;
      remove.textContent = s.removeSlot(index + 1);
      remove.hidden = rows.length === 1;
    });
  addRow();
  const addButton = on(h('button', { type: 'button' }, s.addSlot), 'click', () => addRow().role.control.focus());

  const message = formMessage();
  // One key for this form: a retry after a lost answer adds no second session.
  const key = idempotencyKey();
  const button = h('button', { type: 'submit', class: 'button' }, s.addSession);
  const headingId = uniqueId('add-session');
  const form = h(
    'form',
    { class: 'form card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, s.addSession),
    startsAt.element,
    endsAt.element,
    venue.element,
    address.element,
    windowMinutes.element,
    h('fieldset', { class: 'field slots-fieldset' }, h('legend', null, s.slotsTitle), list, addButton),
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    message.clear();
    // The slot rows come and go: they are checked as they are now.
    const fields = new FieldList([
      ...whenAndWhereFields,
      windowMinutes,
      ...rows.flatMap((row) => [row.role, row.capacity]),
    ]);
    if (!fields.checkAll()) return;
    try {
      await whileBusy(button, message, s.saving, () =>
        read(
          api.admin.campaigns[':id'].sessions.$post(
            {
              param: { id: campaign.id },
              json: {
                startsAt: chinaInstant(startsAt.control.value),
                endsAt: chinaInstant(endsAt.control.value),
                venue: venue.control.value,
                address: address.control.value,
                ...(windowMinutes.control.value && { windowMinutes: Number(windowMinutes.control.value) }),
                slots: rows.map((row) => ({
                  role: row.role.control.value,
                  capacity: Number(row.capacity.control.value),
                  waitlist: row.waitlist.control.checked,
                })),
              },
            },
            { headers: { 'Idempotency-Key': key } },
          ),
        ),
      );
      onAdded();
    } catch (error) {
      showFailure(error, message, fields);
    }
  });
  return form;
}

export function campaignPage(context: PageContext) {
  const s = strings();
  const id = context.params.id!;
  return loadPage(
    context,
    async () => {
      const [staff, { campaign }] = await Promise.all([
        me(),
        read(api.admin.campaigns[':id'].$get({ param: { id } }, within(context.signal))),
      ]);
      return { staff, campaign };
    },
    ({ staff, campaign }) => {
      setPageTitle(campaign.title);
      const manage = canManage(staff.role);
      const quiz = campaign.kind === 'quiz';
      const added = context.query.get('added') === '1';
      // Said once: a reload or a later visit does not say it again.
      if (added) rewriteAddress(`/campaigns/${encodeURIComponent(id)}`);
      append(context.view, [
        backLink('/', s.campaignsTitle),
        h(
          'p',
          { class: `kind-${campaign.kind}` },
          h('span', { class: 'badge' }, s.kind[campaign.kind]),
          ' ',
          h('span', { class: `status-pill status-pill-${campaign.status}` }, s.campaignStatus[campaign.status]),
        ),
        h('h1', null, campaign.title),
        h('p', { class: 'meta' }, `${s.dates(campaign.startsOn, campaign.endsOn)} · ${campaign.organization.name}`),
        quiz ? null : eligibilityLine(campaign.eligibility),
        campaign.summary ? h('p', null, campaign.summary) : null,
        tasks(campaign, staff),
      ]);
      if (quiz) return;
      append(context.view, [
        h('h2', { tabindex: -1 }, s.sessionsTitle),
        added ? h('p', { class: 'form-message form-message-ok', role: 'status' }, s.sessionAdded) : null,
        campaign.sessions.length === 0
          ? emptyNote(s.noSessions)
          : h('ul', { class: 'sessions' }, ...campaign.sessions.map((session) => sessionCard(session, manage))),
        manage
          ? newSessionForm(campaign, () => {
              // Drawn again from the API with the new session, the message by the list.
              rewriteAddress(href(`/campaigns/${encodeURIComponent(id)}`, { added: '1' }));
              void context.refresh().then(() => context.view.querySelector<HTMLElement>('h2[tabindex]')?.focus());
            })
          : null,
      ]);
    },
  );
}
