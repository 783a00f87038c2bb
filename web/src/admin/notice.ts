// What a page shows instead of its content when loading failed: why, and a retry.
import { h, on } from '../dom.ts';
import { strings } from './strings.ts';

export function failureNotice(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, message),
    on(h('button', { type: 'button', class: 'button' }, strings().retry), 'click', retry),
  );
}
