// The person's profile: name, gender, birth date, district, blood type, the emergency donor
// list, which notifications to get; and signing out.
import { bloodTypes, rhDs } from '../../../worker/domain/profile.ts';
import { api, ApiFailure, read, succeed, within } from '../foundation/api.ts';
import { checkboxField, choiceField, FieldList, inputField } from '../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { loadPage } from '../foundation/page.ts';
import { cityConfig } from '../city.ts';
import { h, on } from '../foundation/dom.ts';
import { today } from '../format.ts';
import { strings } from '../strings.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

type Gender = 'male' | 'female';
type BloodType = (typeof bloodTypes)[number];
type RhD = (typeof rhDs)[number];

export async function profilePage(context: PageContext) {
  const s = strings();
  setPageTitle(s.profileTitle);
  await loadPage(
    context,
    () => Promise.all([read(api.me.$get({}, within(context.signal))), cityConfig()]),
    ([{ person }, city]) => {
      const fields = new FieldList();
      const name = fields.add(
        inputField({
          path: 'name',
          label: s.name,
          value: person.name,
          attributes: { autocomplete: 'name', maxlength: 40 },
        }),
      );
      const gender = fields.add(
        choiceField({
          path: 'gender',
          label: s.gender,
          value: person.gender,
          placeholder: s.notSaying,
          choices: [
            { value: 'female', label: s.female },
            { value: 'male', label: s.male },
          ],
        }),
      );
      const birthDate = fields.add(
        inputField({
          path: 'birthDate',
          label: s.birthDate,
          type: 'date',
          value: person.birthDate,
          attributes: { max: today(), min: '1900-01-01' },
        }),
      );
      const district = fields.add(
        choiceField({
          path: 'district',
          label: s.district(city.cityName),
          value: person.district,
          placeholder: s.choose,
          choices: city.districts.map((name) => ({ value: name, label: name })),
        }),
      );
      const bloodType = fields.add(
        choiceField({
          path: 'bloodType',
          label: s.bloodType,
          value: person.bloodType,
          placeholder: s.bloodTypeUnknown,
          choices: bloodTypes.map((type) => ({ value: type, label: s.bloodTypeName(type) })),
        }),
      );
      const rhD = fields.add(
        choiceField({
          path: 'rhD',
          label: s.rhD,
          value: person.rhD,
          placeholder: s.bloodTypeUnknown,
          choices: rhDs.map((value) => ({ value, label: s.rhDName[value] })),
        }),
      );
      const emergencyDonor = fields.add(
        checkboxField({
          path: 'emergencyDonor',
          label: s.emergencyDonor,
          hint: s.emergencyDonorRule,
          checked: person.emergencyDonor,
        }),
      );

      const reminders = fields.add(
        checkboxField({ path: 'reminders', label: s.reminders, hint: s.remindersRule, checked: person.reminders }),
      );
      const quizNudges = fields.add(
        checkboxField({ path: 'quizNudges', label: s.quizNudges, checked: person.quizNudges }),
      );

      const message = formMessage();
      const save = h('button', { type: 'submit', class: 'button button-wide' }, s.save);
      const form = on(
        h(
          'form',
          { class: 'form', novalidate: true },
          name.element,
          gender.element,
          birthDate.element,
          district.element,
          h(
            'div',
            { class: 'card emergency' },
            h('h2', null, s.bloodDonationTitle),
            bloodType.element,
            rhD.element,
            emergencyDonor.element,
          ),
          h('div', { class: 'card' }, h('h2', null, s.notificationsTitle), reminders.element, quizNudges.element),
          message.element,
          save,
        ),
        'submit',
        async (event) => {
          event.preventDefault();
          message.clear();
          if (!fields.checkAll()) return;
          try {
            // An emptied field clears what was saved (null); the API keeps nothing it was not sent.
            await whileBusy(save, message, s.saving, () =>
              read(
                api.me.$patch({
                  json: {
                    name: (name.value() as string | undefined) ?? null,
                    gender: (gender.value() as Gender | undefined) ?? null,
                    birthDate: (birthDate.value() as string | undefined) ?? null,
                    district: (district.value() as string | undefined) ?? null,
                    bloodType: (bloodType.value() as BloodType | undefined) ?? null,
                    rhD: (rhD.value() as RhD | undefined) ?? null,
                    emergencyDonor: emergencyDonor.value() === true,
                    reminders: reminders.value() === true,
                    quizNudges: quizNudges.value() === true,
                  },
                }),
              ),
            );
            fields.clearErrors();
            message.ok(s.saved);
          } catch (error) {
            showFailure(error, message, fields);
          }
        },
      );

      const signOutMessage = h('p', { class: 'field-error', role: 'alert', hidden: true });
      const signOut = on(
        h('button', { type: 'button', class: 'button button-secondary' }, s.signOut),
        'click',
        async () => {
          signOut.disabled = true;
          try {
            await succeed(api.auth.logout.$post({}, within(context.signal)));
            navigate('/');
          } catch (error) {
            if (!(error instanceof ApiFailure)) throw error;
            signOutMessage.textContent = error.message;
            signOutMessage.hidden = false;
            signOut.disabled = false;
          }
        },
      );

      context.view.append(
        h('h1', null, s.profileTitle),
        h('p', { class: 'meta' }, s.signedInAs(person.phone)),
        form,
        h('section', { class: 'sign-out', 'aria-label': s.signOut }, signOut, signOutMessage),
      );
    },
  );
}
