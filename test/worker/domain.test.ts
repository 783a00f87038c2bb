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
    for (const input of ['', '1380013800', '138001380001', '12800138000', '23800138000', '+1 415 555 0100', '１３８００１３８０００', '1380013800a']) {
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
  const empty: Profile = { name: null, gender: null, birthDate: null, bloodType: null, district: null, emergencyDonor: false, reminders: true, quizNudges: false };
  it('needs a blood type and a district for the emergency donor list', () => {
    expect(profileProblems({ ...empty, emergencyDonor: true }, '2026-11-23').map((p) => p.message)).toEqual([
      'emergency_needs_blood_type',
      'emergency_needs_district',
    ]);
    expect(profileProblems({ ...empty, emergencyDonor: true, bloodType: 'O', district: '冠县' }, '2026-11-23')).toEqual([]);
  });
  it('refuses impossible and future birth dates', () => {
    expect(profileProblems({ ...empty, birthDate: '2026-02-30' }, '2026-11-23')).toHaveLength(1);
    expect(profileProblems({ ...empty, birthDate: '2026-11-24' }, '2026-11-23')).toHaveLength(1);
    expect(profileProblems({ ...empty, birthDate: '1990-05-17' }, '2026-11-23')).toEqual([]);
  });
});
