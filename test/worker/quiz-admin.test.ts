// Organizers' quiz routes through HTTP against D1: seasons, the question import (JSON and CSV,
// bad rows by line), the larger body limit of the import, and the finalists with their CSV.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { createCampaign } from './fixtures.ts';
import type { InferRequestType } from 'hono/client';
import { BASE, call, createOrganization, errorOf, signInStaff, testClient } from './helpers.ts';
import { newPlayer, playDay, sampleQuestions, setUpSeason } from './quiz-fixtures.ts';

/** The quiz's organizer API as the holder of `cookie` sees it. */
const quizAdmin = (cookie: string, headers: Record<string, string> = {}) => testClient({ cookie, headers }).admin.quiz;
type NewSeason = InferRequestType<ReturnType<typeof quizAdmin>['seasons']['$post']>['json'];
const createSeason = (cookie: string, json: NewSeason) => quizAdmin(cookie).seasons.$post({ json });
const finalists = (cookie: string, id: string, query: { top?: string } = {}) =>
  quizAdmin(cookie).seasons[':id'].finalists.$get({ param: { id }, query });
const finalistsCsv = (cookie: string, id: string, query: { top?: string } = {}, headers: Record<string, string> = {}) =>
  quizAdmin(cookie, headers).seasons[':id']['finalists.csv'].$get({ param: { id }, query });
const publicCampaign = (id: string) => testClient().campaigns[':id'].$get({ param: { id } });

const seasonBody = (campaignId: string, overrides: Partial<NewSeason> = {}): NewSeason => ({
  campaignId,
  startsOn: '2026-08-01',
  endsOn: '2026-11-30',
  questionsPerDay: 5,
  timeLimitSec: 120,
  ...overrides,
});

async function organizerWithQuizCampaign() {
  const organizationId = await createOrganization();
  const organizer = await signInStaff('organizer', organizationId);
  const campaign = await createCampaign({ kind: 'quiz', organizationId });
  return { organizationId, cookie: organizer.cookie, campaignId: campaign.id };
}

/** A request with a raw byte body, as a browser uploads a file. */
const upload = (path: string, cookie: string, body: Uint8Array | string, contentType: string, language = 'zh-CN') =>
  app.fetch(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': contentType, 'accept-language': language, 'cf-connecting-ip': '203.0.113.9' },
      body,
    }),
    env,
    createExecutionContext(),
  );

const CSV_HEADER = 'type,stem,option_a,option_b,option_c,option_d,answers,explanation,category';

