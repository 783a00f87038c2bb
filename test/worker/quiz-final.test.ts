// The live final: its Durable Object in workerd, reached through the Worker as the host screen,
// the audience and the finalists' phones reach it.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { finalPoints, standings } from '../../worker/domain/quiz-final.ts';
import type { FinalView } from '../../worker/quiz-final/protocol.ts';
import { errorOf, signInStaff, testClient } from './helpers.ts';
import { advance, createFinal, Screen, seasonWithBoard, type AdminFinal } from './quiz-final-fixtures.ts';

const playerPath = (joinPath: string) => `/api/quiz/finalists/${joinPath.split('/').pop()}/socket`;
const rightOption = (view: FinalView) => view.question!.options.find((option) => option.text === '正确的')!.id;
const wrongOption = (view: FinalView) => view.question!.options.find((option) => option.text === '错误一')!.id;
const taken = (m: { type: string }) => m.type === 'answer_taken' || m.type === 'answer_refused';
const quizAdmin = (cookie: string, headers: Record<string, string> = {}) => testClient({ cookie, headers }).admin.quiz;

async function phones(final: AdminFinal, count = final.finalists.length) {
  return Promise.all(final.finalists.slice(0, count).map((finalist) => Screen.open(playerPath(finalist.joinPath))));
}

describe('the scoring rule', () => {
  it('gives a right answer 500 and up to 500 more for speed, a wrong one nothing', () => {
    expect(finalPoints(true, 0, 20_000)).toBe(1000);
    expect(finalPoints(true, 5_000, 20_000)).toBe(875);
    expect(finalPoints(true, 20_000, 20_000)).toBe(500);
    expect(finalPoints(false, 100, 20_000)).toBe(0);
  });

  it('ranks by points, then by time on right answers; equals share a rank and a prize', () => {
    const ranked = standings([
      { finalistId: 'a', seed: 1, points: 1500, rightMs: 9000 },
      { finalistId: 'b', seed: 2, points: 1800, rightMs: 4000 },
      { finalistId: 'c', seed: 3, points: 1500, rightMs: 7000 },
      { finalistId: 'd', seed: 4, points: 1500, rightMs: 7000 },
      { finalistId: 'e', seed: 5, points: 0, rightMs: 0 },
    ]);
    expect(ranked.map((s) => [s.finalistId, s.rank, s.prize])).toEqual([
      ['b', 1, 'first'],
      ['c', 2, 'second'],
      ['d', 2, 'second'],
      ['a', 4, null],
      ['e', 5, null],
    ]);
  });
});

