// What the Worker, the final's Durable Object and the screens say to each other.
import type { Standing } from '../domain/quiz-final.ts';
import type { QuestionType } from '../domain/quiz.ts';

/** Who a socket belongs to: the host screen, an audience page, or a finalist's phone. */
export type Role = 'host' | 'audience' | 'player';
export type Phase = 'lobby' | 'question' | 'revealed' | 'ended';
export type Action = 'open' | 'reveal' | 'end';

/** Headers by which the Worker tells the object who connects (set by the Worker only). */
export const ROLE_HEADER = 'x-final-role';
export const FINALIST_HEADER = 'x-finalist-id';

export interface FinalQuestion {
  type: QuestionType;
  stem: string;
  options: { id: string; text: string }[];
  answerIds: string[];
  explanation: string;
}

export interface FinalSetUp {
  title: string;
  timeLimitSec: number;
  questions: FinalQuestion[];
  finalists: { id: string; name: string; seed: number }[];
}

/**
 * What the Worker calls on a final's object (over RPC; `fetch` for sockets). The class implements
 * it; the Worker's routes name only this, so the web app's types, which reach the routes, need
 * none of the Durable Object runtime's.
 */
export interface FinalGame {
  setUp(final: FinalSetUp): Promise<void>;
  advance(action: Action): Promise<Advanced>;
  /** Answers 101 with the client's end of a socket it has accepted. */
  fetch(request: Request): Promise<Response & { webSocket: WebSocket | null }>;
}

export type Advanced = { state: FinalView; results?: Standing[] } | { refused: 'final_wrong_phase' | 'not_found' };

/** Sent to every socket whenever the game changes, and to a socket when it connects or asks (`{ "type": "sync" }`). */
export interface FinalView {
  type: 'state';
  /** The server's clock, so a screen counts down to `closesAt` whatever its own clock says. */
  now: number;
  title: string;
  phase: Phase;
  questionCount: number;
  limitMs: number;
  question: {
    /** From 1. */
    number: number;
    type: QuestionType;
    stem: string;
    options: { id: string; text: string }[];
    openedAt: number;
    closesAt: number;
  } | null;
  /** The finalists who have answered the question on screen. */
  answered: string[];
  /** Names in full on the host screen and for oneself, masked (张*) elsewhere; `online` on the host screen only. */
  finalists: { id: string; name: string; online?: boolean }[];
  /** Only once the question is revealed. */
  reveal: {
    answerIds: string[];
    explanation: string;
    results: { finalistId: string; correct: boolean; points: number; elapsedMs: number }[];
  } | null;
  /** Over the revealed questions only; prizes once the final has ended. */
  standings: Standing[];
  /** On a finalist's phone. */
  you?: { finalistId: string; answer: { optionIds: string[]; elapsedMs: number } | null };
}

/** A finalist's answer: `{ "type": "answer", "question": number, "optionIds": [ … ] }`, and the reply. */
export type AnswerReply =
  | { type: 'answer_taken'; question: number; elapsedMs: number }
  | { type: 'answer_refused'; question: number; reason: 'late' | 'not_open' | 'invalid' | 'already_answered' };