describe('POST /api/admin/quiz/seasons', () => {
  it("sets up a quiz campaign's season, which the public campaign then shows", async () => {
    const { cookie, campaignId } = await organizerWithQuizCampaign();
    const response = await createSeason(cookie, seasonBody(campaignId));
    expect(response.status).toBe(201);
    const { season } = await response.json();
    expect(season).toMatchObject({
      campaignId,
      startsOn: '2026-08-01',
      endsOn: '2026-11-30',
      questionsPerDay: 5,
      timeLimitSec: 120,
      pointsPerCorrect: 10,
    });

    const { campaign } = await (await publicCampaign(campaignId)).json();
    expect(campaign.season).toEqual({ id: season.id, startsOn: '2026-08-01', endsOn: '2026-11-30' });
    const other = await createCampaign({ kind: 'cpr_training' });
    expect(Object.keys((await (await publicCampaign(other.id)).json()).campaign)).not.toContain('season');

    const second = await createSeason(cookie, seasonBody(campaignId));
    expect(second.status).toBe(409);
    expect((await errorOf(second)).code).toBe('season_exists');
  });

  it("answers 404 for another organization's campaign, 400 for a campaign of another kind", async () => {
    const mine = await organizerWithQuizCampaign();
    const theirs = await organizerWithQuizCampaign();
    expect((await createSeason(mine.cookie, seasonBody(theirs.campaignId))).status).toBe(404);
    const training = await createCampaign({ kind: 'cpr_training', organizationId: mine.organizationId });
    const wrongKind = await createSeason(mine.cookie, seasonBody(training.id));
    expect(wrongKind.status).toBe(400);
    expect((await errorOf(wrongKind)).issues).toEqual([
      { path: 'campaignId', message: '只有答题类活动才能设置赛季。' },
    ]);
    const admin = await signInStaff('admin');
    expect((await createSeason(admin.cookie, seasonBody(theirs.campaignId))).status).toBe(201);
  });

  it('names every bad field, and keeps out check-in staff and citizens', async () => {
    const { cookie, campaignId, organizationId } = await organizerWithQuizCampaign();
    const response = await createSeason(cookie, {
      campaignId,
      startsOn: '2026-02-30',
      endsOn: '2026-08-01',
      questionsPerDay: 51,
      timeLimitSec: 4,
      pointsPerCorrect: 1.5,
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues!.map((issue) => issue.path).sort()).toEqual([
      'pointsPerCorrect',
      'questionsPerDay',
      'startsOn',
      'timeLimitSec',
    ]);
    const backwards = await createSeason(
      cookie,
      seasonBody(campaignId, { startsOn: '2026-09-01', endsOn: '2026-08-01' }),
    );
    expect((await errorOf(backwards)).issues).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期。' }]);
    const checkin = await signInStaff('checkin', organizationId);
    expect((await createSeason(checkin.cookie, seasonBody(campaignId))).status).toBe(403);
    const citizen = await newPlayer();
    expect((await createSeason(citizen.cookie, seasonBody(campaignId))).status).toBe(401);
  });
});

// Imports send rows of any shape, CSV and oversized bodies on purpose: raw requests through call().
describe('POST /api/admin/quiz/seasons/:id/questions', () => {
  async function emptySeason() {
    const { cookie, campaignId, organizationId } = await organizerWithQuizCampaign();
    const response = await createSeason(cookie, seasonBody(campaignId));
    return { cookie, organizationId, seasonId: (await response.json()).season.id };
  }
  const bankSize = async (seasonId: string) =>
    (await env.DB.prepare('SELECT count(*) AS n FROM quiz_questions WHERE season_id = ?')
      .bind(seasonId)
      .first<{ n: number }>())!.n;

  it('imports the good rows of a JSON array and rejects each bad one with its position and reasons', async () => {
    const { cookie, seasonId } = await emptySeason();
    const [first, second] = sampleQuestions(2);
    const body = [
      first,
      { ...second, answers: [0] },
      { type: 'truefalse', stem: '献血会降低免疫力。', answers: [1], explanation: '不会。', category: '献血' },
      'not a question',
      { ...first },
    ];
    const response = await call(`/api/admin/quiz/seasons/${seasonId}/questions`, { cookie, body });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      imported: 2,
      rejected: [
        { line: 2, message: '多选题至少有两个正确答案。' },
        { line: 4, message: '这一项不是题目对象。' },
        { line: 5, message: '与第 1 行的题目重复。' },
      ],
    });
    const stored = await env.DB.prepare(
      "SELECT type, options, answer_ids, category FROM quiz_questions WHERE season_id = ? AND type = 'truefalse'",
    )
      .bind(seasonId)
      .first<{ options: string; answer_ids: string }>();
    const options = JSON.parse(stored!.options) as { id: string; text: string }[];
    expect(options.map((o) => o.text)).toEqual(['正确', '错误']);
    expect(JSON.parse(stored!.answer_ids)).toEqual([options[1]!.id]);

    const english = await call(`/api/admin/quiz/seasons/${seasonId}/questions`, {
      cookie,
      body: [first, { type: 'essay', stem: '' }],
      headers: { 'accept-language': 'en' },
    });
    expect(await english.json()).toEqual({
      imported: 0,
      rejected: [
        { line: 1, message: 'The bank already has this question.' },
        {
          line: 2,
          message:
            'The type must be single, multiple or truefalse. The question needs 1 to 500 characters. A choice question needs 2 to 6 options. The answers must name existing options (e.g. A or AC).',
        },
      ],
    });
    expect(await bankSize(seasonId)).toBe(2);
  });

  it('imports a CSV saved by Excel (BOM, CRLF, quoted commas and line breaks) with file line numbers', async () => {
    const { cookie, seasonId } = await emptySeason();
    const csv = [
      CSV_HEADER,
      'single,"发现有人倒地，第一步应该：","立即胸外按压","确认环境安全并判断意识","喂水",,B,"先确保现场安全，再拍肩呼叫判断意识。",急救',
      'multiple,"以下哪些属于乙肝的传播途径？","血液传播","母婴传播","共用餐具","性接触",ABD,"乙肝不经共用餐具、握手等日常接触传播。",传染病',
      '判断,"献血后当天可以洗澡，但要保持针眼干燥，\n24 小时内不剧烈运动。",,,,,对,"针眼处 4 小时内不沾水。",献血',
      'single,"高血压患者每天食盐摄入宜少于：","5 克","10 克",,,C,,慢性病',
      'multiple,"接种疫苗后应留观多久？","30 分钟","""随时离开""",,,A,,疫苗',
      'single,缺一列,a,b,,,A,',
    ].join('\r\n');
    const response = await upload(
      `/api/admin/quiz/seasons/${seasonId}/questions`,
      cookie,
      `\uFEFF${csv}\r\n`,
      'text/csv; charset=utf-8',
    );
    expect(response.status).toBe(201);
    const result = (await response.json()) as { imported: number; rejected: { line: number; message: string }[] };
    expect(result.imported).toBe(3);
    expect(result.rejected.map((r) => r.line)).toEqual([6, 7, 8]);
    expect(result.rejected[0]!.message).toBe('答案须指向已有的选项（如 A 或 AC）。');
    expect(result.rejected[1]!.message).toBe('多选题至少有两个正确答案。');

    const rows = await env.DB.prepare(
      'SELECT stem, options, answer_ids, explanation, category FROM quiz_questions WHERE season_id = ? ORDER BY category',
    )
      .bind(seasonId)
      .all<{ stem: string; options: string; answer_ids: string; explanation: string; category: string }>();
    const answers = (row: { options: string; answer_ids: string }) => {
      const options = JSON.parse(row.options) as { id: string; text: string }[];
      return (JSON.parse(row.answer_ids) as string[]).map((id) => options.find((o) => o.id === id)!.text);
    };
    expect(rows.results.map((row) => [row.category, answers(row)])).toEqual([
      ['传染病', ['血液传播', '母婴传播', '性接触']],
      ['急救', ['确认环境安全并判断意识']],
      ['献血', ['正确']],
    ]);
    expect(rows.results.find((row) => row.category === '献血')!.stem).toBe(
      '献血后当天可以洗澡，但要保持针眼干燥，\n24 小时内不剧烈运动。',
    );
  });

  it('refuses a file that is not UTF-8, lacks the header, or is neither JSON nor CSV', async () => {
    const { cookie, seasonId } = await emptySeason();
    const path = `/api/admin/quiz/seasons/${seasonId}/questions`;
    const gbk = new Uint8Array([
      ...new TextEncoder().encode(`${CSV_HEADER}\r\nsingle,`),
      0xb5,
      0xa5,
      0xd1,
      0xa1,
      ...new TextEncoder().encode(',a,b,,,A,,\r\n'),
    ]);
    const notUtf8 = await upload(path, cookie, gbk, 'text/csv');
    expect(notUtf8.status).toBe(400);
    expect((await errorOf(notUtf8)).issues).toEqual([
      { path: 'body', message: '文件不是 UTF-8 编码：请在 Excel 或 WPS 中“另存为 CSV UTF-8”。' },
    ]);
    const noHeader = await upload(path, cookie, 'single,题,a,b,,,A,,\r\n', 'text/csv');
    expect(noHeader.status).toBe(400);
    expect((await errorOf(noHeader)).issues?.[0]?.path).toBe('header');
    const xml = await upload(path, cookie, '<questions/>', 'application/xml');
    expect(await errorOf(xml)).toMatchObject({
      code: 'invalid_json',
      message: '请上传题目 JSON 数组，或 CSV 文件（Content-Type: text/csv）。',
    });
    expect((await errorOf(await upload(path, cookie, '[{"type":', 'application/json'))).code).toBe('invalid_json');
    expect((await errorOf(await upload(path, cookie, '{"type":"single"}', 'application/json'))).code).toBe(
      'validation_failed',
    );
    const tooMany = await call(path, {
      cookie,
      body: Array.from({ length: 2001 }, (_, i) => ({ type: 'truefalse', stem: `${i}`, answers: [0] })),
    });
    expect(tooMany.status).toBe(400);
    expect(await bankSize(seasonId)).toBe(0);
  });

  it('takes a bank of about 1 MB, far above the 64 KB other routes allow, and refuses more than 2 MB', async () => {
    const { cookie, seasonId } = await emptySeason();
    const big = sampleQuestions(1500, '大题库').map((question) => ({
      ...question,
      explanation: `${question.explanation}${'解释文字'.repeat(40)}`,
    }));
    const body = JSON.stringify(big);
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(900_000);
    const response = await call(`/api/admin/quiz/seasons/${seasonId}/questions`, { cookie, body });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { imported: number }).imported).toBe(1500);
    expect(await bankSize(seasonId)).toBe(1500);

    const tooBig = await call(`/api/admin/quiz/seasons/${seasonId}/questions`, {
      cookie,
      body: 'x'.repeat(2 * 1024 * 1024 + 1),
    });
    expect(tooBig.status).toBe(413);
    const elsewhere = await call('/api/admin/quiz/seasons', { cookie, body: { campaignId: 'x'.repeat(70 * 1024) } });
    expect(elsewhere.status).toBe(413);
  });

  it("answers 404 for another organization's season and 403 for check-in staff", async () => {
    const { seasonId, organizationId } = await emptySeason();
    const stranger = await organizerWithQuizCampaign();
    expect(
      (
        await call(`/api/admin/quiz/seasons/${seasonId}/questions`, {
          cookie: stranger.cookie,
          body: sampleQuestions(1),
        })
      ).status,
    ).toBe(404);
    const checkin = await signInStaff('checkin', organizationId);
    expect(
      (
        await call(`/api/admin/quiz/seasons/${seasonId}/questions`, {
          cookie: checkin.cookie,
          body: sampleQuestions(1),
        })
      ).status,
    ).toBe(403);
    expect(await bankSize(seasonId)).toBe(0);
  });
});

