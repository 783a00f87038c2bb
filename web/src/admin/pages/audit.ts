// The audit log, for platform admins: who did what and when, newest first, the actions in words,
// a filter by action, and the small facts each entry keeps (never personal data).
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h } from '../../foundation/dom.ts';
import { choices, filterChoice, filterForm } from '../../foundation/fields.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { pagedList } from '../paged-list.ts';
import { me, notAllowed } from '../session.ts';
import { auditActions, strings, type AuditAction, type RegistrationStatus, type Role } from '../strings.ts';
import { shortTime } from '../time.ts';

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

export function auditPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.auditTitle);
  const action = auditActions.find((value) => value === context.query.get('action'));
  const fetchPage = (cursor?: string) =>
    read(api.admin.audit.$get({ query: { action, cursor, limit: '50' } }, within(context.signal)));
  return loadPage(
    context,
    async () => ((await me()).role === 'admin' ? fetchPage() : null),
    (page) => {
      const view = context.view;
      view.append(h('h1', null, s.auditTitle));
      if (!page) return void view.append(notAllowed());
      const filters = filterForm({
        label: s.filters,
        apply: s.apply,
        fields: [
          filterChoice(
            'action',
            s.filterAction,
            s.allActions,
            choices(auditActions, (v) => s.auditAction[v]),
            action,
          ),
        ],
        address: (values) => href('/audit', values),
      });
      const { list, more, message } = pagedList(page, {
        fetchNext: (cursor) => fetchPage(cursor),
        row: entryRow,
        signal: context.signal,
      });
      append(view, [
        h('p', null, s.auditIntro),
        filters,
        page.items.length === 0 ? emptyNote(s.noAudit) : list,
        more,
        message,
      ]);
    },
  );
}
