// The donation, recorded at a blood drive's desk as its own step after the health check and the
// collection: whole blood of 200, 300 or 400 mL, or platelets where the drive collects them. One
// recorded by mistake is removed here too (the day's own mistakes; older ones from the roster).
import { api, read } from '../foundation/api.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { askAndCorrect } from './corrections.ts';
import { type DonationKind, strings } from './strings.ts';

const WHOLE_BLOOD_ML = [200, 300, 400] as const;

export interface DonationDesk {
  campaignId: string;
  sessionId?: string;
  platelets: boolean;
}

export function donationStep(person: { id: string; name: string }, desk: DonationDesk): HTMLElement {
  const s = strings();
  const words = (kind: DonationKind, ml: number | null) => (ml ? s.wholeBloodMl(ml) : s.donation[kind]);
  const message = formMessage();
  const body = h('div', { class: 'donation-body' });
  const section = h(
    'section',
    { class: 'donation-step', 'aria-label': s.donationStep },
    h('h2', null, s.donationStep),
    body,
    message.element,
  );

  const choose = () => {
    const choices: { kind: DonationKind; ml?: (typeof WHOLE_BLOOD_ML)[number] }[] = [
      ...WHOLE_BLOOD_ML.map((ml) => ({ kind: 'whole_blood' as const, ml })),
      ...(desk.platelets ? [{ kind: 'platelets' as const }] : []),
    ];
    const buttons = choices.map((choice) => {
      const button = h(
        'button',
        { type: 'button', class: 'button button-secondary' },
        s.recordDonation(words(choice.kind, choice.ml ?? null)),
      );
      return on(button, 'click', async () => {
        try {
          const { donation } = await whileBusy(button, message, s.recording, () =>
            read(
              api.admin.registrations[':id'].donation.$post({
                param: { id: person.id },
                json: {
                  kind: choice.kind,
                  ...(choice.ml && { volumeMl: choice.ml }),
                  campaignId: desk.campaignId,
                  ...(desk.sessionId && { sessionId: desk.sessionId }),
                },
              }),
            ),
          );
          message.clear();
          recorded(words(donation.kind, donation.volumeMl));
        } catch (error) {
          showFailure(error, message);
        }
      });
    });
    replaceContent(
      body,
      h('p', { class: 'hint' }, s.donationStepHint),
      h('div', { class: 'donation-choices' }, ...buttons),
    );
  };

  const recorded = (what: string) => {
    const remove = on(h('button', { type: 'button', class: 'button-quiet' }, s.removeDonation), 'click', async () => {
      if (!(await askAndCorrect('remove_donation', person))) return;
      choose();
      message.ok(s.donationRemoved);
    });
    replaceContent(body, h('p', { class: 'donation-recorded' }, s.donationRecorded(what)), remove);
  };

  choose();
  return section;
}
