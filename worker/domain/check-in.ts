// The desk's rules: a pass is checked in only at the desk of its own campaign (and session, when
// the desk is opened for one), and only on its session's day in China time. A pass that breaks
// one is refused before anything is written: a false check-in would record a false donation.
import { chinaDay } from './china-time.ts';

export interface DeskScope {
  campaignId?: string;
  sessionId?: string;
}

export interface PassSession {
  campaignId: string;
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
}

export type DeskRefusal = 'wrong_campaign' | 'wrong_session' | 'wrong_day';

/** True on each China day the session runs (one day, as a rule; a night session spans two). */
export function isSessionDay(session: Pick<PassSession, 'startsAt' | 'endsAt'>, now: number): boolean {
  const today = chinaDay(now);
  return chinaDay(session.startsAt) <= today && today <= chinaDay(session.endsAt);
}

export function deskRefusal(pass: PassSession, scope: DeskScope, now: number): DeskRefusal | null {
  if (scope.campaignId !== undefined && scope.campaignId !== pass.campaignId) return 'wrong_campaign';
  if (scope.sessionId !== undefined && scope.sessionId !== pass.sessionId) return 'wrong_session';
  if (!isSessionDay(pass, now)) return 'wrong_day';
  return null;
}

/** Whole blood is given as 200, 300 or 400 mL (GB 18467-2011). */
export const WHOLE_BLOOD_VOLUMES_ML = [200, 300, 400] as const;
