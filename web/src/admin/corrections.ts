// Corrections of a registration after the fact (from the roster, or the desk's result card): which fit
// its state, and each asked for in a dialog that says what will happen and asks why, before the
// API is called. The reason is a choice, so the audit log holds no free text about a person.
import { api, read, succeed } from '../foundation/api.ts';
import { h, on } from '../foundation/dom.ts';
import { choiceField } from '../foundation/fields.ts';
import { formMessage, showFailure, whileBusy } from '../foundation/form-message.ts';
import { type Correction, type Reason, type RegistrationStatus, strings } from './strings.ts';

/** The reasons offered for each correction, the likeliest first (it is chosen already). */
const reasons: Record<Correction, Reason[]> = {
  undo_check_in: ['mistake', 'other'],
  no_show: ['did_not_come', 'other'],
  undo_no_show: ['mistake', 'other'],
  cancel: ['person_asked', 'deferred', 'other'],
  remove_donation: ['mistake', 'deferred', 'other'],
};

/** What each correction leaves behind: the registration's new status, and whether a donation stays. */
export const afterCorrection: Record<Correction, { status?: RegistrationStatus; donation: 'kept' | 'removed' }> = {
  undo_check_in: { status: 'confirmed', donation: 'removed' },
  no_show: { status: 'no_show', donation: 'kept' },
  undo_no_show: { status: 'confirmed', donation: 'kept' },
  cancel: { status: 'cancelled', donation: 'kept' },
  remove_donation: { donation: 'removed' },
};

/** The corrections that fit a registration's state (the API refuses the others). */
export function correctionsFor(item: {
  status: RegistrationStatus;
  donation: unknown;
  sessionStarted: boolean;
}): Correction[] {
  switch (item.status) {
    case 'checked_in':
      return item.donation ? ['remove_donation', 'undo_check_in'] : ['undo_check_in'];
    case 'confirmed':
      // Nobody is absent before the session has started.
      return item.sessionStarted ? ['no_show', 'cancel'] : ['cancel'];
    case 'no_show':
      return ['undo_no_show'];
    case 'waitlisted':
      return ['cancel'];
    default:
      return [];
  }
}

function run(correction: Correction, id: string, reason: Reason): Promise<unknown> {
  const param = { id };
  if (correction === 'remove_donation')
    return succeed(api.admin.registrations[':id'].donation.$delete({ param, query: { reason } }));
  const status = afterCorrection[correction].status as 'confirmed' | 'no_show' | 'cancelled';
  return read(api.admin.registrations[':id'].$patch({ param, json: { status, reason } }));
}

/**
 * Asks for the correction in a dialog and makes it: true once the API has made it, false when
 * the person went back. A refusal (someone else changed it meanwhile) is said in the dialog.
 */
export function askAndCorrect(correction: Correction, person: { id: string; name: string }): Promise<boolean> {
  const s = strings();
  const action = s.correction[correction];
  const reason = choiceField({
    path: 'reason',
    label: s.reasonLabel,
    value: reasons[correction][0],
    choices: reasons[correction].map((value) => ({ value, label: s.reason[value] })),
  });
  const message = formMessage();
  const confirm = h('button', { type: 'submit', class: 'button button-danger' }, s.confirmCorrection);
  const back = h('button', { type: 'button', class: 'button button-secondary' }, s.keepAsIs);
  const form = h(
    'form',
    { method: 'dialog', class: 'form' },
    h('h2', null, s.correctionOf(action, person.name)),
    h('p', null, s.correctionEffect[correction](person.name)),
    reason.element,
    h('div', { class: 'actions' }, confirm, back),
    message.element,
  );
  const dialog = h('dialog', { class: 'correction-dialog', 'aria-label': s.correctionOf(action, person.name) }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let done = false;
    on(dialog, 'close', () => {
      dialog.remove();
      resolve(done);
    });
    on(back, 'click', () => dialog.close());
    on(form, 'submit', async (event) => {
      event.preventDefault();
      try {
        await whileBusy(confirm, message, s.correcting, () => run(correction, person.id, reason.value() as Reason));
        done = true;
        dialog.close();
      } catch (error) {
        showFailure(error, message);
      }
    });
    dialog.showModal();
    back.focus();
  });
}
