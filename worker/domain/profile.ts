// What a citizen's profile may hold, and the rules between its fields.
import type { MessageKey } from '../lib/messages.ts';
import { isCalendarDay } from './china-time.ts';

export const genders = ['male', 'female'] as const;
export const bloodTypes = ['A', 'B', 'O', 'AB'] as const;
export const rhDs = ['positive', 'negative'] as const;

export interface Profile {
  name: string | null;
  gender: (typeof genders)[number] | null;
  birthDate: string | null;
  bloodType: (typeof bloodTypes)[number] | null;
  rhD: (typeof rhDs)[number] | null;
  district: string | null;
  emergencyDonor: boolean;
  /** Reminder texts the day before a session; confirmations and promotions go regardless. */
  reminders: boolean;
  /** The evening nudge to play the day's quiz. */
  quizNudges: boolean;
}

/** Problems of a profile as it would be after a change, by field. */
export function profileProblems(profile: Profile, today: string): { path: string; message: MessageKey }[] {
  const problems: { path: string; message: MessageKey }[] = [];
  if (
    profile.birthDate !== null &&
    (!isCalendarDay(profile.birthDate) || profile.birthDate > today || profile.birthDate < '1900-01-01')
  ) {
    problems.push({ path: 'birthDate', message: 'birth_date_range' });
  }
  if (profile.emergencyDonor) {
    if (!profile.bloodType) problems.push({ path: 'emergencyDonor', message: 'emergency_needs_blood_type' });
    if (!profile.district) problems.push({ path: 'emergencyDonor', message: 'emergency_needs_district' });
  }
  return problems;
}
