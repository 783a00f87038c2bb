// Signing up for one slot, in a free seat or in one a team holds (from its invitation link): the
// campaign's own questions, the donor facts a blood drive needs, checks as the person types, and
// the API's verdict next to the fields or as plain reasons.
import type { InferResponseType } from 'hono/client';
import { parseIdNumber } from '../../../worker/domain/id-number.ts';
import { questionTypes, type Question } from '../../../worker/domain/questions.ts';
import { api, ApiFailure, idempotencyKey, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { choiceField, FieldList, inputField, type Field } from '../foundation/fields.ts';
import { formMessage } from '../foundation/form-message.ts';
import { loadPage, signInFirst } from '../foundation/page.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { formatSessionTime, hasStarted, today } from '../format.ts';
import { strings } from '../strings.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { seatsText, type CampaignDetail } from './campaign.ts';

type Person = InferResponseType<typeof api.me.$get, 200>['person'];
type SignUpBody = Parameters<(typeof api.slots)[':slotId']['registrations']['$post']>[0]['json'];

/** The campaign's questions as stored; anything malformed is left out rather than breaking the form. */
function questionsOf(campaign: CampaignDetail): Question[] {
  return (campaign.questions as unknown[]).filter(
    (item): item is Question =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Question).key === 'string' &&
      typeof (item as Question).label === 'string' &&
      questionTypes.includes((item as Question).type),
  );
}

function questionField(question: Question): Field {
  const s = strings();
  const base = { path: `answers.${question.key}`, label: question.label, required: question.required === true };
  switch (question.type) {
    case 'choice':
      return choiceField({
        ...base,
        choices: (question.options ?? []).map((option) => ({ value: option, label: option })),
      });
    case 'boolean':
      return choiceField({
        ...base,
        choices: [
          { value: 'true', label: s.yes },
          { value: 'false', label: s.no },
        ],
      });
    case 'number':
      return inputField({ ...base, type: 'number' });
    case 'text':
      return inputField({ ...base, attributes: { maxlength: 500 } });
  }
}

/** A team whose held seat the sign-up takes: the invitation's code and the team's name. */
export interface JoiningTeam {
  code: string;
  organization: string;
  seatsLeft: number;
}

