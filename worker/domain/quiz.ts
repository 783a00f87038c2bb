// The daily "Health Expert" challenge: which questions a player gets, in which order, and how
// an attempt scores. Pure and deterministic: the same season, day and player draw the same.

export type QuestionType = 'single' | 'multiple' | 'truefalse';
export const questionTypes: readonly QuestionType[] = ['single', 'multiple', 'truefalse'];

/** A generator of numbers in [0, 1) seeded by text (cyrb128 hash into sfc32). */
export function seededRandom(seed: string): () => number {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0,
    b = (h2 ^ h1) >>> 0,
    c = (h3 ^ h1) >>> 0,
    d = (h4 ^ h1) >>> 0;
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export interface BankEntry {
  id: string;
  category: string;
}

/**
 * Today's questions for a player: `count` different questions (all of them when the bank is
 * smaller), taken from the categories in turn so that a day covers as many topics as it can.
 */
export function drawQuestions(
  bank: readonly BankEntry[],
  count: number,
  seed: { seasonId: string; day: string; personId: string },
): string[] {
  const random = seededRandom(`draw:${seed.seasonId}:${seed.day}:${seed.personId}`);
  const byCategory = new Map<string, string[]>();
  // Sorted first, so the draw does not depend on the order the database returned the bank in.
  for (const entry of [...bank].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const pile = byCategory.get(entry.category);
    if (pile) pile.push(entry.id);
    else byCategory.set(entry.category, [entry.id]);
  }
  const piles = shuffled([...byCategory.keys()].sort(), random).map((category) =>
    shuffled(byCategory.get(category)!, random),
  );
  const drawn: string[] = [];
  for (let turn = 0; drawn.length < Math.min(count, bank.length); turn++) {
    const pile = piles[turn % piles.length]!;
    const next = pile.pop();
    if (next !== undefined) drawn.push(next);
  }
  // Categories in turn, but not in a pattern a player could learn.
  return shuffled(drawn, random);
}

/** The order a player sees a question's options in; true/false keeps 正确 before 错误. */
export function optionOrder<T>(
  type: QuestionType,
  options: readonly T[],
  seed: { seasonId: string; day: string; personId: string; questionId: string },
): T[] {
  if (type === 'truefalse') return [...options];
  return shuffled(options, seededRandom(`options:${seed.seasonId}:${seed.day}:${seed.personId}:${seed.questionId}`));
}

export interface KeyedQuestion {
  id: string;
  answerIds: readonly string[];
}

export interface GivenAnswer {
  questionId: string;
  optionIds: readonly string[];
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  answerIds: string[];
}

export interface Scored {
  score: number;
  correct: number;
  total: number;
  results: QuestionResult[];
}

/** Exactly the right options, no more and no fewer (a multiple-choice question included). */
export function isExactlyRight(answerIds: readonly string[], chosen: readonly string[]): boolean {
  const picked = new Set(chosen);
  return picked.size === answerIds.length && answerIds.every((id) => picked.has(id));
}

/** Scores an attempt: points per question answered exactly right. */
export function scoreAttempt(
  questions: readonly KeyedQuestion[],
  answers: readonly GivenAnswer[],
  pointsPerCorrect: number,
): Scored {
  const chosen = new Map(answers.map((answer) => [answer.questionId, answer.optionIds]));
  const results = questions.map((question) => ({
    questionId: question.id,
    correct: isExactlyRight(question.answerIds, chosen.get(question.id) ?? []),
    answerIds: [...question.answerIds],
  }));
  const correct = results.filter((result) => result.correct).length;
  return { score: correct * pointsPerCorrect, correct, total: questions.length, results };
}

/**
 * The answers that count: those saved as they were chosen (all before the deadline, which the
 * save enforces), and where an on-time submit answers a question itself, the submit's answer.
 * A late submit's own answers count for nothing.
 */
export function countedAnswers(
  saved: Readonly<Record<string, readonly string[]>> | null,
  submitted: readonly GivenAnswer[],
  late: boolean,
): GivenAnswer[] {
  const byQuestion = new Map(Object.entries(saved ?? {}));
  if (!late) for (const answer of submitted) byQuestion.set(answer.questionId, answer.optionIds);
  return [...byQuestion].map(([questionId, optionIds]) => ({ questionId, optionIds }));
}

/**
 * Days played in a row up to today: today's attempt or, before it, yesterday's keeps the streak;
 * a missed day ends it. `days` are the player's days with an attempt, any order.
 */
export function streakOf(days: readonly string[], today: string, dayBefore: (day: string) => string): number {
  const played = new Set(days);
  let day = played.has(today) ? today : dayBefore(today);
  let streak = 0;
  while (played.has(day)) {
    streak++;
    day = dayBefore(day);
  }
  return streak;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the first character and a star for each of the others. */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '*';
  return characters[0] + '*'.repeat(Math.max(1, characters.length - 1));
}
