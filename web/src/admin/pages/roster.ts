// The live roster: filters by status and session, pages by cursor ("load more"), and the
// CSV/Excel exports of the same filter as plain download links (the browser sends the cookie).
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../api.ts';
import { h, on } from '../../dom.ts';
import { loadPage } from '../load.ts';
import { pagedList } from '../paged-list.ts';
import { href, navigate, type AdminContext } from '../router.ts';
import { canManage } from '../session.ts';
import { strings, type RegistrationStatus } from '../strings.ts';
import { backLink, field, notAllowed, select, setPageTitle, shortTime } from '../ui.ts';

type Item = InferResponseType<(typeof api.admin.campaigns)[':id']['registrations']['$get'], 200>['items'][number];

const statuses: RegistrationStatus[] = ['confirmed', 'waitlisted', 'checked_in', 'no_show', 'cancelled'];
const PAGE_SIZE = '50';

/** The export's address with the roster's filter. */
function exportUrl(id: string, format: 'csv' | 'xlsx', filter: { status?: string; sessionId?: string }) {
  const query = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]),
  ).toString();
  return `/api/admin/campaigns/${encodeURIComponent(id)}/registrations.${format}${query ? `?${query}` : ''}`;
}

function row(item: Item) {
  const s = strings();
  return h(
    'li',
    { class: 'roster-row' },
    h('div', { class: 'roster-who' }, h('strong', null, item.name ?? '—'), h('span', { class: 'meta' }, item.phone)),
    h('span', { class: `status-badge status-${item.status}` }, s.registrationStatus[item.status]),
    h(
      'dl',
      { class: 'facts roster-facts' },
      h('div', null, h('dt', null, s.bookingCode), h('dd', { class: 'code' }, item.code)),
      h(
        'div',
        null,
        h('dt', null, s.session),
        h('dd', null, `${shortTime(item.session.startsAt)} · ${item.session.venue}`),
      ),
      h('div', null, h('dt', null, s.slot), h('dd', null, item.slot.role)),
      item.bloodType ? h('div', null, h('dt', null, s.bloodType), h('dd', null, item.bloodType)) : null,
      h('div', null, h('dt', null, s.signedUpAt), h('dd', null, shortTime(item.createdAt))),
    ),
  );
}

export function rosterPage(context: AdminContext) {
  const s = strings();
  const id = context.params.id!;
  const status = statuses.find((candidate) => candidate === context.query.get('status'));
  const sessionId = context.query.get('sessionId') || undefined;
  const fetchPage = (cursor?: string) =>
    read(
      api.admin.campaigns[':id'].registrations.$get(
        { param: { id }, query: { status, sessionId, cursor, limit: PAGE_SIZE } },
        within(context.signal),
      ),
    );
  return loadPage(
    context,
    async (staff) => {
      // Check-in volunteers may not see the roster: not asked for, only said so.
      const [{ campaign }, page] = await Promise.all([
        read(api.admin.campaigns[':id'].$get({ param: { id } }, within(context.signal))),
        canManage(staff.role) ? fetchPage() : null,
      ]);
      return { campaign, page };
    },
    ({ campaign, page }) => {
      setPageTitle(`${s.rosterTitle}: ${campaign.title}`);
      const view = context.view;
      view.append(backLink(`/campaigns/${encodeURIComponent(id)}`, campaign.title), h('h1', null, s.rosterTitle));
      if (!page) return void view.append(notAllowed());

      // Filters: a plain form whose choice becomes the page's address (reload and back keep it).
      const statusField = field(
        'status',
        s.filterStatus,
        select(
          [['', s.allStatuses], ...statuses.map((k): [string, string] => [k, s.registrationStatus[k]])],
          status ?? '',
        ),
      );
      const sessionField = field(
        'sessionId',
        s.filterSession,
        select(
          [
            ['', s.allSessions],
            ...campaign.sessions.map((session): [string, string] => [
              session.id,
              `${shortTime(session.startsAt)} · ${session.venue}`,
            ]),
          ],
          sessionId ?? '',
        ),
      );
      const filters = h(
        'form',
        { class: 'filters card', 'aria-label': s.filters },
        statusField.element,
        sessionField.element,
        h('button', { type: 'submit', class: 'button button-secondary' }, s.apply),
      );
      on(filters, 'submit', (event) => {
        event.preventDefault();
        navigate(
          href(`/campaigns/${encodeURIComponent(id)}/roster`, {
            status: statusField.control.value,
            sessionId: sessionField.control.value,
          }),
          { replace: true },
        );
      });

      const filter = { status, sessionId };
      const exports = h(
        'div',
        { class: 'exports' },
        h(
          'div',
          { class: 'actions' },
          h('a', { class: 'button', href: exportUrl(id, 'csv', filter), download: '' }, s.exportCsv),
          h('a', { class: 'button button-secondary', href: exportUrl(id, 'xlsx', filter), download: '' }, s.exportXlsx),
        ),
        h('p', { class: 'hint' }, s.exportHint),
      );

      const count = h('span', { role: 'status' }, s.shown(page.items.length));
      // Sign-ups keep arriving: the list is read again on request, with the same filter.
      const refresh = on(h('button', { type: 'button' }, s.refresh), 'click', () => void context.refresh());
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row,
        onCount: (shown) => (count.textContent = s.shown(shown)),
        signal: context.signal,
      });

      view.append(
        filters,
        exports,
        page.items.length === 0 ? h('p', { class: 'status' }, s.noRegistrations) : list,
        h('div', { class: 'roster-foot meta' }, count, refresh),
        more,
        message,
      );
    },
  );
}
