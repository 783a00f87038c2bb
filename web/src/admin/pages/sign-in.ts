// Staff sign in with email and password; then back to the page that asked (or the campaigns).
import { api, read } from '../../api.ts';
import { h, on } from '../../dom.ts';
import { navigate, type AdminContext } from '../router.ts';
import { forgetSignIn } from '../session.ts';
import { strings } from '../strings.ts';
import { actionMessage, field, input, setPageTitle, showFailure, whileBusy } from '../ui.ts';

/** Only an app address: a `next` pointing elsewhere is ignored. */
const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : '/';

export function signInPage({ view, query }: AdminContext) {
  const s = strings();
  setPageTitle(s.signInTitle);
  const email = field(
    'email',
    s.email,
    input({ type: 'email', autocomplete: 'username', required: true, spellcheck: false }),
  );
  const password = field(
    'password',
    s.password,
    input({ type: 'password', autocomplete: 'current-password', required: true }),
  );
  const message = actionMessage();
  const button = h('button', { type: 'submit', class: 'button button-wide' }, s.signIn);
  const form = h(
    'form',
    { class: 'form card', novalidate: true },
    email.element,
    password.element,
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    let ok = true;
    for (const required of [password, email]) {
      if (required.control.value.trim()) continue;
      required.showError(s.required);
      required.control.focus();
      ok = false;
    }
    if (!ok) return message.clear();
    try {
      await whileBusy(button, message, s.signingIn, () =>
        read(
          api.admin.auth.login.$post({ json: { email: email.control.value.trim(), password: password.control.value } }),
        ),
      );
      forgetSignIn(); // the next page asks who this is, with their organization
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (error) {
      showFailure(error, [email, password], message);
    }
  });
  view.append(
    h('h1', null, s.signInTitle),
    h('p', null, s.signInIntro),
    form,
    h('p', null, h('a', { href: '/' }, s.citizenApp)),
  );
}
