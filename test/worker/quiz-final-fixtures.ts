// Live final fixtures: a season whose board holds players, a final set up through the organizer
// API, and sockets to it (host, audience, phones) that keep every message they receive.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { FinalView } from '../../worker/quiz-final/protocol.ts';
import { call, newPhone } from './helpers.ts';
import { sampleQuestions, setUpSeason } from './quiz-fixtures.ts';

const NAMES = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞', '徐亮', '孙丽'];

/** Puts `players` new people on a season's board, the first one on top (written to D1 directly). */
export async function addToBoard(seasonId: string, players: number) {
  const people = [];
  for (let i = 0; i < players; i++) {
    const id = crypto.randomUUID();
    const name = NAMES[i % NAMES.length]!;
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO people (id, phone, name, district) VALUES (?, ?, ?, '东昌府区')`).bind(
        id,
        newPhone(),
        name,
      ),
      env.DB.prepare(
        `INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
         VALUES (?, ?, ?, '东昌府区', ?, 60000, 5, 0)`,
      ).bind(seasonId, id, name, 1000 - i * 10),
    ]);
    people.push({ id, name });
  }
  return people;
}

/** A season whose board holds `players` people. */
export async function seasonWithBoard(players: number) {
  const season = await setUpSeason({ questions: sampleQuestions(6, '决') });
  return { ...season, people: await addToBoard(season.seasonId, players) };
}

export interface AdminFinal {
  id: string;
  audiencePath: string;
  endedAt: string | null;
  finalists: {
    id: string;
    seed: number;
    name: string;
    joinPath: string;
    result: { rank: number; points: number; prize: string | null; certificateCode: string } | null;
  }[];
}

/** A final with `questions` typed in (single choice, the first option right), for the top `top`. */
export async function createFinal(
  season: { seasonId: string; organizer: { cookie: string } },
  options: { top?: number; questions?: number; timeLimitSec?: number } = {},
) {
  const response = await call(`/api/admin/quiz/seasons/${season.seasonId}/finals`, {
    cookie: season.organizer.cookie,
    body: {
      top: options.top ?? 10,
      timeLimitSec: options.timeLimitSec ?? 20,
      questions: Array.from({ length: options.questions ?? 3 }, (_, i) => ({
        type: 'single',
        stem: `决赛题 ${i + 1}：哪一项正确？`,
        options: ['正确的', '错误一', '错误二'],
        answers: [0],
        explanation: `第 ${i + 1} 题解析`,
      })),
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { final: AdminFinal }).final;
}

export type Received = FinalView | { type: 'answer_taken' | 'answer_refused'; question: number; reason?: string };

/** An open socket that records what it receives; `next` waits for a message that matches. */
export class Screen {
  readonly received: Received[] = [];
  readonly raw: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      this.raw.push(String(event.data));
      this.received.push(JSON.parse(String(event.data)) as Received);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.accept();
  }

  static async open(path: string, cookie?: string) {
    const response = await call(path, { cookie, headers: { upgrade: 'websocket' } });
    expect(response.status, path).toBe(101);
    return new Screen(response.webSocket!);
  }

  /** The first message from `from` on that matches. */
  async next<T extends Received>(matches: (message: Received) => message is T, from = 0): Promise<T> {
    for (;;) {
      const found = this.received.slice(from).find(matches);
      if (found) return found;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such message; got ${this.raw.length}`)), 5000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The latest state, once one matches. */
  async state(matches: (view: FinalView) => boolean = () => true, from = 0) {
    return this.next((m): m is FinalView => m.type === 'state' && matches(m), from);
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }

  close() {
    this.socket.close(1000, 'done');
  }
}

export async function advance(final: { id: string }, cookie: string, action: 'open' | 'reveal' | 'end') {
  return call(`/api/admin/quiz/finals/${final.id}/advance`, { cookie, body: { action } });
}
