// The live final in the hall: the audience page (public link) shows the board; a finalist's
// phone (their personal link) shows the same question with buttons to answer, their own
// result after each reveal, and at the end their place and certificate.
import { api, read, within } from '../foundation/api.ts';
import { h, on, replaceContent } from '../foundation/dom.ts';
import {
  connectFinal,
  countdown,
  questionBlock,
  renderBoard,
  standingsTable,
  type FinalView,
  type Reply,
} from '../final/board.ts';
import { finalStrings } from '../final/strings.ts';
import type { PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';

function statusLine() {
  const element = h('p', { class: 'final-status', role: 'status', hidden: true }, finalStrings().reconnecting);
  return { element, set: (connected: boolean) => (element.hidden = connected) };
}

export function finalAudiencePage({ view, params, signal }: PageContext) {
  const s = finalStrings();
  setPageTitle(s.finalTitle);
  const status = statusLine();
  const board = h('div', { class: 'final-board' }, h('p', { class: 'status' }, '…'));
  replaceContent(view, h('p', { class: 'final-question-number' }, s.audience), status.element, board);
  connectFinal(`/api/quiz/finals/${encodeURIComponent(params.id!)}/socket`, signal, {
    onView: (state) => renderBoard(board, state, signal),
    onStatus: status.set,
  });
}

/** The buttons of the open question; a multiple choice is sent with a button of its own. */
function answerButtons(state: FinalView, send: (optionIds: string[]) => void) {
  const s = finalStrings();
  const question = state.question!;
  const picked = new Set<string>();
  const submit = h('button', { type: 'button', class: 'button', disabled: true }, s.submit);
  const buttons = question.options.map((option, index) =>
    on(
      h(
        'button',
        { type: 'button', class: 'button button-secondary final-choice', 'aria-pressed': 'false' },
        `${String.fromCharCode(65 + index)}  ${option.text}`,
      ),
      'click',
      (event) => {
        if (question.type !== 'multiple') return send([option.id]);
        const button = event.currentTarget as HTMLButtonElement;
        if (picked.has(option.id)) picked.delete(option.id);
        else picked.add(option.id);
        button.setAttribute('aria-pressed', String(picked.has(option.id)));
        submit.disabled = picked.size === 0;
      },
    ),
  );
  on(submit, 'click', () => send([...picked]));
  return h(
    'div',
    { class: 'final-answer' },
    question.type === 'multiple' ? h('p', null, s.chooseAll) : null,
    ...buttons,
    question.type === 'multiple' ? submit : null,
  );
}

export async function finalPlayerPage({ view, params, signal }: PageContext) {
  const s = finalStrings();
  const token = params.token!;
  const { finalist } = await read(api.quiz.finalists[':token'].$get({ param: { token } }, within(signal)));
  setPageTitle(finalist.final.title);
  const status = statusLine();
  const feedback = h('p', { class: 'final-feedback', 'aria-live': 'assertive' });
  const board = h('div', { class: 'final-board' });
  replaceContent(view, h('p', null, s.hello(finalist.name)), status.element, feedback, board);
  let latest: FinalView | undefined;

  const draw = (state: FinalView) => {
    latest = state;
    const mine = state.you?.answer;
    const result = state.reveal?.results.find((r) => r.finalistId === state.you?.finalistId);
    const place = state.standings.find((st) => st.finalistId === state.you?.finalistId);
    if (state.phase === 'revealed')
      feedback.textContent = result ? (result.correct ? s.right(result.points) : s.wrong) : s.missed;
    else if (state.phase === 'question' && mine)
      feedback.textContent = s.yourAnswerTaken((mine.elapsedMs / 1000).toFixed(1));
    else if (state.phase !== 'question') feedback.textContent = '';
    const open = state.phase === 'question' && !mine && state.question!.closesAt > state.now;
    replaceContent(
      board,
      h('h1', { class: 'final-title' }, state.title),
      state.phase === 'lobby' ? h('p', { class: 'final-lobby' }, s.lobby) : null,
      state.question && state.phase !== 'ended' ? questionBlock(state) : null,
      state.phase === 'question' ? countdown(state, signal) : null,
      open
        ? answerButtons(state, (optionIds) =>
            socket.send({ type: 'answer', question: state.question!.number, optionIds }),
          )
        : null,
      state.phase === 'ended' && place
        ? h('p', { class: 'final-feedback' }, s.yourRank(place.rank), place.prize ? ` · ${s.prize[place.prize]}` : '')
        : null,
      state.phase === 'ended'
        ? h(
            'p',
            null,
            h('a', { class: 'button', href: `/final/play/${encodeURIComponent(token)}/certificate` }, s.certificate),
          )
        : null,
      state.phase === 'revealed' || state.phase === 'ended' ? standingsTable(state, state.you?.finalistId) : null,
      h('p', { class: 'final-rule' }, s.scoringRule),
    );
  };
  const socket = connectFinal(`/api/quiz/finalists/${encodeURIComponent(token)}/socket`, signal, {
    onView: draw,
    onReply: (reply: Reply) => {
      if (reply.type === 'answer_refused') feedback.textContent = s.refused[reply.reason] ?? s.refused.invalid!;
      else if (latest) feedback.textContent = s.yourAnswerTaken((reply.elapsedMs / 1000).toFixed(1));
    },
    onStatus: status.set,
  });
}
