// What a page says instead of (or above) its content: a failure with a retry, a plain notice,
// an empty list. Text only, never markup from the API.
import { h, on } from './dom.ts';
import { words } from './words.ts';

/** Loading failed: why, and a retry (the network may come back). */
export function failureNotice(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, message),
    on(h('button', { type: 'button', class: 'button' }, words().retry), 'click', retry),
  );
}

/**
 * The API answered "no" (not found, not allowed): asking again gets the same answer, so the
 * way forward is a link elsewhere rather than a retry.
 */
export function refusalNotice(message: string, wayOut: { href: string; label: string }): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, message),
    h('p', null, h('a', { href: wayOut.href }, wayOut.label)),
  );
}

/** A short note above or instead of a form: "this session has started", "the list is full". */
export const notice = (text: string) => h('p', { class: 'notice' }, text);

/** What stands where a list would be when it has nothing (yet). */
export const emptyNote = (...text: (string | Node)[]) => h('p', { class: 'status' }, ...text);
