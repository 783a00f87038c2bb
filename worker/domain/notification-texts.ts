// The texts Lifeline sends, short enough for one or two SMS, in the person's language.
// They say what, when and where, and the booking code; never an ID number or health answer.
import { CHINA_OFFSET_MS, chinaClock } from './china-time.ts';
import type { Language } from '../lib/messages.ts';

export type NotificationKind =
  | 'confirmed'
  | 'promoted'
  | 'session_changed'
  | 'session_cancelled'
  | 'registration_cancelled'
  | 'reminder'
  | 'quiz_nudge'
  | 'callout';

/** What a text may mention, read when it is sent (so a reminder carries the session as it is then). */
export interface NotificationFacts {
  organization: string;
  title?: string | null;
  code?: string | null;
  startsAt?: Date | null;
  /**
   * The registration's appointment window, when its session has windows: the time to come, said in
   * place of the session's start.
   */
  window?: { startsAt: Date; endsAt: Date } | null;
  venue?: string | null;
  address?: string | null;
  message?: string | null;
  /** The campaign's kind: a blood drive's reminder carries the donor's preparation. */
  campaignKind?: string | null;
}

/** How to prepare for giving blood, short enough for a reminder text; also in the calendar entry. */
export const donorPrep: Record<Language, string> = {
  'zh-CN': '献血前一天不饮酒、睡好觉，当天吃清淡饮食、不空腹，多喝水，带上身份证。',
  en: 'Before giving: no alcohol the day before, sleep well, eat a light meal, drink water, bring your ID card.',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6月14日 09:00" / "14 Jun 09:00", China time. */
export function shortTime(at: Date, language: Language): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const hm = chinaClock(at);
  return language === 'en'
    ? `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${hm}`
    : `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hm}`;
}

// The window is said as the time (`startsAt`): the templates need no word of their own for it.
type Template = (
  f: Required<{ [K in Exclude<keyof NotificationFacts, 'campaignKind' | 'window'>]: string }> & { prep: string },
) => string;

const templates: Record<Language, Record<NotificationKind, Template>> = {
  'zh-CN': {
    confirmed: (f) =>
      `【${f.organization}】您已报名「${f.title}」：${f.startsAt}，${f.venue}（${f.address}）。预约码 ${f.code}。不能到场请在应用中取消。`,
    promoted: (f) =>
      `【${f.organization}】好消息：您已从候补转为正式名额。「${f.title}」${f.startsAt}，${f.venue}（${f.address}）。预约码 ${f.code}。`,
    session_changed: (f) =>
      `【${f.organization}】「${f.title}」的场次有变：现为 ${f.startsAt}，${f.venue}（${f.address}）。预约码 ${f.code}。`,
    session_cancelled: (f) =>
      `【${f.organization}】很抱歉，「${f.title}」${f.startsAt} 的场次已取消，您的报名随之取消。`,
    registration_cancelled: (f) =>
      `【${f.organization}】您「${f.title}」${f.startsAt} 的报名已由主办方取消（预约码 ${f.code}）。如有疑问请联系主办方。`,
    reminder: (f) =>
      `【${f.organization}】提醒：明天 ${f.startsAt}「${f.title}」，${f.venue}（${f.address}）。预约码 ${f.code}。${f.prep}`,
    quiz_nudge: (f) => `【${f.organization}】今天的「${f.title}」答题还没做哦，每天一次，别错过。`,
    // A platform admin's call-out has no organization: the signature is the call-out's alone.
    callout: (f) =>
      `【${[f.organization, '应急献血'].filter(Boolean).join('·')}】${f.message} 不想再收到：在应用“我的资料”中关闭应急献血。`,
  },
  en: {
    confirmed: (f) =>
      `[${f.organization}] You're booked for "${f.title}": ${f.startsAt}, ${f.venue} (${f.address}). ` +
      `Booking code ${f.code}. Can't come? Cancel in the app.`,
    promoted: (f) =>
      `[${f.organization}] Good news: you have a seat now, off the waiting list. ` +
      `"${f.title}" ${f.startsAt}, ${f.venue} (${f.address}). Booking code ${f.code}.`,
    session_changed: (f) =>
      `[${f.organization}] "${f.title}" has changed: now ${f.startsAt}, ${f.venue} (${f.address}). ` +
      `Booking code ${f.code}.`,
    session_cancelled: (f) =>
      `[${f.organization}] Sorry: "${f.title}" on ${f.startsAt} is cancelled, and your sign-up with it.`,
    registration_cancelled: (f) =>
      `[${f.organization}] The organizers have cancelled your sign-up for "${f.title}" ` +
      `on ${f.startsAt} (booking code ${f.code}). Questions? Contact them.`,
    reminder: (f) =>
      `[${f.organization}] Reminder: tomorrow ${f.startsAt}, "${f.title}", ${f.venue} (${f.address}). ` +
      `Booking code ${f.code}.${f.prep && ` ${f.prep}`}`,
    quiz_nudge: (f) => `[${f.organization}] Today's "${f.title}" quiz is waiting for you: one try a day.`,
    callout: (f) =>
      `[${[f.organization, 'emergency blood'].filter(Boolean).join(' · ')}] ${f.message} ` +
      'To stop these, turn off emergency donor in your profile in the app.',
  },
};

export function notificationText(kind: NotificationKind, facts: NotificationFacts, language: Language): string {
  return templates[language][kind]({
    organization: facts.organization,
    title: facts.title ?? '',
    code: facts.code ?? '',
    startsAt: facts.window
      ? `${shortTime(facts.window.startsAt, language)}–${chinaClock(facts.window.endsAt)}`
      : facts.startsAt
        ? shortTime(facts.startsAt, language)
        : '',
    venue: facts.venue ?? '',
    address: facts.address ?? '',
    message: facts.message ?? '',
    prep: facts.campaignKind === 'blood_drive' ? donorPrep[language] : '',
  });
}