describe('GET /api/admin/quiz/seasons/:id/finalists', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-08-01T20:00:00+08:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function playedSeason() {
    const season = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-31' });
    const players = [
      { name: '张三', district: '冠县', right: 4, tookMs: 30_000 },
      { name: '=HYPERLINK("http://x")', district: '莘县', right: 5, tookMs: 60_000 },
      { name: '李四', district: '临清市', right: 4, tookMs: 20_000 },
    ];
    const phones = [];
    for (const [i, p] of players.entries()) {
      const player = await newPlayer(p.name, p.district);
      phones.push(player.phone);
      await playDay(season.seasonId, player.cookie, {
        at: Date.parse('2026-08-01T20:00:00+08:00') + i * 1000,
        tookMs: p.tookMs,
        right: p.right,
      });
    }
    return { ...season, phones };
  }

  it('lists the top players with full name, phone, district, score, time and days played', async () => {
    const { seasonId, organizer, phones } = await playedSeason();
    const response = await finalists(organizer.cookie, seasonId, { top: '2' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      items: [
        {
          rank: 1,
          name: '=HYPERLINK("http://x")',
          phone: phones[1],
          district: '莘县',
          score: 50,
          timeMs: 60_000,
          daysPlayed: 1,
          final: null,
        },
        {
          rank: 2,
          name: '李四',
          phone: phones[2],
          district: '临清市',
          score: 40,
          timeMs: 20_000,
          daysPlayed: 1,
          final: null,
        },
      ],
    });
  });

  it('exports them as CSV for Excel: BOM, CRLF, formula-like cells neutralised, header in the caller’s language', async () => {
    const { seasonId, organizer, phones } = await playedSeason();
    const response = await finalistsCsv(organizer.cookie, seasonId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    expect(text).toBe(
      '\uFEFF名次,姓名,手机号,区县,总分,用时（秒）,参赛天数\r\n' +
        `1,"'=HYPERLINK(""http://x"")",\t${phones[1]},莘县,50,60.0,1\r\n` +
        `2,李四,\t${phones[2]},临清市,40,20.0,1\r\n` +
        `3,张三,\t${phones[0]},冠县,40,30.0,1\r\n`,
    );
    const english = await finalistsCsv(organizer.cookie, seasonId, { top: '1' }, { 'accept-language': 'en' });
    const englishText = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(await english.arrayBuffer());
    expect(englishText.split('\r\n')[0]).toBe('\uFEFFRank,Name,Phone,District,Score,Time (s),Days played');
  });

  it('writes every listing, JSON or CSV, to the audit log with its format and row count', async () => {
    const { seasonId, organizationId, organizer } = await playedSeason();
    expect((await finalists(organizer.cookie, seasonId, { top: '2' })).status).toBe(200);
    expect((await finalistsCsv(organizer.cookie, seasonId)).status).toBe(200);
    const entries = await env.DB.prepare(
      `SELECT staff_id, organization_id, action, target_type, target_id, detail FROM audit_log
       WHERE action = 'quiz.finalists.export' AND target_id = ? ORDER BY at, detail`,
    )
      .bind(seasonId)
      .all();
    const entry = {
      staff_id: organizer.staffId,
      organization_id: organizationId,
      action: 'quiz.finalists.export',
      target_type: 'season',
      target_id: seasonId,
    };
    expect(entries.results).toEqual([
      { ...entry, detail: JSON.stringify({ format: 'csv', rows: 3 }) },
      { ...entry, detail: JSON.stringify({ format: 'json', rows: 2 }) },
    ]);
    // A refused listing is not an export.
    const stranger = await organizerWithQuizCampaign();
    expect((await finalists(stranger.cookie, seasonId)).status).toBe(404);
    expect(
      await env.DB.prepare(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'quiz.finalists.export' AND target_id = ?`,
      )
        .bind(seasonId)
        .first('n'),
    ).toBe(2);
  });

  it('is for admins and the organizers of that campaign only', async () => {
    const { seasonId, organizationId } = await playedSeason();
    const stranger = await organizerWithQuizCampaign();
    expect((await finalists(stranger.cookie, seasonId)).status).toBe(404);
    expect((await finalistsCsv(stranger.cookie, seasonId)).status).toBe(404);
    const checkin = await signInStaff('checkin', organizationId);
    expect((await finalistsCsv(checkin.cookie, seasonId)).status).toBe(403);
    const citizen = await newPlayer();
    expect((await finalists(citizen.cookie, seasonId)).status).toBe(401);
    const admin = await signInStaff('admin');
    const all = await finalists(admin.cookie, seasonId);
    expect((await all.json()).items).toHaveLength(3);
    expect((await finalists(admin.cookie, seasonId, { top: '0' })).status).toBe(400);
    expect((await finalists(admin.cookie, seasonId, { top: '101' })).status).toBe(400);
  });
});

describe('the audit log of quiz set-up', () => {
  it('records the season made and each question import with its counts', async () => {
    const { seasonId, organizationId, organizer } = await setUpSeason();
    const imported = await call(`/api/admin/quiz/seasons/${seasonId}/questions`, {
      cookie: organizer.cookie,
      body: [
        { type: 'truefalse', stem: '审计用的新题', options: ['对', '错'], answers: [0] },
        { type: 'single', stem: '' },
      ],
    });
    expect(imported.status).toBe(201);
    const { results } = await env.DB.prepare(
      `SELECT action, detail FROM audit_log WHERE organization_id = ? AND action LIKE 'quiz.%' ORDER BY at`,
    )
      .bind(organizationId)
      .all<{ action: string; detail: string }>();
    expect(results.map((row) => [row.action, JSON.parse(row.detail)])).toEqual([
      ['quiz.season.create', { campaignId: expect.any(String) }],
      ['quiz.questions.import', { imported: 20, rejected: 0 }],
      ['quiz.questions.import', { imported: 1, rejected: 1 }],
    ]);
  });
});
