// The daily quiz: today's state, the start, one question at a time against the server's
// deadline with each answer saved on the server as it is chosen (another tab or phone resumes
// from them), the submit (by the player, or when time is up), then the score and the season
// rank; the right answers and explanations come the day after. Loaded only when a quiz page is opened.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { failureNotice } from '../foundation/notices.ts';
import { loadPage, signInFirst } from '../foundation/page.ts';
import { append, h, on, replaceContent } from '../foundation/dom.ts';
import { formatDay, formatDays } from '../format.ts';
import { strings } from '../strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { formatCountdown, serverClockOffset } from '../quiz/clock.ts';
import { quizAnswerView, type QuizResult } from '../quiz/result.ts';
import { forgetProgress, loadProgress, loadResult, saveProgress, saveResult, type Answers } from '../quiz/saved.ts';
import { quizStrings } from '../quiz/strings.ts';

type SeasonState = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['$get'], 200>;
type Attempt = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['attempts']['$post'], 201>['attempt'];
type Question = Attempt['questions'][number];

/**
 * The countdown reaches zero this long before the server's deadline, and the answers go then:
 * the submit has to travel, and one arriving after the deadline scores nothing.
 */
const NETWORK_MARGIN_MS = 1_500;
/** The countdown is read aloud at these seconds left (screen readers), not every second. */
const SPOKEN_AT = new Set([60, 30, 10]);

const quizPath = (seasonId: string, page: string) => `/quiz/${encodeURIComponent(seasonId)}/${page}`;
const leaderboardPath = (seasonId: string) => quizPath(seasonId, 'leaderboard');
const campaignPath = (state: SeasonState) => `/campaigns/${encodeURIComponent(state.season.campaignId)}`;

/** Title and season dates, above every state of the page. */
function pageHead(state: SeasonState): HTMLElement[] {
  const q = quizStrings();
  return [
    backLink(campaignPath(state), q.backToCampaign),
    h('p', { class: 'kind-quiz' }, h('span', { class: 'badge' }, q.quizTitle)),
    h('h1', null, state.season.title),
    state.today.streak > 0 ? h('p', { class: 'streak' }, q.streak(state.today.streak)) : null,
  ].filter((element) => element !== null);
}

/** The player's own pages: statistics, the 错题本 and practice. */
function minePages(seasonId: string): HTMLElement {
  const q = quizStrings();
  return h(
    'nav',
    { class: 'actions', 'aria-label': q.mine },
    ...(
      [
        ['me', q.statsTitle],
        ['mistakes', q.mistakesTitle],
        ['practice', q.practiceTitle],
      ] as const
    ).map(([page, label]) => h('a', { class: 'button button-secondary', href: quizPath(seasonId, page) }, label)),
  );
}

function leaderboardLink(seasonId: string, secondary = true): HTMLElement {
  return h(
    'a',
    { class: secondary ? 'button button-secondary' : 'button', href: leaderboardPath(seasonId) },
    quizStrings().leaderboard,
  );
}

