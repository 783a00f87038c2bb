// A campaign's own sign-up questions, edited as a list: the question, its kind, whether it must
// be answered, and a choice question's options one per line. Keys of existing questions are
// kept (the answers already given are filed under them); new ones get a fresh key.
import { h, on, uniqueId } from '../dom.ts';
import { strings } from './strings.ts';
import { field, input, select, type Field } from './ui.ts';

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
  label: Field<HTMLInputElement>;
  type: Field<HTMLSelectElement>;
  options: Field<HTMLTextAreaElement>;
  required: HTMLInputElement;
}

export interface QuestionEditor {
  element: HTMLElement;
  /** The questions as the API takes them. */
  value(): Question[];
  /** The fields the API's issues may name (questions.0.label, questions.0, …). */
  fields(): Field[];
  /** Shows what is missing before sending; the first field with a problem, if any. */
  check(): Field | undefined;
}

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
    const label = field('', s.questionLabel, input({ value: question?.label ?? '', maxlength: 100 }));
    const type = field(
      '',
      s.questionType,
      select(
        types.map((t): [string, string] => [t, s.questionTypes[t]]),
        question?.type ?? 'text',
      ),
    );
    const optionsBox = h('textarea', { rows: 3 });
    optionsBox.value = question?.options?.join('\n') ?? '';
    const options = field('', s.questionOptions, optionsBox, { hint: s.questionOptionsHint });
    const required = h('input', { type: 'checkbox', id: uniqueId('required'), checked: question?.required ?? false });
    const remove = h('button', { type: 'button', class: 'link-button' });
    const element = h(
      'fieldset',
      { class: 'slot-row' },
      h('legend', null),
      label.element,
      type.element,
      options.element,
      h('div', { class: 'field' }, h('label', { class: 'choice', for: required.id }, required, s.questionRequired)),
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
        const options = row.options.control.value
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        return {
          key: row.key,
          label: row.label.control.value,
          type,
          required: row.required.checked,
          ...(type === 'choice' && { options }),
        };
      }),
    fields: () => rows.flatMap((row) => [row.label, row.type, row.options]),
    check: () => {
      const problems: Field[] = [];
      for (const row of rows) {
        if (!row.label.control.value.trim()) problems.push((row.label.showError(s.required), row.label));
        const options = row.options.control.value.split('\n').filter((line) => line.trim());
        if (row.type.control.value === 'choice' && (options.length < 2 || options.length > 20)) {
          problems.push((row.options.showError(s.questionOptionsCount), row.options));
        }
      }
      return problems[0];
    },
  };
}
