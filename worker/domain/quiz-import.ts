// The question bank import: rows from a JSON array or from a CSV file saved by Excel or WPS.
// Every bad row is rejected with its line and the reasons; good rows go on.
import { parseCsv } from '../lib/csv.ts';
import type { MessageKey } from '../lib/messages.ts';
import type { QuestionType } from './quiz.ts';

export const MAX_IMPORT_ROWS = 2000;
const LIMITS = { stem: 500, option: 200, explanation: 1000, category: 20, options: 6 };
const TRUE_FALSE_OPTIONS = ['正确', '错误'];

export interface Problem {
  message: MessageKey;
  params?: Record<string, string | number>;
}

/** A question as an organizer wrote it: options as text, answers as option indexes. */
export interface QuestionDraft {
  type: QuestionType;
  stem: string;
  options: string[];
  answers: number[];
  explanation: string;
  category: string;
}

export interface ImportRow {
  /** The line of the CSV file, or the position (from 1) in the JSON array. */
  line: number;
  input: unknown;
}

/** A question as the bank keeps it: each option with an id of its own, the answer key as those ids. */
export interface BankQuestion {
  id: string;
  type: QuestionType;
  stem: string;
  options: { id: string; text: string }[];
  answerIds: string[];
  explanation: string;
  category: string;
}

/** Gives the question and its options their ids; `newId` makes random ones. */
export function toBankQuestion(draft: QuestionDraft, newId: () => string): BankQuestion {
  const options = draft.options.map((text) => ({ id: newId(), text }));
  return {
    id: newId(),
    type: draft.type,
    stem: draft.stem,
    options,
    answerIds: draft.answers.map((index) => options[index]!.id),
    explanation: draft.explanation,
    category: draft.category,
  };
}

export type CheckedRow = { line: number; question: QuestionDraft } | { line: number; problems: Problem[] };

const typeNames: Record<string, QuestionType> = {
  single: 'single',
  单选: 'single',
  单选题: 'single',
  multiple: 'multiple',
  多选: 'multiple',
  多选题: 'multiple',
  truefalse: 'truefalse',
  判断: 'truefalse',
  判断题: 'truefalse',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);

/** Checks one row against the rules of a question type. */
export function checkQuestion(input: unknown): { question: QuestionDraft } | { problems: Problem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { problems: [{ message: 'quiz_row_not_object' }] };
  const row = input as Record<string, unknown>;
  const problems: Problem[] = [];

  const type = typeof row.type === 'string' ? typeNames[row.type.trim().toLowerCase()] : undefined;
  if (!type) problems.push({ message: 'quiz_type_invalid' });

  const stem = text(row.stem) ?? '';
  if (stem.length === 0 || stem.length > LIMITS.stem)
    problems.push({ message: 'quiz_stem_invalid', params: { max: LIMITS.stem } });

  let options = TRUE_FALSE_OPTIONS;
  if (row.options !== undefined || type !== 'truefalse') {
    const given = Array.isArray(row.options) ? row.options.map(text) : [];
    options = given.map((option) => option ?? '');
    const countFits =
      type === 'truefalse' ? options.length === 2 : options.length >= 2 && options.length <= LIMITS.options;
    if (!countFits) {
      problems.push({
        message: type === 'truefalse' ? 'quiz_truefalse_options' : 'quiz_options_count',
        params: { max: LIMITS.options },
      });
    } else if (options.some((option) => option.length === 0 || option.length > LIMITS.option)) {
      problems.push({ message: 'quiz_option_invalid', params: { max: LIMITS.option } });
    } else if (new Set(options).size !== options.length) {
      problems.push({ message: 'quiz_options_duplicate' });
    }
  }

  const answers = Array.isArray(row.answers) ? row.answers : [];
  const answersValid =
    answers.length > 0 &&
    answers.every((answer) => Number.isInteger(answer) && answer >= 0 && answer < options.length) &&
    new Set(answers).size === answers.length;
  if (!answersValid) problems.push({ message: 'quiz_answers_invalid' });
  else if (type === 'multiple' && answers.length < 2) problems.push({ message: 'quiz_multiple_answers' });
  else if (type !== 'multiple' && answers.length !== 1) problems.push({ message: 'quiz_one_answer' });

  const explanation = row.explanation === undefined || row.explanation === null ? '' : text(row.explanation);
  if (explanation === undefined || explanation.length > LIMITS.explanation) {
    problems.push({ message: 'quiz_explanation_invalid', params: { max: LIMITS.explanation } });
  }
  const category = row.category === undefined || row.category === null ? '' : text(row.category);
  if (category === undefined || category.length > LIMITS.category)
    problems.push({ message: 'quiz_category_invalid', params: { max: LIMITS.category } });

  if (problems.length > 0) return { problems };
  return {
    question: {
      type: type!,
      stem,
      options,
      answers: [...(answers as number[])].sort((a, b) => a - b),
      explanation: explanation!,
      category: category!,
    },
  };
}

