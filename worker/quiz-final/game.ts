// One live final: a Durable Object per final, holding the game in its own SQLite storage and the
// sockets of the host screen, the audience pages and the finalists' phones (Hibernation API: the
// object may leave memory between events, so nothing lives in fields; each socket's role rides
// in its attachment and its tags). The Worker checks who may connect (worker/routes/quiz-finals.ts)
// and passes the role in a header; nothing reaches this object except through the Worker.
import { DurableObject } from 'cloudflare:workers';
import * as v from 'valibot';
import { finalPoints, standings, type Standing } from '../domain/quiz-final.ts';
import { isExactlyRight, maskName, type QuestionType } from '../domain/quiz.ts';
import type { Bindings } from '../env.ts';
import {
  FINALIST_HEADER,
  ROLE_HEADER,
  type Action,
  type Advanced,
  type AnswerReply,
  type FinalGame,
  type FinalSetUp,
  type FinalView,
  type Phase,
  type Role,
} from './protocol.ts';

interface Attachment {
  role: Role;
  finalistId?: string;
}

interface GameRow extends Record<string, SqlStorageValue> {
  title: string;
  limit_ms: number;
  question_count: number;
  phase: Phase;
  /** The question on screen, from 0; -1 before the first. */
  position: number;
  opened_at: number;
  closes_at: number;
}

interface QuestionRow extends Record<string, SqlStorageValue> {
  type: QuestionType;
  stem: string;
  options: string;
  answer_ids: string;
  explanation: string;
}

interface FinalistRow extends Record<string, SqlStorageValue> {
  id: string;
  name: string;
  seed: number;
}

