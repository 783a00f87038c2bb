// Quiz fixtures: a season set up and filled through the organizer API, players with a profile,
// and a way to play a day with a chosen number of right answers and a chosen time.
import { env } from 'cloudflare:workers';
import { expect, vi } from 'vitest';
import { chinaDay } from '../../worker/domain/china-time.ts';
import { createCampaign } from './fixtures.ts';
import { call, createOrganization, signInCitizen, signInStaff } from './helpers.ts';

export const CATEGORIES = ['急救', '献血', '疫苗', '传染病', '慢性病'];

/** `count` questions spread over the categories; the odd ones are multiple choice. */
export function sampleQuestions(count: number, prefix = '题') {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 1
      ? {
          type: 'multiple',
          stem: `${prefix}${i}：以下哪些说法正确？`,
          options: ['甲', '乙', '丙', '丁'],
          answers: [0, 2],
          explanation: `解析${prefix}${i}：甲和丙。`,
          category: CATEGORIES[i % CATEGORIES.length],
        }
      : {
          type: 'single',
          stem: `${prefix}${i}：哪一项正确？`,
          options: ['对的', '错的一', '错的二'],
          answers: [0],
          explanation: `解析${prefix}${i}：选第一项。`,
          category: CATEGORIES[i % CATEGORIES.length],
        },
  );
}

export interface SeasonOptions {
  startsOn?: string;
  endsOn?: string;
  questionsPerDay?: number;
  timeLimitSec?: number;
  pointsPerCorrect?: number;
  questions?: unknown[];
}

/** A published quiz campaign of a fresh organization with a season, its questions imported. */
export async function setUpSeason(options: SeasonOptions = {}) {
  const today = chinaDay(Date.now());
  const organizationId = await createOrganization();
  const organizer = await signInStaff('organizer', organizationId);
  const campaign = await createCampaign({ kind: 'quiz', organizationId, startsOn: '2000-01-01', endsOn: '2099-12-31' });
  const created = await call('/api/admin/quiz/seasons', {
    cookie: organizer.cookie,
    body: {
      campaignId: campaign.id,
      startsOn: options.startsOn ?? today,
      endsOn: options.endsOn ?? today,
      questionsPerDay: options.questionsPerDay ?? 5,
      timeLimitSec: options.timeLimitSec ?? 120,
      ...(options.pointsPerCorrect !== undefined && { pointsPerCorrect: options.pointsPerCorrect }),
    },
  });
  expect(created.status).toBe(201);
  const { season } = (await created.json()) as { season: { id: string } };
  const imported = await call(`/api/admin/quiz/seasons/${season.id}/questions`, {
    cookie: organizer.cookie,
    body: options.questions ?? sampleQuestions(20),
  });
  expect(imported.status).toBe(201);
  return { seasonId: season.id, campaignId: campaign.id, organizationId, organizer };
}

/** A signed-in citizen with the name and district the quiz needs. */
export async function newPlayer(name = '张三', district = '东昌府区') {
  const citizen = await signInCitizen();
  const response = await call('/api/me', { method: 'PATCH', cookie: citizen.cookie, body: { name, district } });
  expect(response.status).toBe(200);
  return citizen;
}

/** The answer key straight from D1, as only the Worker knows it (the options' own ids, never shown). */
export async function answerKey(seasonId: string) {
  const rows = await env.DB.prepare(
    'SELECT id, answer_ids, options, explanation FROM quiz_questions WHERE season_id = ?',
  )
    .bind(seasonId)
    .all<{
      id: string;
      answer_ids: string;
      options: string;
      explanation: string;
    }>();
  return new Map(
    rows.results.map((row) => {
      const answerIds = JSON.parse(row.answer_ids) as string[];
      const options = JSON.parse(row.options) as { id: string; text: string }[];
      return [
        row.id,
        {
          answerIds,
          optionIds: options.map((o) => o.id),
          answerTexts: options.filter((o) => answerIds.includes(o.id)).map((o) => o.text),
          explanation: row.explanation,
        },
      ];
    }),
  );
}

type ShownQuestion = AttemptBody['attempt']['questions'][number];

/** The right options of a question as this attempt shows them (option texts differ within a question). */
export function rightIds(key: Awaited<ReturnType<typeof answerKey>>, question: ShownQuestion): string[] {
  const { answerTexts } = key.get(question.id)!;
  return question.options.filter((o) => answerTexts.includes(o.text)).map((o) => o.id);
}

export interface AttemptBody {
  attempt: {
    id: string;
    day: string;
    startedAt: string;
    deadline: string;
    questions: { id: string; type: string; stem: string; options: { id: string; text: string }[] }[];
    answers: { questionId: string; optionIds: string[] }[];
  };
}

export async function startAttempt(seasonId: string, cookie: string) {
  return call(`/api/quiz/seasons/${seasonId}/attempts`, { method: 'POST', cookie });
}

/** Answers the first `right` questions correctly and the others wrongly. */
export async function answersFor(seasonId: string, attempt: AttemptBody['attempt'], right: number) {
  const key = await answerKey(seasonId);
  return attempt.questions.map((question, index) => {
    const answerIds = rightIds(key, question);
    return {
      questionId: question.id,
      optionIds:
        index < right
          ? answerIds
          : question.options
              .map((o) => o.id)
              .filter((id) => !answerIds.includes(id))
              .slice(0, 1),
    };
  });
}

/**
 * Plays today's challenge with the clock held: starts at `at`, submits `tookMs` later with
 * `right` right answers. Leaves the fake clock at the submit time.
 */
export async function playDay(
  seasonId: string,
  cookie: string,
  { at, tookMs, right }: { at: number; tookMs: number; right: number },
) {
  vi.setSystemTime(at);
  const started = await startAttempt(seasonId, cookie);
  expect(started.status).toBe(201);
  const { attempt } = (await started.json()) as AttemptBody;
  const answers = await answersFor(seasonId, attempt, right);
  vi.setSystemTime(at + tookMs);
  const submitted = await call(`/api/quiz/attempts/${attempt.id}/submit`, { cookie, body: { answers } });
  expect(submitted.status).toBe(200);
  return (await submitted.json()) as { score: number; late: boolean; durationMs: number };
}
