// Creating a campaign, and editing one: title, texts, dates, status, the no-show rule.
// Blood drives get the Chinese donor rules by default (the API applies them).
import type { InferRequestType } from 'hono/client';
import { api, idempotencyKey, read } from '../../foundation/api.ts';
import { backLink } from '../../foundation/back-link.ts';
import { h, on } from '../../foundation/dom.ts';
import { checkboxField, choices, FieldList, field, inputField, selectField } from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, navigate, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { meAndOrganizations } from '../organizations.ts';
import { questionEditor } from '../question-editor.ts';
import { canManage, notAllowed } from '../session.ts';
import { strings, type CampaignStatus, type Kind } from '../strings.ts';

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
  const fields = new FieldList();

  const kind = current
    ? null
    : fields.add(
        selectField({
          path: 'kind',
          label: s.campaignKind,
          choices: choices(kinds, (k) => s.kind[k]),
          value: 'blood_drive',
        }),
      );
  const organization = options.organizations
    ? fields.add(
        selectField({
          path: 'organizationId',
          label: s.organization,
          hint: s.organizationIdHint,
          required: true,
          placeholder: s.choose,
          choices: options.organizations.map((o) => ({ value: o.id, label: o.name })),
        }),
      )
    : null;
  const title = fields.add(
    inputField({
      path: 'title',
      label: s.campaignTitle,
      required: true,
      value: current?.title,
      attributes: { maxlength: 100 },
    }),
  );
  const summary = fields.add(
    inputField({
      path: 'summary',
      label: s.summary,
      required: false,
      value: current?.summary,
      attributes: { maxlength: 300 },
    }),
  );
  const descriptionBox = h('textarea', { rows: 5, maxlength: 5000 });
  descriptionBox.value = current?.description ?? '';
  const description = fields.add(field(descriptionBox, { path: 'description', label: s.description, required: false }));
  const startsOn = fields.add(
    inputField({ path: 'startsOn', label: s.startsOn, type: 'date', required: true, value: current?.startsOn }),
  );
  const endsOn = fields.add(
    inputField({ path: 'endsOn', label: s.endsOn, type: 'date', required: true, value: current?.endsOn }),
  );
  const status = fields.add(
    selectField({
      path: 'status',
      label: s.status,
      choices: choices(statuses, (k) => s.campaignStatus[k]),
      value: current?.status ?? 'draft',
    }),
  );
  const autoNoShow = checkboxField({ path: 'autoNoShow', label: s.autoNoShow, checked: current?.autoNoShow ?? false });
  const questions = questionEditor(current?.questions ?? []);

  const message = formMessage();
  const button = h('button', { type: 'submit', class: 'button' }, current ? s.save : s.createCampaign);
  const form = h(
    'form',
    { class: 'form card', novalidate: true },
    kind?.element,
    organization?.element,
    title.element,
    summary.element,
    description.element,
    startsOn.element,
    endsOn.element,
    status.element,
    autoNoShow.element,
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
    message.clear();
    // The question rows come and go: they are checked as they are now.
    const everyField = new FieldList([
      ...[kind, organization, title, summary, description, startsOn, endsOn, status],
      ...questions.fields(),
    ]);
    if (!everyField.checkAll()) return;
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
          autoNoShow: autoNoShow.control.checked,
          // Not edited here: the kind's defaults (a blood drive's donor rules).
          eligibility: current?.eligibility ?? null,
          questions: questions.value(),
        }),
      );
      navigate(`/campaigns/${encodeURIComponent(id)}`);
    } catch (error) {
      showFailure(error, message, everyField);
    }
  });
  view.append(form);
}

export function newCampaignPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.newCampaign);
  return loadPage(
    context,
    // An admin picks the organization; the ones running campaigns are the ones to pick from.
    () => meAndOrganizations(context.signal),
    ({ staff, organizations }) => {
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

export function editCampaignPage(context: PageContext) {
  const s = strings();
  const id = context.params.id!;
  return campaignTaskPage(context, {
    title: s.editCampaign,
    draw: ({ campaign, staff }) => {
      if (!canManage(staff.role)) return void context.view.append(notAllowed());
      campaignForm(context.view, {
        campaign,
        submit: async ({ kind: _kind, organizationId: _organization, eligibility: _eligibility, ...changes }) =>
          (await read(api.admin.campaigns[':id'].$patch({ param: { id }, json: changes }))).campaign.id,
      });
    },
  });
}
