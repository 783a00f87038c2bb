// Creating a campaign, and editing one: title, texts, dates, status, the no-show rule.
// Blood drives get the Chinese donor rules by default (the API applies them).
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, idempotencyKey, read, within } from '../../api.ts';
import { h, on, uniqueId } from '../../dom.ts';
import { loadPage } from '../load.ts';
import { knownOrganizations } from '../organizations.ts';
import { questionEditor } from '../question-editor.ts';
import { href, navigate, type AdminContext } from '../router.ts';
import { canManage, type Staff } from '../session.ts';
import { strings, type CampaignStatus, type Kind } from '../strings.ts';
import {
  actionMessage,
  backLink,
  field,
  input,
  notAllowed,
  select,
  setPageTitle,
  showFailure,
  whileBusy,
  type Field,
} from '../ui.ts';

type Campaign = InferResponseType<(typeof api.admin.campaigns)[':id']['$get'], 200>['campaign'];
type NewCampaign = InferRequestType<typeof api.admin.campaigns.$post>['json'];

const kinds: Kind[] = ['blood_drive', 'outreach', 'cpr_training', 'quiz'];
const statuses: CampaignStatus[] = ['draft', 'published', 'closed'];

/** The form, filled from `campaign` when editing; `organizations` only for a new campaign by an admin. */
function campaignForm(
  view: HTMLElement,
  options: {
    campaign?: Campaign;
    organizations?: { id: string; name: string }[];
    submit: (values: NewCampaign) => Promise<string>;
  },
) {
  const s = strings();
  const current = options.campaign;
  const fields: Field[] = [];
  const add = <F extends Field>(f: F) => (fields.push(f), f);

  const kind = current
    ? null
    : add(
        field(
          'kind',
          s.campaignKind,
          select(
            kinds.map((k) => [k, s.kind[k]]),
            'blood_drive',
          ),
        ),
      );
  const organization = options.organizations
    ? add(
        field(
          'organizationId',
          s.organization,
          select([['', s.choose], ...options.organizations.map((o): [string, string] => [o.id, o.name])]),
          {
            hint: s.organizationIdHint,
          },
        ),
      )
    : null;
  const title = add(
    field('title', s.campaignTitle, input({ value: current?.title ?? '', maxlength: 100, required: true })),
  );
  const summary = add(
    field('summary', s.summary, input({ value: current?.summary ?? '', maxlength: 300 }), { optional: true }),
  );
  const descriptionBox = h('textarea', { rows: 5, maxlength: 5000 });
  descriptionBox.value = current?.description ?? '';
  const description = add(field('description', s.description, descriptionBox, { optional: true }));
  const startsOn = add(
    field('startsOn', s.startsOn, input({ type: 'date', value: current?.startsOn ?? '', required: true })),
  );
  const endsOn = add(field('endsOn', s.endsOn, input({ type: 'date', value: current?.endsOn ?? '', required: true })));
  const status = add(
    field(
      'status',
      s.status,
      select(
        statuses.map((k) => [k, s.campaignStatus[k]]),
        current?.status ?? 'draft',
      ),
    ),
  );
  const questions = questionEditor(current?.questions ?? []);
  const autoNoShow = h('input', {
    type: 'checkbox',
    id: uniqueId('auto-no-show'),
    name: 'autoNoShow',
    checked: current?.autoNoShow ?? false,
  });
  const autoNoShowField = h(
    'div',
    { class: 'field' },
    h('label', { class: 'choice', for: autoNoShow.id }, autoNoShow, s.autoNoShow),
  );

  const message = actionMessage();
  const button = h('button', { type: 'submit', class: 'button' }, current ? s.save : s.createCampaign);
  const form = h(
    'form',
    { class: 'form card', novalidate: true },
    ...fields.map((f) => f.element),
    autoNoShowField,
    questions.element,
    h(
      'div',
      { class: 'actions' },
      button,
      current ? h('a', { href: href(`/campaigns/${encodeURIComponent(current.id)}`) }, s.cancel) : null,
    ),
    message.element,
  );
  on(form, 'submit', async (event) => {
    event.preventDefault();
    const missing = [title, startsOn, endsOn, ...(organization ? [organization] : [])].filter(
      (f) => !f.control.value.trim(),
    );
    for (const f of missing) f.showError(s.required);
    const questionProblem = questions.check();
    const first = missing[0] ?? questionProblem;
    if (first) {
      first.control.focus();
      return message.clear();
    }
    try {
      const id = await whileBusy(button, message, s.saving, () =>
        options.submit({
          kind: (kind?.control.value ?? current?.kind) as Kind,
          ...(organization && { organizationId: organization.control.value }),
          title: title.control.value,
          summary: summary.control.value,
          description: description.control.value,
          startsOn: startsOn.control.value,
          endsOn: endsOn.control.value,
          status: status.control.value as CampaignStatus,
          autoNoShow: autoNoShow.checked,
          // Not edited here: the kind's defaults (a blood drive's donor rules).
          eligibility: current?.eligibility ?? null,
          questions: questions.value(),
        }),
      );
      navigate(`/campaigns/${encodeURIComponent(id)}`);
    } catch (error) {
      showFailure(error, [...fields, ...questions.fields()], message);
    }
  });
  view.append(form);
}

export function newCampaignPage(context: AdminContext) {
  const s = strings();
  setPageTitle(s.newCampaign);
  return loadPage(
    context,
    // An admin picks the organization; the ones running campaigns are the ones to pick from.
    async (staff: Staff) => (staff.role === 'admin' ? knownOrganizations(context.signal) : undefined),
    (organizations, staff) => {
      context.view.append(backLink('/', s.campaignsTitle), h('h1', null, s.newCampaign));
      if (!canManage(staff.role)) return void context.view.append(notAllowed());
      // One key for this form: a retry after a lost answer creates no second campaign.
      const key = idempotencyKey();
      campaignForm(context.view, {
        organizations,
        submit: async (values) =>
          (await read(api.admin.campaigns.$post({ json: values }, { headers: { 'Idempotency-Key': key } }))).campaign
            .id,
      });
    },
  );
}

export function editCampaignPage(context: AdminContext) {
  const s = strings();
  setPageTitle(s.editCampaign);
  const id = context.params.id!;
  return loadPage(
    context,
    () => read(api.admin.campaigns[':id'].$get({ param: { id } }, within(context.signal))),
    ({ campaign }, staff) => {
      setPageTitle(`${s.editCampaign}: ${campaign.title}`);
      context.view.append(
        backLink(`/campaigns/${encodeURIComponent(id)}`, campaign.title),
        h('h1', null, s.editCampaign),
      );
      if (!canManage(staff.role)) return void context.view.append(notAllowed());
      campaignForm(context.view, {
        campaign,
        submit: async ({ kind: _kind, organizationId: _organization, eligibility: _eligibility, ...changes }) =>
          (await read(api.admin.campaigns[':id'].$patch({ param: { id }, json: changes }))).campaign.id,
      });
    },
  );
}
