// What both web apps' routers do alike: find the page for a path, and run it so that a bug in
// it still leaves the person a way forward.
import { failureNotice } from './components/failure-notice.ts';
import { replaceContent } from './dom.ts';

/** The first route whose pattern (`/campaigns/:id`) fits the path, with its decoded parameters. */
export function matchRoute<P>(
  routes: readonly { path: string; page: P }[],
  pathname: string,
  fallback: P,
): { page: P; params: Record<string, string> } {
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
  return { page: fallback, params: {} };
}

/** Runs a page; if it throws (a bug) and was not left for another, the view says so with a retry. */
export function runPage(
  view: HTMLElement,
  signal: AbortSignal,
  page: () => unknown,
  words: { failed: string; retry: string },
  refresh: () => void,
): Promise<void> {
  return Promise.resolve()
    .then(page)
    .then(() => undefined)
    .catch((error: unknown) => {
      if (signal.aborted) return;
      console.error(error);
      replaceContent(view, failureNotice(words.failed, words.retry, refresh));
    });
}
