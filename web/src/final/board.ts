// What every screen of the live final shows — the question, its countdown, who has answered,
// then the right answer and the standings — and the socket that keeps it current, reconnecting
// after a drop (the server sends where the game is on every connect).
import type { FinalView } from '../../../worker/quiz-final/protocol.ts';
import { h, replaceContent } from '../foundation/dom.ts';
import { formatCountdown } from '../quiz/clock.ts';
import './final.css';
import { finalStrings } from './strings.ts';

export type { FinalView };
export type Reply =
  | { type: 'answer_taken'; question: number; elapsedMs: number }
  | { type: 'answer_refused'; question: number; reason: string };

export interface FinalSocket {
  send(message: unknown): void;
}

/**
 * Keeps a socket to `path` open while `signal` is not aborted: on a drop it tries again after a
 * short wait (at once when the phone comes back to the page), and `onStatus` says whether it is connected.
 */
export function connectFinal(
  path: string,
  signal: AbortSignal,
  handlers: { onView(view: FinalView): void; onReply?(reply: Reply): void; onStatus(connected: boolean): void },
): FinalSocket {
  let socket: WebSocket | undefined;
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
  const open = () => {
    clearTimeout(timer);
    if (signal.aborted || (socket && socket.readyState <= WebSocket.OPEN)) return;
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retries = 0;
      handlers.onStatus(true);
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as FinalView | Reply;
      if (message.type === 'state') handlers.onView(message);
      else handlers.onReply?.(message);
    });
    socket.addEventListener('close', () => {
      if (signal.aborted) return;
      handlers.onStatus(false);
      timer = setTimeout(open, Math.min(5000, 500 * 2 ** retries++));
    });
  };
  const comeBack = () => {
    if (document.visibilityState === 'visible') open();
  };
  document.addEventListener('visibilitychange', comeBack);
  window.addEventListener('online', open);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', comeBack);
    window.removeEventListener('online', open);
    socket?.close(1000);
  });
  open();
  return { send: (message) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message)) };
}

/** A countdown to the question's close on the server's clock, whatever this device's clock says. */
export function countdown(view: FinalView, signal: AbortSignal) {
  const s = finalStrings();
  const offset = view.now - Date.now();
  const element = h('p', { class: 'final-countdown', role: 'timer', 'aria-label': s.timeLeft });
  const tick = () => {
    const left = view.question!.closesAt - (Date.now() + offset);
    element.textContent = left > 0 ? formatCountdown(left) : s.timeUp;
    element.classList.toggle('final-countdown-up', left <= 0);
    return left > 0;
  };
  if (tick()) {
    const interval = setInterval(() => {
      if (signal.aborted || !tick()) clearInterval(interval);
    }, 250);
    signal.addEventListener('abort', () => clearInterval(interval));
  }
  return element;
}

const nameOf = (view: FinalView, id: string) => view.finalists.find((f) => f.id === id)?.name ?? '';

/** The standings table (over revealed questions), with prizes once the final has ended. */
export function standingsTable(view: FinalView, me?: string) {
  const s = finalStrings();
  return h(
    'table',
    { class: 'final-standings' },
    h('caption', null, view.phase === 'ended' ? s.ended : s.standings),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, s.rank),
        h('th', { scope: 'col' }, s.player),
        h('th', { scope: 'col' }, s.points),
      ),
    ),
    h(
      'tbody',
      null,
      ...view.standings.map((standing) =>
        h(
          'tr',
          { class: standing.finalistId === me ? 'final-me' : null },
          h(
            'td',
            null,
            standing.rank,
            standing.prize
              ? h('span', { class: `final-prize final-prize-${standing.prize}` }, s.prize[standing.prize])
              : null,
          ),
          h('th', { scope: 'row' }, nameOf(view, standing.finalistId)),
          h('td', null, standing.points),
        ),
      ),
    ),
  );
}

/** The question on screen: stem and options, the right ones marked once revealed. */
export function questionBlock(view: FinalView) {
  const s = finalStrings();
  const question = view.question!;
  const right = new Set(view.reveal?.answerIds ?? []);
  return h(
    'section',
    { class: 'final-question', 'aria-live': 'polite' },
    h('p', { class: 'final-question-number' }, s.questionOf(question.number, view.questionCount)),
    h('h2', { class: 'final-stem' }, question.stem),
    h(
      'ol',
      { class: 'final-options' },
      ...question.options.map((option, index) =>
        h(
          'li',
          { class: right.has(option.id) ? 'final-option final-option-right' : 'final-option' },
          h('span', { class: 'final-letter' }, String.fromCharCode(65 + index)),
          option.text,
          right.has(option.id) ? h('span', { class: 'final-right-mark' }, ` ✓ ${s.rightAnswer}`) : null,
        ),
      ),
    ),
    view.reveal?.explanation ? h('p', { class: 'final-explanation' }, s.explanation, view.reveal.explanation) : null,
  );
}

/** Who has answered the open question: every finalist, marked once their answer is in. */
export function answeredList(view: FinalView) {
  const s = finalStrings();
  const answered = new Set(view.answered);
  return h(
    'div',
    { class: 'final-answered' },
    h('p', null, s.answeredCount(answered.size, view.finalists.length)),
    h(
      'ul',
      { class: 'final-chips' },
      ...view.finalists.map((finalist) =>
        h(
          'li',
          { class: answered.has(finalist.id) ? 'final-chip final-chip-in' : 'final-chip' },
          answered.has(finalist.id) ? '✓ ' : '',
          finalist.name,
          finalist.online === undefined
            ? null
            : h('span', { class: 'final-online' }, finalist.online ? ` · ${s.online}` : ` · ${s.offline}`),
        ),
      ),
    ),
  );
}

/** The whole board as the host screen and the audience see it. */
export function renderBoard(target: HTMLElement, view: FinalView, signal: AbortSignal) {
  const s = finalStrings();
  replaceContent(
    target,
    h('h1', { class: 'final-title' }, view.title),
    view.phase === 'lobby' ? h('p', { class: 'final-lobby' }, s.lobby) : null,
    view.question && view.phase !== 'ended' ? questionBlock(view) : null,
    view.phase === 'question' ? countdown(view, signal) : null,
    view.phase === 'question' || view.phase === 'lobby' ? answeredList(view) : null,
    view.phase === 'revealed' || view.phase === 'ended' ? standingsTable(view) : null,
    h('p', { class: 'final-rule' }, s.scoringRule),
  );
}
