// Add to calendar: GET /api/me/registrations/:id/calendar.ics, and the iCalendar text itself.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { calendarFile } from '../../worker/domain/calendar.ts';
import { call, errorOf, signInCitizen, signUp, testClient } from './helpers.ts';
import { createCampaign } from './fixtures.ts';

const DONOR = { name: '李献血', idNumber: '371502199003071230', weightKg: 65 };

async function signedUpForDrive() {
  const campaign = await createCampaign({
    kind: 'blood_drive',
    title: '世界献血者日, 献血进社区; 聊城',
    eligibility: { donorRules: true },
    sessions: [
      {
        startsAt: '2027-06-14T08:30:00+08:00',
        endsAt: '2027-06-14T16:30:00+08:00',
        slots: [{ role: '献血者', capacity: 5 }],
      },
    ],
  });
  const citizen = await signInCitizen();
  const response = await signUp(citizen.cookie, campaign.slotIds[0]!, DONOR);
  expect(response.status, await response.clone().text()).toBe(201);
  const { registration } = await response.json();
  return { citizen, registration };
}

/** The sign-up's calendar file as the holder of `cookie` (or no one) asks for it, in the language given. */
const calendar = (id: string, cookie?: string, lang?: 'zh-CN' | 'en') =>
  testClient({ ...(cookie && { cookie }) }).me.registrations[':id']['calendar.ics'].$get({
    param: { id },
    query: { ...(lang && { lang }) },
  });

/** The file's lines with folding undone, as a calendar app reads them. */
const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('GET /api/me/registrations/:id/calendar.ics', () => {
  it('gives the signed-in person their sign-up as a calendar entry, in UTC, with the prep advice and reminders', async () => {
    const { citizen, registration } = await signedUpForDrive();
    const response = await calendar(registration.id, citizen.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="lifeline.ics"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const ics = await response.text();
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const lines = unfolded(ics);
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        `UID:${registration.id}@lifeline`,
        // 08:30–16:30 China time is 00:30–08:30 UTC.
        'DTSTART:20270614T003000Z',
        'DTEND:20270614T083000Z',
        'SUMMARY:世界献血者日\\, 献血进社区\\; 聊城（献血者）',
        'LOCATION:会场，地址',
        `URL:http://lifeline.test/me/sign-ups/${registration.id}`,
        'TRIGGER:-P1D',
        'TRIGGER:-PT2H',
        'END:VCALENDAR',
      ]),
    );
    const description = lines.find((line) => line.startsWith('DESCRIPTION:'))!;
    expect(description).toContain(`预约码 ${registration.code}\\n`);
    expect(description).toContain('带上身份证');
    // Nothing of the person: no phone, name or ID number.
    expect(ics).not.toContain(citizen.phone);
    expect(ics).not.toContain(DONOR.name);
    expect(ics).not.toContain(DONOR.idNumber.slice(-6));
  });

  it('follows the page’s language given in the address', async () => {
    const { citizen, registration } = await signedUpForDrive();
    const ics = await (await calendar(registration.id, citizen.cookie, 'en')).text();
    expect(unfolded(ics)).toContain('SUMMARY:世界献血者日\\, 献血进社区\\; 聊城 (献血者)');
    expect(ics).toContain(`Booking code ${registration.code}`);
    const bad = await call(`/api/me/registrations/${registration.id}/calendar.ics?lang=fr`, { cookie: citizen.cookie });
    expect(bad.status).toBe(400);
  });

  it('is nobody else’s: 401 signed out, 404 for another person’s or a cancelled sign-up', async () => {
    const { citizen, registration } = await signedUpForDrive();
    const signedOut = await calendar(registration.id);
    expect(signedOut.status).toBe(401);
    expect((await errorOf(signedOut)).code).toBe('unauthenticated');
    const stranger = await signInCitizen();
    expect((await calendar(registration.id, stranger.cookie)).status).toBe(404);
    await env.DB.prepare(`UPDATE registrations SET status = 'cancelled' WHERE id = ?`).bind(registration.id).run();
    expect((await calendar(registration.id, citizen.cookie)).status).toBe(404);
  });
});

describe('calendar text', () => {
  const signUp = {
    id: 'r1',
    code: 'AB23CD45',
    title: 'CPR 培训',
    role: '学员',
    kind: 'cpr_training',
    startsAt: new Date('2099-01-10T01:00:00Z'),
    endsAt: new Date('2099-01-10T04:00:00Z'),
    venue: '市急救中心',
    address: '东昌府区\\一路',
    passUrl: 'https://example.test/me/sign-ups/r1',
  };

  it('escapes backslashes and leaves the prep advice to blood drives', () => {
    const lines = unfolded(calendarFile(signUp, 'zh-CN', new Date('2098-12-01T00:00:00Z')));
    expect(lines).toContain('LOCATION:市急救中心，东昌府区\\\\一路');
    expect(lines).toContain('DTSTAMP:20981201T000000Z');
    expect(lines.join('\n')).not.toContain('身份证');
  });

  it('folds long lines without splitting a character', () => {
    const ics = calendarFile({ ...signUp, title: '献血'.repeat(60) }, 'zh-CN');
    const raw = ics.split('\r\n');
    expect(raw.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of raw) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(unfolded(ics)).toContain(`SUMMARY:${'献血'.repeat(60)}（学员）`);
  });
});
