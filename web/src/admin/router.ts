// Hash routing (/admin/#/campaigns/:id): the organizer app is one static page, so any of its
// addresses works without the Worker knowing them, and reloads land on the same screen.
import { matchRoute, runPage } from '../route-match.ts';
import { strings } from './strings.ts';

export interface AdminContext {
  /** Where the page draws itself; cleared before each page. */
  view: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the person leaves the page: its requests stop and it must not draw. */
  signal: AbortSignal;
  /** Draws this page again (retry, language switch). */
  refresh(): Promise<void>;
}

export type AdminPage = (context: AdminContext) => void | Promise<void>;

export interface AdminRoute {
  /** e.g. "/campaigns/:id"; a `:name` segment becomes params.name. */
  path: string;
  page: AdminPage;
}

let routes: AdminRoute[] = [];
let notFound: AdminPage;
let view: HTMLElement;
let beforeRender: () => void = () => {};
let current: AbortController | undefined;

/** The app's own path and query, from the hash: "#/campaigns/x?status=confirmed". */
function hashLocation() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?', 2);
  return { path, query: new URLSearchParams(search) };
}

function render(moveFocus: boolean): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { path, query } = hashLocation();
  const { page, params } = matchRoute(routes, path, notFound);
  view.textContent = '';
  beforeRender();
  const context: AdminContext = { view, params, query, signal: controller.signal, refresh: () => render(false) };
  if (moveFocus) {
    window.scrollTo(0, 0);
    view.focus({ preventScroll: true }); // a screen reader starts reading the new page
  }
  return runPage(view, controller.signal, () => page(context), strings(), context.refresh);
}

/** An app address for a link: `href('/campaigns/x')` → "#/campaigns/x". */
export const href = (path: string, query?: Record<string, string | undefined>) => {
  const search = new URLSearchParams(
    Object.entries(query ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
  ).toString();
  return `#${path}${search ? `?${search}` : ''}`;
};

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const target = to.startsWith('#') ? to : `#${to}`;
  if (location.hash === target) {
    void render(true);
    return;
  }
  if (options.replace) {
    history.replaceState(null, '', target);
    void render(true);
  } else {
    location.hash = target; // hashchange draws it
  }
}

/** The current app address, to come back to after signing in. */
const currentPath = () => location.hash.replace(/^#/, '') || '/';

/** Sends the person to sign in, and back here afterwards. */
export function signInFirst() {
  navigate(`/sign-in?next=${encodeURIComponent(currentPath())}`, { replace: true });
}

export function startRouter(options: {
  view: HTMLElement;
  routes: AdminRoute[];
  notFound: AdminPage;
  beforeRender: () => void;
}) {
  ({ view, routes, notFound, beforeRender } = options);
  window.addEventListener('hashchange', () => void render(true));
  return render(false);
}

/** Draws the current page again, e.g. in the other language. */
export const refresh = () => render(false);
