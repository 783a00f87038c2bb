// Staff sign in with email and password; then back to the page that asked (or the campaigns).
import { api, read } from '../../foundation/api.ts';
import { h } from '../../foundation/dom.ts';
import { FieldList } from '../../foundation/fields.ts';
import { sendingForm } from '../../foundation/form-message.ts';
import { afterSignIn, navigate, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { forgetSignIn } from '../login.ts';
import { emailField, passwordField } from '../staff-fields.ts';
import { strings } from '../strings.ts';

export function signInPage({ view, query }: PageContext) {
  const s = strings();
  setPageTitle(s.signInTitle);
  const fields = new FieldList();
  const email = fields.add(emailField('username'));
  const password = fields.add(passwordField('current-password'));
  const form = sendingForm(
    {
      fields,
      label: s.signIn,
      busy: s.signingIn,
      wideButton: true,
      send: () =>
        read(api.admin.auth.login.$post({ json: { email: String(email.value()), password: password.control.value } })),
      sent: () => {
        forgetSignIn(); // the next page asks who this is, with their organization
        navigate(afterSignIn(query.get('next'), '/'), { replace: true });
      },
    },
    email.element,
    password.element,
  );
  view.append(
    h('h1', null, s.signInTitle),
    h('p', null, s.signInIntro),
    form,
    h('p', null, h('a', { href: '/' }, s.citizenApp)),
  );
}
