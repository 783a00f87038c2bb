// Small building blocks of the organizer pages: loading with a retry (never a blank page),
// labelled fields with their error line, and a message line beside each action.
import { ApiFailure } from '../api.ts';
import { h, on, uniqueId } from '../dom.ts';
import { href, signInFirst } from './router.ts';
import { strings } from './strings.ts';

export function setPageTitle(title: string) {
  document.title = `${title} · ${strings().title}`;
}

/** "← Where this page belongs", at the top of a page. */
export const backLink = (path: string, label: string) => h('a', { class: 'back', href: href(path) }, `← ${label}`);

/** Said instead of a page this role may not use (the API would refuse it anyway). */
export const notAllowed = () => h('p', { class: 'notice notice-error', role: 'alert' }, strings().notAllowed);

/** The message to show for a failed call: the API's own (translated), or "try again". */
export const messageOf = (error: unknown) => (error instanceof ApiFailure ? error.message : strings().failed);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<C extends Control = Control> {
  /** The API's name for this field in `issues`. */
  path: string;
  element: HTMLElement;
  control: C;
  showError(message: string | null): void;
}

/** A control with a visible label, an optional hint and its own error line, tied by aria-describedby. */
export function field<C extends Control>(
  path: string,
  label: string,
  control: C,
  options: { hint?: string; optional?: boolean } = {},
): Field<C> {
  control.id ||= uniqueId('field');
  control.name ||= path;
  const hintId = options.hint ? uniqueId('hint') : undefined;
  const errorId = uniqueId('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const element = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: control.id },
      label,
      options.optional ? h('span', { class: 'optional' }, ` ${strings().optional}`) : null,
    ),
    hintId ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    control,
    error,
  );
  const showError = (message: string | null) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  on(control, 'input', () => showError(null));
  return { path, element, control, showError };
}

export const input = (attributes: Record<string, string | number | boolean | undefined> = {}) =>
  h('input', { type: 'text', ...attributes });

export function select(
  options: [value: string, label: string][],
  selected?: string,
  attributes: Record<string, string | boolean> = {},
) {
  return h(
    'select',
    attributes,
    ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

/**
 * Puts an API failure where it belongs: each issue next to the field its path names, the rest
 * (or the failure itself) in the action's message line. Focuses the first field with a problem.
 * A session that ended meanwhile leads to the sign-in page.
 */
export function showFailure(error: unknown, fields: Field[], message: ActionMessage) {
  if (error instanceof ApiFailure && error.code === 'unauthenticated') return signInFirst(); // signed out meanwhile
  const issues = error instanceof ApiFailure ? error.issues : [];
  let placed = false;
  // The field the issue names, else the one it lies within (questions.0.options → questions.0).
  const fieldFor = (path: string) =>
    fields.find((candidate) => candidate.path === path) ??
    fields.find((candidate) => candidate.path && path.startsWith(`${candidate.path}.`));
  for (const issue of issues) {
    const target = fieldFor(issue.path);
    if (!target) continue;
    target.showError(issue.message);
    if (!placed) target.control.focus();
    placed = true;
  }
  const unplaced = issues.filter((issue) => !fieldFor(issue.path));
  message.error(unplaced.length ? unplaced.map((issue) => issue.message).join(' ') : placed ? null : messageOf(error));
}

export interface ActionMessage {
  element: HTMLElement;
  ok(text: string): void;
  error(text: string | null): void;
  busy(text: string): void;
  clear(): void;
}

/** The line beside an action's button that says how it went, read out by screen readers. */
export function actionMessage(): ActionMessage {
  const element = h('p', { class: 'form-message', role: 'status', hidden: true });
  const show = (text: string | null, kind: string) => {
    element.textContent = text ?? '';
    element.hidden = !text;
    element.className = `form-message${kind ? ` form-message-${kind}` : ''}`;
  };
  return {
    element,
    ok: (text) => show(text, 'ok'),
    error: (text) => show(text, 'error'),
    busy: (text) => show(text, ''),
    clear: () => show(null, ''),
  };
}

/** Runs a button's action once at a time: disabled and saying so while it runs. */
export async function whileBusy<T>(
  button: HTMLButtonElement,
  message: ActionMessage,
  busyText: string,
  action: () => Promise<T>,
): Promise<T> {
  button.disabled = true;
  message.busy(busyText);
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}

/** "2026-06-14T09:00:00+08:00" → "2026-06-14 09:00" (China time, as the API writes it). */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');
