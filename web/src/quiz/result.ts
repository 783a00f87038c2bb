// One question of the score screen: right or wrong, the right answer, the person's own, and
// the explanation.
import type { InferResponseType } from 'hono/client';
import type { api } from '../foundation/api.ts';
import { h } from '../foundation/dom.ts';
import type { Answers } from './saved.ts';
import { quizStrings } from './strings.ts';

type Attempt = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['attempts']['$post'], 201>['attempt'];
type Submitted = InferResponseType<(typeof api.quiz.attempts)[':id']['submit']['$post'], 200>;

/** What the score screen shows, kept for a reload after the submit. */
export interface QuizResult {
  questions: Attempt['questions'];
  answers: Answers;
  result: Submitted;
}

export function quizAnswerView(question: Attempt['questions'][number], index: number, kept: QuizResult): HTMLElement {
  const q = quizStrings();
  const outcome = kept.result.results.find((candidate) => candidate.questionId === question.id);
  const chosen = kept.answers[question.id] ?? [];
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
    chosen.length === 0 ? h('p', { class: 'meta' }, q.notAnswered) : null,
    outcome?.explanation
      ? h('p', { class: 'explanation' }, h('strong', null, q.explanation), outcome.explanation)
      : null,
  );
}
