// The quiz leaderboards: today's or the season's, the whole city or one district, names
// masked, and my own rank when I am signed in.
import type { InferResponseType } from 'hono/client';
import { api, ApiFailure, read, within } from '../foundation/api.ts';
import { backLink } from '../foundation/back-link.ts';
import { loadPage } from '../foundation/page.ts';
import { cityConfig } from '../city.ts';
import { h, on } from '../foundation/dom.ts';
import { today } from '../format.ts';
import { navigate, type PageContext } from '../foundation/router.ts';
import { setPageTitle } from '../foundation/shell.ts';
import { quizStrings } from '../quiz/strings.ts';

type Board = InferResponseType<(typeof api.quiz.seasons)[':seasonId']['leaderboard']['$get'], 200>;
type Kind = 'day' | 'season';

const boardPath = (seasonId: string, kind: Kind, district: string | undefined) => {
  const query = new URLSearchParams({ board: kind });
  if (district) query.set('district', district);
  return `/quiz/${encodeURIComponent(seasonId)}/leaderboard?${query}`;
};

/** A read that needs a sign-in; undefined when the person is not signed in. */
const unlessSignedOut = <T>(reading: Promise<T>) =>
  reading.catch((error: unknown) => {
    if (error instanceof ApiFailure && error.status === 401) return undefined;
    throw error;
  });

/**
 * Who is looking: nobody signed in gets a way to see their rank, not "you are not ranked"; a
 * player who is not on this board is told why (another district's, or a day they did not play),
 * and only one who has not played today is asked to play.
 */
const viewer = async (seasonId: string, signal: AbortSignal) => {
  const [me, season] = await Promise.all([
    unlessSignedOut(read(api.me.$get({}, within(signal)))),
    unlessSignedOut(read(api.quiz.seasons[':seasonId'].$get({ param: { seasonId } }, within(signal)))),
  ]);
  return me && { district: me.person.district, playedToday: season?.today.played === true, today: season?.today.day };
};
type Viewer = Awaited<ReturnType<typeof viewer>>;

function boardChoice(seasonId: string, kind: Kind, district: string | undefined): HTMLElement {
  const q = quizStrings();
  return h(
    'nav',
    { class: 'kinds', 'aria-label': q.boardsLabel },
    ...(['day', 'season'] as const).map((choice) =>
      h(
        'a',
        { class: 'chip', href: boardPath(seasonId, choice, district), 'aria-current': choice === kind ? 'page' : null },
        choice === 'day' ? q.dayBoard : q.seasonBoard,
      ),
    ),
  );
}

function districtFilter(seasonId: string, kind: Kind, district: string | undefined, districts: string[]): HTMLElement {
  const q = quizStrings();
  const select = h(
    'select',
    { id: 'board-district', name: 'district' },
    h('option', { value: '' }, q.wholeCity),
    ...districts.map((name) => h('option', { value: name, selected: name === district }, name)),
  );
  return on(
    h(
      'form',
      { class: 'board-filter' },
      h('label', { for: 'board-district' }, q.district),
      h(
        'div',
        { class: 'filter-row' },
        select,
        h('button', { type: 'submit', class: 'button button-secondary' }, q.show),
      ),
    ),
    'submit',
    (event) => {
      event.preventDefault();
      navigate(boardPath(seasonId, kind, select.value || undefined), { replace: true });
    },
  );
}

function myStanding(board: Board, who: Viewer, district: string | undefined): HTMLElement {
  const q = quizStrings();
  if (board.me) {
    return h(
      'p',
      { class: 'card my-rank' },
      h('span', { class: 'label-text' }, q.myRank),
      ' ',
      h('strong', null, q.rankNumber(board.me.rank)),
      ` · ${q.points(board.me.score)} · ${q.seconds(board.me.timeMs)}`,
    );
  }
  if (who) {
    const elsewhere = district !== undefined && who.district && who.district !== district;
    return h(
      'p',
      { class: 'notice' },
      elsewhere
        ? `${q.notOnThisBoard} ${q.otherDistrict(who.district!)}`
        : who.playedToday
          ? q.notOnThisBoard
          : q.notRanked,
    );
  }
  return h(
    'p',
    { class: 'notice' },
    h('a', { href: `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}` }, q.signInForRank),
  );
}

function boardList(board: Board, caption: string): HTMLElement {
  const q = quizStrings();
  if (board.items.length === 0) return h('p', { class: 'status' }, q.emptyBoard);
  return h(
    'ol',
    { class: 'board', 'aria-label': caption },
    ...board.items.map((item) => {
      const mine = board.me?.rank === item.rank;
      return h(
        'li',
        { class: mine ? 'board-row board-me' : 'board-row', 'aria-current': mine ? 'true' : null },
        h('span', { class: 'board-rank' }, item.rank),
        h(
          'span',
          { class: 'board-who' },
          h('span', { class: 'board-name' }, item.name, mine ? q.you : null),
          h('span', { class: 'meta' }, item.district),
        ),
        h(
          'span',
          { class: 'board-score' },
          h('strong', null, q.points(item.score)),
          h('span', { class: 'meta' }, q.seconds(item.timeMs)),
        ),
      );
    }),
  );
}

export async function quizLeaderboardPage(context: PageContext) {
  const q = quizStrings();
  setPageTitle(q.leaderboardTitle);
  const seasonId = context.params.seasonId!;
  const kind: Kind = context.query.get('board') === 'day' ? 'day' : 'season';
  const districtParam = context.query.get('district') || undefined;
  await loadPage(
    context,
    async () => {
      const city = await cityConfig();
      // An unknown district (an old link) shows the whole city rather than an error.
      const district = districtParam && city.districts.includes(districtParam) ? districtParam : undefined;
      const viewing = viewer(seasonId, context.signal);
      // Today's board is the server's China day, which the season says: a phone's clock may be wrong.
      const day = kind === 'day' ? ((await viewing)?.today ?? today()) : undefined;
      const query = { limit: '50', ...(day && { day }), ...(district && { district }) };
      const [board, who] = await Promise.all([
        read(api.quiz.seasons[':seasonId'].leaderboard.$get({ param: { seasonId }, query }, within(context.signal))),
        viewing,
      ]);
      return { city, district, board, who };
    },
    ({ city, district, board, who }) => {
      const caption = q.boardCaption(kind === 'day' ? q.dayBoard : q.seasonBoard, district ?? q.wholeCity);
      context.view.append(
        backLink(`/quiz/${encodeURIComponent(seasonId)}`, q.quizTitle),
        h('h1', null, q.leaderboardTitle),
        boardChoice(seasonId, kind, district),
        districtFilter(seasonId, kind, district, city.districts),
        h('h2', { class: 'board-caption' }, caption),
        myStanding(board, who, district),
        boardList(board, caption),
        h('p', { class: 'meta' }, q.tieRule),
      );
    },
  );
}
