import { notificationText } from '../../worker/domain/notification-texts.ts';
import { describe, expect, it } from 'vitest';
import { addDays, chinaDateTime, chinaDay, isCalendarDay, toChinaIso } from '../../worker/domain/china-time.ts';
import { maskPhone, normalizePhone } from '../../worker/domain/phone.ts';
import { profileProblems, type Profile } from '../../worker/domain/profile.ts';

describe('phone numbers', () => {
  it('accepts mainland mobiles as people type them', () => {
    for (const input of ['13800138000', '+8613800138000', '+86 138 0013 8000', '0086-138-0013-8000']) {
      expect(normalizePhone(input)).toBe('13800138000');
    }
  });
  it('refuses anything else', () => {
    for (const input of [
      '',
      '1380013800',
      '138001380001',
      '12800138000',
      '23800138000',
      '+1 415 555 0100',
      '１３８００１３８０００',
      '1380013800a',
    ]) {
      expect(normalizePhone(input)).toBeNull();
    }
  });
  it('masks the middle four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('China time', () => {
  it('counts days in UTC+8 whatever the clock zone', () => {
    expect(chinaDay(Date.parse('2026-06-13T15:59:59Z'))).toBe('2026-06-13');
    expect(chinaDay(Date.parse('2026-06-13T16:00:00Z'))).toBe('2026-06-14');
  });
  it('writes instants with the +08:00 offset', () => {
    expect(toChinaIso(Date.parse('2026-06-14T01:00:00Z'))).toBe('2026-06-14T09:00:00+08:00');
    expect(chinaDateTime('2026-06-14', '09:00').toISOString()).toBe('2026-06-14T01:00:00.000Z');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('knows real calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-1')).toBe(false);
  });
});

describe('profile rules', () => {
  const empty: Profile = {
    name: null,
    gender: null,
    birthDate: null,
    bloodType: null,
    rhD: null,
    district: null,
    emergencyDonor: false,
    reminders: true,
    quizNudges: false,
  };
  it('needs a blood type and a district for the emergency donor list', () => {
    expect(profileProblems({ ...empty, emergencyDonor: true }, '2026-11-23').map((p) => p.message)).toEqual([
      'emergency_needs_blood_type',
      'emergency_needs_district',
    ]);
    expect(profileProblems({ ...empty, emergencyDonor: true, bloodType: 'O', district: '冠县' }, '2026-11-23')).toEqual(
      [],
    );
  });
  it('refuses impossible and future birth dates', () => {
    expect(profileProblems({ ...empty, birthDate: '2026-02-30' }, '2026-11-23')).toHaveLength(1);
    expect(profileProblems({ ...empty, birthDate: '2026-11-24' }, '2026-11-23')).toHaveLength(1);
    expect(profileProblems({ ...empty, birthDate: '1990-05-17' }, '2026-11-23')).toEqual([]);
  });
});

describe('texts to people', () => {
  const startsAt = new Date('2026-06-14T01:00:00Z'); // 09:00 in China
  it('say what, when, where and the booking code, in the person’s language', () => {
    const facts = {
      organization: '聊城市中心血站',
      title: '无偿献血进社区',
      code: 'AB23CD45',
      startsAt,
      venue: '人民广场',
      address: '东昌府区',
    };
    expect(notificationText('confirmed', facts, 'zh-CN')).toBe(
      '【聊城市中心血站】您已报名「无偿献血进社区」：6月14日 09:00，人民广场（东昌府区）。预约码 AB23CD45。不能到场请在应用中取消。',
    );
    expect(notificationText('reminder', facts, 'en')).toBe(
      '[聊城市中心血站] Reminder: tomorrow 14 Jun 09:00, "无偿献血进社区", 人民广场 (东昌府区). Booking code AB23CD45.',
    );
  });
  it('remind a donor how to prepare, within two SMS, and nobody else', () => {
    const facts = {
      organization: '聊城市中心血站',
      title: '无偿献血进社区',
      code: 'AB23CD45',
      startsAt,
      venue: '人民广场献血屋',
      address: '东昌府区柳园南路与兴华西路交叉口',
      campaignKind: 'blood_drive',
    };
    const zh = notificationText('reminder', facts, 'zh-CN');
    expect(zh).toBe(
      '【聊城市中心血站】提醒：明天 6月14日 09:00「无偿献血进社区」，人民广场献血屋（东昌府区柳园南路与兴华西路交叉口）。预约码 AB23CD45。献血前一天不饮酒、睡好觉，当天吃清淡饮食、不空腹，多喝水，带上身份证。',
    );
    // A long text goes as 67-character parts: two of them at most.
    expect([...zh].length).toBeLessThanOrEqual(134);
    expect(notificationText('reminder', facts, 'en')).toMatch(
      /Booking code AB23CD45\. Before giving: no alcohol the day before, sleep well, eat a light meal, drink water, bring your ID card\.$/,
    );
    for (const campaignKind of ['cpr_training', 'outreach', null]) {
      expect(notificationText('reminder', { ...facts, campaignKind }, 'zh-CN')).toMatch(/预约码 AB23CD45。$/);
    }
    expect(notificationText('confirmed', facts, 'zh-CN')).not.toContain('身份证');
  });
  it('give the appointment window as the time to come, where the session has windows', () => {
    const window = { startsAt: new Date('2026-06-14T01:30:00Z'), endsAt: new Date('2026-06-14T02:00:00Z') };
    const facts = {
      organization: '聊城市中心血站',
      title: '无偿献血',
      code: 'AB23CD45',
      startsAt,
      window,
      venue: '献血车',
      address: '公司',
    };
    expect(notificationText('reminder', facts, 'zh-CN')).toBe(
      '【聊城市中心血站】提醒：明天 6月14日 09:30–10:00「无偿献血」，献血车（公司）。预约码 AB23CD45。',
    );
    expect(notificationText('confirmed', facts, 'en')).toContain('14 Jun 09:30–10:00');
  });
  it('sign a call-out with its organization, or with the call-out alone for a platform admin', () => {
    expect(notificationText('callout', { organization: '聊城市中心血站', message: 'O型血告急。' }, 'zh-CN')).toMatch(
      /^【聊城市中心血站·应急献血】O型血告急。/,
    );
    expect(notificationText('callout', { organization: '', message: 'O型血告急。' }, 'zh-CN')).toMatch(
      /^【应急献血】O型血告急。/,
    );
    expect(notificationText('callout', { organization: '', message: 'Type O needed.' }, 'en')).toMatch(
      /^\[emergency blood\] Type O needed\./,
    );
  });
});