/** The state before playing: rules and start, or why there is nothing to play today. */
function drawToday(context: PageContext, state: SeasonState) {
  const q = quizStrings();
  const { season, today } = state;
  const saved = today.played ? loadResult<QuizResult>(season.id, today.day) : undefined;
  if (saved) return drawResult(context, state, saved, false);

  context.view.append(
    ...pageHead(state),
    h('p', { class: 'meta' }, q.season(formatDays(season.startsOn, season.endsOn))),
  );
  if (today.attempt !== undefined && Date.parse(today.attempt.deadline) < Date.now()) {
    // Closed without a submit (the tab was closed, the phone died): what was saved counts.
    context.view.append(h('p', { class: 'status', role: 'status' }, q.countingSaved));
    void submitLate(context, state, today.attempt.id);
    return;
  }
  if (today.played || !today.open) {
    context.view.append(
      h('p', { class: 'notice' }, today.played ? q.playedToday(today.score ?? 0) : q.notOpen),
      h('div', { class: 'actions' }, leaderboardLink(season.id, false)),
      minePages(season.id),
    );
    return;
  }

  const resuming = today.attempt !== undefined;
  const message = h('div', { class: 'form-message form-message-error', role: 'alert', tabindex: -1, hidden: true });
  const button = h('button', { type: 'button', class: 'button button-wide' }, resuming ? q.resume : q.start);
  on(button, 'click', () => startAttempt(context, state, button, message));
  append(context.view, [
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'quiz-rules' },
      h('h2', { id: 'quiz-rules' }, q.rulesTitle),
      h(
        'ul',
        { class: 'rules' },
        ...[...q.rules(season.questionsPerDay, season.timeLimitSec, season.pointsPerCorrect), q.tieRule].map((rule) =>
          h('li', null, rule),
        ),
      ),
    ),
    resuming ? h('p', { class: 'notice' }, q.resumeNote) : null,
    button,
    message,
    h('div', { class: 'actions' }, leaderboardLink(season.id)),
    minePages(season.id),
  ]);
  // This tab was playing (a reload, the language switch): straight back to the question.
  if (today.attempt && loadProgress(today.attempt.id)) void startAttempt(context, state, button, message);
}

/** Start (or resume) today's attempt; the answer also tells how far this phone's clock is off. */
async function startAttempt(context: PageContext, state: SeasonState, button: HTMLButtonElement, message: HTMLElement) {
  const q = quizStrings();
  const s = strings();
  if (button.disabled) return;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = q.starting;
  message.hidden = true;
  const sentAt = Date.now();
  try {
    const response = await api.quiz.seasons[':seasonId'].attempts.$post(
      { param: { seasonId: state.season.id } },
      within(context.signal),
    );
    const receivedAt = Date.now();
    const { attempt } = await read(Promise.resolve(response));
    const measured = serverClockOffset({
      sentAt,
      receivedAt,
      fresh: response.status === 201,
      startedAt: attempt.startedAt,
      dateHeader: response.headers.get('Date'),
    });
    // Resumed without a Date header: what this tab measured at the start, else the phone's own clock.
    const offset = measured ?? loadProgress(attempt.id)?.clockOffset ?? 0;
    if (!context.signal.aborted) play(context, state, attempt, offset);
  } catch (error) {
    if (context.signal.aborted) return; // the person left the page
    if (!(error instanceof ApiFailure)) throw error;
    if (error.status === 401) return signInFirst();
    if (error.code === 'already_played' || error.code === 'season_closed') {
      // Played in another tab, time ran out (this phone's clock may be slow), or the season ended.
      replaceContent(
        context.view,
        ...pageHead(state),
        h('p', { class: 'notice', role: 'alert' }, error.message),
        h('div', { class: 'actions' }, leaderboardLink(state.season.id, false)),
      );
      return;
    }
    button.disabled = false;
    button.textContent = label;
    if (error.code === 'ineligible') {
      replaceContent(
        message,
        h('p', null, q.needsProfile),
        h('ul', null, ...error.reasons.map((reason) => h('li', null, reason.message))),
        h('a', { class: 'button', href: '/me' }, q.completeProfile),
      );
    } else {
      replaceContent(
        message,
        error.retryAfterSec ? s.sentences(error.message, s.tryAgainIn(error.retryAfterSec)) : error.message,
      );
    }
    message.hidden = false;
    message.focus();
  }
}

/** Scores an attempt whose time ran out unsubmitted, by its saved answers; or shows it when that is done already. */
async function submitLate(context: PageContext, state: SeasonState, attemptId: string) {
  try {
    const result = await read(
      api.quiz.attempts[':id'].submit.$post(
        { param: { id: attemptId }, json: { answers: [] } },
        within(context.signal),
      ),
    );
    const { attempt } = await read(api.quiz.attempts[':id'].$get({ param: { id: attemptId } }, within(context.signal)));
    if (!context.signal.aborted) showKept(context, state, { questions: attempt.questions, answers: {}, result }, true);
  } catch (error) {
    if (context.signal.aborted) return;
    if (error instanceof ApiFailure && error.code === 'already_submitted')
      return showSubmitted(context, state, attemptId);
    if (error instanceof ApiFailure && error.status === 401) return signInFirst();
    replaceContent(
      context.view,
      ...pageHead(state),
      failureNotice(error instanceof ApiFailure ? error.message : String(error), () =>
        submitLate(context, state, attemptId),
      ),
    );
  }
}

