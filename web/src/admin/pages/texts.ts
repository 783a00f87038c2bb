// The texts of my organization (every organization's for a platform admin): how many are in each
// state, the list with filters, why a text was not sent, and the hour reminders go out.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../api.ts';
import { append, h, on, uniqueId } from '../../dom.ts';
import { loadPage } from '../load.ts';
import { pagedList } from '../paged-list.ts';
import { href, navigate, type AdminContext } from '../router.ts';
import { canManage, myOrganization, rememberOrganization, type Organization } from '../session.ts';
import { strings, type TextKind, type TextStatus } from '../strings.ts';
import { actionMessage, field, notAllowed, select, setPageTitle, shortTime, showFailure, whileBusy } from '../ui.ts';

type Text = InferResponseType<typeof api.admin.notifications.$get, 200>['items'][number];

const statuses: TextStatus[] = ['queued', 'sending', 'sent', 'skipped', 'failed'];
const kinds: TextKind[] = [
  'confirmed',
  'promoted',
  'session_changed',
  'session_cancelled',
  'reminder',
  'quiz_nudge',
  'callout',
];

/** Why a text was skipped or failed, in words: a skip reason, or the class of the sending error. */
function reason(lastError: string) {
  const s = strings();
  return s.textReason[lastError] ?? s.textReasonOther(lastError);
}

function textRow(text: Text) {
  const s = strings();
  return h(
    'li',
    { class: `roster-row text-row text-${text.status}` },
    h(
      'div',
      { class: 'roster-who' },
      h('strong', null, s.textKind[text.kind]),
      h('span', { class: 'meta' }, `${text.to.name ?? '—'} · ${text.to.phone}`),
    ),
    h('span', { class: `status-badge text-status-${text.status}` }, s.textStatus[text.status]),
    h(
      'dl',
      { class: 'facts roster-facts' },
      h('div', null, h('dt', null, s.textCreated), h('dd', null, shortTime(text.createdAt))),
      text.sentAt ? h('div', null, h('dt', null, s.textSent), h('dd', null, shortTime(text.sentAt))) : null,
      text.attempts > 1 ? h('div', null, h('dt', null, s.textAttempts), h('dd', null, text.attempts)) : null,
      // A text that goes out after all keeps the last retry's error: only the unsent say why.
      text.lastError && text.status !== 'sent'
        ? h('div', { class: 'text-reason' }, h('dt', null, s.textWhy), h('dd', null, reason(text.lastError)))
        : null,
    ),
  );
}

/** When the organization's reminders for tomorrow go out; changed in place. */
function reminderForm(organization: NonNullable<Organization>) {
  const s = strings();
  const hours = Array.from({ length: 24 }, (_, h): [string, string] => [String(h), s.hour(h)]);
  const hour = field('reminderHour', s.reminderHour, select(hours, String(organization.reminderHour)));
  const now = h('p', null, s.reminderAt(organization.reminderHour));
  const message = actionMessage();
  const titleId = uniqueId('reminder');
  const button = h('button', { type: 'submit', class: 'button button-secondary' }, s.save);
  const form = h(
    'form',
    { class: 'card reminder-form', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, s.reminderTitle),
    now,
    h('div', { class: 'filters' }, hour.element, button),
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    const reminderHour = Number(hour.control.value);
    try {
      const { organization: updated } = await whileBusy(button, message, s.saving, () =>
        read(api.admin.organizations[':id'].$patch({ param: { id: organization.id }, json: { reminderHour } })),
      );
      rememberOrganization({ ...organization, reminderHour: updated.reminderHour });
      now.textContent = s.reminderAt(updated.reminderHour);
      message.ok(s.reminderSaved(updated.reminderHour));
    } catch (error) {
      showFailure(error, [hour], message);
    }
  });
  return form;
}

export function textsPage(context: AdminContext) {
  const s = strings();
  setPageTitle(s.textsTitle);
  const status = statuses.find((value) => value === context.query.get('status'));
  const kind = kinds.find((value) => value === context.query.get('kind'));
  const fetchPage = (cursor?: string) =>
    read(api.admin.notifications.$get({ query: { status, kind, cursor, limit: '50' } }, within(context.signal)));
  return loadPage(
    context,
    async (staff) => (canManage(staff.role) ? { page: await fetchPage(), organization: await myOrganization() } : null),
    (data) => {
      const view = context.view;
      view.append(h('h1', null, s.textsTitle));
      if (!data) return void view.append(notAllowed());
      const { page, organization } = data;
      const counts = page.counts as Partial<Record<TextStatus, number>>;
      const statusField = field(
        'status',
        s.filterStatus,
        select([['', s.allStatuses], ...statuses.map((v): [string, string] => [v, s.textStatus[v]])], status ?? ''),
      );
      const kindField = field(
        'kind',
        s.filterKind,
        select([['', s.allKinds], ...kinds.map((v): [string, string] => [v, s.textKind[v]])], kind ?? ''),
      );
      const filters = h(
        'form',
        { class: 'filters card', 'aria-label': s.filters },
        statusField.element,
        kindField.element,
        h('button', { type: 'submit', class: 'button button-secondary' }, s.apply),
      );
      on(filters, 'submit', (event) => {
        event.preventDefault();
        navigate(href('/texts', { status: statusField.control.value, kind: kindField.control.value }), {
          replace: true,
        });
      });
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: textRow,
        signal: context.signal,
      });
      append(view, [
        h('p', null, s.textsIntro),
        organization ? reminderForm(organization) : null,
        h(
          'ul',
          { class: 'tiles text-tiles', 'aria-label': s.textCounts },
          ...statuses.map((value) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  class: `tile tile-link${counts[value] ? ` text-status-${value}` : ''}`,
                  href: href('/texts', { status: value, kind }),
                  'aria-current': value === status ? 'true' : undefined,
                },
                h('span', { class: 'tile-value' }, counts[value] ?? 0),
                h('span', { class: 'tile-label' }, s.textStatus[value]),
              ),
            ),
          ),
        ),
        filters,
        page.items.length === 0 ? h('p', { class: 'status' }, s.noTexts) : list,
        more,
        message,
      ]);
    },
  );
}
