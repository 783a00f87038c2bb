// The player's own quiz pages, for the days between: my season (streak, accuracy, my rank after
// each day), the 错题本 (wrong answers of days that are over, with the right ones and why), and
// practice over the questions of those days, checked here on the phone: nothing is sent back,
// so nothing is scored or written.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { loadPage } from '../foundation/page.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import { formatDay } from '../format.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { answerReview } from '../quiz/result.ts';
import { quizStrings } from '../quiz/strings.ts';

type Mistake = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['mistakes']['$get'], 200>['items'][number];

/** Back to the day's quiz, and the page's title. */
function head(context: PageContext, title: string): HTMLElement[] {
  const q = quizStrings();
  setPageTitle(`${q.quizTitle} · ${title}`);
  return [backLink(`/quiz/${encodeURIComponent(context.params.seasonId!)}`, q.quizTitle), h('h1', null, title)];
}

export async function quizStatsPage(context: PageContext) {
  const q = quizStrings();
  const seasonId = context.params.seasonId!;
  await loadPage(
    context,
    () => read(api.quiz.seasons[':seasonId'].me.$get({ param: { seasonId } }, within(context.signal))),
    (stats) => {
      context.view.append(...head(context, q.statsTitle));
      if (stats.daysPlayed === 0) {
        context.view.append(h('p', { class: 'notice' }, q.statsEmpty));
        return;
      }
      const percent = stats.questions === 0 ? 0 : Math.round((stats.correct / stats.questions) * 100);
      context.view.append(
        h(
          'section',
          { class: 'card score-card' },
          stats.rank ? h('p', { class: 'score' }, q.rankNumber(stats.rank)) : null,
          h('p', null, q.points(stats.score), ' · ', q.accuracy(percent)),
          h('p', null, q.statsSummary(stats.daysPlayed, stats.correct, stats.questions)),
          stats.streak > 0 ? h('p', { class: 'streak' }, q.streak(stats.streak)) : null,
        ),
        h(
          'table',
          { class: 'stats-days' },
          h('thead', null, h('tr', null, h('th', null, q.day), h('th', null, q.score), h('th', null, q.rankAfter))),
          h(
            'tbody',
            null,
            ...stats.days.map((day) =>
              h(
                'tr',
                null,
                h('td', null, formatDay(day.day)),
                h('td', null, `${q.points(day.score)} (${day.correct}/${day.total})`),
                h('td', null, day.rank ? q.rankNumber(day.rank) : '—'),
              ),
            ),
          ),
        ),
      );
    },
  );
}

export async function quizMistakesPage(context: PageContext) {
  const q = quizStrings();
  const seasonId = context.params.seasonId!;
  await loadPage(
    context,
    () => read(api.quiz.seasons[':seasonId'].mistakes.$get({ param: { seasonId } }, within(context.signal))),
    ({ items }) => {
      context.view.append(...head(context, q.mistakesTitle), h('p', { class: 'meta' }, q.mistakesIntro));
      if (items.length === 0) {
        context.view.append(h('p', { class: 'notice' }, q.mistakesEmpty));
        return;
      }
      context.view.append(
        h(
          'ol',
          { class: 'review' },
          ...items.map((item: Mistake) =>
            h(
              'li',
              { class: 'review-item review-wrong' },
              h('h2', { class: 'meta' }, formatDay(item.day)),
              ...answerReview(item.question, item.question.answerIds, item.chosenIds, item.question.explanation),
            ),
          ),
        ),
      );
    },
  );
}

export async function quizPracticePage(context: PageContext) {
  const q = quizStrings();
  const seasonId = context.params.seasonId!;
  await loadPage(
    context,
    () =>
      read(
        api.quiz.seasons[':seasonId'].practice.$get(
          { param: { seasonId }, query: { count: '5' } },
          within(context.signal),
        ),
      ),
    ({ questions }) => {
      context.view.append(...head(context, q.practiceTitle), h('p', { class: 'meta' }, q.practiceIntro));
      if (questions.length === 0) {
        context.view.append(h('p', { class: 'notice' }, q.practiceEmpty));
        return;
      }
      const box = h('div', { class: 'question-box' });
      context.view.append(box);
      let right = 0;
      const show = (index: number) => {
        const question = questions[index]!;
        const multiple = question.type === 'multiple';
        const inputs = question.options.map((option) =>
          h('input', { type: multiple ? 'checkbox' : 'radio', name: 'practice', value: option.id }),
        );
        const heading = h('h2', { class: 'question-number', tabindex: -1 }, q.questionOf(index + 1, questions.length));
        const check = h('button', { type: 'submit', class: 'button' }, q.practiceCheck);
        const form = on(
          h(
            'form',
            { class: 'quiz-form', novalidate: true },
            heading,
            h(
              'fieldset',
              { class: 'question' },
              h('legend', { class: 'stem' }, question.stem),
              h('p', { class: 'hint' }, q.questionType[question.type]),
              h(
                'div',
                { class: 'options' },
                ...question.options.map((option, i) =>
                  h('label', { class: 'choice option' }, inputs[i]!, h('span', null, option.text)),
                ),
              ),
            ),
            h('div', { class: 'actions quiz-actions' }, check),
          ),
          'submit',
          (event) => {
            event.preventDefault();
            const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
            const isRight =
              chosen.length === question.answerIds.length && question.answerIds.every((id) => chosen.includes(id));
            if (isRight) right++;
            const last = index === questions.length - 1;
            const next = h('button', { type: 'button', class: 'button' }, last ? q.practiceAgain : q.next);
            on(next, 'click', () => (last ? context.refresh() : show(index + 1)));
            const verdict = h(
              'h3',
              { tabindex: -1 },
              h(
                'span',
                { class: isRight ? 'verdict verdict-right' : 'verdict verdict-wrong' },
                isRight ? `✓ ${q.right}` : `✗ ${q.wrong}`,
              ),
            );
            replaceContent(
              box,
              h(
                'div',
                { class: `review-item ${isRight ? 'review-right' : 'review-wrong'}` },
                heading,
                verdict,
                ...answerReview(question, question.answerIds, chosen, question.explanation),
              ),
              last ? h('p', { class: 'notice', role: 'status' }, q.practiceDone(right, questions.length)) : null,
              h('div', { class: 'actions' }, next),
            );
            verdict.focus();
          },
        );
        replaceContent(box, form);
        heading.focus();
      };
      show(0);
    },
  );
}
