// The notifications (texts) of my organization (every organization's for a platform admin): how
// many are in each state, the list with filters, why one was not sent, and the hour reminders go out.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h, on, uniqueId } from '../../foundation/dom.ts';
import { choices, filterChoice, filterForm, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { pagedList } from '../paged-list.ts';
import { canManage, me, myOrganization, notAllowed, rememberOrganization, type Organization } from '../login.ts';
import { strings, type NotificationKind, type NotificationStatus } from '../strings.ts';
import { shortTime } from '../time.ts';

type ListedNotification = InferResponseType<typeof api.admin.notifications.$get, 200>['items'][number];

const statuses: NotificationStatus[] = ['queued', 'sending', 'sent', 'skipped', 'failed'];
const kinds: NotificationKind[] = [
  'confirmed',
  'promoted',
  'session_changed',
  'session_cancelled',
  'reminder',
  'quiz_nudge',
  'callout',
];

/** Why a notification was skipped or failed, in words: a skip reason, or the class of the sending error. */
function reason(lastError: string) {
  const s = strings();
  return s.notificationReason[lastError] ?? s.notificationReasonOther(lastError);
}

function notificationRow(notification: ListedNotification) {
  const s = strings();
  return h(
    'li',
    { class: `roster-row notification-row notification-${notification.status}` },
    h(
      'div',
      { class: 'roster-who' },
      h('strong', null, s.notificationKind[notification.kind]),
      h('span', { class: 'meta' }, `${notification.to.name ?? '—'} · ${notification.to.phone}`),
    ),
    h(
      'span',
      { class: `status-badge notification-status-${notification.status}` },
      s.notificationStatus[notification.status],
    ),
    h(
      'dl',
      { class: 'facts roster-facts' },
      h('div', null, h('dt', null, s.notificationCreated), h('dd', null, shortTime(notification.createdAt))),
      notification.sentAt
        ? h('div', null, h('dt', null, s.notificationSent), h('dd', null, shortTime(notification.sentAt)))
        : null,
      notification.attempts > 1
        ? h('div', null, h('dt', null, s.notificationAttempts), h('dd', null, notification.attempts))
        : null,
      // A notification that goes out after all keeps the last retry's error: only the unsent say why.
      notification.lastError && notification.status !== 'sent'
        ? h(
            'div',
            { class: 'notification-reason' },
            h('dt', null, s.notificationWhy),
            h('dd', null, reason(notification.lastError)),
          )
        : null,
    ),
  );
}

/** When the organization's reminders for tomorrow go out; changed in place. */
function reminderForm(organization: NonNullable<Organization>) {
  const s = strings();
  const hours = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: s.hour(hour) }));
  const hour = selectField({
    path: 'reminderHour',
    label: s.reminderHour,
    choices: hours,
    value: String(organization.reminderHour),
  });
  const now = h('p', null, s.reminderAt(organization.reminderHour));
  const message = formMessage();
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
      showFailure(error, message, [hour]);
    }
  });
  return form;
}

export function notificationsPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.notificationsTitle);
  const status = statuses.find((value) => value === context.query.get('status'));
  const kind = kinds.find((value) => value === context.query.get('kind'));
  const fetchPage = (cursor?: string) =>
    read(api.admin.notifications.$get({ query: { status, kind, cursor, limit: '50' } }, within(context.signal)));
  return loadPage(
    context,
    async () =>
      canManage((await me()).role) ? { page: await fetchPage(), organization: await myOrganization() } : null,
    (data) => {
      const view = context.view;
      view.append(h('h1', null, s.notificationsTitle));
      if (!data) return void view.append(notAllowed());
      const { page, organization } = data;
      const counts = page.counts as Partial<Record<NotificationStatus, number>>;
      const filters = filterForm({
        label: s.filters,
        apply: s.apply,
        fields: [
          filterChoice(
            'status',
            s.filterStatus,
            s.allStatuses,
            choices(statuses, (v) => s.notificationStatus[v]),
            status,
          ),
          filterChoice(
            'kind',
            s.filterKind,
            s.allKinds,
            choices(kinds, (v) => s.notificationKind[v]),
            kind,
          ),
        ],
        address: (values) => href('/texts', values),
      });
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: notificationRow,
        signal: context.signal,
      });
      append(view, [
        h('p', null, s.notificationsIntro),
        organization ? reminderForm(organization) : null,
        h(
          'ul',
          { class: 'tiles notification-tiles', 'aria-label': s.notificationCounts },
          ...statuses.map((value) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  class: `tile tile-link${counts[value] ? ` notification-status-${value}` : ''}`,
                  href: href('/texts', { status: value, kind }),
                  'aria-current': value === status ? 'true' : undefined,
                },
                h('span', { class: 'tile-value' }, counts[value] ?? 0),
                h('span', { class: 'tile-label' }, s.notificationStatus[value]),
              ),
            ),
          ),
        ),
        filters,
        page.items.length === 0 ? emptyNote(s.noNotifications) : list,
        more,
        message,
      ]);
    },
  );
}