/** An attempt submitted elsewhere (another tab, the housekeeping): its result as the server keeps it. */
async function showSubmitted(context: PageContext, state: SeasonState, attemptId: string) {
  const review = await read(api.quiz.attempts[':id'].$get({ param: { id: attemptId } }, within(context.signal)));
  const answers: Answers = Object.fromEntries(review.answers.map((answer) => [answer.questionId, answer.optionIds]));
  if (!context.signal.aborted)
    showKept(context, state, { questions: review.attempt.questions, answers, result: review }, true);
}

/** Keeps the result for a reload of this tab, then shows it. */
function showKept(context: PageContext, state: SeasonState, kept: QuizResult, justSubmitted: boolean) {
  saveResult(state.season.id, state.today.day, kept);
  drawResult(context, state, kept, justSubmitted);
}

/** One question: its number as the heading focus moves to, the stem, and labelled options. */
function questionForm(
  question: Question,
  index: number,
  total: number,
  chosen: string[],
  saveStatus: HTMLElement,
  onChange: (optionIds: string[]) => void,
) {
  const q = quizStrings();
  const multiple = question.type === 'multiple';
  const hintId = `quiz-hint-${index}`;
  const inputs = question.options.map((option) =>
    h('input', {
      type: multiple ? 'checkbox' : 'radio',
      name: `question-${index}`,
      value: option.id,
      checked: chosen.includes(option.id),
      'aria-describedby': hintId,
    }),
  );
  const options = question.options.map((option, optionIndex) =>
    h('label', { class: 'choice option' }, inputs[optionIndex]!, h('span', null, option.text)),
  );
  const fieldset = on(
    h(
      'fieldset',
      { class: 'question' },
      h('legend', { class: 'stem' }, question.stem),
      h('p', { class: 'hint', id: hintId }, q.questionType[question.type]),
      h('div', { class: 'options' }, ...options),
      saveStatus,
    ),
    'change',
    () => onChange(inputs.filter((input) => input.checked).map((input) => input.value)),
  );
  const heading = h('h2', { class: 'question-number', tabindex: -1 }, q.questionOf(index + 1, total));
  return { heading, fieldset, inputs };
}

