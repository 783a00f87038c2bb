// Adding staff: organizers open accounts for their organization's check-in volunteers; platform
// admins add any role to any organization. The API's refusals land by the field they concern.
import { ApiFailure, api, read } from '../../api.ts';
import { h, on } from '../../dom.ts';
import { loadPage } from '../load.ts';
import { knownOrganizations } from '../organizations.ts';
import type { AdminContext } from '../router.ts';
import { canManage, type Staff } from '../session.ts';
import { strings, type Role } from '../strings.ts';
import {
  actionMessage,
  field,
  input,
  notAllowed,
  select,
  setPageTitle,
  showFailure,
  whileBusy,
  type Field,
} from '../ui.ts';

const roles: Role[] = ['checkin', 'organizer', 'admin'];
const MIN_PASSWORD = 10;

function staffForm(staff: Staff, organizations: { id: string; name: string }[] | undefined) {
  const s = strings();
  const fields: Field[] = [];
  const add = <F extends Field>(f: F) => (fields.push(f), f);
  const email = add(
    field(
      'email',
      s.email,
      input({ type: 'email', autocomplete: 'off', spellcheck: false, maxlength: 254, required: true }),
    ),
  );
  const password = add(
    field(
      'password',
      s.newPassword,
      input({
        type: 'password',
        autocomplete: 'new-password',
        minlength: MIN_PASSWORD,
        maxlength: 256,
        required: true,
      }),
      {
        hint: s.newPasswordHint,
      },
    ),
  );
  // Organizers add check-in volunteers to their own organization: nothing to choose.
  const role = organizations
    ? add(
        field(
          'role',
          s.staffRole,
          select(
            roles.map((r) => [r, s.role[r]]),
            'checkin',
          ),
        ),
      )
    : null;
  const organization = organizations
    ? add(
        field(
          'organizationId',
          s.staffOrganization,
          select([['', s.choose], ...organizations.map((o): [string, string] => [o.id, o.name])]),
          { hint: s.staffOrganizationHint },
        ),
      )
    : null;
  const message = actionMessage();
  const button = h('button', { type: 'submit', class: 'button' }, s.addStaff);
  const form = h(
    'form',
    { class: 'form card', novalidate: true, 'aria-label': s.staffTitle },
    ...fields.map((f) => f.element),
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    const problems: [Field, string][] = [];
    if (!email.control.value.trim()) problems.push([email, s.required]);
    if (password.control.value.length < MIN_PASSWORD)
      problems.push([password, password.control.value ? s.passwordShort : s.required]);
    for (const [f, text] of problems) f.showError(text);
    if (problems[0]) {
      problems[0][0].control.focus();
      return message.clear();
    }
    const chosenRole = (role?.control.value ?? 'checkin') as Role;
    const organizationId = organization ? organization.control.value || null : staff.organizationId;
    try {
      const { staff: added } = await whileBusy(button, message, s.saving, () =>
        read(
          api.admin.staff.$post({
            json: {
              email: email.control.value.trim(),
              password: password.control.value,
              role: chosenRole,
              organizationId,
            },
          }),
        ),
      );
      form.reset();
      message.ok(s.staffAdded(added.email));
    } catch (error) {
      // A taken email is about the email box, though the API says it without a field.
      if (error instanceof ApiFailure && error.code === 'email_taken') {
        email.showError(error.message);
        email.control.focus();
        return message.clear();
      }
      showFailure(error, fields, message);
    }
  });
  return form;
}

export function staffPage(context: AdminContext) {
  const s = strings();
  setPageTitle(s.staffTitle);
  return loadPage(
    context,
    async (staff) => (staff.role === 'admin' ? knownOrganizations(context.signal) : undefined),
    (organizations, staff) => {
      const view = context.view;
      view.append(h('h1', null, s.staffTitle));
      if (!canManage(staff.role)) return void view.append(notAllowed());
      view.append(
        h('p', null, staff.role === 'admin' ? s.staffIntroAdmin : s.staffIntro),
        staffForm(staff, organizations),
      );
    },
  );
}
