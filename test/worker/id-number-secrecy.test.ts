// ID numbers stay secret at rest: from everything stored in plain text and everything an organizer
// is shown, a donor's ID number cannot be narrowed to fewer than 10,000 candidates (product.md,
// "Personal data"); the key can be rotated.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../worker/domain/id-number.ts';
import { createCampaign } from './fixtures.ts';
import { call, signInCitizen, signInStaff, storedPerson, testClient } from './helpers.ts';

const inTenDays = Date.now() + 10 * 86_400_000;
const SESSION = {
  startsAt: new Date(inTenDays).toISOString(),
  endsAt: new Date(inTenDays + 3 * 3_600_000).toISOString(),
};

/** Liaocheng's county-level region codes (the first six characters of a local ID number). */
const COUNTY_CODES = [
  '371502',
  '371503',
  '371521',
  '371522',
  '371523',
  '371524',
  '371525',
  '371526',
  '371581',
  '371571',
  '371572',
];

async function bloodDrive(organizationId?: string) {
  return createCampaign({
    kind: 'blood_drive',
    ...(organizationId && { organizationId }),
    sessions: [{ ...SESSION, slots: [{ role: '献血者', capacity: 20 }] }],
  });
}

const rows = async (query: string, ...values: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...values)
      .all<Record<string, unknown>>()
  ).results;

/**
 * The candidates an attacker holding `seen` (plain-text columns, pages, exports of organizers'
 * screens) has left for an ID number of this city, given the year of birth (which is meant to be
 * known). Everything in `seen` is used as strictly as it can be: a full birth date anywhere, the
 * gender, the district taken as the county of the region code, and any masked form of the number.
 */
function candidates(seen: string, facts: { year: number; gender: string | null; district: string | null }) {
  const fullDates = [...seen.matchAll(/(\d{4})-?(\d{2})-?(\d{2})/g)]
    .map((m) => `${m[1]}${m[2]}${m[3]}`)
    .filter((date) => Number(date.slice(0, 4)) === facts.year);
  const masks = [...seen.matchAll(/[\dX*]{18}/g)].map((m) => m[0]).filter((mask) => mask.includes('*'));
  const counties = facts.district ? ['371502'] : COUNTY_CODES;
  const days: string[] = [];
  for (let day = Date.UTC(facts.year, 0, 1); new Date(day).getUTCFullYear() === facts.year; day += 86_400_000) {
    days.push(new Date(day).toISOString().slice(0, 10).replace(/-/g, ''));
  }
  let count = 0;
  for (const county of counties) {
    for (const day of days) {
      // A birth date in plain text anywhere narrows it to the dates seen.
      if (fullDates.length && !fullDates.includes(day)) continue;
      for (let sequence = 0; sequence < 1000; sequence++) {
        if (facts.gender && (sequence % 2 === 1 ? 'male' : 'female') !== facts.gender) continue;
        const first17 = `${county}${day}${String(sequence).padStart(3, '0')}`;
        const number = first17 + checkCharacter(first17);
        if (masks.every((mask) => [...mask].every((char, i) => char === '*' || char === number[i]))) count++;
      }
    }
  }
  return count;
}

describe('an ID number at rest and on organizers’ screens', () => {
  it('cannot be narrowed to fewer than 10,000 candidates from what is stored in plain and shown', async () => {
    const drive = await bloodDrive();
    const citizen = await signInCitizen();
    const number = '371502199003071230';
    // The donor also joins the emergency list: blood type and district on the profile.
    await testClient({ cookie: citizen.cookie }).me.$patch({
      json: { bloodType: 'B', district: '东昌府区', emergencyDonor: true },
    });
    const booked = await testClient({
      cookie: citizen.cookie,
      headers: { 'idempotency-key': crypto.randomUUID() },
    }).slots[':slotId'].registrations.$post({
      param: { slotId: drive.slotIds[0]! },
      json: { name: '李献血', idNumber: number, weightKg: 65 },
    });
    expect(booked.status).toBe(201);

    // Everything in plain text: each row about this person, minus the ciphertexts.
    const plain = [
      ...(await rows('SELECT * FROM people WHERE id = ?', citizen.personId)),
      ...(await rows('SELECT * FROM registrations WHERE person_id = ?', citizen.personId)),
      ...(await rows('SELECT * FROM idempotent_responses WHERE person_id = ?', citizen.personId)),
      ...(await rows('SELECT * FROM notifications WHERE person_id = ?', citizen.personId)),
      ...(await rows('SELECT * FROM audit_log')),
    ].map(({ birth_date_encrypted, id_number_encrypted, ...row }) => row);
    // Everything an organizer is shown on screen (exports in full are the authorized exception).
    const organizer = await signInStaff('organizer', drive.organizationId);
    const { admin } = testClient({ cookie: organizer.cookie });
    const shown = [
      await (await admin.campaigns[':id'].registrations.$get({ param: { id: drive.id }, query: {} })).text(),
      await (await admin.checkins.search.$get({ query: { campaignId: drive.id, q: citizen.phone.slice(-4) } })).text(),
    ];
    const seen = JSON.stringify(plain) + shown.join('\n');
    expect(seen).not.toContain(number);

    const person = (await storedPerson(citizen.personId, ['gender', 'district', 'birth_year'])) as {
      gender: string;
      district: string;
      birth_year: number;
    };
    expect(person).toEqual({ gender: 'male', district: '东昌府区', birth_year: 1990 });
    const left = candidates(seen, { year: 1990, gender: person.gender, district: person.district });
    expect(left).toBeGreaterThanOrEqual(10_000);
  });

  it('is read with the key its ciphertext names after a rotation, while new ones use the new key', async () => {
    const drive = await bloodDrive();
    const before = await signInCitizen();
    const signUp = (cookie: string, idNumber: string, bindings = {}) =>
      call(`/api/slots/${drive.slotIds[0]}/registrations`, {
        cookie,
        body: { name: '献血者', idNumber, weightKg: 65 },
        bindings,
      });
    expect((await signUp(before.cookie, '371502199003071230')).status).toBe(201);

    const rotated = { ID_NUMBER_KEY_2: 'cm90YXRlZC1rZXktZm9yLWlkLW51bWJlcnMtMzJieXQ' };
    const after = await signInCitizen();
    expect((await signUp(after.cookie, '371502200001010026', rotated)).status).toBe(201);
    const sealed = await rows(
      'SELECT person_id, id_number_encrypted FROM registrations WHERE slot_id = ? ORDER BY arrival',
      drive.slotIds[0],
    );
    expect(String(sealed[0]!.id_number_encrypted)).toMatch(/^v1\./);
    expect(String(sealed[1]!.id_number_encrypted)).toMatch(/^v2\./);
    const afterBirth = await rows('SELECT birth_date_encrypted FROM people WHERE id = ?', after.personId);
    expect(String(afterBirth[0]!.birth_date_encrypted)).toMatch(/^v2\./);

    // One export after the rotation reads both; each person still sees their own birth date.
    const organizer = await signInStaff('organizer', drive.organizationId);
    const csv = await (
      await call(`/api/admin/campaigns/${drive.id}/registrations.csv`, { cookie: organizer.cookie, bindings: rotated })
    ).text();
    expect(csv).toContain('371502199003071230');
    expect(csv).toContain('371502200001010026');
    const me = await call('/api/me', { cookie: before.cookie, bindings: rotated });
    expect(((await me.json()) as { person: { birthDate: string } }).person.birthDate).toBe('1990-03-07');
  });
});
