// The live roster: filters by status and session, pages by cursor ("load more"), and the
// CSV/Excel exports of the same filter as plain download links (the browser sends the cookie).
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { h, on } from '../../foundation/dom.ts';
import { choices, filterChoice, filterForm } from '../../foundation/fields.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { downloads } from '../downloads.ts';
import { pagedList } from '../paged-list.ts';
import { canManage, notAllowed } from '../session.ts';
import { strings, type RegistrationStatus } from '../strings.ts';
import { shortTime } from '../time.ts';

type Item = InferResponseType<(typeof api.admin.campaigns)[':id']['registrations']['$get'], 200>['items'][number];

const statuses: RegistrationStatus[] = ['confirmed', 'waitlisted', 'checked_in', 'no_show', 'cancelled'];
const PAGE_SIZE = '50';

const statusChoices = () => choices(statuses, (status) => strings().registrationStatus[status]);
const sessionChoices = (campaign: Campaign) =>
  campaign.sessions.map((session) => ({
    value: session.id,
    label: `${shortTime(session.startsAt)} · ${session.venue}`,
  }));

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

export function rosterPage(context: PageContext) {
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
  return campaignTaskPage(context, {
    title: s.rosterTitle,
    // Check-in volunteers may not see the roster: not asked for, only said so.
    load: async (staff) => (canManage(staff.role) ? fetchPage() : null),
    draw: ({ campaign, data: page }) => {
      const view = context.view;
      if (!page) return void view.append(notAllowed());

      const filters = filterForm({
        label: s.filters,
        apply: s.apply,
        fields: [
          filterChoice('status', s.filterStatus, s.allStatuses, statusChoices(), status),
          filterChoice('sessionId', s.filterSession, s.allSessions, sessionChoices(campaign), sessionId),
        ],
        address: (values) => href(`/campaigns/${encodeURIComponent(id)}/roster`, values),
      });

      const filter = { status, sessionId };
      const exports = downloads(
        [
          { href: exportUrl(id, 'csv', filter), label: s.exportCsv },
          { href: exportUrl(id, 'xlsx', filter), label: s.exportXlsx },
        ],
        s.exportHint,
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
        page.items.length === 0 ? emptyNote(s.noRegistrations) : list,
        h('div', { class: 'roster-foot meta' }, count, refresh),
        more,
        message,
      );
    },
  });
}
