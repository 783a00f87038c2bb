// Loading a page's data: a visible "loading" line, a retry when the network is slow or gone,
// and the sign-in page when the API says nobody is signed in. Never a blank page.
import { ApiFailure } from '../api.ts';
import { h, on, replaceContent } from '../dom.ts';
import { failureNotice } from '../components/failure-notice.ts';
import { href, signInFirst, type AdminContext } from './router.ts';
import { me, type Staff } from './session.ts';
import { strings } from './strings.ts';

/** After this long a slow answer gets a retry button beside the loading line. */
const SLOW_MS = 6_000;

/**
 * Loads what the page needs, with the signed-in staff member, then draws it. A 401 leads to
 * the sign-in page; an API failure shows its message (with a retry when the network failed,
 * not when the API answered); a bug goes to the router.
 */
export async function loadPage<T>(
  context: AdminContext,
  fetchData: (staff: Staff) => Promise<T>,
  draw: (data: T, staff: Staff) => void,
) {
  const { view, signal } = context;
  const s = strings();
  const status = h('p', { class: 'status', role: 'status' }, s.loading);
  replaceContent(view, status);
  view.setAttribute('aria-busy', 'true');
  const slow = setTimeout(() => {
    status.textContent = `${s.loading} ${s.stillLoading} `;
    status.append(on(h('button', { type: 'button' }, s.retry), 'click', () => void context.refresh()));
  }, SLOW_MS);
  try {
    const staff = await me();
    const data = await fetchData(staff);
    if (signal.aborted) return;
    view.textContent = '';
    draw(data, staff);
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ApiFailure && error.code === 'unauthenticated') return signInFirst();
    if (!(error instanceof ApiFailure)) throw error;
    // Not found or not allowed: asking again gets the same answer, so the way out is back.
    if (error.answered) {
      replaceContent(
        view,
        h(
          'div',
          { class: 'notice notice-error', role: 'alert' },
          h('p', null, error.message),
          h('p', null, h('a', { href: href('/') }, s.navCampaigns)),
        ),
      );
    } else {
      replaceContent(
        view,
        failureNotice(error.message, strings().retry, () => void context.refresh()),
      );
    }
  } finally {
    clearTimeout(slow);
    if (!signal.aborted) view.removeAttribute('aria-busy');
  }
}
