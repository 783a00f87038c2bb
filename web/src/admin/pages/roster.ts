// The live roster, as a table an organizer works with at a desk (compact rows, 25 and more on a
// laptop screen; a phone scrolls the table sideways, never the page): filters by status and
// session, a search over the loaded rows, the waiting-list position, the group, blood type and
// ID number at blood drives, and on each row the corrections that fit its state. Pages by cursor
// ("load more"); the CSV/Excel exports of the same filter are plain download links.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../../foundation/api.ts';
import { h, on } from '../../foundation/dom.ts';
import { choices, filterChoice, filterForm, inputField } from '../../foundation/fields.ts';
import { formMessage } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { afterCorrection, askAndCorrect, correctionsFor } from '../corrections.ts';
import { downloads } from '../downloads.ts';
import { pagedList } from '../paged-list.ts';
import { canManage, notAllowed } from '../login.ts';
import { strings, type RegistrationStatus } from '../strings.ts';
import { shortTime, windowTime } from '../time.ts';

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

/** What a search over the loaded rows looks in: the name, the code, and the phone's visible digits. */
const searchText = (item: Item) => `${item.name ?? ''} ${item.code} ${item.phone.replace(/\D/g, '')}`.toLowerCase();

const matches = (text: string, query: string) => {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  return q === '' || text.replace(/\s+/g, '').includes(q);
};

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
      const bloodDrive = campaign.kind === 'blood_drive';

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

      const search = inputField({ path: 'find', label: s.rosterSearch, hint: s.rosterSearchHint, type: 'search' });
      const count = h('span', { role: 'status' }, s.shown(page.items.length));
      const outcome = formMessage();
      const body = h('tbody');
      const rows = () => Array.from(body.rows);
      const applySearch = () => {
        const query = search.control.value;
        let shown = 0;
        for (const tr of rows()) {
          tr.hidden = !matches(tr.dataset.search ?? '', query);
          if (!tr.hidden) shown++;
        }
        count.textContent = query.trim() ? s.rosterMatches(shown, rows().length) : s.shown(rows().length);
      };
      on(search.control, 'input', applySearch);

      // Rows come slot by slot in arrival order, so a waiting person's place is counted as they come.
      const waiting = new Map<string, number>();
      const row = (item: Item, position?: number): HTMLTableRowElement => {
        if (item.status === 'waitlisted' && position === undefined) {
          position = (waiting.get(item.slot.id) ?? 0) + 1;
          waiting.set(item.slot.id, position);
        }
        const name = item.name ?? item.code;
        const actions = correctionsFor({
          status: item.status,
          donation: item.donation,
          sessionStarted: Date.parse(item.session.startsAt) <= Date.now(),
        }).map((correction) =>
          on(h('button', { type: 'button', class: 'button-quiet' }, s.correction[correction]), 'click', async () => {
            if (!(await askAndCorrect(correction, { id: item.id, name }))) return;
            outcome.ok(s.corrected(s.correction[correction], name));
            // A cancellation gives the seat to the first person waiting: every place moves.
            if (correction === 'cancel') return void context.refresh();
            const after = afterCorrection[correction];
            const changed = {
              ...item,
              status: after.status ?? item.status,
              donation: after.donation === 'removed' ? null : item.donation,
              checkedInAt: after.status && after.status !== 'checked_in' ? null : item.checkedInAt,
            };
            tr.replaceWith(row(changed, position));
          }),
        );
        // A volunteer leaving is checked out here: the hours since check-in are their service.
        if (!bloodDrive && item.status === 'checked_in' && !item.checkedOutAt) {
          const checkOut = h('button', { type: 'button', class: 'button-quiet' }, s.checkOut);
          actions.push(
            on(checkOut, 'click', async () => {
              checkOut.disabled = true;
              try {
                const { registration } = await read(
                  api.admin.registrations[':id'].checkout.$post({ param: { id: item.id } }),
                );
                outcome.ok(s.checkedOut(name, registration.minutes));
                tr.replaceWith(row({ ...item, checkedOutAt: registration.checkedOutAt }, position));
              } catch (error) {
                checkOut.disabled = false;
                if (!(error instanceof ApiFailure)) throw error;
                outcome.error(error.message);
              }
            }),
          );
        }
        const tr = h(
          'tr',
          { 'data-search': searchText(item) },
          h('th', { scope: 'row' }, item.name ?? '—'),
          h('td', { class: 'nowrap' }, item.phone),
          h('td', { class: 'code nowrap' }, item.code),
          h(
            'td',
            { class: 'nowrap' },
            h('span', { class: `status-badge status-${item.status}` }, s.registrationStatus[item.status]),
            position && item.status === 'waitlisted'
              ? h('span', { class: 'meta' }, ` ${s.waitlistPosition(position)}`)
              : null,
          ),
          h(
            'td',
            { class: 'nowrap' },
            `${shortTime(item.session.startsAt)} · ${item.session.venue}`,
            // The time this person was given to come, where the session has appointment windows.
            item.window ? h('div', { class: 'meta' }, `${s.window} ${windowTime(item.window)}`) : null,
          ),
          h('td', null, item.slot.role),
          h('td', null, item.group?.organization ?? ''),
          bloodDrive
            ? h('td', { class: 'nowrap' }, `${item.bloodType ?? ''}${item.rhD ? s.rhDSign[item.rhD] : ''}`)
            : null,
          bloodDrive ? h('td', { class: 'nowrap' }, item.birthYear ?? '') : null,
          bloodDrive
            ? h(
                'td',
                { class: 'nowrap' },
                item.donation ? s.donationWords(s.donation[item.donation.kind], item.donation.volumeMl) : '',
              )
            : null,
          h(
            'td',
            { class: 'nowrap' },
            item.checkedInAt ? shortTime(item.checkedInAt).slice(11) : '',
            item.checkedOutAt ? `–${shortTime(item.checkedOutAt).slice(11)}` : '',
          ),
          h('td', { class: 'row-actions' }, ...actions),
        );
        return tr;
      };

      const headings = [
        s.name,
        s.phone,
        s.bookingCode,
        s.status,
        s.session,
        s.slot,
        s.group,
        ...(bloodDrive ? [s.bloodType, s.birthYear, s.donationColumn] : []),
        s.checkedInAt,
        s.actions,
      ];
      const table = h(
        'table',
        { class: 'data roster-table' },
        h('thead', null, h('tr', null, ...headings.map((label) => h('th', { scope: 'col' }, label)))),
        body,
      );

      // Sign-ups keep arriving: the list is read again on request, with the same filter.
      const refresh = on(h('button', { type: 'button' }, s.refresh), 'click', () => void context.refresh());
      const { more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: (item) => row(item),
        container: body,
        onCount: applySearch,
        signal: context.signal,
      });

      view.append(
        h('div', { class: 'roster-tools' }, filters, h('div', { class: 'filters card roster-search' }, search.element)),
        page.items.length === 0
          ? emptyNote(s.noRegistrations)
          : h('div', { class: 'table-scroll roster-scroll', tabindex: 0, 'aria-label': s.rosterTitle }, table),
        outcome.element,
        h('div', { class: 'roster-foot meta' }, count, refresh),
        more,
        message,
        exports,
      );
    },
  });
}