/** The quiz itself: a countdown on the server's clock, the questions one by one, the submit. */
function play(context: PageContext, state: SeasonState, attempt: Attempt, clockOffset: number) {
  const q = quizStrings();
  const { view, signal } = context;
  const total = attempt.questions.length;
  const saved = loadProgress(attempt.id);
  // What the server kept (from any tab or phone), and over it what this tab chose and may not have sent yet.
  const kept: Answers = Object.fromEntries(attempt.answers.map((answer) => [answer.questionId, answer.optionIds]));
  const answers: Answers = { ...kept, ...saved?.answers };
  type SaveState = 'saving' | 'saved' | 'failed';
  const saveStates = new Map<string, SaveState>(Object.keys(kept).map((id) => [id, 'saved']));
  const sends = new Map<string, number>();
  const saveStatus = h('p', { class: 'save-status', role: 'status' });
  let index = Math.min(Math.max(saved?.index ?? 0, 0), total - 1);
  let submitting = false;
  let timeUp = false;

  const deadline = Date.parse(attempt.deadline) - NETWORK_MARGIN_MS;
  const msLeft = () => deadline - (Date.now() + clockOffset);
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' }, formatCountdown(msLeft()));
  const spoken = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const answeredCount = h('span', { class: 'answered' });
  const bar = h(
    'div',
    { class: 'quiz-bar' },
    h('span', { class: 'countdown-box' }, h('span', { class: 'label-text' }, q.timeLeft), ' ', countdown),
    answeredCount,
  );
  const questionBox = h('div', { class: 'question-box' });
  const status = h('div', { class: 'quiz-status' });

  const answered = () => attempt.questions.filter((question) => (answers[question.id]?.length ?? 0) > 0);
  const remember = () => saveProgress(attempt.id, { answers, index, clockOffset });
  const showAnswered = () => (answeredCount.textContent = q.answered(answered().length, total));

  function showSaveState() {
    const state = saveStates.get(attempt.questions[index]!.id);
    saveStatus.className = `save-status${state === 'failed' ? ' save-failed' : ''}`;
    saveStatus.textContent =
      state === 'saved' ? `✓ ${q.saved}` : state === 'saving' ? q.saving : state ? q.notSaved : '';
  }

  /** Keeps the answer on the server; the latest choice of a question wins, whatever order answers come back in. */
  async function sendAnswer(questionId: string) {
    const sent = (sends.get(questionId) ?? 0) + 1;
    sends.set(questionId, sent);
    saveStates.set(questionId, 'saving');
    showSaveState();
    let state: SaveState = 'failed';
    try {
      // keepalive: a choice made just before the tab closes still reaches the server.
      const response = await api.quiz.attempts[':id'].answers[':questionId'].$put(
        { param: { id: attempt.id, questionId }, json: { optionIds: answers[questionId] ?? [] } },
        { init: { keepalive: true } },
      );
      if (response.ok) state = 'saved';
    } catch {
      // Offline: the answer stays in this tab and goes with the submit.
    }
    if (signal.aborted || sends.get(questionId) !== sent) return;
    saveStates.set(questionId, state);
    showSaveState();
  }

  function showQuestion(focus: boolean) {
    const question = attempt.questions[index]!;
    const form = questionForm(question, index, total, answers[question.id] ?? [], saveStatus, (optionIds) => {
      answers[question.id] = optionIds;
      remember();
      showAnswered();
      void sendAnswer(question.id);
    });
    const previous = h(
      'button',
      { type: 'button', class: 'button button-secondary', disabled: index === 0 },
      q.previous,
    );
    const last = index === total - 1;
    const forward = h('button', { type: 'submit', class: 'button' }, last ? q.submit : q.next);
    on(previous, 'click', () => go(index - 1));
    const formElement = on(
      h(
        'form',
        { class: 'quiz-form', novalidate: true },
        form.heading,
        form.fieldset,
        h('div', { class: 'actions quiz-actions' }, previous, forward),
      ),
      'submit',
      (event) => {
        event.preventDefault();
        if (last) askToSubmit();
        else go(index + 1);
      },
    );
    replaceContent(questionBox, formElement);
    replaceContent(status);
    showSaveState();
    if (focus) form.heading.focus();
  }

  function go(to: number) {
    index = to;
    remember();
    showQuestion(true);
  }

  /** Submits, after a word about questions left unanswered. */
  function askToSubmit() {
    const missing = attempt.questions.flatMap((question, position) =>
      (answers[question.id]?.length ?? 0) > 0 ? [] : [position + 1],
    );
    if (missing.length === 0) return submit();
    const sure = on(h('button', { type: 'button', class: 'button' }, q.submitAnyway), 'click', () => submit());
    const keep = on(h('button', { type: 'button', class: 'button button-secondary' }, q.keepAnswering), 'click', () => {
      replaceContent(status);
      go(attempt.questions.findIndex((question) => !answers[question.id]?.length));
    });
    replaceContent(
      status,
      h(
        'div',
        { class: 'notice', role: 'alert' },
        h('p', null, q.unansweredWarning(missing)),
        h('div', { class: 'actions' }, sure, keep),
      ),
    );
  }

  function tick() {
    const left = msLeft();
    countdown.textContent = formatCountdown(left);
    const seconds = Math.ceil(left / 1000);
    if (SPOKEN_AT.has(seconds) && spoken.dataset.said !== String(seconds)) {
      spoken.dataset.said = String(seconds);
      spoken.textContent = q.timeLeftSpoken(seconds);
    }
    bar.classList.toggle('quiz-bar-hurry', left <= 10_000);
    if (left <= 0 && !timeUp) {
      timeUp = true;
      clearInterval(timer);
      submit();
    }
  }
  const timer = setInterval(tick, 250);
  signal.addEventListener('abort', () => clearInterval(timer));

  async function submit() {
    if (submitting) return;
    submitting = true;
    questionBox.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button').forEach((control) => {
      control.disabled = true;
    });
    replaceContent(status, h('p', { class: 'status', role: 'status' }, timeUp ? q.timeUp : q.submitting));
    const sent = attempt.questions.flatMap((question) =>
      answers[question.id]?.length ? [{ questionId: question.id, optionIds: answers[question.id]! }] : [],
    );
    try {
      const result = await read(
        api.quiz.attempts[':id'].submit.$post({ param: { id: attempt.id }, json: { answers: sent } }, within(signal)),
      );
      clearInterval(timer);
      const kept: QuizResult = { questions: attempt.questions, answers, result };
      saveResult(state.season.id, attempt.day, kept);
      forgetProgress(attempt.id);
      if (!signal.aborted) drawResult(context, state, kept, true);
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof ApiFailure)) throw error;
      if (error.status === 401) return signInFirst(); // the answers wait in this tab's storage
      if (error.code === 'already_submitted') {
        // Submitted from another tab or phone: its result.
        clearInterval(timer);
        forgetProgress(attempt.id);
        return showSubmitted(context, state, attempt.id);
      }
      // Offline, slow, or too many tries: the answers stay, and the person can send them again.
      submitting = false;
      questionBox.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button').forEach((control) => {
        control.disabled = false;
      });
      const s = strings();
      const reason = error.retryAfterSec
        ? s.sentences(error.message, s.tryAgainIn(error.retryAfterSec))
        : error.message;
      replaceContent(
        status,
        failureNotice(s.sentences(q.submitFailed, reason), () => submit()),
      );
      status.querySelector('button')!.textContent = q.retrySubmit;
    }
  }

  replaceContent(view, ...pageHead(state), bar, spoken, questionBox, status);
  // Chosen in this tab but not kept by the server (offline, or the tab closed mid-send): sent now.
  for (const [questionId, optionIds] of Object.entries(saved?.answers ?? {})) {
    if (optionIds.join() !== (kept[questionId] ?? []).join()) void sendAnswer(questionId);
  }
  remember();
  showAnswered();
  showQuestion(true);
  tick();
}