/** Checks every row, and refuses a second row with the same stem as an earlier one. */
export function checkRows(rows: readonly ImportRow[]): CheckedRow[] {
  const firstLineOfStem = new Map<string, number>();
  return rows.map(({ line, input }) => {
    const checked = checkQuestion(input);
    if ('problems' in checked) return { line, problems: checked.problems };
    const first = firstLineOfStem.get(checked.question.stem);
    if (first !== undefined)
      return { line, problems: [{ message: 'quiz_duplicate_in_file', params: { line: first } }] };
    firstLineOfStem.set(checked.question.stem, line);
    return { line, question: checked.question };
  });
}

export const CSV_HEADER = [
  'type',
  'stem',
  'option_a',
  'option_b',
  'option_c',
  'option_d',
  'answers',
  'explanation',
  'category',
] as const;
const OPTION_COLUMNS = ['option_a', 'option_b', 'option_c', 'option_d'] as const;
const LETTERS = 'ABCD';

const trueWords = new Set(['对', '正确', '√', 'T', 'TRUE']);
const falseWords = new Set(['错', '错误', '×', 'X', 'F', 'FALSE']);

/** `A`, `AC`, `A,C`, `a、c` → option indexes; true/false also takes 对/错. Null when unreadable. */
export function answerLetters(written: string, type: QuestionType | undefined): number[] | null {
  const compact = written.replace(/[\s,，、;；]/g, '').toUpperCase();
  if (type === 'truefalse' && trueWords.has(compact)) return [0];
  if (type === 'truefalse' && falseWords.has(compact)) return [1];
  if (!/^[A-D]+$/.test(compact)) return null;
  return Array.from(compact, (letter) => LETTERS.indexOf(letter));
}

export type CsvImport =
  | { rows: ImportRow[]; rejected: { line: number; problems: Problem[] }[] }
  | { headerProblem: Problem };

/** Reads the CSV import: the header names the columns (in any order); each record becomes a row. */
export function rowsFromCsv(text: string): CsvImport {
  const records = parseCsv(text).filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const [header, ...body] = records;
  const names = header?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const column = new Map(names.map((name, index) => [name, index]));
  const missing = CSV_HEADER.filter((name) => !column.has(name));
  if (!header || missing.length > 0)
    return { headerProblem: { message: 'quiz_csv_header', params: { columns: CSV_HEADER.join(',') } } };

  const rows: ImportRow[] = [];
  const rejected: { line: number; problems: Problem[] }[] = [];
  for (const record of body) {
    if (!record.complete) {
      rejected.push({ line: record.line, problems: [{ message: 'quiz_csv_unclosed_quote' }] });
      continue;
    }
    // Cells past the header may be there while empty (some programs pad rows); a missing or extra
    // one shifts the columns.
    const filled = record.cells.length - [...record.cells].reverse().findIndex((cell) => cell.trim() !== '');
    const found = record.cells.length <= names.length ? record.cells.length : Math.max(names.length, filled);
    if (found !== names.length) {
      rejected.push({
        line: record.line,
        problems: [{ message: 'quiz_csv_columns', params: { found, expected: names.length } }],
      });
      continue;
    }
    const cell = (name: string) => (record.cells[column.get(name)!] ?? '').trim();
    const type = typeNames[cell('type').toLowerCase()];
    const options = OPTION_COLUMNS.map(cell);
    const lastGiven = options.findLastIndex((option) => option !== '');
    const answers = answerLetters(cell('answers'), type);
    rows.push({
      line: record.line,
      input: {
        type: cell('type'),
        stem: cell('stem'),
        // Blank trailing options are absent; a blank one before a given one stays and is refused.
        ...(type === 'truefalse' && lastGiven === -1 ? {} : { options: options.slice(0, lastGiven + 1) }),
        answers: answers ?? [],
        explanation: cell('explanation'),
        category: cell('category'),
      },
    });
  }
  return { rows, rejected };
}
