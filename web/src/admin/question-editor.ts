// A campaign's own sign-up questions, edited as a list: the question, its kind, whether it must
// be answered, and a choice question's options one per line. Keys of existing questions are
// kept (the answers already given are filed under them); new ones get a fresh key.
import { h, on } from '../foundation/dom.ts';
import { checkboxField, choices, type ControlField, field, inputField, selectField } from '../foundation/fields.ts';
import { strings } from './strings.ts';

type QuestionType = 'text' | 'number' | 'choice' | 'boolean';

export interface Question {
  key: string;
  label: string;
  type: QuestionType;
  required: boolean;
  options?: string[];
}

const types: QuestionType[] = ['text', 'number', 'choice', 'boolean'];

interface Row {
  key: string;
  element: HTMLElement;
  label: ControlField<HTMLInputElement>;
  type: ControlField<HTMLSelectElement>;
  options: ControlField<HTMLTextAreaElement>;
  required: ControlField<HTMLInputElement>;
}

export interface QuestionEditor {
  element: HTMLElement;
  /** The questions as the API takes them. */
  value(): Question[];
  /** The fields to check before sending, and where the API's issues land (questions.0.label, questions.0, …). */
  fields(): ControlField[];
}

/** A choice question's options, one a line. */
const optionLines = (box: HTMLTextAreaElement) =>
  box.value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A key no other question of the campaign has. */
function freshKey(taken: Set<string>) {
  let n = taken.size + 1;
  while (taken.has(`q${n}`)) n++;
  return `q${n}`;
}

export function questionEditor(initial: Question[]): QuestionEditor {
  const s = strings();
  const rows: Row[] = [];
  const list = h('div', { class: 'question-rows' });

  const renumber = () =>
    rows.forEach((row, index) => {
      row.label.path = `questions.${index}.label`;
      row.type.path = `questions.${index}.type`;
      // A choice question's options are checked with the question as a whole (path questions.N).
      row.options.path = `questions.${index}`;
      row.element.querySelector('legend')!.textContent = s.questionNumber(index + 1);
      row.element.querySelector<HTMLButtonElement>('.link-button')!.textContent = s.removeQuestion(index + 1);
    });

  const addRow = (question?: Question) => {
    const key = question?.key ?? freshKey(new Set(rows.map((row) => row.key)));
    const label = inputField({
      path: '',
      label: s.questionLabel,
      required: true,
      value: question?.label ?? '',
      attributes: { maxlength: 100 },
    });
    const type = selectField({
      path: '',
      label: s.questionType,
      choices: choices(types, (t) => s.questionTypes[t]),
      value: question?.type ?? 'text',
    });
    const optionsBox = h('textarea', { rows: 3 });
    optionsBox.value = question?.options?.join('\n') ?? '';
    // A choice question needs 2 to 20 options; other kinds have none to check.
    const options = field(
      optionsBox,
      {
        path: '',
        label: s.questionOptions,
        hint: s.questionOptionsHint,
        validate: () => {
          const count = optionLines(optionsBox).length;
          return count < 2 || count > 20 ? s.questionOptionsCount : null;
        },
      },
      () => (type.control.value === 'choice' ? optionsBox.value : undefined),
    );
    const required = checkboxField({ path: '', label: s.questionRequired, checked: question?.required ?? false });
    const remove = h('button', { type: 'button', class: 'link-button' });
    const element = h(
      'fieldset',
      { class: 'slot-row' },
      h('legend', null),
      label.element,
      type.element,
      options.element,
      required.element,
      remove,
    );
    // Options belong to choice questions only.
    const showOptions = () => (options.element.hidden = type.control.value !== 'choice');
    on(type.control, 'change', showOptions);
    showOptions();
    const row: Row = { key, element, label, type, options, required };
    on(remove, 'click', () => {
      rows.splice(rows.indexOf(row), 1);
      element.remove();
      renumber();
      addButton.focus();
    });
    rows.push(row);
    list.append(element);
    renumber();
    return row;
  };

  const addButton = on(h('button', { type: 'button' }, s.addQuestion), 'click', () => addRow().label.control.focus());
  for (const question of initial) addRow(question);

  const element = h(
    'fieldset',
    { class: 'field slots-fieldset' },
    h('legend', null, s.questionsTitle),
    h('p', { class: 'hint' }, s.questionsHint),
    list,
    addButton,
  );
  return {
    element,
    value: () =>
      rows.map((row) => {
        const type = row.type.control.value as QuestionType;
        return {
          key: row.key,
          label: row.label.control.value,
          type,
          required: row.required.control.checked,
          ...(type === 'choice' && { options: optionLines(row.options.control) }),
        };
      }),
    fields: () => rows.flatMap((row) => [row.label, row.type, row.options]),
  };
}
