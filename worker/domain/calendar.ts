// A registration as a calendar entry (iCalendar, RFC 5545) that a phone's calendar app imports: what,
// when, where, the booking code, and reminders. Pure; the route reads the registration.
import type { Language } from '../lib/messages.ts';
import { donorPrep } from './notification-texts.ts';

export interface CalendarRegistration {
  id: string;
  code: string;
  title: string;
  role: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string;
  /** The pass's own page, for the entry's link. */
  passUrl: string;
}

// Times in UTC ("…Z"): every calendar reads them right and shows them in the phone's own zone,
// with no VTIMEZONE block for Asia/Shanghai to get wrong.
const utc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values escape backslash, semicolon, comma and line breaks. */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const encoder = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after a space; a character is never split. */
function fold(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // The first line has 75 octets; a continuation's leading space takes one of its 75.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += character;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

const words = {
  'zh-CN': {
    code: (code: string) => `预约码 ${code}`,
    summary: (title: string, role: string) => `${title}（${role}）`,
    place: (venue: string, address: string) => `${venue}，${address}`,
    dayBefore: (title: string) => `明天：${title}`,
    soon: (title: string) => `两小时后：${title}`,
  },
  en: {
    code: (code: string) => `Booking code ${code}`,
    summary: (title: string, role: string) => `${title} (${role})`,
    place: (venue: string, address: string) => `${venue}, ${address}`,
    dayBefore: (title: string) => `Tomorrow: ${title}`,
    soon: (title: string) => `In two hours: ${title}`,
  },
} satisfies Record<Language, unknown>;

function alarm(trigger: string, description: string) {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${trigger}`, `DESCRIPTION:${text(description)}`, 'END:VALARM'];
}

/** The .ics file of one registration, with CRLF line ends. */
export function calendarFile(registration: CalendarRegistration, language: Language, now = new Date()): string {
  const w = words[language];
  const bloodDrive = registration.kind === 'blood_drive';
  const description = [w.code(registration.code), bloodDrive ? donorPrep[language] : null, registration.passUrl]
    .filter(Boolean)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lifeline//Sign-ups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${registration.id}@lifeline`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(registration.startsAt)}`,
    `DTEND:${utc(registration.endsAt)}`,
    `SUMMARY:${text(w.summary(registration.title, registration.role))}`,
    `LOCATION:${text(w.place(registration.venue, registration.address))}`,
    `DESCRIPTION:${text(description)}`,
    `URL:${registration.passUrl}`,
    // The evening before: time to sleep well and skip the drink before a donation; then the trip there.
    ...alarm(
      '-P1D',
      bloodDrive ? `${w.dayBefore(registration.title)} ${donorPrep[language]}` : w.dayBefore(registration.title),
    ),
    ...alarm('-PT2H', w.soon(registration.title)),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
