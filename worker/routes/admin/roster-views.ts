// How a roster row looks: masked in the live roster, in full in an organizer's export.
import type { RosterRow } from '../../db/roster.ts';
import { chinaClock, toChinaIso } from '../../domain/china-time.ts';
import { maskPhone } from '../../domain/phone.ts';
import { windowTimes } from '../../domain/windows.ts';
import type { Question } from '../../domain/questions.ts';
import type { Language } from '../../lib/messages.ts';
import type { CampaignKind } from '../../db/campaigns.ts';
import { windowView } from '../views.ts';

const iso = (at: Date | null) => (at ? toChinaIso(at) : null);

/**
 * A row of the live roster, as on a screen anyone may glance at: the phone masked to its last
 * four digits and no digit of an ID number. At a blood drive the birth year and the blood type
 * (health data, nowhere else); with the phone's last four they tell two people of one name apart
 * at the desk, without narrowing an ID number (see domain/id-number.ts).
 */
export const rosterItem = (row: RosterRow, kind: CampaignKind) => ({
  id: row.id,
  code: row.code,
  status: row.status,
  name: row.name,
  phone: maskPhone(row.phone),
  ...(kind === 'blood_drive' && { birthYear: row.birthYear, bloodType: row.bloodType, rhD: row.rhD }),
  answers: row.answers,
  group: row.group,
  donation: row.donation,
  slot: { id: row.slot.id, role: row.slot.role },
  session: { id: row.slot.sessionId, startsAt: toChinaIso(row.slot.startsAt), venue: row.slot.venue },
  window: windowView(row.slot, row.windowIndex),
  createdAt: toChinaIso(row.createdAt),
  checkedInAt: iso(row.checkedInAt),
  checkedOutAt: iso(row.checkedOutAt),
  cancelledAt: iso(row.cancelledAt),
});

const statusLabels: Record<Language, Record<RosterRow['status'], string>> = {
  'zh-CN': { confirmed: '已确认', waitlisted: '候补', cancelled: '已取消', checked_in: '已签到', no_show: '未到场' },
  en: {
    confirmed: 'Confirmed',
    waitlisted: 'Waiting list',
    cancelled: 'Cancelled',
    checked_in: 'Checked in',
    no_show: 'No-show',
  },
};

const fixedHeader: Record<Language, string[]> = {
  'zh-CN': [
    '预约码',
    '状态',
    '姓名',
    '手机号',
    '身份证号',
    '场次时间',
    '到场时段',
    '地点',
    '岗位',
    '团体',
    '报名时间',
    '签到时间',
  ],
  en: [
    'Booking code',
    'Status',
    'Name',
    'Phone',
    'ID number',
    'Session',
    'Arrival window',
    'Venue',
    'Role',
    'Team',
    'Signed up',
    'Checked in',
  ],
};

/** "2026-06-14 09:00": how a time reads in a spreadsheet cell. */
const cellTime = (at: Date | null) => (at ? toChinaIso(at).slice(0, 16).replace('T', ' ') : '');

/** "09:00–09:30": the registration's appointment window, beside its session's time; '' without one. */
const windowCell = (row: RosterRow) => {
  const window = windowTimes(row.slot, row.windowIndex);
  return window ? `${chinaClock(window.startsAt)}–${chinaClock(window.endsAt)}` : '';
};

const answerCell = (value: string | number | boolean | undefined, language: Language) =>
  value === undefined
    ? ''
    : typeof value === 'boolean'
      ? value
        ? language === 'en'
          ? 'Yes'
          : '是'
        : language === 'en'
          ? 'No'
          : '否'
      : value;

const bloodTypeHeader: Record<Language, string[]> = { 'zh-CN': ['血型', 'RhD'], en: ['Blood type', 'RhD'] };

const rhDCell: Record<Language, Record<'positive' | 'negative', string>> = {
  'zh-CN': { positive: '阳性', negative: '阴性' },
  en: { positive: 'Positive', negative: 'Negative' },
};

/**
 * The export's header: the fixed columns (the blood type and RhD only at blood drives: health data has
 * no place in another campaign's file), then one per question of the campaign.
 */
export const exportHeader = (language: Language, kind: CampaignKind, questions: Question[]) => {
  const fixed = [...fixedHeader[language]];
  if (kind === 'blood_drive') fixed.splice(5, 0, ...bloodTypeHeader[language]);
  return [...fixed, ...questions.map((q) => q.label)];
};

/** An export row, column for column with `exportHeader`; `idNumber` is the decrypted number ('' without one). */
export const exportRow = (
  row: RosterRow,
  idNumber: string,
  language: Language,
  kind: CampaignKind,
  questions: Question[],
): (string | number)[] => [
  row.code,
  statusLabels[language][row.status],
  row.name,
  row.phone,
  idNumber,
  ...(kind === 'blood_drive' ? [row.bloodType ?? '', row.rhD ? rhDCell[language][row.rhD] : ''] : []),
  cellTime(row.slot.startsAt),
  windowCell(row),
  row.slot.venue,
  row.slot.role,
  row.group?.organization ?? '',
  cellTime(row.createdAt),
  cellTime(row.checkedInAt),
  ...questions.map((q) => answerCell(row.answers[q.key], language)),
];
