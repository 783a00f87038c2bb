// How seasons and attempts look in API answers. An attempt's questions are built field by
// field, so nothing of the answer key can slip into them.
import type { NewAttempt, Question } from '../db/quiz-attempts.ts';
import type { Season } from '../db/quiz-seasons.ts';
import { toChinaIso } from '../domain/china-time.ts';
import { optionOrder } from '../domain/quiz.ts';

export const seasonView = (season: Season, title: string) => ({
  id: season.id,
  campaignId: season.campaignId,
  title,
  startsOn: season.startsOn,
  endsOn: season.endsOn,
  questionsPerDay: season.questionsPerDay,
  timeLimitSec: season.timeLimitSec,
  pointsPerCorrect: season.pointsPerCorrect,
});

/** The attempt as the player sees it before submitting: questions and options, options in the player's order. */
export const attemptView = (attempt: NewAttempt, questions: Question[]) => ({
  id: attempt.id,
  day: attempt.day,
  startedAt: toChinaIso(attempt.startedAt),
  deadline: toChinaIso(attempt.deadline),
  questions: questions.map((question) => ({
    id: question.id,
    type: question.type,
    stem: question.stem,
    options: optionOrder(question.type, question.options, {
      seasonId: attempt.seasonId,
      day: attempt.day,
      personId: attempt.personId,
      questionId: question.id,
    }).map((option) => ({ id: option.id, text: option.text })),
  })),
});
