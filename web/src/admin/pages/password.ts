// Changing one's own password, with the current one, for everyone signed in (opened from the
// bar under the title). The other devices' sign-ins end; this one stays signed in.
import { api, succeed } from '../../foundation/api.ts';
import { h } from '../../foundation/dom.ts';
import { FieldList } from '../../foundation/fields.ts';
import { sendingForm } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import type { PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { me } from '../login.ts';
import { passwordField } from '../staff-fields.ts';
import { strings } from '../strings.ts';

export function passwordPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.myPasswordTitle);
  return loadPage(context, me, (staff) => {
    const fields = new FieldList();
    const current = fields.add(
      passwordField('current-password', { path: 'currentPassword', label: s.currentPassword }),
    );
    const chosen = fields.add(
      passwordField('new-password', { path: 'newPassword', label: s.chosenPassword, hint: s.chosenPasswordHint }),
    );
    // The email lets a password manager file the new password under the right account.
    const username = h('input', {
      type: 'email',
      value: staff.email,
      autocomplete: 'username',
      hidden: true,
      readonly: true,
    });
    const form = sendingForm(
      {
        fields,
        label: s.changePassword,
        busy: s.saving,
        send: () =>
          succeed(
            api.admin.auth.password.$post({
              json: { currentPassword: current.control.value, newPassword: chosen.control.value },
            }),
          ),
        sent: (_, form, message) => {
          form.reset();
          message.ok(s.passwordChanged);
        },
      },
      username,
      current.element,
      chosen.element,
    );
    context.view.append(h('h1', null, s.myPasswordTitle), h('p', null, s.myPasswordIntro), form);
  });
}
