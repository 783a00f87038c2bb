// Loading a page's data: a visible "loading" line, a retry when the network is slow or gone,
// and a redirect to sign-in when the API says so. Never a blank page.
import { ApiFailure } from '../api.ts';
import { h, on, replaceContent } from '../dom.ts';
import { strings } from '../i18n.ts';
import { currentPath, navigate, type PageContext } from '../router.ts';
import { failureNotice } from './failure-notice.ts';

/** After this long a slow answer gets a retry button beside the loading line. */
const SLOW_MS = 6_000;

/** Sends the person to sign in, and back here afterwards. */
export function signInFirst(returnTo = currentPath()) {
  navigate(`/sign-in?next=${encodeURIComponent(returnTo)}`, { replace: true });
}

export async function loadPage<T>(context: PageContext, fetchData: () => Promise<T>, draw: (data: T) => void) {
  const { view, signal } = context;
  const s = strings();
  const status = h('p', { class: 'status', role: 'status' }, s.loading);
  replaceContent(view, status);
  view.setAttribute('aria-busy', 'true');
  const slow = setTimeout(() => {
    status.textContent = s.sentences(s.loading, s.stillLoading);
    status.append(' ', on(h('button', { type: 'button' }, s.retry), 'click', context.refresh));
  }, SLOW_MS);
  try {
    const data = await fetchData();
    if (signal.aborted) return;
    view.textContent = '';
    draw(data);
    context.restoreScroll();
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ApiFailure && error.status === 401) return signInFirst();
    if (!(error instanceof ApiFailure)) throw error; // a bug: the router shows it with a retry
    replaceContent(view, failureNotice(error.message, strings().retry, context.refresh));
  } finally {
    clearTimeout(slow);
    if (!signal.aborted) view.removeAttribute('aria-busy');
  }
}