describe('the live final', () => {
  it('takes ten finalists answering at once, one answer each, and keeps the key hidden until the reveal', async () => {
    const season = await seasonWithBoard(12);
    const final = await createFinal(season, { top: 10 });
    expect(final.finalists).toHaveLength(10);
    expect(final.finalists.map((f) => f.name)).toEqual(season.people.slice(0, 10).map((p) => p.name));
    // A personal link carries a random token and nothing else.
    for (const finalist of final.finalists) expect(finalist.joinPath).toMatch(/^\/final\/play\/[\w-]{32}$/);

    const host = await Screen.open(`/api/admin/quiz/finals/${final.id}/host`, season.organizer.cookie);
    const audience = await Screen.open(`/api/quiz/finals/${final.id}/socket`);
    const players = await phones(final);
    await host.state((view) => view.finalists.filter((f) => f.online).length === 10);

    expect((await advance(final, season.organizer.cookie, 'open')).status).toBe(200);
    const views = await Promise.all(players.map((phone) => phone.state((view) => view.phase === 'question')));
    const right = rightOption(views[0]!);
    // Everyone answers at the same moment, half of them right; each then tries a second answer.
    players.forEach((phone, i) => {
      phone.send({ type: 'answer', question: 1, optionIds: [i % 2 === 0 ? right : wrongOption(views[0]!)] });
      phone.send({ type: 'answer', question: 1, optionIds: [right] });
    });
    const replies = await Promise.all(
      players.map(async (phone) => {
        const first = await phone.next((m): m is Extract<typeof m, { question: number }> => taken(m));
        const firstIndex = phone.received.indexOf(first);
        const second = await phone.next((m): m is Extract<typeof m, { question: number }> => taken(m), firstIndex + 1);
        return [first.type, second.type === 'answer_refused' ? second.reason : second.type];
      }),
    );
    expect(replies).toEqual(Array(10).fill(['answer_taken', 'already_answered']));
    const everyoneIn = await host.state((view) => view.answered.length === 10);
    expect(new Set(everyoneIn.answered)).toEqual(new Set(final.finalists.map((f) => f.id)));

    // Before the reveal no screen has seen the key, the explanation, or whose answer was right.
    for (const screen of [host, audience, ...players]) {
      for (const text of screen.raw) {
        expect(text).not.toContain('第 1 题解析');
        expect(text).not.toContain('answerIds');
        expect(text).not.toContain('"correct"');
        expect(JSON.parse(text).reveal ?? null).toBeNull();
      }
    }
    // The audience sees masked names, the host full ones.
    expect(everyoneIn.finalists[0]!.name).toBe(season.people[0]!.name);
    const watched = await audience.state((view) => view.answered.length === 10);
    expect(watched.finalists[0]!.name).toBe(`${season.people[0]!.name[0]}*`);
    expect(watched.finalists.some((f) => 'online' in f)).toBe(false);

    expect((await advance(final, season.organizer.cookie, 'reveal')).status).toBe(200);
    const revealed = await audience.state((view) => view.phase === 'revealed');
    expect(revealed.reveal!.answerIds).toEqual([right]);
    expect(revealed.reveal!.explanation).toBe('第 1 题解析');
    const points = new Map(revealed.reveal!.results.map((r) => [r.finalistId, r.points]));
    final.finalists.forEach((finalist, i) => {
      if (i % 2 === 0) expect(points.get(finalist.id)).toBeGreaterThanOrEqual(500);
      else expect(points.get(finalist.id)).toBe(0);
    });
    expect(revealed.standings.filter((s) => s.points > 0)).toHaveLength(5);
    for (const screen of [host, audience, ...players]) screen.close();
  });

  it('refuses an answer after the time is up, and after the reveal', async () => {
    const season = await seasonWithBoard(2);
    const final = await createFinal(season, { top: 2 });
    const [phone] = await phones(final, 1);
    await advance(final, season.organizer.cookie, 'open');
    const view = await phone!.state((v) => v.phase === 'question');
    // The question's time runs out (moved into the past in the object's own storage).
    const game = env.QUIZ_FINAL.get(env.QUIZ_FINAL.idFromName(final.id));
    await runInDurableObject(game, (_instance, state) => {
      state.storage.sql.exec('UPDATE game SET closes_at = ?', Date.now() - 1);
    });
    phone!.send({ type: 'answer', question: 1, optionIds: [rightOption(view)] });
    const late = await phone!.next((m): m is Extract<typeof m, { question: number }> => taken(m));
    expect(late).toMatchObject({ type: 'answer_refused', reason: 'late' });

    await advance(final, season.organizer.cookie, 'reveal');
    const from = phone!.received.length;
    phone!.send({ type: 'answer', question: 1, optionIds: [rightOption(view)] });
    const afterReveal = await phone!.next((m): m is Extract<typeof m, { question: number }> => taken(m), from);
    expect(afterReveal).toMatchObject({ type: 'answer_refused', reason: 'late' });
    const revealed = await phone!.state((v) => v.phase === 'revealed');
    expect(revealed.reveal!.results).toEqual([]);
    // An answer to a question not on screen is refused too.
    phone!.send({ type: 'answer', question: 2, optionIds: [rightOption(view)] });
    expect(
      await phone!.next(
        (m): m is Extract<typeof m, { question: number }> => taken(m) && m.question === 2,
        phone!.received.length - 1,
      ),
    ).toMatchObject({ reason: 'not_open' });
    phone!.close();
  });

  it('brings a finalist who reconnects mid-question back where the game is, with their answer', async () => {
    const season = await seasonWithBoard(3);
    const final = await createFinal(season, { top: 3, questions: 2 });
    const [phone] = await phones(final, 1);
    await advance(final, season.organizer.cookie, 'open');
    const opened = await phone!.state((v) => v.phase === 'question');
    phone!.send({ type: 'answer', question: 1, optionIds: [rightOption(opened)] });
    await phone!.next((m): m is Extract<typeof m, { question: number }> => taken(m));
    phone!.close();

    const again = await Screen.open(playerPath(final.finalists[0]!.joinPath));
    const resumed = await again.state();
    expect(resumed.phase).toBe('question');
    expect(resumed.question!.number).toBe(1);
    expect(resumed.question!.closesAt).toBe(opened.question!.closesAt);
    expect(resumed.you).toMatchObject({
      finalistId: final.finalists[0]!.id,
      answer: { optionIds: [rightOption(opened)] },
    });
    expect(resumed.answered).toEqual([final.finalists[0]!.id]);
    expect(resumed.reveal).toBeNull();
    again.send({ type: 'answer', question: 1, optionIds: [wrongOption(opened)] });
    expect(await again.next((m): m is Extract<typeof m, { question: number }> => taken(m))).toMatchObject({
      reason: 'already_answered',
    });
    again.close();
  });

  it('writes the results to D1 at the end: ranks, prizes, certificates; the finalists list shows them', async () => {
    const season = await seasonWithBoard(5);
    const final = await createFinal(season, { top: 4, questions: 2 });
    const players = await phones(final);
    const host = season.organizer.cookie;
    // Finalist 0 is right twice, 1 once, 2 never, 3 does not answer.
    let revealedPoints = new Map<string, number>();
    for (const question of [1, 2]) {
      expect((await advance(final, host, 'open')).status).toBe(200);
      const view = await players[0]!.state((v) => v.question?.number === question);
      players[0]!.send({ type: 'answer', question, optionIds: [rightOption(view)] });
      const second = question === 1 ? rightOption(view) : wrongOption(view);
      players[1]!.send({ type: 'answer', question, optionIds: [second] });
      players[2]!.send({ type: 'answer', question, optionIds: [wrongOption(view)] });
      // The standings count only revealed questions: the open one's points would tell who was right.
      const during = await players[2]!.state((v) => v.question?.number === question && v.answered.length === 3);
      expect(new Map(during.standings.map((s) => [s.finalistId, s.points]))).toEqual(
        question === 1 ? new Map(final.finalists.map((f) => [f.id, 0])) : revealedPoints,
      );
      expect((await advance(final, host, 'reveal')).status).toBe(200);
      const revealed = await players[3]!.state((v) => v.question?.number === question && v.phase === 'revealed');
      revealedPoints = new Map(revealed.standings.map((s) => [s.finalistId, s.points]));
    }
    expect(await errorOf(await advance(final, host, 'open'))).toMatchObject({ code: 'final_wrong_phase' });
    const ended = await advance(final, host, 'end');
    expect(ended.status).toBe(200);

    const { final: stored } = await (await quizAdmin(host).finals[':id'].$get({ param: { id: final.id } })).json();
    expect(stored.endedAt).not.toBeNull();
    expect(stored.finalists.map((f) => [f.result!.rank, f.result!.prize])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, null],
      [3, null],
    ]);
    expect(stored.finalists[0]!.result!.points).toBeGreaterThanOrEqual(1000);
    const rows = await env.DB.prepare(
      'SELECT rank, certificate_code FROM quiz_finalists WHERE final_id = ? ORDER BY seed',
    )
      .bind(final.id)
      .all<{ rank: number; certificate_code: string }>();
    expect(rows.results.map((r) => r.rank)).toEqual([1, 2, 3, 3]);
    expect(rows.results.every((r) => /^[23456789A-HJ-NP-Z]{10}$/.test(r.certificate_code))).toBe(true);
    const audits = await env.DB.prepare(`SELECT action FROM audit_log WHERE target_id = ? ORDER BY at`)
      .bind(final.id)
      .all<{ action: string }>();
    expect(audits.results.map((a) => a.action)).toEqual(['quiz.final.create', 'quiz.final.end']);

    // Ending again changes nothing: the same certificates, no second audit entry.
    expect((await advance(final, host, 'end')).status).toBe(200);
    const again = await env.DB.prepare('SELECT certificate_code FROM quiz_finalists WHERE final_id = ? ORDER BY seed')
      .bind(final.id)
      .all<{ certificate_code: string }>();
    expect(again.results.map((r) => r.certificate_code)).toEqual(rows.results.map((r) => r.certificate_code));

    const list = await quizAdmin(host).seasons[':id'].finalists.$get({
      param: { id: season.seasonId },
      query: { top: '5' },
    });
    const { items } = await list.json();
    expect(items.map((item) => item.final?.prize ?? null)).toEqual(['first', 'second', null, null, null]);
    expect(items[0]).not.toHaveProperty('personId');

    // The certificate: in full through the finalist's own link, masked in the public check.
    const token = final.finalists[0]!.joinPath.split('/').pop()!;
    const own = await (await testClient().quiz.finalists[':token'].$get({ param: { token } })).json();
    expect(own.finalist).toMatchObject({ name: season.people[0]!.name, result: { rank: 1 } });
    const code = own.finalist.result!.certificateCode!; // the final has ended: a result and its certificate
    const certificates = testClient().certificates[':code'];
    const checked = await certificates.$get({ param: { code: `${code.slice(0, 5)}-${code.slice(5).toLowerCase()}` } });
    expect(checked.status).toBe(200);
    const { certificate } = await checked.json();
    expect(certificate).toMatchObject({ code, name: `${season.people[0]!.name[0]}*`, rank: 1, prize: 'first' });
    expect(JSON.stringify(certificate)).not.toContain(season.people[0]!.name);
    expect((await certificates.$get({ param: { code: 'ABCDEFGHJK' } })).status).toBe(404);
    for (const phone of players) phone.close();
  });

  it('draws questions from the season bank, with option ids of its own', async () => {
    const season = await seasonWithBoard(1);
    const response = await quizAdmin(season.organizer.cookie).seasons[':id'].finals.$post({
      param: { id: season.seasonId },
      json: {
        drawFromBank: 4,
        questions: [{ type: 'truefalse', stem: '最后一题', options: ['正确', '错误'], answers: [0] }],
      },
    });
    expect(response.status).toBe(201);
    const { final } = await response.json();
    expect(final.questionCount).toBe(5);
    const audience = await Screen.open(`/api/quiz/finals/${final.id}/socket`);
    await advance(final, season.organizer.cookie, 'open');
    const view = await audience.state((v) => v.phase === 'question');
    expect(view.question!.stem).toMatch(/^决\d/);
    const bankOptionIds = await env.DB.prepare(
      `SELECT o.value ->> 'id' AS id FROM quiz_questions, json_each(options) o WHERE season_id = ?`,
    )
      .bind(season.seasonId)
      .all<{ id: string }>();
    const ids = new Set(bankOptionIds.results.map((row) => row.id));
    expect(view.question!.options.some((option) => ids.has(option.id))).toBe(false);
    audience.close();
  });

  it('refuses what it must: a second final, bad questions, unknown links, a plain request for a socket', async () => {
    const season = await seasonWithBoard(2);
    const none = await quizAdmin(season.organizer.cookie, { 'accept-language': 'en' }).seasons[':id'].finals.$post({
      param: { id: season.seasonId },
      json: { questionIds: ['nope'], questions: [{ type: 'single', stem: '', options: ['a'], answers: [3] }] },
    });
    expect(none.status).toBe(400);
    const error = await errorOf(none);
    expect(error.issues!.map((issue) => issue.path)).toEqual(['questionIds.0', 'questions.0']);
    expect(error.issues![0]!.message).toBe("The season's bank has no such question.");

    const final = await createFinal(season, { top: 2 });
    // The organizer's page finds the season's final; drawn bank questions come before typed ones.
    const seasonAdmin = quizAdmin(season.organizer.cookie).seasons[':id'];
    const found = await seasonAdmin.final.$get({ param: { id: season.seasonId } });
    expect((await found.json()).final.id).toBe(final.id);
    const twice = await seasonAdmin.finals.$post({
      param: { id: season.seasonId },
      json: { questions: [{ type: 'truefalse', stem: '对吗？', options: ['正确', '错误'], answers: [0] }] },
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('final_exists');

    const unknown = { param: { token: 'not-a-real-token-at-all' } };
    expect((await testClient().quiz.finalists[':token'].$get(unknown)).status).toBe(404);
    const upgrade = { upgrade: 'websocket' };
    expect((await testClient({ headers: upgrade }).quiz.finalists[':token'].socket.$get(unknown)).status).toBe(404);
    const socket = { param: { id: final.id } };
    expect((await testClient().quiz.finals[':id'].socket.$get(socket)).status).toBe(426);
    const elsewhere = { ...upgrade, origin: 'https://evil.example' };
    const foreign = await testClient({ headers: elsewhere }).quiz.finals[':id'].socket.$get(socket);
    expect(foreign.status).toBe(403);
    // Another organization's organizer cannot host it.
    const other = await signInStaff('organizer', (await seasonWithBoard(1)).organizationId);
    expect((await advance(final, other.cookie, 'open')).status).toBe(404);
  });
});
