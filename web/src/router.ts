// History-API routing: real paths (the Worker serves the app for any of them), a back button
// that returns to the previous page and its scroll position, and focus moved to the new page.
import { strings } from './i18n.ts';
import { matchRoute, runPage } from './route-match.ts';

export interface PageContext {
  /** Where the page draws itself; cleared before each page. */
  view: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  /** What the page that navigated here passed along (e.g. "just booked"). */
  state: Record<string, unknown>;
  /** Aborted when the person leaves the page: its requests stop and it must not draw. */
  signal: AbortSignal;
  /** Draws this page again (retry, language switch). */
  refresh(): void;
  /** Scrolls to where the person was when they last left this page (after back). */
  restoreScroll(): void;
}

export type Page = (context: PageContext) => void | Promise<void>;

interface Route {
  /** e.g. "/campaigns/:id"; a `:name` segment becomes params.name. */
  path: string;
  page: Page;
}

interface HistoryState {
  depth?: number;
  scrollY?: number;
  [key: string]: unknown;
}

let routes: Route[] = [];
let fallback: Page;
let view: HTMLElement;
let onRender: () => void = () => {};
let current: AbortController | undefined;

const historyState = (): HistoryState => (history.state as HistoryState | null) ?? {};

function render(moveFocus: boolean): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { page, params } = matchRoute(routes, location.pathname, fallback);
  const savedScroll = historyState().scrollY ?? 0;
  view.textContent = '';
  onRender();
  const context: PageContext = {
    view,
    params,
    query: new URLSearchParams(location.search),
    state: historyState(),
    signal: controller.signal,
    refresh: () => render(false),
    restoreScroll: () => {
      if (!controller.signal.aborted) window.scrollTo(0, savedScroll);
    },
  };
  if (moveFocus) {
    window.scrollTo(0, 0);
    view.focus({ preventScroll: true }); // a screen reader starts reading the new page
  }
  return runPage(view, controller.signal, () => page(context), strings(), context.refresh);
}

function rememberScroll() {
  history.replaceState({ ...historyState(), scrollY: window.scrollY }, '');
}

export function navigate(to: string, options: { replace?: boolean; state?: Record<string, unknown> } = {}) {
  rememberScroll();
  const depth = (historyState().depth ?? 0) + (options.replace ? 0 : 1);
  const state: HistoryState = { ...options.state, depth };
  if (options.replace) history.replaceState(state, '', to);
  else history.pushState(state, '', to);
  render(true);
}

/** Goes back when there is an app page to go back to, else to `fallback` (a link opened directly). */
export function goBack(fallbackPath: string) {
  if ((historyState().depth ?? 0) > 0) history.back();
  else navigate(fallbackPath, { replace: true });
}

export const currentPath = () => location.pathname + location.search;

/** Follows same-origin links inside the app without reloading the page. */
function followLink(event: Event) {
  const click = event as MouseEvent;
  if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey)
    return;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (link.getAttribute('href')?.startsWith('#')) return; // a jump within the page (skip link)
  if (link.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
}

export function startRouter(options: { view: HTMLElement; routes: Route[]; notFound: Page; onRender: () => void }) {
  ({ view, routes, onRender } = options);
  fallback = options.notFound;
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual'; // pages load their content later
  document.addEventListener('click', followLink);
  window.addEventListener('popstate', () => render(true));
  if (historyState().depth === undefined) history.replaceState({ ...historyState(), depth: 0 }, '');
  render(false);
}

/** Draws the current page again, e.g. in another language; settles once it has drawn. */
export const refresh = () => render(false);
