// Signing up for one slot, in a free seat or in one a group holds (from its invitation link): the
// campaign's own questions, the donor facts a blood drive needs (a returning donor told first when
// they may give again), checks as the person types, and the API's verdict next to the fields or as
// plain reasons.
import type { InferResponseType } from 'hono/client';
import { nextDonationDay, type DonationKind } from '../../../worker/domain/eligibility.ts';
import { parseIdNumber } from '../../../worker/domain/id-number.ts';
import { offersPlatelets } from '../../../worker/domain/sign-up.ts';
import { questionTypes, type Question } from '../../../worker/domain/questions.ts';
import { api, ApiFailure, idempotencyKey, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { checkboxField, choiceField, FieldList, inputField, type Field } from '../foundation/fields.ts';
import { formMessage } from '../foundation/form-message.ts';
import { loadPage, signInFirst } from '../foundation/page.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { formatDay, formatSessionTime, hasStarted, nextDayWords, today } from '../format.ts';
import { strings } from '../strings.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { seatsText, type CampaignDetail } from './campaign.ts';
import { windowField } from '../components/windows.ts';

type Person = InferResponseType<typeof api.me.$get, 200>['person'];
type Donation = InferResponseType<typeof api.me.donations.$get, 200>['items'][number];
type Session = CampaignDetail['sessions'][number];
type SignUpBody = Parameters<(typeof api.slots)[':slotId']['registrations']['$post']>[0]['json'];

/** What the form knows of the person before they type: the profile and, at blood drives, the donations. */
export interface KnownPerson {
  person: Person;
  donations: Donation[];
}

/** The person's donations where the campaign is a blood drive (nothing is asked otherwise). */
export async function donationsFor(campaign: CampaignDetail, signal: AbortSignal): Promise<Donation[]> {
  if (campaign.kind !== 'blood_drive') return [];
  return (await read(api.me.donations.$get({}, within(signal)))).items;
}

/**
 * A returning donor's first word: when each kind this drive takes may be given again (the
 * interval rule the Worker applies, from worker/domain/eligibility.ts), and plainly whether this
 * session comes too soon. The Worker still decides; this only says it before the form is filled.
 */
function returningDonor(campaign: CampaignDetail, session: Session, donations: Donation[]): HTMLElement | null {
  const s = strings();
  const last = donations.reduce<Donation | undefined>(
    (latest, donation) => (!latest || donation.day > latest.day ? donation : latest),
    undefined,
  );
  if (campaign.kind !== 'blood_drive' || !last) return null;
  const sessionDay = session.startsAt.slice(0, 10); // the API's times are China time
  const kinds: DonationKind[] = offersPlatelets(campaign) ? ['whole_blood', 'platelets'] : ['whole_blood'];
  const next = kinds.map((kind) => ({ kind, day: nextDonationDay(kind, donations) ?? today() }));
  const tooSoon = next.every(({ day }) => day > sessionDay);
  const earliest = next.reduce((soonest, candidate) => (candidate.day < soonest.day ? candidate : soonest));
  return h(
    'section',
    { class: `notice returning-donor${tooSoon ? ' notice-error' : ''}`, 'data-testid': 'returning-donor' },
    h('h2', null, s.returningDonorTitle),
    h('p', null, s.lastDonation(formatDay(last.day), s.donation[last.kind])),
    h(
      'ul',
      null,
      ...next.map(({ kind, day }) =>
        h(
          'li',
          null,
          s.nextKind(s.donation[kind], nextDayWords(day)),
          kinds.length > 1 ? ` · ${day > sessionDay ? s.sessionTooSoon : s.sessionFine}` : null,
        ),
      ),
    ),
    tooSoon ? h('p', null, h('strong', null, s.tooSoonForSession(formatDay(earliest.day)))) : null,
  );
}

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

/**
 * A blood drive's ID number: typed, or for a returning donor at first the one saved on their last
 * registration (the server reads it; nothing of it is shown), with the box to type another one instead.
 */
function idNumberField(saved: boolean): Field & { useSaved(): boolean } {
  const s = strings();
  const typed = inputField({
    path: 'idNumber',
    label: s.idNumber,
    hint: s.idNumberHint,
    required: true,
    attributes: { autocomplete: 'off', maxlength: 18, autocapitalize: 'characters', spellcheck: 'false' },
    validate: (value) => (parseIdNumber(String(value), today()) ? null : s.idNumberInvalid),
  });
  if (!saved) return { ...typed, useSaved: () => false };
  const reuse = checkboxField({
    path: 'useSavedIdNumber',
    label: s.useSavedIdNumber,
    hint: s.useSavedIdNumberHint,
    checked: true,
  });
  const useSaved = () => reuse.control.checked;
  const showTyped = () => {
    typed.element.hidden = useSaved();
    if (useSaved()) typed.showError(null);
  };
  on(reuse.control, 'change', showTyped);
  showTyped();
  return {
    // The API's issues about the number (none saved after all, an age from it) land here either way.
    path: 'idNumber',
    element: h('div', { class: 'id-number-choice' }, reuse.element, typed.element),
    value: () => (useSaved() ? undefined : typed.value()),
    check: () => useSaved() || typed.check(),
    showError: (message) => (useSaved() ? reuse : typed).showError(message),
    focus: () => (useSaved() ? reuse : typed).focus(),
    useSaved,
  };
}

/** A group whose held seat the sign-up takes: the invitation's code and the group's name. */
export interface JoiningGroup {
  code: string;
  organization: string;
  seatsLeft: number;
}

export function drawSignUpForm(
  context: PageContext,
  campaign: CampaignDetail,
  { person, donations }: KnownPerson,
  slotId: string,
  group?: JoiningGroup,
) {
  const s = strings();
  const { view } = context;
  const session = campaign.sessions.find((candidate) => candidate.slots.some((slot) => slot.id === slotId));
  const slot = session?.slots.find((candidate) => candidate.id === slotId);
  const backPath = group
    ? `/groups/${encodeURIComponent(group.code)}`
    : `/campaigns/${encodeURIComponent(campaign.id)}`;
  view.append(backLink(backPath, group?.organization ?? campaign.title), h('h1', null, s.signUpTitle));
  if (!session || !slot) return view.append(h('p', { class: 'notice' }, s.slotNotFound));

  // A group member takes one of the group's seats: never the waiting list.
  const willWait = !group && slot.remaining === 0;
  view.append(
    h(
      'section',
      { class: 'card summary', 'aria-label': s.whatYouSignUpFor },
      h('p', { class: 'summary-title' }, campaign.title),
      group ? h('p', null, s.groupOf(group.organization), ' · ', s.groupSeatsLeft(group.seatsLeft)) : null,
      h('p', null, h('strong', null, slot.role), group ? null : ' · ', group ? null : seatsText(slot)),
      h('p', null, formatSessionTime(session.startsAt, session.endsAt)),
      h('p', null, session.venue, h('br'), h('span', { class: 'meta' }, session.address)),
    ),
  );
  if (hasStarted(session.startsAt)) return view.append(h('p', { class: 'notice' }, s.signUpClosed));
  if (!group && willWait && !slot.waitlist) return view.append(h('p', { class: 'notice' }, s.slotFullNoWaitlist));
  if (willWait) view.append(h('p', { class: 'notice' }, s.willJoinWaitlist));
  const windows = slot.windows;
  if (windows && !windows.some((window) => window.remaining > 0)) {
    return view.append(h('p', { class: 'notice' }, s.allWindowsFull));
  }
  const donor = returningDonor(campaign, session, donations);
  if (donor) view.append(donor);

  const rules = campaign.eligibility;
  const bloodDrive = campaign.kind === 'blood_drive';
  const asksAge = rules.donorRules || rules.minAge !== undefined || rules.maxAge !== undefined;
  const asksGender = rules.donorRules || rules.gender !== undefined;
  const fields = new FieldList();
  // In a session with appointment windows, the time to come comes first.
  const timeToCome = windows ? fields.add(windowField(windows)) : undefined;

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
  const idNumber = bloodDrive ? fields.add(idNumberField(person.idNumberSaved)) : undefined;
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
      ...(idNumber &&
        (idNumber.useSaved() ? { useSavedIdNumber: true as const } : { idNumber: String(idNumber.value()) })),
      ...(birthDate && { birthDate: String(birthDate.value()) }),
      ...(gender && { gender: gender.value() as 'male' | 'female' }),
      ...(weightKg && { weightKg: Number(weightKg.value()) }),
      ...(donationKind && { donationKind: donationKind.value() as 'whole_blood' | 'platelets' }),
      ...(timeToCome && { windowStartsAt: String(timeToCome.value()) }),
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

  const donorFields = [timeToCome, name, idNumber, birthDate, gender, weightKg, donationKind].map(
    (field) => field?.element,
  );
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
        group
          ? api.groups[':code'].registrations.$post({ param: { code: group.code }, json: body() }, headers)
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
    async () => {
      const [{ campaign }, { person }] = await Promise.all([
        read(api.campaigns[':id'].$get({ param: { id: context.params.campaignId! } }, within(context.signal))),
        read(api.me.$get({}, within(context.signal))),
      ]);
      return { campaign, known: { person, donations: await donationsFor(campaign, context.signal) } };
    },
    ({ campaign, known }) => drawSignUpForm(context, campaign, known, context.params.slotId!),
  );
}
