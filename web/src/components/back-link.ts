// "← Back" that behaves like the phone's back button when the previous page is ours, and
// goes to a sensible parent page when the link was opened directly (shared in WeChat).
import { h, on } from '../dom.ts';
import { goBack } from '../router.ts';

export function backLink(label: string, fallbackPath: string): HTMLElement {
  return on(h('a', { href: fallbackPath, class: 'back' }, `← ${label}`), 'click', (event) => {
    event.preventDefault();
    goBack(fallbackPath);
  });
}
