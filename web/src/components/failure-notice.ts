// What a page shows instead of its content when loading failed: why, and a retry.
import { h, on } from '../dom.ts';

/** `retryLabel` in the app's own words: the citizen and organizer apps each have theirs. */
export function failureNotice(message: string, retryLabel: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, message),
    on(h('button', { type: 'button', class: 'button' }, retryLabel), 'click', retry),
  );
}
