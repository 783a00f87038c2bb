// The live final's rules: points for a right answer by its speed, and the order of the finalists.
import { BOOKING_CODE_ALPHABET } from './booking-code.ts';

/** A right answer earns the base and up to as much again for speed; a wrong or missing one, nothing. */
export const FINAL_SCORING = { base: 500, speed: 500 } as const;

/**
 * correct → 500 + 500 × remaining / limit, rounded: an instant right answer is worth 1000, one in
 * the last moment 500. Time is the server's, from the moment the question opened.
 */
export function finalPoints(correct: boolean, elapsedMs: number, limitMs: number): number {
  if (!correct) return 0;
  const remaining = Math.min(limitMs, Math.max(0, limitMs - elapsedMs));
  return FINAL_SCORING.base + Math.round((FINAL_SCORING.speed * remaining) / limitMs);
}

export type Prize = 'first' | 'second' | 'third';

export interface Tally {
  finalistId: string;
  points: number;
  /** Time spent on the questions answered right: the tie-break, less is better. */
  rightMs: number;
}

export interface Standing {
  finalistId: string;
  points: number;
  rank: number;
  prize: Prize | null;
}

const PRIZES: Record<number, Prize> = { 1: 'first', 2: 'second', 3: 'third' };

/**
 * Orders the finalists by points, then by time spent on right answers; finalists equal on both
 * share a rank (1, 1, 3) and so a prize (when they scored). `seed` (the season board place) only
 * fixes the display order of ties.
 */
export function standings(tallies: readonly (Tally & { seed: number })[]): Standing[] {
  const ordered = [...tallies].sort((a, b) => b.points - a.points || a.rightMs - b.rightMs || a.seed - b.seed);
  let rank = 0;
  return ordered.map((tally, index) => {
    const previous = ordered[index - 1];
    if (!previous || previous.points !== tally.points || previous.rightMs !== tally.rightMs) rank = index + 1;
    // A prize needs points: finalists who answered nothing right win nothing, whatever their rank.
    return {
      finalistId: tally.finalistId,
      points: tally.points,
      rank,
      prize: tally.points > 0 ? (PRIZES[rank] ?? null) : null,
    };
  });
}

const CERTIFICATE_CODE_LENGTH = 10;

/** A certificate's verification code: 10 letters and digits without 0/O or 1/I (50 bits), easy to type from paper. */
export function certificateCode(random = crypto.getRandomValues(new Uint8Array(CERTIFICATE_CODE_LENGTH))): string {
  return Array.from(random, (byte) => BOOKING_CODE_ALPHABET[byte % 32]).join('');
}
