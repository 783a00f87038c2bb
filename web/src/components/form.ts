// Form fields with a visible label, an optional hint, and an error line next to the control,
// tied together with aria-describedby. The API's `issues` land on the field their path names.
import type { FieldIssue } from '../api.ts';
import { h, on, uniqueId } from '../dom.ts';
import { strings } from '../i18n.ts';

type FieldValue = string | number | boolean | undefined;

export interface Field {
  /** The path the API uses for this field in `issues`, e.g. "answers.tshirt" or "weightKg". */
  path: string;
  element: HTMLElement;
  /** The value to send; undefined when left empty. */
  value(): FieldValue;
  /** Shows the field's own problem, if any; true when it is fine. */
  check(): boolean;
  showError(message: string | null): void;
  focus(): void;
}

interface FieldOptions {
  path: string;
  label: string;
  /** true: must be answered; false: marked "(optional)"; left out: a form where nothing is required. */
  required?: boolean;
  hint?: string;
  /** A problem with a non-empty value, or null. */
  validate?: (value: FieldValue) => string | null;
}

/** The input or select inside a control (a radio button's label holds its input). */
const inputOf = (control: HTMLElement) =>
  control instanceof HTMLInputElement || control instanceof HTMLSelectElement
    ? control
    : control.querySelector('input');

/** The error line under a field, tied to its inputs with aria-describedby and aria-invalid. */
function errorLine(controls: HTMLElement[], hintId: string | undefined) {
  const id = uniqueId('error');
  const line = h('p', { class: 'field-error', id, hidden: true });
  for (const control of controls)
    inputOf(control)?.setAttribute('aria-describedby', [hintId, id].filter(Boolean).join(' '));
  const show = (message: string | null) => {
    line.textContent = message ?? '';
    line.hidden = !message;
    for (const control of controls) {
      if (message) inputOf(control)?.setAttribute('aria-invalid', 'true');
      else inputOf(control)?.removeAttribute('aria-invalid');
    }
  };
  return { line, show, showing: () => !line.hidden };
}

/**
 * A field from its parts. Errors appear when the form is submitted, then follow the person's
 * changes until the field is right. They never appear just because a field lost focus on the
 * way to the submit button: the button would move under the finger and the tap would miss.
 */
function makeField(
  options: FieldOptions,
  parts: { element: HTMLElement; controls: HTMLElement[]; hintId?: string },
  value: () => FieldValue,
  focus: () => void,
): Field {
  const error = errorLine(parts.controls, parts.hintId);
  parts.element.append(error.line);
  const check = () => {
    const current = value();
    const problem =
      current === undefined ? (options.required ? strings().required : null) : (options.validate?.(current) ?? null);
    error.show(problem);
    return problem === null;
  };
  const recheck = () => {
    if (error.showing()) check();
  };
  on(parts.element, 'input', recheck);
  on(parts.element, 'change', recheck);
  return { path: options.path, element: parts.element, value, check, showError: error.show, focus };
}

function hintFor(options: FieldOptions) {
  const id = options.hint ? uniqueId('hint') : undefined;
  return { id, element: id ? h('p', { class: 'hint', id }, options.hint) : null };
}

function labelText(options: FieldOptions) {
  return h(
    'span',
    { class: 'label-text' },
    options.label,
    options.required === false ? h('span', { class: 'optional' }, ` ${strings().optional}`) : null,
  );
}

/** A labelled single control (text box or select). */
function singleField(
  options: FieldOptions,
  control: HTMLInputElement | HTMLSelectElement,
  value: () => FieldValue,
): Field {
  const hint = hintFor(options);
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, labelText(options)),
    hint.element,
    control,
  );
  return makeField(options, { element, controls: [control], hintId: hint.id }, value, () => control.focus());
}

