// The audit log in words: who (their email) did what (the action in words) to whom or what (a
// person's name and booking code, a campaign's title, a session's time and place), in which
// campaign and organization, and the fields it changed with their values translated ("Whole
// blood", not whole_blood). Filters by campaign, staff member, action and days. Admins read the
// whole log; organizers their own organization's.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../../foundation/api.ts';
import { append, h } from '../../foundation/dom.ts';
import { choices, filterChoice, filterForm, inputField } from '../../foundation/fields.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { pagedList } from '../paged-list.ts';
import { canManage, me, notAllowed } from '../login.ts';
import {
  auditActions,
  strings,
  type AuditAction,
  type DonationKind,
  type Reason,
  type RegistrationStatus,
  type Role,
} from '../strings.ts';
import { shortTime } from '../time.ts';

type Entry = InferResponseType<typeof api.admin.audit.$get, 200>['items'][number];
type Value = string | number | boolean | null;

const isAction = (action: string): action is AuditAction => (auditActions as readonly string[]).includes(action);
const isDay = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

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

/** Ids say nothing to a reader; the entry names what they point at already. */
const hiddenFacts = new Set(['campaignId', 'sessionId', 'organizationId']);

/** One value of an entry's detail in words: a status, a donation, a reason, a role, a volume. */
function words(key: string, value: Value): string {
  const s = strings();
  if (value === null) return '—';
  if (key === 'active' && typeof value === 'boolean') return s.activeWords(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (key === 'reminderHour' && typeof value === 'number') return s.hour(value);
  if (key === 'volumeMl' && typeof value === 'number') return s.milliliters(value);
  if (typeof value === 'number') return String(value);
  if (key === 'role' && value in s.role) return s.role[value as Role];
  if (key === 'reason' && value in s.reason) return s.reason[value as Reason];
  if ((key === 'kind' || key === 'donated') && value in s.donation) return s.donation[value as DonationKind];
  if ((key === 'status' || key === 'from' || key === 'to') && value in s.registrationStatus)
    return s.registrationStatus[value as RegistrationStatus];
  if (key === 'fields')
    return value
      .split(',')
      .map((name) => fieldNames(s)[name] ?? name)
      .join(s.listSeparator);
  return value;
}

function entryRow(entry: Entry) {
  const s = strings();
  const facts = Object.entries(entry.detail ?? {})
    .filter(([key]) => !hiddenFacts.has(key))
    .map(([key, value]) => s.labelled(s.auditDetail[key] ?? key, words(key, value)));
  const target = entry.target
    ? s.labelled(s.auditTarget[entry.target.type] ?? entry.target.type, entry.target.label ?? '—')
    : null;
  const where = [entry.campaign?.title, entry.organization?.name].filter(Boolean).join(' · ');
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
        ` · ${s.auditBy(entry.staff?.email ?? s.system)}`,
      ),
    ),
    h(
      'p',
      { class: 'audit-facts' },
      target ? h('span', { class: 'audit-target' }, target) : null,
      where ? h('span', null, s.auditIn(where)) : null,
      ...facts.map((text) => h('span', null, text)),
    ),
  );
}

export function auditPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.auditTitle);
  const get = (key: string) => context.query.get(key) || undefined;
  const filter = {
    action: auditActions.find((value) => value === context.query.get('action')),
    campaignId: get('campaignId'),
    staffId: get('staffId'),
    from: isDay(context.query.get('from')) ? get('from') : undefined,
    to: isDay(context.query.get('to')) ? get('to') : undefined,
  };
  const fetchPage = (cursor?: string) =>
    read(api.admin.audit.$get({ query: { ...filter, cursor, limit: '50' } }, within(context.signal)));
  return loadPage(
    context,
    async () => {
      if (!canManage((await me()).role)) return null;
      // The filters' choices: the campaigns and staff this person may see, alongside the first page.
      const [page, campaigns, staff] = await Promise.all([
        fetchPage(),
        read(api.admin.campaigns.$get({ query: {} }, within(context.signal))),
        read(api.admin.staff.$get({ query: {} }, within(context.signal))),
      ]);
      return { page, campaigns: campaigns.items, staff: staff.items };
    },
    (data) => {
      const view = context.view;
      view.append(h('h1', null, s.auditTitle));
      if (!data) return void view.append(notAllowed());
      const { page } = data;
      const filters = filterForm({
        label: s.filters,
        apply: s.apply,
        fields: [
          filterChoice(
            'campaignId',
            s.auditCampaign,
            s.allCampaigns,
            data.campaigns.map((campaign) => ({ value: campaign.id, label: campaign.title })),
            filter.campaignId,
          ),
          filterChoice(
            'staffId',
            s.auditStaff,
            s.allStaff,
            data.staff.map((member) => ({ value: member.id, label: member.email })),
            filter.staffId,
          ),
          filterChoice(
            'action',
            s.filterAction,
            s.allActions,
            choices(auditActions, (v) => s.auditAction[v]),
            filter.action,
          ),
          inputField({ path: 'from', label: s.auditFrom, type: 'date', value: filter.from ?? null }),
          inputField({ path: 'to', label: s.auditTo, type: 'date', value: filter.to ?? null }),
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
