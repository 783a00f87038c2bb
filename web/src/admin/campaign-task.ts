// A page about one campaign's task (its roster, statistics, quiz, editing it): the campaign and
// who is signed in come with the page's own data, and the page opens with the way back to the
// campaign and its own heading.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { h } from '../foundation/dom.ts';
import { loadPage } from '../foundation/page.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { me, type Staff } from './login.ts';

export type Campaign = InferResponseType<(typeof api.admin.campaigns)[':id']['$get'], 200>['campaign'];

export function campaignTaskPage<T = undefined>(
  context: PageContext,
  task: {
    title: string;
    /** What the task needs besides the campaign, fetched alongside it. */
    load?: (staff: Staff) => Promise<T>;
    draw: (page: { campaign: Campaign; staff: Staff; data: T }) => void;
  },
) {
  const id = context.params.id!;
  setPageTitle(task.title);
  return loadPage(
    context,
    async () => {
      const staff = await me();
      const [{ campaign }, data] = await Promise.all([
        read(api.admin.campaigns[':id'].$get({ param: { id } }, within(context.signal))),
        task.load?.(staff) as Promise<T>,
      ]);
      return { campaign, staff, data };
    },
    (page) => {
      setPageTitle(`${task.title}: ${page.campaign.title}`);
      context.view.append(
        backLink(`/campaigns/${encodeURIComponent(id)}`, page.campaign.title),
        h('h1', null, task.title),
      );
      task.draw(page);
    },
  );
}
