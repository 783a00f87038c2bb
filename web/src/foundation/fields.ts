// Form fields of both apps: a visible label, an optional hint, and an error line next to the
// control, tied together with aria-describedby. What must be filled in and what is wrong with a
// value is said by the field itself; the API's `issues` land on the field their path names.
import type { FieldIssue } from './api.ts';
import { h, on, uniqueId } from './dom.ts';
import { navigate } from './router.ts';
import { words } from './words.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
export type FieldValue = string | number | boolean | undefined;

export interface Field {
  /** The path the API uses for this field in `issues`, e.g. "answers.tshirt" or "slots.0.role". */
  path: string;
  element: HTMLElement;
  /** The value to send; undefined when left empty. */
  value(): FieldValue;
  /** Shows the field's own problem, if any; true when it is fine. */
  check(): boolean;
  showError(message: string | null): void;
  focus(): void;
}

/** A field of one control, which the page may read or change directly. */
export interface ControlField<C extends Control = Control> extends Field {
  control: C;
}

export interface FieldOptions {
  path: string;
  label: string;
  /** true: must be answered; false: marked "(optional)"; left out: a form where nothing is required. */
  required?: boolean;
  hint?: string;
  /** A problem with a non-empty value, or null. */
  validate?: (value: FieldValue) => string | null;
}

export interface Choice {
  value: string;
  label: string;
}

/** Choices from values and their names: `choices(statuses, (status) => s.status[status])`. */
export const choices = <V extends string>(values: readonly V[], label: (value: V) => string): Choice[] =>
  values.map((value) => ({ value, label: label(value) }));

/** The input or select inside a control (a radio button's label holds its input). */
const inputOf = (control: HTMLElement) =>
  control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement
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
      current === undefined ? (options.required ? words().required : null) : (options.validate?.(current) ?? null);
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

function hintFor(options: { hint?: string }) {
  const id = options.hint ? uniqueId('hint') : undefined;
  return { id, element: id ? h('p', { class: 'hint', id }, options.hint) : null };
}

function labelText(options: FieldOptions) {
  return h(
    'span',
    { class: 'label-text' },
    options.label,
    options.required === false ? h('span', { class: 'optional' }, ` ${words().optional}`) : null,
  );
}

/** A labelled control the page built (a textarea, a file box); its text, trimmed, is the value. */
export function field<C extends Control>(
  control: C,
  options: FieldOptions,
  value: () => FieldValue = () => control.value.trim() || undefined,
): ControlField<C> {
  control.id ||= uniqueId('field');
  control.name ||= options.path;
  if (options.required) control.required = true;
  const hint = hintFor(options);
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, labelText(options)),
    hint.element,
    control,
  );
  return {
    ...makeField(options, { element, controls: [control], hintId: hint.id }, value, () => control.focus()),
    control,
  };
}

export function inputField(
  options: FieldOptions & {
    type?: 'text' | 'tel' | 'email' | 'password' | 'date' | 'datetime-local' | 'number' | 'file' | 'search';
    value?: string | number | null;
    attributes?: Record<string, string | number | boolean>;
  },
): ControlField<HTMLInputElement> {
  const number = options.type === 'number';
  // type=number rejects "65,5" silently on some keyboards; a text box with a decimal keypad does not.
  const input = h('input', {
    type: number ? 'text' : (options.type ?? 'text'),
    inputmode: number ? 'decimal' : null,
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
    number && typeof current !== 'number' ? words().notANumber : (options.validate?.(current) ?? null);
  return field(input, { ...options, validate }, value);
}

/** A drop-down list; `placeholder` is the empty first choice ("Choose", "All statuses"). */
export function selectField(
  options: FieldOptions & { choices: Choice[]; value?: string | null; placeholder?: string },
): ControlField<HTMLSelectElement> {
  const select = h(
    'select',
    null,
    options.placeholder === undefined ? null : h('option', { value: '' }, options.placeholder),
    ...options.choices.map((choice) =>
      h('option', { value: choice.value, selected: choice.value === options.value }, choice.label),
    ),
  );
  return field(select, options, () => select.value || undefined);
}

/** Radio buttons for a few choices (everything visible at once), a drop-down list for many. */
export function choiceField(
  options: FieldOptions & { choices: Choice[]; value?: string | null; placeholder?: string },
): Field {
  if (options.choices.length > 5 || options.placeholder !== undefined)
    return selectField({ ...options, placeholder: options.placeholder ?? words().choose });
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

export function checkboxField(options: {
  path: string;
  label: string;
  hint?: string;
  checked: boolean;
}): ControlField<HTMLInputElement> {
  const input = h('input', { id: uniqueId('field'), type: 'checkbox', name: options.path, checked: options.checked });
  const hint = hintFor(options);
  const element = h(
    'div',
    { class: 'field' },
    h('label', { class: 'choice', for: input.id }, input, ` ${options.label}`),
    hint.element,
  );
  const made = makeField(
    options,
    { element, controls: [input], hintId: hint.id },
    () => input.checked,
    () => input.focus(),
  );
  return { ...made, control: input };
}

/** The fields of one form, for checking them all and placing the API's issues. */
export class FieldList {
  private readonly fields: Field[];

  constructor(fields: (Field | null | undefined)[] = []) {
    this.fields = fields.filter((field): field is Field => !!field);
  }

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

  /** The field an issue names, else the one it lies within (questions.0.options → questions.0). */
  private fieldFor(path: string) {
    return (
      this.fields.find((candidate) => candidate.path === path) ??
      this.fields.find((candidate) => candidate.path && path.startsWith(`${candidate.path}.`))
    );
  }

  /** Shows each issue next to its field and focuses the first; returns the issues no field owns. */
  showIssues(issues: FieldIssue[]): FieldIssue[] {
    this.clearErrors();
    const unplaced: FieldIssue[] = [];
    const placed: Field[] = [];
    for (const issue of issues) {
      const field = this.fieldFor(issue.path);
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

/** One filter's drop-down list, whose empty first choice means "all" (all statuses, the whole city). */
export const filterChoice = (path: string, label: string, all: string, choices: Choice[], value?: string) =>
  selectField({ path, label, placeholder: all, choices, value });

/**
 * A filter (a roster's status, the audit log's action): its choice becomes the page's address,
 * so a reload or the back button keeps it.
 */
export function filterForm(options: {
  /** The form's name for screen readers, and its button's words ("Filter", "Find donors"). */
  label: string;
  apply: string;
  fields: ControlField[];
  address: (values: Record<string, string>) => string;
}): HTMLFormElement {
  const fields = new FieldList(options.fields);
  const form = h(
    'form',
    { class: 'filters card', 'aria-label': options.label, novalidate: true },
    ...options.fields.map((field) => field.element),
    h('button', { type: 'submit', class: 'button button-secondary' }, options.apply),
  );
  return on(form, 'submit', (event) => {
    event.preventDefault();
    if (!fields.checkAll()) return;
    const values = Object.fromEntries(options.fields.map((field) => [field.path, field.control.value]));
    navigate(options.address(values), { replace: true });
  });
}
