// The fields of a staff account: its email, and a password to sign in with or a new one.
import { inputField } from '../foundation/fields.ts';
import { strings } from './strings.ts';

/** The API's shortest password, said before sending. */
const MIN_PASSWORD = 10;

/** A staff member's email: theirs to sign in with (`username`), or a new account's (`off`). */
export const emailField = (autocomplete: 'username' | 'off') =>
  inputField({
    path: 'email',
    label: strings().email,
    type: 'email',
    required: true,
    attributes: { autocomplete, spellcheck: false, maxlength: 254 },
  });

/**
 * The password to sign in with, or a new one (at least 10 characters): a first password, a reset
 * one or one's own new one, each with its own label and hint, under the path the API names.
 */
export function passwordField(
  purpose: 'current-password' | 'new-password',
  options: { path?: string; label?: string; hint?: string } = {},
) {
  const s = strings();
  const current = purpose === 'current-password';
  return inputField({
    path: options.path ?? 'password',
    label: options.label ?? (current ? s.password : s.newPassword),
    type: 'password',
    required: true,
    hint: current ? undefined : (options.hint ?? s.newPasswordHint),
    attributes: { autocomplete: purpose, maxlength: 256, ...(!current && { minlength: MIN_PASSWORD }) },
    validate: (value) => (!current && String(value).length < MIN_PASSWORD ? s.passwordShort : null),
  });
}