/** The score, then every question with the right answer, the person's answer and why. */
function drawResult(context: PageContext, state: SeasonState, kept: QuizResult, justSubmitted: boolean) {
  const q = quizStrings();
  const { result } = kept;
  const heading = h('h2', { class: 'result-title', tabindex: -1 }, q.resultTitle);
  replaceContent(
    context.view,
    ...pageHead(state),
    h(
      'section',
      { class: 'card score-card', 'aria-labelledby': 'quiz-score' },
      heading,
      h('p', { class: 'score', id: 'quiz-score' }, q.scoreLine(result.score)),
      h('p', null, q.correctOf(result.correct, result.total), ' · ', q.duration(result.durationMs)),
      result.rank ? h('p', { class: 'season-rank' }, q.seasonRank(result.rank)) : null,
      result.late ? h('p', { class: 'notice' }, q.late) : null,
      result.results.some((outcome) => outcome.answerIds)
        ? null
        : h('p', { class: 'notice answers-later' }, q.answersLater(formatDay(result.answersFrom))),
      h('div', { class: 'actions' }, leaderboardLink(state.season.id, false)),
    ),
    h('ol', { class: 'review' }, ...kept.questions.map((question, index) => quizAnswerView(question, index, kept))),
    minePages(state.season.id),
  );
  if (justSubmitted) heading.focus();
}

export async function quizPage(context: PageContext) {
  const q = quizStrings();
  setPageTitle(q.quizTitle);
  const seasonId = context.params.seasonId!;
  await loadPage(
    context,
    () => read(api.quiz.seasons[':seasonId'].$get({ param: { seasonId } }, within(context.signal))),
    (state) => {
      setPageTitle(`${q.quizTitle} · ${state.season.title}`);
      drawToday(context, state);
    },
  );
}