export function drawSignUpForm(
  context: PageContext,
  campaign: CampaignDetail,
  person: Person,
  slotId: string,
  team?: JoiningTeam,
) {
  const s = strings();
  const { view } = context;
  const session = campaign.sessions.find((candidate) => candidate.slots.some((slot) => slot.id === slotId));
  const slot = session?.slots.find((candidate) => candidate.id === slotId);
  const backPath = team ? `/groups/${encodeURIComponent(team.code)}` : `/campaigns/${encodeURIComponent(campaign.id)}`;
  view.append(backLink(backPath, team?.organization ?? campaign.title), h('h1', null, s.signUpTitle));
  if (!session || !slot) return view.append(h('p', { class: 'notice' }, s.slotNotFound));

  // A team member takes one of the team's seats: never the waiting list.
  const willWait = !team && slot.remaining === 0;
  view.append(
    h(
      'section',
      { class: 'card summary', 'aria-label': s.whatYouSignUpFor },
      h('p', { class: 'summary-title' }, campaign.title),
      team ? h('p', null, s.teamOf(team.organization), ' · ', s.teamSeatsLeft(team.seatsLeft)) : null,
      h('p', null, h('strong', null, slot.role), team ? null : ' · ', team ? null : seatsText(slot)),
      h('p', null, formatSessionTime(session.startsAt, session.endsAt)),
      h('p', null, session.venue, h('br'), h('span', { class: 'meta' }, session.address)),
    ),
  );
  if (hasStarted(session.startsAt)) return view.append(h('p', { class: 'notice' }, s.signUpClosed));
  if (!team && willWait && !slot.waitlist) return view.append(h('p', { class: 'notice' }, s.slotFullNoWaitlist));
  if (willWait) view.append(h('p', { class: 'notice' }, s.willJoinWaitlist));

  const rules = campaign.eligibility;
  const bloodDrive = campaign.kind === 'blood_drive';
  const asksAge = rules.donorRules || rules.minAge !== undefined || rules.maxAge !== undefined;
  const asksGender = rules.donorRules || rules.gender !== undefined;
  const fields = new FieldList();

  const name = fields.add(
    inputField({
      path: 'name',
      label: s.name,
      required: true,
      value: person.name,
      attributes: { autocomplete: 'name', maxlength: 40 },
    }),
  );
  // A blood drive's ID number gives birth date and gender; other campaigns ask for what their
  // rules need and the profile lacks.
  const idNumber = bloodDrive
    ? fields.add(
        inputField({
          path: 'idNumber',
          label: s.idNumber,
          hint: s.idNumberHint,
          required: true,
          attributes: { autocomplete: 'off', maxlength: 18, autocapitalize: 'characters', spellcheck: 'false' },
          validate: (value) => (parseIdNumber(String(value), today()) ? null : s.idNumberInvalid),
        }),
      )
    : undefined;
  const birthDate =
    !bloodDrive && asksAge && !person.birthDate
      ? fields.add(
          inputField({
            path: 'birthDate',
            label: s.birthDate,
            hint: s.birthDateWhy,
            type: 'date',
            required: true,
            attributes: { max: today(), min: '1900-01-01' },
          }),
        )
      : undefined;
  const gender =
    !bloodDrive && asksGender && !person.gender
      ? fields.add(
          choiceField({
            path: 'gender',
            label: s.gender,
            required: true,
            choices: [
              { value: 'female', label: s.female },
              { value: 'male', label: s.male },
            ],
          }),
        )
      : undefined;
  const weightKg = rules.donorRules
    ? fields.add(
        inputField({
          path: 'weightKg',
          label: s.weightKg,
          type: 'number',
          required: true,
          attributes: { maxlength: 5 },
          validate: (value) => (Number(value) >= 20 && Number(value) <= 300 ? null : s.weightRange),
        }),
      )
    : undefined;
  const donationKind = rules.donorRules
    ? fields.add(
        choiceField({
          path: 'donationKind',
          label: s.donationKind,
          required: true,
          value: 'whole_blood',
          choices: [
            { value: 'whole_blood', label: s.donation.whole_blood },
            { value: 'platelets', label: s.donation.platelets },
          ],
        }),
      )
    : undefined;
  const questions = questionsOf(campaign).map((question) => ({ question, field: fields.add(questionField(question)) }));

  const body = (): SignUpBody => {
    const answers: Record<string, string | number | boolean> = {};
    for (const { question, field } of questions) {
      const value = field.value();
      if (value !== undefined) answers[question.key] = question.type === 'boolean' ? value === 'true' : value;
    }
    return {
      name: String(name.value()),
      answers,
      ...(idNumber && { idNumber: String(idNumber.value()) }),
      ...(birthDate && { birthDate: String(birthDate.value()) }),
      ...(gender && { gender: gender.value() as 'male' | 'female' }),
      ...(weightKg && { weightKg: Number(weightKg.value()) }),
      ...(donationKind && { donationKind: donationKind.value() as 'whole_blood' | 'platelets' }),
    };
  };

  const ineligible = h('div', { class: 'notice notice-error', role: 'alert', tabindex: -1, hidden: true });
  const message = formMessage();
  const submitLabel = willWait ? s.joinWaitlist : s.confirmSignUp;
  const submit = h('button', { type: 'submit', class: 'button button-wide' }, submitLabel);

  // One key per attempt of this form: a retry after a lost answer reuses it, so the server
  // books once; after a definite answer (a refusal, a field to fix) the next try is new.
  let key = idempotencyKey();
  let sending = false;

  const donorFields = [name, idNumber, birthDate, gender, weightKg, donationKind].map((field) => field?.element);
  const questionFields = questions.map(({ field }) => field.element);
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    ...donorFields,
    ...questionFields,
    ineligible,
    message.element,
    submit,
  );

  on(form, 'submit', async (event) => {
    event.preventDefault();
    if (sending) return; // a double tap
    message.clear();
    ineligible.hidden = true;
    if (!fields.checkAll()) return;
    sending = true;
    submit.disabled = true;
    submit.textContent = s.sending;
    try {
      const headers = { headers: { 'Idempotency-Key': key } };
      const { registration } = await read(
        team
          ? api.groups[':code'].registrations.$post({ param: { code: team.code }, json: body() }, headers)
          : api.slots[':slotId'].registrations.$post({ param: { slotId: slot.id }, json: body() }, headers),
      );
      navigate(`/me/sign-ups/${encodeURIComponent(registration.id)}`, { replace: true, state: { justBooked: true } });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      if (error.answered) key = idempotencyKey();
      if (error.status === 401) return signInFirst();
      if (error.code === 'ineligible') {
        replaceContent(
          ineligible,
          h('h2', null, error.message),
          h('ul', null, ...error.reasons.map((reason) => h('li', null, reason.message))),
          h('p', null, s.ineligibleHelp(campaign.organization.name)),
        );
        ineligible.hidden = false;
        ineligible.focus();
      } else if (error.code === 'validation_failed') {
        const unplaced = fields.showIssues(error.issues);
        if (unplaced.length) message.error(s.sentences(error.message, ...unplaced.map((issue) => issue.message)));
      } else {
        message.error(error.status === 0 ? s.sentences(error.message, s.submitAgain) : error.message);
      }
    } finally {
      sending = false;
      submit.disabled = false;
      submit.textContent = submitLabel;
    }
  });
  view.append(form);
}

export async function signUpPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.signUpTitle);
  await loadPage(
    context,
    () =>
      Promise.all([
        read(api.campaigns[':id'].$get({ param: { id: context.params.campaignId! } }, within(context.signal))),
        read(api.me.$get({}, within(context.signal))),
      ]),
    ([{ campaign }, { person }]) => drawSignUpForm(context, campaign, person, context.params.slotId!),
  );
}
