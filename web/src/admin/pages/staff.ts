// Adding staff: organizers open accounts for their organization's check-in volunteers; platform
// admins add any role to any organization. The API's refusals land by the field they concern.
import { ApiFailure, api, read } from '../../foundation/api.ts';
import { h, on } from '../../foundation/dom.ts';
import { choices, FieldList, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import type { PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { meAndOrganizations } from '../organizations.ts';
import { canManage, notAllowed, type Staff } from '../session.ts';
import { emailField, passwordField } from '../staff-fields.ts';
import { strings, type Role } from '../strings.ts';

const roles: Role[] = ['checkin', 'organizer', 'admin'];

function staffForm(staff: Staff, organizations: { id: string; name: string }[] | undefined) {
  const s = strings();
  const fields = new FieldList();
  const email = fields.add(emailField('off'));
  const password = fields.add(passwordField('new-password'));
  // Organizers add check-in volunteers to their own organization: nothing to choose.
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
          choices: organizations.map((o) => ({ value: o.id, label: o.name })),
        }),
      )
    : null;
  const message = formMessage();
  const button = h('button', { type: 'submit', class: 'button' }, s.addStaff);
  const form = h(
    'form',
    { class: 'form card', novalidate: true, 'aria-label': s.staffTitle },
    email.element,
    password.element,
    role?.element,
    organization?.element,
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    message.clear();
    if (!fields.checkAll()) return;
    const chosenRole = (role?.control.value ?? 'checkin') as Role;
    const organizationId = organization ? organization.control.value || null : staff.organizationId;
    try {
      const { staff: added } = await whileBusy(button, message, s.saving, () =>
        read(
          api.admin.staff.$post({
            json: { email: String(email.value()), password: password.control.value, role: chosenRole, organizationId },
          }),
        ),
      );
      form.reset();
      message.ok(s.staffAdded(added.email));
    } catch (error) {
      // A taken email is about the email box, though the API says it without a field.
      if (error instanceof ApiFailure && error.code === 'email_taken') {
        email.showError(error.message);
        email.focus();
        return message.clear();
      }
      showFailure(error, message, fields);
    }
  });
  return form;
}

export function staffPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.staffTitle);
  return loadPage(
    context,
    () => meAndOrganizations(context.signal),
    ({ staff, organizations }) => {
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
