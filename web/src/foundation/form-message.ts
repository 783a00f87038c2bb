// The line beside a form's button that says how its action went ("Saved.", "No connection"),
// and the rules for getting there: one action at a time, the API's failure put where it belongs.
import { ApiFailure } from './api.ts';
import { type Child, h, on, uniqueId } from './dom.ts';
import { type Field, FieldList } from './fields.ts';
import { signInFirst } from './page.ts';
import { words } from './words.ts';

export interface FormMessage {
  element: HTMLElement;
  ok(text: string): void;
  error(text: string | null): void;
  busy(text: string): void;
  clear(): void;
}

/** Read out by screen readers when it changes; hidden while there is nothing to say. */
export function formMessage(): FormMessage {
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
  message: FormMessage,
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

/**
 * Puts a failed action's reason where it belongs: each of the API's issues next to the field
 * its path names (the first one focused), the rest, or the failure itself, in the message line.
 * A sign-in that ended meanwhile leads to the sign-in page; a bug is logged and said plainly.
 */
export function showFailure(error: unknown, message: FormMessage, fields: FieldList | Field[] = []) {
  if (!(error instanceof ApiFailure)) {
    console.error(error);
    return message.error(words().failed);
  }
  if (error.code === 'unauthenticated') return signInFirst();
  const list = fields instanceof FieldList ? fields : new FieldList(fields);
  const unplaced = list.showIssues(error.issues);
  const placedAll = error.issues.length > 0 && unplaced.length === 0;
  message.error(placedAll ? null : words().sentences(...(unplaced.length ? unplaced : [error]).map((e) => e.message)));
}

/** What a form that sends itself does (`sendingForm`). */
export interface Sending<T> {
  fields: FieldList;
  /** The button's label, and what the message line says while the form is being sent. */
  label: string;
  busy: string;
  /** A heading inside the form that names it (for screen readers too). */
  heading?: string;
  wideButton?: boolean;
  /** Drawn as a card of its own (default), or plain inside one. */
  card?: boolean;
  send(): Promise<T>;
  sent(answer: T, form: HTMLFormElement, message: FormMessage): void;
  /** Where a failure is shown; by default each issue at its field (`showFailure`). */
  failed?(error: unknown, message: FormMessage): void;
}

/**
 * A form card that sends itself: on submit the message line is cleared and every field checked,
 * then `send` runs with the button busy (one at a time) and `sent` gets its answer.
 */
export function sendingForm<T>(sending: Sending<T>, ...children: Child[]): HTMLFormElement {
  const message = formMessage();
  const button = h(
    'button',
    { type: 'submit', class: sending.wideButton ? 'button button-wide' : 'button' },
    sending.label,
  );
  const headingId = sending.heading === undefined ? undefined : uniqueId('form-heading');
  const form = h(
    'form',
    { class: sending.card === false ? 'form' : 'form card', novalidate: true, 'aria-labelledby': headingId },
    sending.heading === undefined ? null : h('h2', { id: headingId }, sending.heading),
    ...children,
    button,
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    message.clear();
    if (!sending.fields.checkAll()) return;
    let answer: T;
    try {
      answer = await whileBusy(button, message, sending.busy, sending.send);
    } catch (error) {
      if (sending.failed) return sending.failed(error, message);
      return showFailure(error, message, sending.fields);
    }
    sending.sent(answer, form, message);
  });
  return form;
}
