// The host screen of a live final (a laptop at the desk, mirrored to the hall's projector): the
// board as the audience sees it, with full names and who is connected, the host's three steps
// (open the next question, reveal it, end the final), and the finalists' personal links.
import { api, read, within } from '../../foundation/api.ts';
import { h, on, replaceContent } from '../../foundation/dom.ts';
import { connectFinal, renderBoard, type FinalView } from '../../final/board.ts';
import { finalStrings } from '../../final/strings.ts';
import { formMessage, showFailure, whileBusy } from '../../foundation/form-message.ts';
import { loadPage } from '../../foundation/page.ts';
import type { PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';

type Action = 'open' | 'reveal' | 'end';

export function finalHostPage(context: PageContext) {
  const id = context.params.id!;
  const f = finalStrings();
  return loadPage(
    context,
    () => read(api.admin.quiz.finals[':id'].$get({ param: { id } }, within(context.signal))),
    ({ final }) => {
      setPageTitle(`${f.hostTitle}: ${final.title}`);
      const board = h('div', { class: 'final-board' });
      const status = h('p', { class: 'final-status', role: 'status', hidden: true }, f.reconnecting);
      const message = formMessage();
      const buttons: Record<Action, HTMLButtonElement> = {
        open: h('button', { type: 'button', class: 'button' }, f.openQuestion),
        reveal: h('button', { type: 'button', class: 'button' }, f.reveal),
        end: h('button', { type: 'button', class: 'button button-secondary' }, f.end),
      };
      const step = (action: Action) => async () => {
        try {
          await whileBusy(buttons[action], message, '…', () =>
            read(
              api.admin.quiz.finals[':id'].advance.$post({ param: { id }, json: { action } }, within(context.signal)),
            ),
          );
          if (action === 'end') message.ok(f.resultsSaved);
          else message.clear();
        } catch (error) {
          showFailure(error, message);
        }
      };
      for (const action of ['open', 'reveal', 'end'] as const) on(buttons[action], 'click', step(action));
      const enable = (view: FinalView) => {
        const last = view.question?.number === view.questionCount;
        buttons.open.textContent = view.phase === 'lobby' ? f.openQuestion : f.openNext;
        buttons.open.disabled = !(view.phase === 'lobby' || (view.phase === 'revealed' && !last));
        buttons.reveal.disabled = view.phase !== 'question';
        buttons.end.disabled = view.phase !== 'revealed';
      };
      const links = h(
        'details',
        { class: 'card' },
        h('summary', null, f.links),
        h(
          'p',
          null,
          `${f.audienceLink}: `,
          h('a', { href: final.audiencePath, target: '_blank' }, `${location.origin}${final.audiencePath}`),
        ),
        h(
          'ol',
          null,
          ...final.finalists.map((finalist) =>
            h(
              'li',
              null,
              `${finalist.name}（${finalist.district}）: `,
              h('code', null, `${location.origin}${finalist.joinPath}`),
            ),
          ),
        ),
      );
      replaceContent(
        context.view,
        h(
          'div',
          { class: 'final-host final-host-layout' },
          h('div', null, status, board),
          h(
            'aside',
            null,
            h('div', { class: 'final-controls' }, buttons.open, buttons.reveal, buttons.end),
            message.element,
            links,
          ),
        ),
      );
      connectFinal(`/api/admin/quiz/finals/${encodeURIComponent(id)}/host`, context.signal, {
        onView: (view) => {
          renderBoard(board, view, context.signal);
          enable(view);
        },
        onStatus: (connected) => (status.hidden = connected),
      });
    },
  );
}
