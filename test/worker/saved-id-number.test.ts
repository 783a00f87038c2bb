// A returning donor signs up with the ID number of their last sign-up (`useSavedIdNumber`) instead
// of typing it again: read by the session, never another person's, checked like a typed one,
// sealed again on the new sign-up, and never shown.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../worker/domain/id-number.ts';
import { decryptText, encryptionKeys, encryptText } from '../../worker/lib/crypto.ts';
import { createCampaign } from './fixtures.ts';
import { type AnyResponse, errorOf, signInCitizen, signUp as signUpFor, testClient } from './helpers.ts';

const DAY_MS = 86_400_000;

/** The China calendar day `days` from today. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

/** A blood drive with one session `days` from today. */
async function bloodDriveIn(days: number) {
  const day = chinaDay(days);
  const drive = await createCampaign({
    kind: 'blood_drive',
    startsOn: chinaDay(0),
    endsOn: chinaDay(days + 1),
    sessions: [
      {
        startsAt: `${day}T09:00:00+08:00`,
        endsAt: `${day}T16:00:00+08:00`,
        slots: [{ role: '献血者', capacity: 20 }],
      },
    ],
  });
  return drive.slotIds[0]!;
}

/** A valid ID number of a man born that day. */
function idNumberOf(birthDate: string, sequence = '013') {
  const first17 = `371502${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + checkCharacter(first17);
}

const signUp = (
  slotId: string,
  cookie: string,
  fields: { idNumber?: string; useSavedIdNumber?: true },
  headers: Record<string, string> = {},
) => signUpFor(cookie, slotId, { name: '王献血', weightKg: 65, ...fields }, { headers });

async function booked(response: AnyResponse) {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { registration: { id: string } }).registration.id;
}

const sealedIdNumber = async (registrationId: string) =>
  (await env.DB.prepare('SELECT id_number_encrypted AS sealed FROM registrations WHERE id = ?')
    .bind(registrationId)
    .first<{ sealed: string }>())!.sealed;

const idNumberSaved = async (cookie: string) =>
  (await (await testClient({ cookie }).me.$get()).json()).person.idNumberSaved;

describe('signing up with the ID number of one’s last sign-up', () => {
  it('books with the saved number, sealed again on the new sign-up, and GET /api/me says one is saved', async () => {
    const [first, second] = [await bloodDriveIn(10), await bloodDriveIn(20)];
    const donor = await signInCitizen();
    const number = idNumberOf('1990-03-07');
    expect(await idNumberSaved(donor.cookie)).toBe(false);
    const firstId = await booked(await signUp(first, donor.cookie, { idNumber: number }));
    expect(await idNumberSaved(donor.cookie)).toBe(true);

    const secondId = await booked(await signUp(second, donor.cookie, { useSavedIdNumber: true }));
    const [sealedFirst, sealedSecond] = [await sealedIdNumber(firstId), await sealedIdNumber(secondId)];
    // Its own ciphertext (a fresh IV), not a copy of the first row's, and the same number inside.
    expect(sealedSecond).not.toBe(sealedFirst);
    expect(await decryptText(encryptionKeys(env), sealedSecond)).toBe(number);
    // Whether one is saved, and nothing of it.
    const { person } = await (await testClient({ cookie: donor.cookie }).me.$get()).json();
    expect(person).toMatchObject({ idNumberSaved: true });
    expect(JSON.stringify(person)).not.toContain(number.slice(14));
  });

  it('takes the most recent sign-up’s number', async () => {
    const [first, second, third] = [await bloodDriveIn(10), await bloodDriveIn(20), await bloodDriveIn(30)];
    const donor = await signInCitizen();
    await booked(await signUp(first, donor.cookie, { idNumber: idNumberOf('1990-03-07', '011') }));
    // A mistyped number corrected at the next drive: the correction is the one kept.
    await booked(await signUp(second, donor.cookie, { idNumber: idNumberOf('1990-03-07', '013') }));
    const latest = await booked(await signUp(third, donor.cookie, { useSavedIdNumber: true }));
    expect(await decryptText(encryptionKeys(env), await sealedIdNumber(latest))).toBe(idNumberOf('1990-03-07', '013'));
  });

  it('joins a team with the saved number too', async () => {
    const [first, second] = [await bloodDriveIn(10), await bloodDriveIn(20)];
    const [contact, member] = [await signInCitizen(), await signInCitizen()];
    const held = await testClient({ cookie: contact.cookie }).slots[':slotId'].groups.$post({
      param: { slotId: second },
      json: { organization: '聊城某公司', contactName: '赵联系', contactPhone: contact.phone, seats: 3 },
    });
    expect(held.status, await held.clone().text()).toBe(201);
    const { group } = await held.json();
    const number = idNumberOf('1988-06-15');
    await booked(await signUp(first, member.cookie, { idNumber: number }));

    const joined = await testClient({ cookie: member.cookie }).groups[':code'].registrations.$post({
      param: { code: group.code },
      json: { name: '王献血', weightKg: 65, useSavedIdNumber: true },
    });
    expect(await decryptText(encryptionKeys(env), await sealedIdNumber(await booked(joined)))).toBe(number);
  });

  it('is refused with a clear message on idNumber when none is saved', async () => {
    const drive = await bloodDriveIn(10);
    const newcomer = await signInCitizen();
    const response = await signUp(drive, newcomer.cookie, { useSavedIdNumber: true }, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([
      { path: 'idNumber', message: 'No ID number is saved from an earlier sign-up. Please type it.' },
    ]);
    expect(await idNumberSaved(newcomer.cookie)).toBe(false);
  });

  it('is refused when an ID number is also typed', async () => {
    const drive = await bloodDriveIn(10);
    const donor = await signInCitizen();
    const response = await signUp(
      drive,
      donor.cookie,
      { idNumber: idNumberOf('1990-03-07'), useSavedIdNumber: true },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'idNumber', message: 'Type an ID number or use the saved one, not both.' }]);
  });

  it('never uses another person’s saved number', async () => {
    const [first, second] = [await bloodDriveIn(10), await bloodDriveIn(20)];
    const [one, other, newcomer] = [await signInCitizen(), await signInCitizen(), await signInCitizen()];
    const numbers = [idNumberOf('1990-03-07'), idNumberOf('1985-11-20', '024')];
    await booked(await signUp(first, one.cookie, { idNumber: numbers[0] }));
    await booked(await signUp(first, other.cookie, { idNumber: numbers[1] }));

    const mine = await booked(await signUp(second, one.cookie, { useSavedIdNumber: true }));
    const theirs = await booked(await signUp(second, other.cookie, { useSavedIdNumber: true }));
    const keys = encryptionKeys(env);
    expect(await decryptText(keys, await sealedIdNumber(mine))).toBe(numbers[0]);
    expect(await decryptText(keys, await sealedIdNumber(theirs))).toBe(numbers[1]);
    // Someone with no sign-up of their own finds nothing, however many others have one.
    expect((await signUp(second, newcomer.cookie, { useSavedIdNumber: true })).status).toBe(400);
  });

  it('checks the saved number like a typed one: age from it, and its check character', async () => {
    // 55 at the first drive, 56 at the second (a first-time donor's limit is 55).
    const birthday = new Date(Date.parse(`${chinaDay(25)}T00:00:00Z`));
    birthday.setUTCFullYear(birthday.getUTCFullYear() - 56);
    const number = idNumberOf(birthday.toISOString().slice(0, 10));
    const [first, second] = [await bloodDriveIn(10), await bloodDriveIn(40)];
    const donor = await signInCitizen();
    const firstId = await booked(await signUp(first, donor.cookie, { idNumber: number }));
    // A younger birth date on the profile does not count: the ID number's does.
    const patched = await testClient({ cookie: donor.cookie }).me.$patch({ json: { birthDate: '1990-01-01' } });
    expect(patched.status).toBe(200);

    const tooOld = await signUp(second, donor.cookie, { useSavedIdNumber: true });
    expect(tooOld.status, await tooOld.clone().text()).toBe(422);
    const { reasons } = (await errorOf(tooOld)) as unknown as { reasons: { code: string }[] };
    expect(reasons.map((reason) => reason.code)).toEqual(['age']);

    // A saved number whose check character is wrong is refused as a typed one would be.
    const wrong = `${number.slice(0, 17)}${number.endsWith('0') ? '1' : '0'}`;
    await env.DB.prepare('UPDATE registrations SET id_number_encrypted = ? WHERE id = ?')
      .bind(await encryptText(encryptionKeys(env), wrong), firstId)
      .run();
    const invalid = await signUp(second, donor.cookie, { useSavedIdNumber: true });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).issues).toEqual([{ path: 'idNumber', message: expect.any(String) }]);
  });
});
