// A campaign's own sign-up questions, and checking the answers given to them.
import type { MessageKey } from '../lib/messages.ts';

export const questionTypes = ['text', 'number', 'choice', 'boolean'] as const;

export interface Question {
  key: string;
  label: string;
  type: (typeof questionTypes)[number];
  required: boolean;
  options?: string[];
}

export type Answer = string | number | boolean;

const MAX_TEXT_ANSWER = 500;

/** The answers worth keeping (unanswered optional questions dropped), or every problem by path. */
export function checkAnswers(
  questions: Question[],
  given: Record<string, unknown>,
): { answers: Record<string, Answer>; issues: { path: string; message: MessageKey }[] } {
  const answers: Record<string, Answer> = {};
  const issues: { path: string; message: MessageKey }[] = [];
  const known = new Set(questions.map((question) => question.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) issues.push({ path: `answers.${key}`, message: 'answer_unknown' });
  }
  for (const question of questions) {
    const path = `answers.${question.key}`;
    const value = Object.hasOwn(given, question.key) ? given[question.key] : undefined;
    if (value === undefined || value === null || value === '') {
      if (question.required) issues.push({ path, message: 'answer_required' });
      continue;
    }
    const valid =
      (question.type === 'text' && typeof value === 'string' && value.length <= MAX_TEXT_ANSWER) ||
      (question.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (question.type === 'boolean' && typeof value === 'boolean') ||
      (question.type === 'choice' && typeof value === 'string' && (question.options ?? []).includes(value));
    if (!valid) issues.push({ path, message: question.type === 'choice' ? 'field_choice' : 'field_type' });
    else answers[question.key] = typeof value === 'string' ? value.trim() : (value as Answer);
  }
  return { answers, issues };
}
