// Chinese resident ID numbers (居民身份证, GB 11643): 6-digit region, birth date, sequence whose
// last digit gives the gender, and an ISO 7064 MOD 11-2 check character.
import { isCalendarDay } from './china-time.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export interface IdNumberFacts {
  /** Upper-case, as stored. */
  normalized: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** The facts an ID number carries, or null when it is not a valid number. */
export function parseIdNumber(input: string, today: string): IdNumberFacts | null {
  const normalized = input.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(normalized)) return null;
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isCalendarDay(birthDate) || birthDate > today || birthDate < '1900-01-01') return null;
  if (checkCharacter(normalized.slice(0, 17)) !== normalized[17]) return null;
  return { normalized, birthDate, gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female' };
}

// Between the digits of a number written to slip past a check: spaces of any width, dashes,
// dots, slashes, underscores and invisible characters (zero-width spaces, joiners).
const SEPARATORS = /[\s\p{Pd}\p{Cf}._·/\\|]/gu;

/**
 * True when the text holds something that reads as an ID number: 15 digits or more in a row
 * (an 18-character number has 17; the first generation had 15), counted after full-width and
 * other look-alike digits are read as digits (NFKC) and separators between them are dropped.
 */
export function mentionsIdNumber(text: string): boolean {
  return /\p{Nd}{15}/u.test(text.normalize('NFKC').replace(SEPARATORS, ''));
}
