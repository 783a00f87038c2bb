// Download buttons (a roster's CSV and Excel, the donor list): plain links the browser follows
// with its cookie, answered with Content-Disposition. A generated blob: download would fail
// inside WeChat's browser.
import { h } from '../foundation/dom.ts';

export function downloads(links: { href: string; label: string }[], hint: string): HTMLElement {
  return h(
    'div',
    { class: 'exports' },
    h(
      'div',
      { class: 'actions' },
      ...links.map((link, index) =>
        h(
          'a',
          { class: index === 0 ? 'button' : 'button button-secondary', href: link.href, download: '' },
          link.label,
        ),
      ),
    ),
    h('p', { class: 'hint' }, hint),
  );
}
