// The quiz in sessionStorage: answers given so far (a reload mid-quiz keeps them) and today's
// result (a reload after submitting still shows the right answers). Storage can be blocked in
// some in-app browsers: then the quiz works from memory alone.

export type Answers = Record<string, string[]>;

export interface Progress {
  answers: Answers;
  /** The question on screen. */
  index: number;
  /** How far the server's clock is ahead of this phone's, as measured at the start. */
  clockOffset: number;
}

function load<T>(key: string): T | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function save(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // memory only
  }
}

function forget(key: string) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

const progressKey = (attemptId: string) => `lifeline.quiz.progress.${attemptId}`;
const resultKey = (seasonId: string, day: string) => `lifeline.quiz.result.${seasonId}.${day}`;

export const loadProgress = (attemptId: string) => load<Progress>(progressKey(attemptId));
export const saveProgress = (attemptId: string, progress: Progress) => save(progressKey(attemptId), progress);
export const forgetProgress = (attemptId: string) => forget(progressKey(attemptId));

export const loadResult = <T>(seasonId: string, day: string) => load<T>(resultKey(seasonId, day));
export const saveResult = (seasonId: string, day: string, result: unknown) => save(resultKey(seasonId, day), result);