export function inputField(
  options: FieldOptions & {
    type?: 'text' | 'tel' | 'date' | 'number';
    value?: string | number | null;
    attributes?: Record<string, string | number>;
  },
): Field {
  const id = uniqueId('field');
  const number = options.type === 'number';
  // type=number rejects "65,5" silently on some keyboards; a text box with a decimal keypad does not.
  const input = h('input', {
    id,
    name: options.path,
    type: number ? 'text' : (options.type ?? 'text'),
    inputmode: number ? 'decimal' : null,
    required: options.required ?? false,
    value: options.value ?? null,
    ...options.attributes,
  });
  const value = (): FieldValue => {
    const text = input.value.trim();
    if (text === '') return undefined;
    if (!number) return text;
    const parsed = Number(text.replace(',', '.'));
    return Number.isFinite(parsed) ? parsed : text; // text: the check below says it is not a number
  };
  const validate = (current: FieldValue) =>
    number && typeof current !== 'number' ? strings().notANumber : (options.validate?.(current) ?? null);
  return singleField({ ...options, validate }, input, value);
}

interface Choice {
  value: string;
  label: string;
}

/** Radio buttons for a few choices (everything visible at once), a select for many. */
export function choiceField(
  options: FieldOptions & { choices: Choice[]; value?: string | null; placeholder?: string },
): Field {
  if (options.choices.length > 5 || options.placeholder !== undefined) {
    const id = uniqueId('field');
    const select = h(
      'select',
      { id, name: options.path, required: options.required ?? false },
      h('option', { value: '' }, options.placeholder ?? strings().choose),
      ...options.choices.map((choice) =>
        h('option', { value: choice.value, selected: choice.value === options.value }, choice.label),
      ),
    );
    return singleField(options, select, () => select.value || undefined);
  }
  const name = uniqueId(options.path);
  const radios = options.choices.map((choice) =>
    h('input', {
      type: 'radio',
      name,
      value: choice.value,
      checked: choice.value === options.value,
      required: options.required ?? false,
    }),
  );
  const labels = options.choices.map((choice, index) =>
    h('label', { class: 'choice' }, radios[index]!, ` ${choice.label}`),
  );
  const hint = hintFor(options);
  const element = h(
    'fieldset',
    { class: 'field' },
    h('legend', null, labelText(options)),
    hint.element,
    h('div', { class: 'choices' }, ...labels),
  );
  return makeField(
    options,
    { element, controls: labels, hintId: hint.id },
    () => radios.find((radio) => radio.checked)?.value,
    () => (radios.find((radio) => radio.checked) ?? radios[0])?.focus(),
  );
}

export function checkboxField(options: { path: string; label: string; hint?: string; checked: boolean }): Field {
  const input = h('input', { id: uniqueId('field'), type: 'checkbox', name: options.path, checked: options.checked });
  const hint = hintFor(options);
  const element = h(
    'div',
    { class: 'field' },
    h('label', { class: 'choice', for: input.id }, input, ` ${options.label}`),
    hint.element,
  );
  return makeField(
    options,
    { element, controls: [input], hintId: hint.id },
    () => input.checked,
    () => input.focus(),
  );
}

/** The fields of one form, for checking them all and placing the API's issues. */
export class FieldList {
  private readonly fields: Field[] = [];

  add<F extends Field>(field: F): F {
    this.fields.push(field);
    return field;
  }

  /** Checks every field and focuses the first one that is wrong. */
  checkAll(): boolean {
    const wrong = this.fields.filter((field) => !field.check());
    wrong[0]?.focus();
    return wrong.length === 0;
  }

  clearErrors() {
    for (const field of this.fields) field.showError(null);
  }

  /** Shows each issue next to its field and focuses the first; returns the issues no field owns. */
  showIssues(issues: FieldIssue[]): FieldIssue[] {
    this.clearErrors();
    const unplaced: FieldIssue[] = [];
    const placed: Field[] = [];
    for (const issue of issues) {
      const field = this.fields.find((candidate) => candidate.path === issue.path);
      if (!field) unplaced.push(issue);
      else if (!placed.includes(field)) {
        field.showError(issue.message);
        placed.push(field);
      }
    }
    placed[0]?.focus();
    return unplaced;
  }
}

/** A form's own message line (errors that concern no single field, or "saved"). */
export function formMessage(): { element: HTMLElement; show(message: string | null, kind?: 'error' | 'ok'): void } {
  const element = h('div', { class: 'form-message', role: 'alert', hidden: true });
  return {
    element,
    show(message, kind = 'error') {
      element.textContent = message ?? '';
      element.hidden = !message;
      element.className = `form-message form-message-${kind}`;
    },
  };
}
