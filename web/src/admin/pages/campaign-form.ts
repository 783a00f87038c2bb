// Creating a campaign, and editing one: everything the API takes — title, texts, dates, status,
// who may sign up (ages, gender, the donor rules, platelets at a blood drive), the sign-up
// questions and the no-show rule. A quiz has no sign-ups: its form asks none of that.
import type { InferRequestType } from 'hono/client';
import { api, idempotencyKey, read } from '../../foundation/api.ts';
import { backLink } from '../../foundation/back-link.ts';
import { h, on } from '../../foundation/dom.ts';
import {
  checkboxField,
  choiceField,
  choices,
  type Field,
  FieldList,
  field,
  inputField,
  selectField,
} from '../../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, navigate, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { type Campaign, campaignTaskPage } from '../campaign-task.ts';
import { meAndOrganizations } from '../organizations.ts';
import { questionEditor } from '../question-editor.ts';
import { canManage, notAllowed } from '../login.ts';
import { strings, type CampaignStatus, type Kind } from '../strings.ts';

type NewCampaign = InferRequestType<typeof api.admin.campaigns.$post>['json'];
type Eligibility = NonNullable<NewCampaign['eligibility']>;
type GenderRule = 'any' | 'male' | 'female';

const kinds: Kind[] = ['blood_drive', 'outreach', 'cpr_training', 'quiz'];
const statuses: CampaignStatus[] = ['draft', 'published', 'closed'];
const genderRules: GenderRule[] = ['any', 'female', 'male'];

/** An age limit: a whole number of years, 0 to 120. */
const ageField = (path: string, label: string, value: number | undefined, validate?: (age: number) => string | null) =>
  inputField({
    path,
    label,
    type: 'number',
    required: false,
    value,
    attributes: { inputmode: 'numeric', maxlength: 3 },
    validate: (age) =>
      Number.isInteger(age) && Number(age) >= 0 && Number(age) <= 120
        ? (validate?.(Number(age)) ?? null)
        : strings().ageInvalid,
  });

/**
 * Who may sign up: an age range, a gender, the donor rules (on by default at a blood drive, which
 * alone may also collect platelets). Empty limits are no limits.
 */
function eligibilityFields(current: Eligibility | null | undefined) {
  const s = strings();
  const minAge = ageField('eligibility.minAge', s.minAge, current?.minAge);
  const maxAge = ageField('eligibility.maxAge', s.maxAge, current?.maxAge, (age) => {
    const min = minAge.value();
    return typeof min === 'number' && age < min ? s.ageRangeInvalid : null;
  });
  const gender = choiceField({
    path: 'eligibility.gender',
    label: s.genderLabel,
    choices: choices(genderRules, (g) => s.genderRule[g]),
    value: current?.gender ?? 'any',
  });
  const donorRules = checkboxField({
    path: 'eligibility.donorRules',
    label: s.donorRules,
    checked: current?.donorRules ?? true,
  });
  const platelets = checkboxField({
    path: 'eligibility.platelets',
    label: s.platelets,
    checked: current?.platelets ?? false,
  });
  const element = h(
    'fieldset',
    { class: 'field slots-fieldset eligibility' },
    h('legend', null, s.eligibilityTitle),
    h('p', { class: 'hint' }, s.eligibilityHint),
    h('div', { class: 'age-range' }, minAge.element, maxAge.element),
    gender.element,
    donorRules.element,
    platelets.element,
  );
  return {
    element,
    fields: [minAge, maxAge, gender] as Field[],
    /** Shows what applies to this kind; a new campaign's donor rules follow its kind (on for a blood drive). */
    showFor(kind: Kind, fresh: boolean) {
      element.hidden = kind === 'quiz';
      platelets.element.hidden = kind !== 'blood_drive';
      if (fresh) donorRules.control.checked = kind === 'blood_drive';
    },
    value(kind: Kind): Eligibility | null {
      if (kind === 'quiz') return null;
      const min = minAge.value();
      const max = maxAge.value();
      const chosenGender = gender.value() as GenderRule | undefined;
      return {
        ...(typeof min === 'number' && { minAge: min }),
        ...(typeof max === 'number' && { maxAge: max }),
        ...(chosenGender && chosenGender !== 'any' && { gender: chosenGender }),
        donorRules: donorRules.control.checked,
        ...(kind === 'blood_drive' && { platelets: platelets.control.checked }),
      };
    },
  };
}

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
  const eligibility = eligibilityFields(current?.eligibility);
  const questions = questionEditor(current?.questions ?? []);
  const quizNote = h('p', { class: 'notice' }, s.quizFormNote);

  // What a campaign of this kind has: a quiz has no sign-ups, so no rules, questions or no-shows.
  const kindNow = () => (kind?.control.value ?? current?.kind) as Kind;
  const showForKind = () => {
    const quiz = kindNow() === 'quiz';
    eligibility.showFor(kindNow(), !current);
    questions.element.hidden = quiz;
    autoNoShow.element.hidden = quiz;
    quizNote.hidden = !quiz;
  };
  if (kind) on(kind.control, 'change', showForKind);
  showForKind();

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
    quizNote,
    eligibility.element,
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
    const quiz = kindNow() === 'quiz';
    const everyField = new FieldList([
      ...[kind, organization, title, summary, description, startsOn, endsOn, status],
      ...(quiz ? [] : [...eligibility.fields, ...questions.fields()]),
    ]);
    if (!everyField.checkAll()) return;
    try {
      const id = await whileBusy(button, message, s.saving, () =>
        options.submit({
          kind: kindNow(),
          ...(organization && { organizationId: organization.control.value }),
          title: title.control.value,
          summary: summary.control.value,
          description: description.control.value,
          startsOn: startsOn.control.value,
          endsOn: endsOn.control.value,
          status: status.control.value as CampaignStatus,
          autoNoShow: !quiz && autoNoShow.control.checked,
          eligibility: eligibility.value(kindNow()),
          questions: quiz ? [] : questions.value(),
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
    // An admin picks the organization from the city's list.
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
        submit: async ({ kind: _kind, organizationId: _organization, ...changes }) =>
          (await read(api.admin.campaigns[':id'].$patch({ param: { id }, json: changes }))).campaign.id,
      });
    },
  });
}
