// One question of the score screen: right or wrong, the person's own answer, and once the day
// is over (the server says so by sending them) the right answer and the explanation.
import type { InferResponseType } from 'hono/client';
import type { api } from '../foundation/api.ts';
import { h } from '../foundation/dom.ts';
import type { Answers } from './saved.ts';
import { quizStrings } from './strings.ts';

type Attempt = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['attempts']['$post'], 201>['attempt'];
type Submitted = InferResponseType<(typeof api.quiz.attempts)[':id']['submit']['$post'], 200>;

/** What the score screen shows, kept for a reload after the submit (or read back from the review). */
export interface QuizResult {
  questions: Attempt['questions'];
  answers: Answers;
  result: Omit<Submitted, 'rank'> & { rank: number | null };
}

export function quizAnswerView(question: Attempt['questions'][number], index: number, kept: QuizResult): HTMLElement {
  const q = quizStrings();
  const outcome = kept.result.results.find((candidate) => candidate.questionId === question.id);
  const chosen = kept.answers[question.id] ?? [];
  // Absent until the attempt's day is over.
  const right = outcome?.answerIds ?? [];
  const correct = outcome?.correct === true;
  return h(
    'li',
    { class: correct ? 'review-item review-right' : 'review-item review-wrong' },
    h(
      'h3',
      null,
      h('span', null, q.questionOf(index + 1, kept.questions.length)),
      ' ',
      h(
        'span',
        { class: correct ? 'verdict verdict-right' : 'verdict verdict-wrong' },
        correct ? `✓ ${q.right}` : `✗ ${q.wrong}`,
      ),
    ),
    ...answerReview(question, right, chosen, outcome?.explanation),
  );
}

/**
 * A question as answered: the stem, its options with the right ones (when known) and the chosen
 * ones marked, and why. The score screen, the 错题本 and practice show questions alike.
 */
export function answerReview(
  question: { stem: string; options: { id: string; text: string }[] },
  right: readonly string[],
  chosen: readonly string[],
  explanation: string | undefined,
): HTMLElement[] {
  const q = quizStrings();
  return [
    h('p', { class: 'stem' }, question.stem),
    h(
      'ul',
      { class: 'review-options' },
      ...question.options.map((option) => {
        const isRight = right.includes(option.id);
        const isChosen = chosen.includes(option.id);
        return h(
          'li',
          { class: [isRight ? 'option-right' : '', isChosen ? 'option-chosen' : ''].join(' ').trim() || null },
          h('span', null, option.text),
          isRight ? h('span', { class: 'tag tag-right' }, q.rightAnswer) : null,
          isChosen ? h('span', { class: isRight ? 'tag tag-chosen' : 'tag tag-wrong' }, q.yourChoice) : null,
        );
      }),
    ),
    ...(chosen.length === 0 ? [h('p', { class: 'meta' }, q.notAnswered)] : []),
    ...(explanation ? [h('p', { class: 'explanation' }, h('strong', null, q.explanation), explanation)] : []),
  ];
}
