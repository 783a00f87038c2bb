// Loading a page's data: a visible "loading" line, a retry when the network is slow or gone,
// the sign-in page when the API says nobody is signed in, and a way elsewhere when it says no.
// Never a blank page.
import { ApiFailure } from './api.ts';
import { h, on, replaceContent } from './dom.ts';
import { failureNotice, refusalNotice } from './notices.ts';
import { currentPath, navigate, type PageContext } from './router.ts';
import { home, setPageTitle } from './shell.ts';
import { words } from './words.ts';

/** After this long a slow answer gets a retry button beside the loading line. */
const SLOW_MS = 6_000;

/** Sends the person to sign in, and back here afterwards. */
export function signInFirst(returnTo = currentPath()) {
  navigate(`/sign-in?next=${encodeURIComponent(returnTo)}`, { replace: true });
}

/**
 * Loads what the page needs, then draws it. A 401 leads to the sign-in page; an API failure
 * shows its message (with a retry when the network failed, a way out when the API answered);
 * a bug goes to the router.
 */
export async function loadPage<T>(context: PageContext, fetchData: () => Promise<T>, draw: (data: T) => void) {
  const { view, signal } = context;
  const s = words();
  const status = h('p', { class: 'status', role: 'status' }, s.loading);
  replaceContent(view, status);
  view.setAttribute('aria-busy', 'true');
  const slow = setTimeout(() => {
    status.textContent = s.sentences(s.loading, s.stillLoading);
    status.append(
      ' ',
      on(h('button', { type: 'button' }, s.retry), 'click', () => void context.refresh()),
    );
  }, SLOW_MS);
  try {
    const data = await fetchData();
    if (signal.aborted) return;
    view.textContent = '';
    draw(data);
    context.restoreScroll();
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ApiFailure && error.code === 'unauthenticated') return signInFirst();
    if (!(error instanceof ApiFailure)) throw error; // a bug: the router shows it with a retry
    replaceContent(
      view,
      error.answered
        ? refusalNotice(error.message, home())
        : failureNotice(error.message, () => void context.refresh()),
    );
  } finally {
    clearTimeout(slow);
    if (!signal.aborted) view.removeAttribute('aria-busy');
  }
}

/** An address no route knows. */
export function notFoundPage({ view }: PageContext) {
  const s = words();
  setPageTitle(s.notFoundTitle);
  const { href, label } = home();
  view.append(h('h1', null, s.notFoundTitle), h('p', null, s.notFoundText, ' ', h('a', { href }, label)));
}
