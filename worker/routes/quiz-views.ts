// How seasons and attempts look in API answers. An attempt's questions are built field by
// field, so nothing of the answer key can slip into them; option ids are the attempt's own
// (domain/quiz-option-ids.ts).
import type { NewAttempt, Question } from '../db/quiz-attempts.ts';
import type { Season } from '../db/quiz-seasons.ts';
import { addDays, toChinaIso } from '../domain/china-time.ts';
import type { OptionIds } from '../domain/quiz-option-ids.ts';
import { optionOrder, type GivenAnswer } from '../domain/quiz.ts';

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

/** A question as the player sees it: options in the player's order, under the attempt's ids. */
export const questionView = (attempt: NewAttempt, question: Question, ids: OptionIds) => ({
  id: question.id,
  type: question.type,
  stem: question.stem,
  options: optionOrder(question.type, question.options, {
    seasonId: attempt.seasonId,
    day: attempt.day,
    personId: attempt.personId,
    questionId: question.id,
  }).map((option) => ({ id: ids.shown(option.id), text: option.text })),
});

/** Answers under the attempt's option ids, in the order of its questions. */
export const answersView = (questionIds: string[], answers: readonly GivenAnswer[], ids: OptionIds) => {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer.optionIds]));
  return questionIds.flatMap((questionId) => {
    const optionIds = byQuestion.get(questionId);
    return optionIds ? [{ questionId, optionIds: optionIds.map((id) => ids.shown(id)) }] : [];
  });
};

/**
 * The attempt as the player sees it while it is open: its questions, and the answers saved so
 * far (a reload, another tab or phone carries on from them).
 */
export const attemptView = (attempt: NewAttempt, questions: Question[], ids: OptionIds) => ({
  id: attempt.id,
  day: attempt.day,
  startedAt: toChinaIso(attempt.startedAt),
  deadline: toChinaIso(attempt.deadline),
  questions: questions.map((question) => questionView(attempt, question, ids)),
  answers: answersView(
    attempt.questionIds,
    Object.entries(attempt.savedAnswers ?? {}).map(([questionId, optionIds]) => ({ questionId, optionIds })),
    ids,
  ),
});

/** The China day from which an attempt's right answers and explanations are shown: the day after it. */
export const answersFrom = (day: string) => addDays(day, 1);