interface AnswerRow extends Record<string, SqlStorageValue> {
  finalist_id: string;
  position: number;
  option_ids: string;
  elapsed_ms: number;
  correct: number;
  points: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS game (
    id INTEGER PRIMARY KEY CHECK (id = 1), title TEXT NOT NULL, limit_ms INTEGER NOT NULL,
    question_count INTEGER NOT NULL, phase TEXT NOT NULL, position INTEGER NOT NULL,
    opened_at INTEGER NOT NULL DEFAULT 0, closes_at INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS questions (
    position INTEGER PRIMARY KEY, type TEXT NOT NULL, stem TEXT NOT NULL, options TEXT NOT NULL,
    answer_ids TEXT NOT NULL, explanation TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS finalists (id TEXT PRIMARY KEY, name TEXT NOT NULL, seed INTEGER NOT NULL);
  -- One answer per finalist and question: the primary key refuses a second one.
  CREATE TABLE IF NOT EXISTS answers (
    finalist_id TEXT NOT NULL, position INTEGER NOT NULL, option_ids TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL,
    PRIMARY KEY (finalist_id, position));`;

const answerMessage = v.object({
  type: v.literal('answer'),
  question: v.pipe(v.number(), v.integer()),
  optionIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.minLength(1), v.maxLength(10)),
});

export class QuizFinal extends DurableObject<Bindings> implements FinalGame {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.storage.sql.exec(SCHEMA);
  }

  private get sql() {
    return this.ctx.storage.sql;
  }

  private game(): GameRow | undefined {
    return this.sql.exec<GameRow>('SELECT * FROM game').toArray()[0];
  }

  /** Stores the final's questions and finalists; a second call changes nothing. */
  async setUp(final: FinalSetUp): Promise<void> {
    if (this.game()) return;
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO game (id, title, limit_ms, question_count, phase, position) VALUES (1, ?, ?, ?, 'lobby', -1)`,
        final.title,
        final.timeLimitSec * 1000,
        final.questions.length,
      );
      final.questions.forEach((question, position) => {
        this.sql.exec(
          'INSERT INTO questions (position, type, stem, options, answer_ids, explanation) VALUES (?, ?, ?, ?, ?, ?)',
          position,
          question.type,
          question.stem,
          JSON.stringify(question.options),
          JSON.stringify(question.answerIds),
          question.explanation,
        );
      });
      for (const finalist of final.finalists)
        this.sql.exec(
          'INSERT INTO finalists (id, name, seed) VALUES (?, ?, ?)',
          finalist.id,
          finalist.name,
          finalist.seed,
        );
    });
  }

  /** The host's step: open the next question, reveal the one open, or end the final (again: same results). */
  async advance(action: Action): Promise<Advanced> {
    const game = this.game();
    if (!game) return { refused: 'not_found' };
    const now = Date.now();
    if (action === 'open') {
      const next = game.position + 1;
      if ((game.phase !== 'lobby' && game.phase !== 'revealed') || next >= game.question_count)
        return { refused: 'final_wrong_phase' };
      this.sql.exec(
        `UPDATE game SET phase = 'question', position = ?, opened_at = ?, closes_at = ?`,
        next,
        now,
        now + game.limit_ms,
      );
      // Wakes the object when time is up, so every screen shows it at once.
      await this.ctx.storage.setAlarm(now + game.limit_ms + 1);
    } else if (action === 'reveal') {
      if (game.phase !== 'question') return { refused: 'final_wrong_phase' };
      this.sql.exec(`UPDATE game SET phase = 'revealed'`);
      await this.ctx.storage.deleteAlarm();
    } else if (game.phase !== 'ended') {
      if (game.phase !== 'revealed') return { refused: 'final_wrong_phase' };
      this.sql.exec(`UPDATE game SET phase = 'ended'`);
    }
    this.broadcast();
    const state = this.view('host');
    return action === 'end' ? { state, results: this.standings(this.game()!) } : { state };
  }

  /** A socket of the host screen, an audience page or a finalist's phone. */
  override async fetch(request: Request): Promise<Response> {
    if (!this.game()) return new Response(null, { status: 404 });
    const role = request.headers.get(ROLE_HEADER) as Role;
    const finalistId = request.headers.get(FINALIST_HEADER) ?? undefined;
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, finalistId ? [role, `finalist:${finalistId}`] : [role]);
    server.serializeAttachment({ role, finalistId } satisfies Attachment);
    // Whoever connects, or reconnects mid-question, starts from where the game is.
    server.send(JSON.stringify(this.view(role, finalistId)));
    if (role === 'player') this.broadcastTo('host');
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    const { role, finalistId } = socket.deserializeAttachment() as Attachment;
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message));
    } catch {
      return;
    }
    const type = (parsed as { type?: unknown } | null)?.type;
    if (type === 'sync') {
      socket.send(JSON.stringify(this.view(role, finalistId)));
      return;
    }
    if (type !== 'answer' || role !== 'player' || !finalistId) return;
    const answer = v.safeParse(answerMessage, parsed);
    const reply = answer.success
      ? this.answer(finalistId, answer.output.question, answer.output.optionIds)
      : ({ type: 'answer_refused', question: 0, reason: 'invalid' } as const);
    socket.send(JSON.stringify(reply));
    if (reply.type === 'answer_taken') this.broadcast();
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string) {
    const { role } = socket.deserializeAttachment() as Attachment;
    try {
      socket.close(code, reason);
    } catch {
      // Already closed by the runtime's automatic reply.
    }
    if (role === 'player') this.broadcastTo('host', socket);
  }

  override async webSocketError(socket: WebSocket) {
    const { role } = socket.deserializeAttachment() as Attachment;
    if (role === 'player') this.broadcastTo('host', socket);
  }

  /** Time is up for the open question: every screen stops its countdown. */
  override async alarm() {
    this.broadcast();
  }

  /** Records a finalist's answer, timed by this object's clock from the moment the question opened. */
  private answer(finalistId: string, number: number, optionIds: string[]): AnswerReply {
    const game = this.game()!;
    const refuse = (reason: 'late' | 'not_open' | 'invalid' | 'already_answered') =>
      ({ type: 'answer_refused', question: number, reason }) as const;
    const position = number - 1;
    if (position !== game.position || game.phase === 'lobby') return refuse('not_open');
    const now = Date.now();
    if (game.phase !== 'question' || now > game.closes_at) return refuse('late');
    const question = this.question(position)!;
    const offered = new Set(question.options.map((option) => option.id));
    const chosen = new Set(optionIds);
    if (
      chosen.size !== optionIds.length ||
      !optionIds.every((id) => offered.has(id)) ||
      (question.type !== 'multiple' && optionIds.length !== 1)
    )
      return refuse('invalid');
    const elapsedMs = now - game.opened_at;
    const correct = isExactlyRight(question.answerIds, optionIds);
    const written = this.sql.exec(
      `INSERT INTO answers (finalist_id, position, option_ids, elapsed_ms, correct, points) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      finalistId,
      position,
      JSON.stringify(optionIds),
      elapsedMs,
      correct ? 1 : 0,
      finalPoints(correct, elapsedMs, game.limit_ms),
    ).rowsWritten;
    if (written === 0) return refuse('already_answered');
    return { type: 'answer_taken', question: number, elapsedMs };
  }

  private question(position: number) {
    const row = this.sql.exec<QuestionRow>('SELECT * FROM questions WHERE position = ?', position).toArray()[0];
    if (!row) return undefined;
    return {
      type: row.type,
      stem: row.stem,
      options: JSON.parse(row.options) as { id: string; text: string }[],
      answerIds: JSON.parse(row.answer_ids) as string[],
      explanation: row.explanation,
    };
  }

  /** The standings over the questions revealed so far: an open question's points would tell who was right. */
  private standings(game: GameRow): Standing[] {
    const revealedThrough = game.phase === 'question' ? game.position - 1 : game.position;
    const tallies = this.sql
      .exec<{ id: string; seed: number; points: number; right_ms: number }>(
        `SELECT f.id, f.seed, coalesce(sum(a.points), 0) AS points,
                coalesce(sum(CASE WHEN a.correct = 1 THEN a.elapsed_ms ELSE 0 END), 0) AS right_ms
         FROM finalists f LEFT JOIN answers a ON a.finalist_id = f.id AND a.position <= ?
         GROUP BY f.id`,
        revealedThrough,
      )
      .toArray();
    return standings(
      tallies.map((row) => ({ finalistId: row.id, seed: row.seed, points: row.points, rightMs: row.right_ms })),
    );
  }

  /** What a screen shows; a finalist's phone adds their own name and answer. */
  private view(role: Role, finalistId?: string, leaving?: WebSocket): FinalView {
    const shared = this.sharedView(role === 'host' ? 'host' : 'audience', leaving);
    return finalistId ? this.personal(shared, finalistId) : shared;
  }

  private personal(shared: FinalView, finalistId: string): FinalView {
    const game = this.game()!;
    const mine = this.sql
      .exec<AnswerRow>('SELECT * FROM answers WHERE finalist_id = ? AND position = ?', finalistId, game.position)
      .toArray()[0];
    const own = this.sql.exec<FinalistRow>('SELECT name FROM finalists WHERE id = ?', finalistId).toArray()[0];
    return {
      ...shared,
      finalists: shared.finalists.map((finalist) =>
        finalist.id === finalistId && own ? { ...finalist, name: own.name } : finalist,
      ),
      you: {
        finalistId,
        answer: mine ? { optionIds: JSON.parse(mine.option_ids) as string[], elapsedMs: mine.elapsed_ms } : null,
      },
    };
  }

  /** The host's or the audience's view. The answer key is in it only once the question is revealed. */
  private sharedView(role: 'host' | 'audience', leaving?: WebSocket): FinalView {
    const game = this.game()!;
    const finalists = this.sql.exec<FinalistRow>('SELECT id, name, seed FROM finalists ORDER BY seed').toArray();
    const online = new Set(
      role === 'host'
        ? this.ctx
            .getWebSockets('player')
            .filter((socket) => socket !== leaving)
            .map((socket) => (socket.deserializeAttachment() as Attachment).finalistId)
        : [],
    );
    const answers =
      game.position < 0
        ? []
        : this.sql.exec<AnswerRow>('SELECT * FROM answers WHERE position = ?', game.position).toArray();
    const question = game.position < 0 ? undefined : this.question(game.position);
    const revealed = game.phase === 'revealed' || game.phase === 'ended';
    const ended = game.phase === 'ended';
    return {
      type: 'state',
      now: Date.now(),
      title: game.title,
      phase: game.phase,
      questionCount: game.question_count,
      limitMs: game.limit_ms,
      question: question
        ? {
            number: game.position + 1,
            type: question.type,
            stem: question.stem,
            options: question.options,
            openedAt: game.opened_at,
            closesAt: game.closes_at,
          }
        : null,
      answered: answers.map((answer) => answer.finalist_id),
      finalists: finalists.map((finalist) => ({
        id: finalist.id,
        name: role === 'host' ? finalist.name : maskName(finalist.name),
        ...(role === 'host' && { online: online.has(finalist.id) }),
      })),
      reveal:
        question && revealed
          ? {
              answerIds: question.answerIds,
              explanation: question.explanation,
              results: answers.map((answer) => ({
                finalistId: answer.finalist_id,
                correct: answer.correct === 1,
                points: answer.points,
                elapsedMs: answer.elapsed_ms,
              })),
            }
          : null,
      standings: this.standings(game).map((standing) => (ended ? standing : { ...standing, prize: null })),
    };
  }

  /** Sends each connected screen its view of the game. */
  private broadcast() {
    for (const role of ['host', 'audience', 'player'] as const) this.broadcastTo(role);
  }

  private broadcastTo(role: Role, leaving?: WebSocket) {
    const shared = this.sharedView(role === 'host' ? 'host' : 'audience', leaving);
    const text = JSON.stringify(shared);
    for (const socket of this.ctx.getWebSockets(role)) {
      if (socket === leaving) continue;
      const { finalistId } = socket.deserializeAttachment() as Attachment;
      try {
        socket.send(finalistId ? JSON.stringify(this.personal(shared, finalistId)) : text);
      } catch {
        // A socket that went away in the meantime; its close event follows.
      }
    }
  }
}
