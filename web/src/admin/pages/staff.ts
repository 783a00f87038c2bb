// Staff accounts through their life, per organization: who they are, their role, whether they
// may still sign in and when they last did; another role, deactivation after the event (their
// sign-ins end at once), a password reset; and new accounts. Admins manage anyone but
// themselves; organizers their own organization's check-in volunteers. The API's refusals are
// said where they happened.
import type { InferResponseType } from 'hono/client';
import { ApiFailure, api, read, succeed, within } from '../../foundation/api.ts';
import { append, h, on, replaceContent } from '../../foundation/dom.ts';
import { choices, FieldList, selectField } from '../../foundation/fields.ts';
import { formMessage, sendingForm, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, navigate, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { listOrganizations } from '../organizations.ts';
import { canManage, me, myOrganization, notAllowed, type Staff } from '../login.ts';
import { emailField, passwordField } from '../staff-fields.ts';
import { strings, type Role } from '../strings.ts';
import { whenWords } from '../time.ts';

type Member = InferResponseType<typeof api.admin.staff.$get, 200>['items'][number];
type Organization = { id: string; name: string };

const roles: Role[] = ['checkin', 'organizer', 'admin'];

/** What `staff` may do to `member`'s account; nobody changes their own here (the API refuses it too). */
const mayManage = (staff: Staff, member: Member) =>
  member.id !== staff.id &&
  (staff.role === 'admin' ||
    (staff.role === 'organizer' && member.role === 'checkin' && member.organizationId === staff.organizationId));

/** Another role for the account (admins only: organizers have only one role to give). */
function roleForm(member: Member, onChanged: (member: Member, said: string) => void) {
  const s = strings();
  const role = selectField({
    path: 'role',
    label: s.roleOf(member.email),
    choices: choices(roles, (r) => s.role[r]),
    value: member.role,
  });
  const message = formMessage();
  const button = h('button', { type: 'submit' }, s.saveRole);
  const form = h('form', { class: 'capacity-form', novalidate: true }, role.element, button, message.element);
  on(form, 'submit', async (event) => {
    event.preventDefault();
    message.clear();
    const chosen = role.control.value as Role;
    if (chosen === member.role) return message.error(s.nothingChanged);
    try {
      const { staff: updated } = await whileBusy(button, message, s.saving, () =>
        read(api.admin.staff[':id'].$patch({ param: { id: member.id }, json: { role: chosen } })),
      );
      onChanged(updated, s.roleChanged(updated.email, updated.role));
    } catch (error) {
      showFailure(error, message, [role]);
    }
  });
  return form;
}

/** A new password for someone who forgot theirs; their sign-ins end. */
function passwordResetForm(member: Member) {
  const s = strings();
  const password = passwordField('new-password', { label: s.chosenPassword });
  const form = sendingForm(
    {
      fields: new FieldList([password]),
      label: s.setPassword,
      busy: s.saving,
      card: false,
      send: () =>
        succeed(
          api.admin.staff[':id'].password.$post({
            param: { id: member.id },
            json: { password: password.control.value },
          }),
        ),
      sent: (_, form, message) => {
        form.reset();
        message.ok(s.passwordReset(member.email));
      },
    },
    password.element,
  );
  return h('details', null, h('summary', { 'aria-label': s.resetPasswordOf(member.email) }, s.resetPassword), form);
}

/** Deactivating (after a confirmation that says their sign-ins end now) or reactivating. */
function activeButton(member: Member, onChanged: (member: Member, said: string) => void) {
  const s = strings();
  const deactivating = member.active;
  const message = formMessage();
  const button = h(
    'button',
    {
      type: 'button',
      class: deactivating ? 'button button-quiet' : 'button button-secondary',
      'aria-label': deactivating ? s.deactivateLabel(member.email) : s.reactivateLabel(member.email),
    },
    deactivating ? s.deactivate : s.reactivate,
  );
  on(button, 'click', async () => {
    if (!window.confirm(deactivating ? s.deactivateConfirm(member.email) : s.reactivateConfirm(member.email))) return;
    try {
      const { staff: updated } = await whileBusy(button, message, s.saving, () =>
        read(api.admin.staff[':id'].$patch({ param: { id: member.id }, json: { active: !deactivating } })),
      );
      onChanged(updated, deactivating ? s.deactivated(updated.email) : s.reactivated(updated.email));
    } catch (error) {
      showFailure(error, message);
    }
  });
  return h('div', { class: 'staff-active' }, button, message.element);
}

/** One account: email, role, state and last sign-in, and what the signed-in person may do to it. */
function staffItem(member: Member, staff: Staff, organizationName: (id: string | null) => string | null) {
  const item = h('li', { class: 'card staff-member' });
  const draw = (current: Member, said: string) => {
    const s = strings();
    const self = current.id === staff.id;
    const manage = mayManage(staff, current);
    const organization = staff.role === 'admin' ? organizationName(current.organizationId) : null;
    replaceContent(
      item,
      h('h3', null, current.email, self ? h('span', { class: 'meta' }, s.you) : null),
      h(
        'p',
        { class: 'meta' },
        h(
          'span',
          { class: current.active ? 'status-pill' : 'status-pill status-pill-closed' },
          current.active ? s.active : s.inactive,
        ),
        ` ${s.role[current.role]}${organization ? ` · ${organization}` : ''} · `,
        s.lastSignIn(current.lastSignInAt ? whenWords(current.lastSignInAt) : s.neverSignedIn),
      ),
      said ? h('p', { class: 'form-message form-message-ok', role: 'status', tabindex: -1 }, said) : null,
      self
        ? h('p', { class: 'hint' }, s.yourOwnRow, ' ', h('a', { href: href('/password') }, s.myPasswordTitle))
        : null,
      manage && staff.role === 'admin' ? roleForm(current, redraw) : null,
      manage ? activeButton(current, redraw) : null,
      manage ? passwordResetForm(current) : null,
    );
  };
  const redraw = (current: Member, said: string) => {
    draw(current, said);
    item.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
  };
  draw(member, '');
  return item;
}

/** A new account: organizers add check-in volunteers to their own organization, admins any role anywhere. */
function newStaffForm(
  staff: Staff,
  organizations: Organization[] | undefined,
  chosen: string | null,
  onAdded: () => void,
) {
  const s = strings();
  const fields = new FieldList();
  const email = fields.add(emailField('off'));
  const password = fields.add(passwordField('new-password'));
  const role = organizations
    ? fields.add(
        selectField({
          path: 'role',
          label: s.staffRole,
          choices: choices(roles, (r) => s.role[r]),
          value: 'checkin',
        }),
      )
    : null;
  const organization = organizations
    ? fields.add(
        selectField({
          path: 'organizationId',
          label: s.staffOrganization,
          hint: s.staffOrganizationHint,
          placeholder: s.choose,
          value: chosen,
          choices: organizations.map((o) => ({ value: o.id, label: o.name })),
        }),
      )
    : null;
  return sendingForm(
    {
      fields,
      label: s.addStaff,
      busy: s.saving,
      heading: s.addStaffTitle,
      send: () => {
        const chosenRole = (role?.control.value ?? 'checkin') as Role;
        const organizationId = organization ? organization.control.value || null : staff.organizationId;
        return read(
          api.admin.staff.$post({
            json: { email: String(email.value()), password: password.control.value, role: chosenRole, organizationId },
          }),
        );
      },
      sent: ({ staff: added }, form, message) => {
        form.reset();
        if (organization) organization.control.value = chosen ?? '';
        message.ok(s.staffAdded(added.email));
        onAdded();
      },
      failed: (error, message) => {
        // A taken email is about the email box, though the API says it without a field.
        if (error instanceof ApiFailure && error.code === 'email_taken') {
          email.showError(error.message);
          email.focus();
          return message.clear();
        }
        showFailure(error, message, fields);
      },
    },
    h('p', { class: 'hint' }, staff.role === 'admin' ? s.staffIntroAdmin : s.staffIntro),
    email.element,
    password.element,
    role?.element,
    organization?.element,
  );
}

/** For an admin: whose staff to show (one organization, or everyone). */
function organizationFilter(organizations: Organization[], chosen: string | null) {
  const s = strings();
  const organization = selectField({
    path: 'organizationId',
    label: s.staffFilter,
    placeholder: s.everyOrganization,
    value: chosen,
    choices: organizations.map((o) => ({ value: o.id, label: o.name })),
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    organization.element,
    h('button', { type: 'submit', class: 'button button-secondary' }, s.showStaff),
  );
  return on(form, 'submit', (event) => {
    event.preventDefault();
    navigate(href('/staff', { organizationId: organization.control.value || undefined }));
  });
}

export function staffPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.staffTitle);
  return loadPage(
    context,
    async () => {
      const staff = await me();
      if (!canManage(staff.role)) return { staff, organizations: [], members: [], chosen: null };
      // Organizers see their own organization's staff, whatever the address says.
      const chosen = staff.role === 'admin' ? context.query.get('organizationId') : staff.organizationId;
      const listStaff = () =>
        read(api.admin.staff.$get({ query: chosen ? { organizationId: chosen } : {} }, within(context.signal)));
      const [organizations, { items }] = await Promise.all([
        staff.role === 'admin' ? listOrganizations(context.signal) : myOrganization().then((own) => (own ? [own] : [])),
        listStaff(),
      ]);
      return { staff, organizations, members: items, chosen, listStaff };
    },
    ({ staff, organizations, members, chosen, listStaff }) => {
      const view = context.view;
      view.append(h('h1', null, s.staffTitle));
      if (!canManage(staff.role) || !listStaff) return void view.append(notAllowed());
      const admin = staff.role === 'admin';
      const names = new Map(organizations.map((o) => [o.id, o.name]));
      const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      const list = h('ul', { class: 'staff-list' });
      const empty = emptyNote(s.noStaff);
      const drawList = (items: Member[]) => {
        replaceContent(list, ...items.map((member) => staffItem(member, staff, nameOf)));
        empty.hidden = items.length > 0;
      };
      drawList(members);
      const chosenName = nameOf(chosen);
      append(view, [
        admin ? organizationFilter(organizations, chosen) : null,
        h('h2', null, chosenName ? s.staffOf(chosenName) : s.everyOrganization),
        empty,
        list,
        newStaffForm(staff, admin ? organizations : undefined, chosen, () =>
          // The list again from the API, with the new account in its place.
          listStaff().then(
            ({ items }) => drawList(items),
            () => void context.refresh(),
          ),
        ),
      ]);
    },
  );
}
