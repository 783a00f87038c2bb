// The audit log, for platform admins: who did what and when, newest first, the actions in words,
// a filter by action, and the small facts each entry keeps (never personal data).
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../api.ts';
import { append, h, on } from '../../dom.ts';
import { loadPage } from '../load.ts';
import { pagedList } from '../paged-list.ts';
import { href, navigate, type AdminContext } from '../router.ts';
import { auditActions, strings, type AuditAction, type RegistrationStatus, type Role } from '../strings.ts';
import { field, notAllowed, select, setPageTitle, shortTime } from '../ui.ts';

type Entry = InferResponseType<typeof api.admin.audit.$get, 200>['items'][number];

const isAction = (action: string): action is AuditAction => (auditActions as readonly string[]).includes(action);

/** The names of the fields a campaign or session change lists, as their forms label them. */
const fieldNames = (s: ReturnType<typeof strings>): Record<string, string> => ({
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  venue: s.venue,
  address: s.address,
  title: s.campaignTitle,
  summary: s.summary,
  description: s.description,
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  status: s.status,
  questions: s.questionsTitle,
  autoNoShow: s.autoNoShowShort,
});

/** One fact of an entry's detail in words: "Rows: 12", "Role: Check-in volunteer". */
function fact(key: string, value: string | number | boolean | null) {
  const s = strings();
  const words = (): string => {
    if (value === null) return '—';
    if (typeof value === 'boolean') return value ? '✓' : '✗';
    if (key === 'reminderHour' && typeof value === 'number') return s.hour(value);
    if (typeof value === 'number') return String(value);
    if (key === 'role' && value in s.role) return s.role[value as Role];
    if ((key === 'status' || key === 'from' || key === 'to') && value in s.registrationStatus)
      return s.registrationStatus[value as RegistrationStatus];
    if (key === 'fields')
      return value
        .split(',')
        .map((name) => fieldNames(s)[name] ?? name)
        .join(s.listSeparator);
    return value;
  };
  return s.labelled(s.auditDetail[key] ?? key, words());
}

function entryRow(entry: Entry) {
  const s = strings();
  const facts = Object.entries(entry.detail ?? {}).map(([key, value]) => fact(key, value));
  return h(
    'li',
    { class: 'roster-row audit-row' },
    h(
      'div',
      { class: 'roster-who' },
      h('strong', null, isAction(entry.action) ? s.auditAction[entry.action] : entry.action),
      h(
        'span',
        { class: 'meta' },
        h('time', { datetime: entry.at }, shortTime(entry.at)),
        ` · ${entry.staff?.email ?? s.system}`,
      ),
    ),
    entry.target || facts.length
      ? h(
          'p',
          { class: 'audit-facts' },
          entry.target
            ? h(
                'span',
                null,
                `${s.auditTarget[entry.target.type] ?? entry.target.type} `,
                h('code', null, entry.target.id.slice(0, 8)),
              )
            : null,
          ...facts.map((text) => h('span', null, text)),
        )
      : null,
  );
}

export function auditPage(context: AdminContext) {
  const s = strings();
  setPageTitle(s.auditTitle);
  const action = auditActions.find((value) => value === context.query.get('action'));
  const fetchPage = (cursor?: string) =>
    read(api.admin.audit.$get({ query: { action, cursor, limit: '50' } }, within(context.signal)));
  return loadPage(
    context,
    async (staff) => (staff.role === 'admin' ? fetchPage() : null),
    (page) => {
      const view = context.view;
      view.append(h('h1', null, s.auditTitle));
      if (!page) return void view.append(notAllowed());
      const actionField = field(
        'action',
        s.filterAction,
        select(
          [['', s.allActions], ...auditActions.map((value): [string, string] => [value, s.auditAction[value]])],
          action ?? '',
        ),
      );
      const filters = h(
        'form',
        { class: 'filters card', 'aria-label': s.filters },
        actionField.element,
        h('button', { type: 'submit', class: 'button button-secondary' }, s.apply),
      );
      on(filters, 'submit', (event) => {
        event.preventDefault();
        navigate(href('/audit', { action: actionField.control.value }), { replace: true });
      });
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: entryRow,
        signal: context.signal,
      });
      append(view, [
        h('p', null, s.auditIntro),
        filters,
        page.items.length === 0 ? h('p', { class: 'status' }, s.noAudit) : list,
        more,
        message,
      ]);
    },
  );
}
