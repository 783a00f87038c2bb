// The router of both apps: real History-API entries, so the back button returns to the previous
// page and its scroll position, and focus moves to the new page for screen readers.
// The citizen app's addresses are paths (the Worker serves it for any of them); the organizer
// app is one static page, so its addresses live after the # (/admin/#/campaigns/:id) and any of
// them works, and reloads, without the Worker knowing them.
import { replaceContent } from './dom.ts';
import { failureNotice } from './notices.ts';
import { words } from './words.ts';

/**
 * Where to go after signing in: `next` when it is a path of this app other than the sign-in page
 * itself, else `fallback`. A link must not send people elsewhere (`//host`, `https:`) once signed in.
 */
export function afterSignIn(next: string | null, fallback: string): string {
  return next?.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : fallback;
}

export interface PageContext {
  /** Where the page draws itself; cleared before each page. */
  view: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  /** What the page that navigated here passed along (e.g. "just booked"). */
  state: Record<string, unknown>;
  /** Aborted when the person leaves the page: its requests stop and it must not draw. */
  signal: AbortSignal;
  /** Draws this page again (retry, language switch); settles once it has drawn. */
  refresh(): Promise<void>;
  /** Scrolls to where the person was when they last left this page (after back). */
  restoreScroll(): void;
}

export type Page = (context: PageContext) => void | Promise<void>;

export interface Route {
  /** e.g. "/campaigns/:id"; a `:name` segment becomes params.name. */
  path: string;
  page: Page;
}

interface HistoryState {
  /** How many of this app's pages lie behind this one in the tab's history. */
  depth?: number;
  /** The app address of the page before this one, for a back link that returns to it. */
  previous?: string;
  scrollY?: number;
  [key: string]: unknown;
}

let routes: Route[] = [];
let notFound: Page;
let view: HTMLElement;
let beforeRender: () => void = () => {};
let inHash = false;
let current: AbortController | undefined;

const historyState = (): HistoryState => (history.state as HistoryState | null) ?? {};

/** The app's own address, "/campaigns/x?status=confirmed": the path, or what follows the #. */
export function currentPath(): string {
  if (!inHash) return location.pathname + location.search;
  return location.hash.replace(/^#/, '') || '/';
}

/** An address for a link: `href('/campaigns/x', { status })` → "/campaigns/x?status=…" (or "#/campaigns/x…"). */
export function href(path: string, query?: Record<string, string | undefined>): string {
  const search = new URLSearchParams(
    Object.entries(query ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
  ).toString();
  return `${inHash ? '#' : ''}${path}${search ? `?${search}` : ''}`;
}

/** An app address from a link's href or a page's `href()`: without the organizer app's #. */
const appAddress = (to: string) => to.replace(/^#/, '');

/** The first route whose pattern fits the path, with its decoded parameters. */
function matchRoute(pathname: string): { page: Page; params: Record<string, string> } {
  const parts = pathname.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const part = parts[index]!;
      if (!segment.startsWith(':')) return segment === part;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { page: route.page, params };
  }
  return { page: notFound, params: {} };
}

function render(moveFocus: boolean): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const [path = '/', search = ''] = currentPath().split('?', 2);
  const { page, params } = matchRoute(path);
  const savedScroll = historyState().scrollY ?? 0;
  view.textContent = '';
  beforeRender();
  const context: PageContext = {
    view,
    params,
    query: new URLSearchParams(search),
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
  // A page that throws (a bug) and was not left for another says so, with a retry.
  return Promise.resolve()
    .then(() => page(context))
    .catch((error: unknown) => {
      if (controller.signal.aborted) return;
      console.error(error);
      replaceContent(view, failureNotice(words().failed, context.refresh));
    });
}

function rememberScroll() {
  history.replaceState({ ...historyState(), scrollY: window.scrollY }, '');
}

/** Opens an app address (a path, or a `href()`); `replace` when the current page should not come back. */
export function navigate(to: string, options: { replace?: boolean; state?: Record<string, unknown> } = {}) {
  const address = appAddress(to);
  const from = currentPath();
  // The same address again draws the page anew without a second history entry.
  const replace = options.replace || address === from;
  rememberScroll();
  const depth = (historyState().depth ?? 0) + (replace ? 0 : 1);
  const previous = replace ? historyState().previous : from;
  const state: HistoryState = { ...options.state, depth, previous };
  const url = inHash ? `#${address}` : address;
  if (replace) history.replaceState(state, '', url);
  else history.pushState(state, '', url);
  void render(true);
}

/** Changes the address shown (and kept for a reload) without drawing the page again. */
export function rewriteAddress(to: string) {
  history.replaceState(historyState(), '', inHash ? `#${appAddress(to)}` : appAddress(to));
}

/**
 * Goes back when the page before was `parent` (the list keeps its scroll position and filter),
 * else opens `parent`: a link opened directly (shared in WeChat) still leads somewhere sensible.
 */
export function goBack(parent: string) {
  const previous = historyState().previous?.split('?')[0];
  if ((historyState().depth ?? 0) > 0 && previous === appAddress(parent).split('?')[0]) history.back();
  else navigate(parent);
}

/** Follows this app's links without reloading the page. */
function followLink(event: Event) {
  const click = event as MouseEvent;
  if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey)
    return;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  const written = link.getAttribute('href') ?? '';
  if (inHash) {
    if (!written.startsWith('#/') || link.pathname !== location.pathname) return; // the citizen app, or a jump
  } else if (written.startsWith('#') || link.pathname.startsWith('/api/') || link.pathname.startsWith('/admin/')) {
    return; // a jump within the page, a download, or the other app
  }
  event.preventDefault();
  navigate(inHash ? written : link.pathname + link.search);
}

export function startRouter(options: {
  view: HTMLElement;
  routes: Route[];
  notFound: Page;
  /** Before each page: the frame shows the page's section. */
  beforeRender: () => void;
  /** The organizer app's addresses follow the # (see the top of this file). */
  addresses: 'path' | 'hash';
}): Promise<void> {
  ({ view, routes, notFound, beforeRender } = options);
  inHash = options.addresses === 'hash';
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual'; // pages load their content later
  document.addEventListener('click', followLink);
  // Back, forward, and an address typed after the # all change the history entry.
  window.addEventListener('popstate', () => void render(true));
  if (historyState().depth === undefined) history.replaceState({ ...historyState(), depth: 0 }, '');
  return render(false);
}

/** Draws the current page again, e.g. in the other language; settles once it has drawn. */
export const refresh = () => render(false);
