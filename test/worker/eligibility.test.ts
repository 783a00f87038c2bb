// Who may sign up: the Chinese donor rules for blood drives and a campaign's own age/gender
// rules, through HTTP (422 `ineligible` with every reason), plus the pure domain functions.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BOOKING_CODE_ALPHABET, bookingCode, normalizeBookingCode } from '../../worker/domain/booking-code.ts';
import {
  checkEligibility,
  nextDonationDay,
  rulesFor,
  type Applicant,
  type Donation,
} from '../../worker/domain/eligibility.ts';
import { parseIdNumber } from '../../worker/domain/id-number.ts';
import { decryptText, encryptionKeys } from '../../worker/lib/crypto.ts';
import {
  type AnyResponse,
  errorOf,
  type SignUpBody,
  signInCitizen,
  signUp,
  storedPerson,
  testClient,
} from './helpers.ts';
import { createCampaign } from './fixtures.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const CJK = /[\u4e00-\u9fff]/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A China calendar day (UTC+8), `days` from today. */
const chinaDayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 60 * 60 * 1000 + days * DAY_MS).toISOString().slice(0, 10);

function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later (or earlier), clamped to the end of a shorter month. */
function addMonths(day: string, months: number) {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(date, lastDay))}`;
}

const addYears = (day: string, years: number) => addMonths(day, 12 * years);

// Blood-drive sessions are two months ahead, so ID numbers (birth dates in the past) give any age on the day.
const SESSION_DAY = chinaDayFromToday(60);
/** Born so as to be exactly `age` on the session day (a birthday that day). */
const bornFor = (age: number) => addYears(SESSION_DAY, -age);

/** An ID number (GB 11643) with a correct ISO 7064 MOD 11-2 check character. */
function idNumber(birthDate: string, sequence: string, region = '371502') {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return first17 + '10X98765432'[sum % 11];
}
const man = (birthDate: string) => idNumber(birthDate, '013');
const woman = (birthDate: string) => idNumber(birthDate, '024');

interface Reason {
  code: string;
  message: string;
}
interface IneligibleBody {
  error: { code: string; message: string; reasons: Reason[]; issues?: unknown };
}

async function campaignOf(kind: 'blood_drive' | 'outreach', eligibility?: unknown) {
  const campaign = await createCampaign({
    kind,
    startsOn: chinaDayFromToday(0),
    endsOn: addDays(SESSION_DAY, 1),
    sessions: [
      {
        startsAt: `${SESSION_DAY}T09:00:00+08:00`,
        endsAt: `${SESSION_DAY}T16:00:00+08:00`,
        slots: [{ role: '献血者', capacity: 100 }],
      },
    ],
  });
  if (eligibility !== undefined) {
    await env.DB.prepare('UPDATE campaigns SET eligibility = ? WHERE id = ?')
      .bind(JSON.stringify(eligibility), campaign.id)
      .run();
  }
  return { ...campaign, slotId: campaign.slotIds[0]! };
}

const bloodDrive = () => campaignOf('blood_drive');
const screening = () => campaignOf('outreach', { gender: 'female', minAge: 35, maxAge: 64 });

async function addDonation(personId: string, day: string, kind: 'whole_blood' | 'platelets', adverseReaction = false) {
  await env.DB.prepare('INSERT INTO donations (id, person_id, day, kind, adverse_reaction) VALUES (?, ?, ?, ?, ?)')
    .bind(crypto.randomUUID(), personId, day, kind, adverseReaction ? 1 : 0)
    .run();
}

/** Signs a fresh citizen up; returns the response and the citizen. */
async function attempt(
  slotId: string,
  body: Omit<SignUpBody, 'name'>,
  headers: Record<string, string> = {},
  citizen?: Awaited<ReturnType<typeof signInCitizen>>,
) {
  const who = citizen ?? (await signInCitizen());
  return { response: await signUp(who.cookie, slotId, { name: '献血者', ...body }, { headers }), citizen: who };
}

async function expectBooked(response: Awaited<ReturnType<typeof signUp>>) {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).registration;
}

async function reasonsOf(response: AnyResponse): Promise<Reason[]> {
  expect(response.status, await response.clone().text()).toBe(422);
  const body = (await response.json()) as IneligibleBody;
  expect(body.error.code).toBe('ineligible');
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error).not.toHaveProperty('issues');
  for (const reason of body.error.reasons) expect(reason.message).toEqual(expect.any(String));
  return body.error.reasons;
}

const codesOf = async (response: AnyResponse) => (await reasonsOf(response)).map((reason) => reason.code);

async function pathsOf(response: AnyResponse) {
  expect(response.status, await response.clone().text()).toBe(400);
  const error = await errorOf(response);
  expect(error.code).toBe('validation_failed');
  return error.issues!.map((issue) => issue.path).sort();
}

const registrationsOf = async (slotId: string) =>
  (
    await env.DB.prepare('SELECT id, person_id, status, id_number_encrypted FROM registrations WHERE slot_id = ?')
      .bind(slotId)
      .all<{
        id: string;
        person_id: string;
        status: string;
        id_number_encrypted: string | null;
      }>()
  ).results;

describe('the test ID numbers', () => {
  it('are built with the right check character', () => {
    expect(idNumber('1990-03-07', '123')).toBe('371502199003071230');
    expect(idNumber('2000-01-01', '002')).toBe('371502200001010026');
    expect(idNumber('1960-01-01', '001')).toBe('371502196001010019');
    expect(idNumber('1968-06-15', '002')).toBe('371502196806150027');
  });
});

describe('blood drives: what a donor must give', () => {
  it('needs an ID number: 400 naming idNumber', async () => {
    const drive = await bloodDrive();
    const { response } = await attempt(
      drive.slotId,
      { weightKg: 60, gender: 'male', birthDate: bornFor(30) },
      { 'accept-language': 'en' },
    );
    expect(await pathsOf(response.clone())).toEqual(['idNumber']);
    expect((await errorOf(response)).issues).toEqual([
      { path: 'idNumber', message: 'Blood donation sign-up needs your ID number.' },
    ]);
    expect(await registrationsOf(drive.slotId)).toHaveLength(0);
  });

  it('refuses an ID number that is not valid: 400 naming idNumber, without echoing it', async () => {
    const drive = await bloodDrive();
    const citizen = await signInCitizen();
    const valid = man(bornFor(30));
    const invalid = [
      '371502199003071231', // wrong check character
      valid.slice(0, 17), // 17 characters
      `${valid}0`, // 19 characters
      `0${valid.slice(1)}`, // leading zero
      idNumber('1990-02-30', '013'), // no such day
      idNumber(chinaDayFromToday(1), '013'), // born tomorrow
      idNumber('1899-12-31', '013'), // born before 1900
      `${valid.slice(0, 10)}AB${valid.slice(12)}`,
    ];
    for (const number of invalid) {
      const response = await signUp(citizen.cookie, drive.slotId, { name: '献血者', idNumber: number, weightKg: 60 });
      const text = await response.clone().text();
      expect(await pathsOf(response), number).toEqual(['idNumber']);
      expect(text).not.toContain(number);
    }
    expect(
      await pathsOf(
        await signUp(citizen.cookie, drive.slotId, { name: '献血者', idNumber: '3'.repeat(33), weightKg: 60 }),
      ),
    ).toEqual(['idNumber']);
    expect(await registrationsOf(drive.slotId)).toHaveLength(0);
  });

  it('needs the weight: 400 naming weightKg', async () => {
    const drive = await bloodDrive();
    const { response } = await attempt(drive.slotId, { idNumber: man(bornFor(30)) });
    expect(await pathsOf(response)).toEqual(['weightKg']);
    expect(await registrationsOf(drive.slotId)).toHaveLength(0);
  });

  it('books an eligible donor, taking birth date and gender from the ID number', async () => {
    const drive = await bloodDrive();
    const { response, citizen } = await attempt(drive.slotId, { idNumber: '371502199003071230', weightKg: 60 });
    expect((await expectBooked(response)).status).toBe('confirmed');
    const person = await storedPerson(citizen.personId, ['name', 'gender', 'birth_date']);
    expect(person).toEqual({ name: '献血者', gender: 'male', birth_date: '1990-03-07' });
  });

  it('accepts a lower-case x check character and stores it in upper case', async () => {
    let sequence = 0;
    let number = '';
    while (!number.endsWith('X')) number = idNumber(bornFor(30), `${pad(sequence++)}1`);
    const drive = await bloodDrive();
    const { response } = await attempt(drive.slotId, { idNumber: ` ${number.toLowerCase()} `, weightKg: 60 });
    await expectBooked(response);
    const [row] = await registrationsOf(drive.slotId);
    expect(await decryptText(encryptionKeys(env), row!.id_number_encrypted!)).toBe(number);
  });

  it('believes the ID number over the gender and birth date typed in the form', async () => {
    const drive = await bloodDrive();
    // A woman of 30 who types "male": 47 kg is enough for a woman.
    const { response } = await attempt(drive.slotId, {
      idNumber: woman(bornFor(30)),
      weightKg: 47,
      gender: 'male',
      birthDate: bornFor(80),
    });
    await expectBooked(response);
    // A 17-year-old who types an adult birth date is still 17.
    const young = await attempt(drive.slotId, {
      idNumber: man(addDays(bornFor(18), 1)),
      weightKg: 60,
      birthDate: bornFor(30),
    });
    expect(await codesOf(young.response)).toEqual(['age']);
  });
});

describe('blood drives: the donor rules', () => {
  it('takes donors aged 18 to 55 on the day of the session', async () => {
    const drive = await bloodDrive();
    expect(
      await codesOf((await attempt(drive.slotId, { idNumber: man(addDays(bornFor(18), 1)), weightKg: 60 })).response),
    ).toEqual(['age']);
    await expectBooked((await attempt(drive.slotId, { idNumber: man(bornFor(18)), weightKg: 60 })).response);
    await expectBooked(
      (await attempt(drive.slotId, { idNumber: woman(addDays(bornFor(56), 1)), weightKg: 60 })).response,
    );
    const old = await attempt(
      drive.slotId,
      { idNumber: woman(bornFor(56)), weightKg: 60 },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(old.response)).toEqual([
      { code: 'age', message: 'Age must be 18–55 (you will be 56 on the day).' },
    ]);
    expect(await registrationsOf(drive.slotId)).toHaveLength(2);
  });

  it('takes men from 50 kg and women from 45 kg', async () => {
    const drive = await bloodDrive();
    const light = await attempt(
      drive.slotId,
      { idNumber: man(bornFor(30)), weightKg: 49.5 },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(light.response)).toEqual([{ code: 'weight', message: 'Donors must weigh at least 50 kg.' }]);
    await expectBooked((await attempt(drive.slotId, { idNumber: man(bornFor(30)), weightKg: 50 })).response);
    const lightWoman = await attempt(
      drive.slotId,
      { idNumber: woman(bornFor(30)), weightKg: 44.9 },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(lightWoman.response)).toEqual([
      { code: 'weight', message: 'Donors must weigh at least 45 kg.' },
    ]);
    await expectBooked((await attempt(drive.slotId, { idNumber: woman(bornFor(30)), weightKg: 45 })).response);
    // A man of 47 kg is refused even where a woman of 47 kg is not.
    expect(await codesOf((await attempt(drive.slotId, { idNumber: man(bornFor(30)), weightKg: 47 })).response)).toEqual(
      ['weight'],
    );
  });

  it('waits 6 months after whole blood, and says from which day', async () => {
    const drive = await bloodDrive();
    const citizen = await signInCitizen();
    const given = addMonths(SESSION_DAY, -3);
    await addDonation(citizen.personId, given, 'whole_blood');
    const next = addMonths(given, 6);

    const zh = await attempt(drive.slotId, { idNumber: man(bornFor(30)), weightKg: 60 }, {}, citizen);
    const [reason] = await reasonsOf(zh.response);
    expect(reason!.code).toBe('interval');
    expect(reason!.message).toContain(next);
    expect(reason!.message).toMatch(CJK);

    const en = await attempt(
      drive.slotId,
      { idNumber: man(bornFor(30)), weightKg: 60 },
      { 'accept-language': 'en' },
      citizen,
    );
    expect(await reasonsOf(en.response)).toEqual([
      { code: 'interval', message: `Too soon after your last donation: you can give again from ${next}.` },
    ]);
    expect(await registrationsOf(drive.slotId)).toHaveLength(0);

    // Exactly 6 months before the session is long enough.
    const other = await signInCitizen();
    await addDonation(other.personId, addMonths(SESSION_DAY, -6), 'whole_blood');
    await expectBooked(
      (await attempt(drive.slotId, { idNumber: woman(bornFor(40)), weightKg: 60 }, {}, other)).response,
    );
  });

  it('offers platelets only at a drive that collects them (a bus collects whole blood only)', async () => {
    const bus = await bloodDrive();
    const donor = await signInCitizen();
    const refused = await attempt(
      bus.slotId,
      { idNumber: man(bornFor(30)), weightKg: 60, donationKind: 'platelets' },
      {},
      donor,
    );
    expect(refused.response.status).toBe(400);
    expect((await errorOf(refused.response)).issues).toEqual([
      { path: 'donationKind', message: '本次献血活动不采集单采血小板，只能献全血。' },
    ]);
  });

  it('waits 2 weeks between platelet donations', async () => {
    const drive = await campaignOf('blood_drive', { platelets: true });
    const soon = await signInCitizen();
    await addDonation(soon.personId, addDays(SESSION_DAY, -10), 'platelets');
    const refused = await attempt(
      drive.slotId,
      { idNumber: man(bornFor(30)), weightKg: 60, donationKind: 'platelets' },
      {},
      soon,
    );
    const [reason] = await reasonsOf(refused.response);
    expect(reason).toEqual({ code: 'interval', message: expect.stringContaining(addDays(SESSION_DAY, 4)) });

    const later = await signInCitizen();
    await addDonation(later.personId, addDays(SESSION_DAY, -14), 'platelets');
    await expectBooked(
      (await attempt(drive.slotId, { idNumber: man(bornFor(30)), weightKg: 60, donationKind: 'platelets' }, {}, later))
        .response,
    );
  });

  it('waits 4 weeks from platelets to whole blood and 3 months from whole blood to platelets', async () => {
    const drive = await campaignOf('blood_drive', { platelets: true });
    const cases: {
      given: string;
      kind: 'whole_blood' | 'platelets';
      asked: 'whole_blood' | 'platelets';
      next: string | null;
    }[] = [
      { given: addDays(SESSION_DAY, -21), kind: 'platelets', asked: 'whole_blood', next: addDays(SESSION_DAY, 7) },
      { given: addDays(SESSION_DAY, -28), kind: 'platelets', asked: 'whole_blood', next: null },
      {
        given: addMonths(SESSION_DAY, -2),
        kind: 'whole_blood',
        asked: 'platelets',
        next: addMonths(addMonths(SESSION_DAY, -2), 3),
      },
      { given: addMonths(SESSION_DAY, -3), kind: 'whole_blood', asked: 'platelets', next: null },
    ];
    for (const { given, kind, asked, next } of cases) {
      const citizen = await signInCitizen();
      await addDonation(citizen.personId, given, kind);
      const { response } = await attempt(
        drive.slotId,
        { idNumber: man(bornFor(30)), weightKg: 60, donationKind: asked },
        {},
        citizen,
      );
      if (next === null) await expectBooked(response);
      else
        expect(await reasonsOf(response), `${kind} on ${given}, then ${asked}`).toEqual([
          { code: 'interval', message: expect.stringContaining(next) },
        ]);
    }
  });

  it('gives every failed rule in one 422', async () => {
    const drive = await bloodDrive();
    const citizen = await signInCitizen();
    await addDonation(citizen.personId, addMonths(SESSION_DAY, -1), 'whole_blood');
    const next = addMonths(addMonths(SESSION_DAY, -1), 6);
    const response = await signUp(
      citizen.cookie,
      drive.slotId,
      { name: '王五', idNumber: man(addDays(bornFor(18), 1)), weightKg: 40 },
      { headers: { 'accept-language': 'en' } },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: 'ineligible',
        message: 'Sorry, you cannot sign up for this.',
        reasons: [
          { code: 'age', message: 'Age must be 18–60 (you will be 17 on the day).' },
          { code: 'weight', message: 'Donors must weigh at least 50 kg.' },
          { code: 'interval', message: `Too soon after your last donation: you can give again from ${next}.` },
        ],
      },
    });
    expect(await registrationsOf(drive.slotId)).toHaveLength(0);
    // Nothing is learned from a refusal.
    expect(await storedPerson(citizen.personId, ['name', 'gender', 'birth_date'])).toEqual({
      name: null,
      gender: null,
      birth_date: null,
    });
  });

  it('explains in Chinese by default', async () => {
    const drive = await bloodDrive();
    const { response } = await attempt(drive.slotId, { idNumber: woman(bornFor(30)), weightKg: 40 });
    const [reason] = await reasonsOf(response.clone());
    expect(reason!.code).toBe('weight');
    expect(reason!.message).toMatch(CJK);
    expect(reason!.message).toContain('45');
    expect((await errorOf(response)).message).toMatch(CJK);
  });

  it('lets a repeat donor without adverse reactions give up to 60, a first-time donor only to 55', async () => {
    const drive = await bloodDrive();
    const given = addYears(SESSION_DAY, -2);

    const repeat = await signInCitizen();
    await addDonation(repeat.personId, given, 'whole_blood');
    await expectBooked(
      (await attempt(drive.slotId, { idNumber: man(bornFor(58)), weightKg: 70 }, {}, repeat)).response,
    );

    const first = await attempt(
      drive.slotId,
      { idNumber: man(bornFor(58)), weightKg: 70 },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(first.response)).toEqual([
      { code: 'age', message: 'Age must be 18–55 (you will be 58 on the day).' },
    ]);

    const reacted = await signInCitizen();
    await addDonation(reacted.personId, addYears(given, -1), 'whole_blood');
    await addDonation(reacted.personId, given, 'whole_blood', true);
    expect(
      await codesOf((await attempt(drive.slotId, { idNumber: man(bornFor(58)), weightKg: 70 }, {}, reacted)).response),
    ).toEqual(['age']);

    const sixty = await signInCitizen();
    await addDonation(sixty.personId, given, 'platelets');
    await expectBooked(
      (await attempt(drive.slotId, { idNumber: woman(bornFor(60)), weightKg: 70 }, {}, sixty)).response,
    );

    const sixtyOne = await signInCitizen();
    await addDonation(sixtyOne.personId, given, 'whole_blood');
    const old = await attempt(
      drive.slotId,
      { idNumber: woman(bornFor(61)), weightKg: 70 },
      { 'accept-language': 'en' },
      sixtyOne,
    );
    expect(await reasonsOf(old.response)).toEqual([
      { code: 'age', message: 'Age must be 18–60 (you will be 61 on the day).' },
    ]);
  });

  it('reads only the donor’s own donations', async () => {
    const drive = await bloodDrive();
    const other = await signInCitizen();
    await addDonation(other.personId, addDays(SESSION_DAY, -5), 'whole_blood');
    await expectBooked((await attempt(drive.slotId, { idNumber: man(bornFor(30)), weightKg: 60 })).response);
  });
});

describe('ID numbers at rest and in answers', () => {
  it('are stored encrypted and masked, and never sent back', async () => {
    const drive = await bloodDrive();
    const number = '371502199003071230';
    const citizen = await signInCitizen();
    const responses: { status: number; text(): Promise<string> }[] = [];
    const booked = await signUp(
      citizen.cookie,
      drive.slotId,
      { name: '张三', idNumber: number, weightKg: 60 },
      { headers: { 'idempotency-key': crypto.randomUUID() } },
    );
    responses.push(booked.clone());
    const { id } = await expectBooked(booked);

    const row = await env.DB.prepare('SELECT * FROM registrations WHERE id = ?')
      .bind(id)
      .first<Record<string, unknown>>();
    const sealed = row!.id_number_encrypted as string;
    expect(sealed).not.toContain(number);
    expect(sealed).not.toContain(number.slice(4, 14));
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(await decryptText(encryptionKeys(env), sealed)).toBe(number);
    // No other column of the sign-up or the person holds it.
    const others = JSON.stringify({ ...row, id_number_encrypted: null });
    expect(others).not.toContain(number);
    const person = await env.DB.prepare('SELECT * FROM people WHERE id = ?').bind(citizen.personId).first();
    expect(JSON.stringify(person)).not.toContain(number);
    const remembered = await env.DB.prepare('SELECT body FROM idempotent_responses WHERE person_id = ?')
      .bind(citizen.personId)
      .all();
    expect(JSON.stringify(remembered.results)).not.toContain(number);

    // Every answer this person can get about it.
    const asCitizen = testClient({ cookie: citizen.cookie });
    responses.push(await signUp(citizen.cookie, drive.slotId, { name: '张三', idNumber: number, weightKg: 60 })); // already registered
    responses.push(await signUp(citizen.cookie, drive.slotId, { name: '张三', idNumber: number })); // missing weight
    responses.push(await asCitizen.me.registrations.$get());
    responses.push(await asCitizen.me.$get());
    responses.push(await testClient().campaigns[':id'].$get({ param: { id: drive.id } }));
    const young = await signInCitizen();
    const youngNumber = man(addDays(bornFor(18), 1));
    responses.push(await signUp(young.cookie, drive.slotId, { name: '李四', idNumber: youngNumber, weightKg: 60 }));
    expect(responses.map((response) => response.status)).toEqual([201, 409, 400, 200, 200, 200, 422]);
    for (const response of responses) {
      const text = await response.text();
      expect(text).not.toContain(number);
      expect(text).not.toContain(youngNumber);
    }
  });

  it('uses a fresh IV each time: the same number encrypts differently', async () => {
    const drive = await bloodDrive();
    const number = woman(bornFor(33));
    await expectBooked((await attempt(drive.slotId, { idNumber: number, weightKg: 50 })).response);
    await expectBooked((await attempt(drive.slotId, { idNumber: number, weightKg: 50 })).response);
    const [a, b] = await registrationsOf(drive.slotId);
    expect(a!.id_number_encrypted).not.toBe(b!.id_number_encrypted);
  });

  it('are not kept for campaigns that are not blood drives', async () => {
    const outreach = await screening();
    const { response } = await attempt(outreach.slotId, { idNumber: woman(bornFor(40)) });
    await expectBooked(response);
    const [row] = await registrationsOf(outreach.slotId);
    expect(row).toMatchObject({ id_number_encrypted: null });
  });
});

describe('outreach for women aged 35–64', () => {
  it('refuses a man with reason gender', async () => {
    const outreach = await screening();
    const { response } = await attempt(
      outreach.slotId,
      { gender: 'male', birthDate: bornFor(40) },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(response)).toEqual([{ code: 'gender', message: 'This is for women only.' }]);
    expect(await registrationsOf(outreach.slotId)).toHaveLength(0);
  });

  it('refuses a woman of 30 or 65 with reason age, and takes women of 35, 40 and 64', async () => {
    const outreach = await screening();
    const young = await attempt(
      outreach.slotId,
      { gender: 'female', birthDate: bornFor(30) },
      { 'accept-language': 'en' },
    );
    expect(await reasonsOf(young.response)).toEqual([
      { code: 'age', message: 'Age must be 35–64 (you will be 30 on the day).' },
    ]);
    expect(
      await codesOf((await attempt(outreach.slotId, { gender: 'female', birthDate: bornFor(65) })).response),
    ).toEqual(['age']);
    expect(
      await codesOf(
        (await attempt(outreach.slotId, { gender: 'female', birthDate: addDays(bornFor(35), 1) })).response,
      ),
    ).toEqual(['age']);
    for (const age of [35, 40, 64]) {
      expect(
        (await expectBooked((await attempt(outreach.slotId, { gender: 'female', birthDate: bornFor(age) })).response))
          .status,
      ).toBe('confirmed');
    }
    expect(await registrationsOf(outreach.slotId)).toHaveLength(3);
  });

  it('gives both reasons for a young man, and asks nothing of blood donors', async () => {
    const outreach = await screening();
    expect(
      await codesOf((await attempt(outreach.slotId, { gender: 'male', birthDate: bornFor(20) })).response),
    ).toEqual(['age', 'gender']);
    // No weight and no ID number are needed outside blood drives.
    await expectBooked((await attempt(outreach.slotId, { gender: 'female', birthDate: bornFor(50) })).response);
  });

  it('asks for the birth date and gender it needs: 400 naming them', async () => {
    const outreach = await screening();
    expect(await pathsOf((await attempt(outreach.slotId, {})).response)).toEqual(['birthDate', 'gender']);
    expect(await pathsOf((await attempt(outreach.slotId, { gender: 'female' })).response)).toEqual(['birthDate']);
    expect(await registrationsOf(outreach.slotId)).toHaveLength(0);
  });

  it('uses the facts already on the profile', async () => {
    const outreach = await screening();
    const citizen = await signInCitizen();
    const patched = await testClient({ cookie: citizen.cookie }).me.$patch({
      json: { gender: 'female', birthDate: bornFor(45) },
    });
    expect(patched.status).toBe(200);
    await expectBooked((await attempt(outreach.slotId, {}, {}, citizen)).response);
  });
});

describe('checkEligibility', () => {
  const day = '2027-06-14';
  const applicant = (facts: Partial<Applicant> = {}): Applicant => ({
    birthDate: '1990-03-07',
    gender: 'male',
    weightKg: 60,
    donations: [],
    donationKind: 'whole_blood',
    ...facts,
  });
  const donor = rulesFor('blood_drive', null);

  it('applies the donor rules to blood drives unless the campaign turns them off, and only there', () => {
    expect(rulesFor('blood_drive', null).donorRules).toBe(true);
    expect(rulesFor('blood_drive', { minAge: 20 })).toEqual({ minAge: 20, donorRules: true });
    expect(rulesFor('blood_drive', { donorRules: false }).donorRules).toBe(false);
    expect(rulesFor('outreach', { gender: 'female', minAge: 35, maxAge: 64 })).toEqual({
      gender: 'female',
      minAge: 35,
      maxAge: 64,
      donorRules: false,
    });
    expect(rulesFor('cpr_training', undefined).donorRules).toBe(false);
    expect(rulesFor('outreach', { donorRules: true }).donorRules).toBe(true);
  });

  it('passes an eligible donor and asks nothing without rules', () => {
    expect(checkEligibility(donor, applicant(), day)).toEqual({ missing: [], reasons: [] });
    expect(checkEligibility({}, applicant({ birthDate: null, gender: null, weightKg: null }), day)).toEqual({
      missing: [],
      reasons: [],
    });
  });

  it('names every missing fact', () => {
    expect(checkEligibility(donor, applicant({ birthDate: null, gender: null, weightKg: null }), day)).toEqual({
      missing: ['birthDate', 'gender', 'weightKg'],
      reasons: [],
    });
    expect(checkEligibility({ minAge: 35 }, applicant({ birthDate: null, gender: null }), day).missing).toEqual([
      'birthDate',
    ]);
    expect(checkEligibility({ gender: 'female' }, applicant({ birthDate: null, gender: null }), day).missing).toEqual([
      'gender',
    ]);
  });

  it('counts age in whole years on the day', () => {
    const age = (birthDate: string, rules = donor) =>
      checkEligibility(rules, applicant({ birthDate }), day).reasons.map((r) => r.code);
    expect(age('2009-06-14')).toEqual([]); // 18 that day
    expect(age('2009-06-15')).toEqual(['age']); // 18 the next day
    expect(age('1971-06-15')).toEqual([]); // 55 until the next day
    expect(age('1971-06-14')).toEqual(['age']); // 56
    expect(checkEligibility(donor, applicant({ birthDate: '1971-06-14' }), day).reasons[0]).toEqual({
      code: 'age',
      message: 'ineligible_age',
      params: { min: 18, max: 55, age: 56 },
    });
    expect(checkEligibility({ minAge: 35 }, applicant({ birthDate: '2000-01-01' }), day).reasons[0]!.params).toEqual({
      min: 35,
      max: 150,
      age: 27,
    });
    expect(checkEligibility({ maxAge: 64 }, applicant({ birthDate: '1950-01-01' }), day).reasons[0]!.params).toEqual({
      min: 0,
      max: 64,
      age: 77,
    });
  });

  it('narrows, never widens, a campaign’s own ages with the donor rules', () => {
    const rules = rulesFor('blood_drive', { minAge: 16, maxAge: 70 });
    expect(checkEligibility(rules, applicant({ birthDate: '2010-01-01' }), day).reasons.map((r) => r.code)).toEqual([
      'age',
    ]);
    expect(checkEligibility(rules, applicant({ birthDate: '1960-01-01' }), day).reasons.map((r) => r.code)).toEqual([
      'age',
    ]);
    const stricter = rulesFor('blood_drive', { minAge: 20, maxAge: 40 });
    expect(checkEligibility(stricter, applicant({ birthDate: '1980-01-01' }), day).reasons[0]!.params).toEqual({
      min: 20,
      max: 40,
      age: 47,
    });
  });

  it('lets repeat donors without adverse reactions give until 60', () => {
    const old = { birthDate: '1967-01-01' }; // 60
    const past: Donation = { day: '2025-01-01', kind: 'whole_blood', adverseReaction: false };
    expect(checkEligibility(donor, applicant(old), day).reasons.map((r) => r.code)).toEqual(['age']);
    expect(checkEligibility(donor, applicant({ ...old, donations: [past] }), day).reasons).toEqual([]);
    expect(
      checkEligibility(
        donor,
        applicant({ ...old, donations: [past, { ...past, day: '2024-01-01', adverseReaction: true }] }),
        day,
      ).reasons.map((r) => r.code),
    ).toEqual(['age']);
    expect(
      checkEligibility(donor, applicant({ birthDate: '1966-01-01', donations: [past] }), day).reasons.map(
        (r) => r.code,
      ),
    ).toEqual(['age']);
  });

  it('checks weight by gender, and only when the gender is known', () => {
    const weight = (gender: 'male' | 'female', weightKg: number) =>
      checkEligibility(donor, applicant({ gender, weightKg }), day).reasons;
    expect(weight('male', 49.9)).toEqual([{ code: 'weight', message: 'ineligible_weight', params: { min: 50 } }]);
    expect(weight('male', 50)).toEqual([]);
    expect(weight('female', 44.9)).toEqual([{ code: 'weight', message: 'ineligible_weight', params: { min: 45 } }]);
    expect(weight('female', 45)).toEqual([]);
    expect(checkEligibility(donor, applicant({ gender: null, weightKg: 30 }), day)).toEqual({
      missing: ['gender'],
      reasons: [],
    });
  });

  it('checks the gender a campaign asks for', () => {
    expect(checkEligibility({ gender: 'female' }, applicant({ gender: 'male' }), day).reasons).toEqual([
      { code: 'gender', message: 'ineligible_women_only' },
    ]);
    expect(checkEligibility({ gender: 'male' }, applicant({ gender: 'female' }), day).reasons).toEqual([
      { code: 'gender', message: 'ineligible_men_only' },
    ]);
    expect(checkEligibility({ gender: 'female' }, applicant({ gender: 'female' }), day).reasons).toEqual([]);
  });

  it('checks the interval with the day it ends', () => {
    const donations: Donation[] = [{ day: '2027-01-15', kind: 'whole_blood', adverseReaction: false }];
    expect(checkEligibility(donor, applicant({ donations }), day).reasons).toEqual([
      { code: 'interval', message: 'ineligible_interval', params: { next: '2027-07-15' } },
    ]);
    expect(checkEligibility(donor, applicant({ donations }), '2027-07-15').reasons).toEqual([]);
    // Campaigns other than blood drives ignore donations.
    expect(checkEligibility(rulesFor('outreach', {}), applicant({ donations }), day).reasons).toEqual([]);
  });

  it('returns every failed rule', () => {
    const verdict = checkEligibility(
      donor,
      applicant({
        birthDate: '1950-01-01',
        weightKg: 40,
        donations: [{ day: '2027-06-01', kind: 'platelets', adverseReaction: true }],
      }),
      day,
    );
    expect(verdict.missing).toEqual([]);
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(['age', 'weight', 'interval']);
  });
});

describe('nextDonationDay', () => {
  const given = (day: string, kind: 'whole_blood' | 'platelets', adverseReaction = false): Donation => ({
    day,
    kind,
    adverseReaction,
  });

  it('is null for a first-time donor', () => {
    expect(nextDonationDay('whole_blood', [])).toBeNull();
    expect(nextDonationDay('platelets', [])).toBeNull();
  });

  it('is 6 months after whole blood, clamped to the month’s end', () => {
    expect(nextDonationDay('whole_blood', [given('2026-03-15', 'whole_blood')])).toBe('2026-09-15');
    expect(nextDonationDay('whole_blood', [given('2026-08-31', 'whole_blood')])).toBe('2027-02-28');
    expect(nextDonationDay('whole_blood', [given('2027-08-31', 'whole_blood')])).toBe('2028-02-29');
    expect(nextDonationDay('whole_blood', [given('2026-09-30', 'whole_blood')])).toBe('2027-03-30');
  });

  it('is 2 weeks after platelets for platelets, across month and year ends', () => {
    expect(nextDonationDay('platelets', [given('2026-12-25', 'platelets')])).toBe('2027-01-08');
  });

  it('is 4 weeks after platelets for whole blood, 3 months after whole blood for platelets', () => {
    expect(nextDonationDay('whole_blood', [given('2026-02-10', 'platelets')])).toBe('2026-03-10');
    expect(nextDonationDay('platelets', [given('2026-11-30', 'whole_blood')])).toBe('2027-02-28');
  });

  it('takes the latest of several donations in any order', () => {
    const donations = [
      given('2026-01-01', 'whole_blood'),
      given('2026-06-01', 'platelets'),
      given('2025-12-01', 'whole_blood'),
    ];
    expect(nextDonationDay('whole_blood', donations)).toBe('2026-07-01');
    expect(nextDonationDay('platelets', donations)).toBe('2026-06-15');
    expect(nextDonationDay('whole_blood', [...donations, given('2026-05-20', 'whole_blood')])).toBe('2026-11-20');
  });
});

describe('parseIdNumber', () => {
  const today = '2026-11-23';

  it('reads birth date and gender from valid numbers', () => {
    expect(parseIdNumber('371502199003071230', today)).toEqual({
      normalized: '371502199003071230',
      birthDate: '1990-03-07',
      gender: 'male',
    });
    expect(parseIdNumber('371502200001010026', today)).toEqual({
      normalized: '371502200001010026',
      birthDate: '2000-01-01',
      gender: 'female',
    });
    expect(parseIdNumber('371502196001010019', today)).toEqual({
      normalized: '371502196001010019',
      birthDate: '1960-01-01',
      gender: 'male',
    });
    expect(parseIdNumber('371502196806150027', today)).toEqual({
      normalized: '371502196806150027',
      birthDate: '1968-06-15',
      gender: 'female',
    });
  });

  it('accepts a lower-case x and spaces around, storing upper case', () => {
    let sequence = 0;
    let number = '';
    while (!number.endsWith('X')) number = idNumber('1985-07-20', `${pad(sequence++)}2`);
    expect(parseIdNumber(` ${number.toLowerCase()} `, today)).toEqual({
      normalized: number,
      birthDate: '1985-07-20',
      gender: 'female',
    });
  });

  it('accepts 29 February of a leap year only', () => {
    expect(parseIdNumber(idNumber('2000-02-29', '011'), today)?.birthDate).toBe('2000-02-29');
    expect(parseIdNumber(idNumber('1999-02-29', '011'), today)).toBeNull();
  });

  it('refuses a wrong check character and anything that is not an ID number', () => {
    for (const input of [
      '371502199003071231',
      '371502199003071239',
      '37150219900307123X',
      '37150219900307123',
      '3715021990030712300',
      '071502199003071230'.slice(0, 17) + '0',
      idNumber('1990-13-01', '011'),
      idNumber('1990-02-30', '011'),
      idNumber('1899-12-31', '011'),
      idNumber('2026-11-24', '011'), // tomorrow
      '37150219900307123０',
      '371502 19900307123',
      '',
    ]) {
      expect(parseIdNumber(input, today), input).toBeNull();
    }
    expect(parseIdNumber(idNumber('2026-11-23', '011'), today)?.birthDate).toBe('2026-11-23');
  });
});

describe('bookingCode', () => {
  it('uses 8 characters without 0, O, 1 or I', () => {
    expect(BOOKING_CODE_ALPHABET).toBe('23456789ABCDEFGHJKLMNPQRSTUVWXYZ');
    for (const confusing of ['0', 'O', '1', 'I']) expect(BOOKING_CODE_ALPHABET).not.toContain(confusing);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = bookingCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
      for (const character of code) seen.add(character);
    }
    expect(seen.size).toBe(32);
  });

  it('maps each random byte to one character without bias', () => {
    expect(bookingCode(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('23456789');
    expect(bookingCode(new Uint8Array([31, 32, 63, 64, 255, 8, 30, 29]))).toBe('Z2Z2ZAYX');
    expect(bookingCode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 9, 9]))).toBe('22222222');
  });

  it('is random', () => {
    const codes = new Set(Array.from({ length: 500 }, () => bookingCode()));
    expect(codes.size).toBe(500);
  });

  it('reads what people type', () => {
    expect(normalizeBookingCode(' ab3d-ef7h ')).toBe('AB3DEF7H');
  });
});
