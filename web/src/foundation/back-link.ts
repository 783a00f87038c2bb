// "← Where this page belongs", at the top of a page. It behaves like the phone's back button
// when the page before was that one (the list keeps its place), and opens it otherwise (a link
// opened directly, shared in WeChat).
import { h, on } from './dom.ts';
import { goBack, href } from './router.ts';

export function backLink(parentPath: string, label: string): HTMLElement {
  return on(h('a', { href: href(parentPath), class: 'back' }, `← ${label}`), 'click', (event) => {
    event.preventDefault();
    goBack(parentPath);
  });
}
