// Sign-in with a phone number and the code sent to it by SMS. The first sign-in creates the
// account. Errors appear next to the field they concern, in the person's language.
import { normalizePhone } from '../../../worker/domain/phone.ts';
import { api, ApiFailure, read } from '../foundation/api.ts';
import { FieldList, inputField } from '../foundation/fields.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { strings } from '../strings.ts';
import { afterSignIn, navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

/** A new code may be asked for after this long (the API allows one a minute). */
const RESEND_AFTER_SEC = 60;

export function signInPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.signInTitle);
  const next = afterSignIn(context.query.get('next'), '/me/sign-ups');

  const phoneFields = new FieldList();
  const phone = phoneFields.add(
    inputField({
      path: 'phone',
      label: s.phone,
      type: 'tel',
      required: true,
      attributes: { autocomplete: 'tel-national', inputmode: 'numeric', maxlength: 20 },
      validate: (value) => (normalizePhone(String(value)) ? null : s.phoneInvalid),
    }),
  );
  const sendButton = h('button', { type: 'submit', class: 'button' }, s.sendCode);
  const sent = h('div', { class: 'code-sent', role: 'status' });

  const codeFields = new FieldList();
  const code = codeFields.add(
    inputField({
      path: 'code',
      label: s.code,
      required: true,
      attributes: { autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 },
      validate: (value) => (/^\d{6}$/.test(String(value)) ? null : s.codeFormat),
    }),
  );
  const verifyButton = h('button', { type: 'submit', class: 'button' }, s.signIn);
  const codeForm = h('form', { class: 'form', novalidate: true, hidden: true }, code.element, verifyButton);

  let countdown: ReturnType<typeof setInterval> | undefined;
  context.signal.addEventListener('abort', () => clearInterval(countdown));
  /** The send button waits `seconds` and says how long. */
  function waitBeforeResend(seconds: number) {
    clearInterval(countdown);
    let left = seconds;
    const tick = () => {
      sendButton.disabled = left > 0;
      sendButton.textContent = left > 0 ? s.resendIn(left) : s.resendCode;
      if (left-- <= 0) clearInterval(countdown);
    };
    tick();
    countdown = setInterval(tick, 1000);
  }

  const phoneForm = on(
    h('form', { class: 'form', novalidate: true }, phone.element, sendButton, sent),
    'submit',
    async (event) => {
      event.preventDefault();
      if (sendButton.disabled || !phoneFields.checkAll()) return;
      sendButton.disabled = true;
      const label = sendButton.textContent;
      sendButton.textContent = s.sending;
      try {
        const answer = await read(api.auth.otp.$post({ json: { phone: String(phone.value()) } }));
        replaceContent(sent, h('p', null, s.codeSent(Math.round(answer.expiresIn / 60))));
        // Only local development and tests get the code in the answer; never a real deployment.
        if ('devCode' in answer && answer.devCode)
          sent.append(h('p', { class: 'dev-code' }, s.devCode, ' ', h('strong', null, answer.devCode)));
        codeForm.hidden = false;
        code.focus();
        waitBeforeResend(RESEND_AFTER_SEC);
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        const unplaced = phoneFields.showIssues(error.issues);
        if (!error.issues.length || unplaced.length)
          phone.showError(
            error.retryAfterSec ? s.sentences(error.message, s.tryAgainIn(error.retryAfterSec)) : error.message,
          );
        if (error.retryAfterSec) waitBeforeResend(error.retryAfterSec);
        else {
          sendButton.disabled = false;
          sendButton.textContent = label;
        }
      }
    },
  );

  on(codeForm, 'submit', async (event) => {
    event.preventDefault();
    if (verifyButton.disabled || !codeFields.checkAll()) return;
    verifyButton.disabled = true;
    try {
      await read(api.auth.verify.$post({ json: { phone: String(phone.value()), code: String(code.value()) } }));
      navigate(next, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      verifyButton.disabled = false;
      const unplaced = codeFields.showIssues(phoneFields.showIssues(error.issues));
      if (!error.issues.length || unplaced.length) {
        code.showError(error.message);
        code.focus();
      }
    }
  });

  context.view.append(h('h1', null, s.signInTitle), h('p', null, s.signInIntro), phoneForm, codeForm);
}
