// What a person has typed survives a redraw of the same page (the language switch): the page
// draws the same controls in the same order, so values are put back by position.
import { currentPath } from './router.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Kept {
  path: string;
  forms: boolean[];
  controls: { type: string; value: string; checked: boolean }[];
}

const controlsIn = (view: HTMLElement) =>
  Array.from(view.querySelectorAll<Control>('form input, form select, form textarea'));

export function keepFormValues(view: HTMLElement): Kept {
  return {
    path: currentPath(),
    // A form shown by a step already taken (the SMS code box) is shown again.
    forms: Array.from(view.querySelectorAll('form'), (form) => form.hidden === true),
    controls: controlsIn(view).map((control) => ({
      type: control.type,
      value: control.value,
      checked: control instanceof HTMLInputElement && control.checked,
    })),
  };
}

/** Puts the values back when the redrawn page has the same controls; otherwise leaves it as drawn. */
export function restoreFormValues(view: HTMLElement, kept: Kept) {
  const controls = controlsIn(view);
  const forms = Array.from(view.querySelectorAll('form'));
  const same =
    kept.path === currentPath() &&
    controls.length === kept.controls.length &&
    controls.every((control, index) => control.type === kept.controls[index]!.type) &&
    forms.length === kept.forms.length;
  if (!same) return;
  forms.forEach((form, index) => {
    form.hidden = kept.forms[index]!;
  });
  controls.forEach((control, index) => {
    const { value, checked } = kept.controls[index]!;
    if (control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox'))
      control.checked = checked;
    else control.value = value;
  });
}
