// A citizen's own profile: GET /api/me and PATCH /api/me, through HTTP against the Worker and a real local D1.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { type AnyResponse, BASE, call, errorOf, signInCitizen, storedPerson, testClient } from './helpers.ts';

const CJK = /[\u4e00-\u9fff]/;
const DAY_MS = 24 * 60 * 60 * 1000;

interface PersonView {
  id: string;
  phone: string;
  name: string | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  bloodType: 'A' | 'B' | 'O' | 'AB' | null;
  rhD: 'positive' | 'negative' | null;
  district: string | null;
  emergencyDonor: boolean;
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
/** A China calendar day (UTC+8), `days` from today. */
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 60 * 60 * 1000 + days * DAY_MS).toISOString().slice(0, 10);

const me = (cookie?: string, headers: Record<string, string> = {}) =>
  testClient({ ...(cookie && { cookie }), headers }).me;
type ProfileChange = InferRequestType<ReturnType<typeof me>['$patch']>['json'];

const getMe = (cookie?: string, headers: Record<string, string> = {}) => me(cookie, headers).$get();

const patchMe = (cookie: string | undefined, json: ProfileChange, headers: Record<string, string> = {}) =>
  me(cookie, headers).$patch({ json });

/** A change the typed client would not send (fields of the wrong type or unknown, not JSON): raw through call(). */
const patchMeRaw = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  call('/api/me', { method: 'PATCH', body, cookie, headers });

/** The person of a 200 answer, reduced to the fields of the contract (adding fields is free). */
async function personOf(response: AnyResponse): Promise<PersonView> {
  expect(response.status, await response.clone().text()).toBe(200);
  const { person } = (await response.json()) as { person: PersonView };
  const { id, phone, name, gender, birthDate, bloodType, rhD, district, emergencyDonor } = person;
  return { id, phone, name, gender, birthDate, bloodType, rhD, district, emergencyDonor };
}

/** PATCH that must fail: answers 400 validation_failed and returns the paths it names. */
const refusedPaths = (cookie: string, body: ProfileChange) => pathsOf(patchMe(cookie, body), body);
/** The same for a body of the wrong type, sent raw. */
const refusedRawPaths = (cookie: string, body: unknown) => pathsOf(patchMeRaw(cookie, body), body);

async function pathsOf(sent: Promise<AnyResponse>, body: unknown) {
  const response = await sent;
  expect(response.status, JSON.stringify(body)).toBe(400);
  const error = await errorOf(response);
  expect(error.code, JSON.stringify(body)).toBe('validation_failed');
  expect(error.issues, JSON.stringify(body)).toBeDefined();
  for (const issue of error.issues!) expect(issue.message).toEqual(expect.any(String));
  return error.issues!.map((issue) => issue.path);
}

const row = (id: string) =>
  storedPerson(id, ['name', 'gender', 'birth_date', 'blood_type', 'district', 'emergency_donor']);

const fullProfile = {
  name: '张三',
  gender: 'female',
  birthDate: '1990-05-17',
  bloodType: 'AB',
  rhD: 'negative',
  district: '东昌府区',
} as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('GET /api/me', () => {
  it('answers 401 unauthenticated in the contract shape without a cookie', async () => {
    // Typed as any answer: the client knows only the route's own answers, not the error shape.
    const response: AnyResponse = await getMe();
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string; issues?: unknown } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatchObject({ code: 'unauthenticated', message: expect.any(String) });
    expect(body.error.message).toMatch(CJK);
    expect(body.error.issues).toBeUndefined();
  });

  it('answers 401 in English with Accept-Language: en', async () => {
    const error = await errorOf(await getMe(undefined, { 'accept-language': 'en' }));
    expect(error.code).toBe('unauthenticated');
    expect(error.message).not.toMatch(CJK);
    expect(error.message).toMatch(/[a-z]/i);
  });

  it('answers 401 for an unknown token, a staff cookie name, or an expired session', async () => {
    expect((await getMe('lifeline_session=not-a-real-token')).status).toBe(401);
    expect((await getMe('lifeline_session=')).status).toBe(401);

    const { cookie, personId } = await signInCitizen();
    // The token goes in the citizen cookie; under another cookie name it is not a citizen session.
    const token = cookie.split('=').slice(1).join('=');
    expect((await getMe(`lifeline_staff=${token}`)).status).toBe(401);

    await env.DB.prepare('UPDATE logins SET expires_at = ? WHERE person_id = ?')
      .bind(Date.now() - 1000, personId)
      .run();
    const expired = await getMe(cookie);
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).code).toBe('unauthenticated');
  });

  it('returns the signed-in person with a masked phone and empty profile fields', async () => {
    const { cookie, personId, phone } = await signInCitizen();
    const response = await getMe(cookie);
    const text = await response.clone().text();
    expect(text).not.toContain(phone);
    expect(await personOf(response)).toEqual({
      id: personId,
      phone: masked(phone),
      name: null,
      gender: null,
      birthDate: null,
      bloodType: null,
      rhD: null,
      district: null,
      emergencyDonor: false,
    });
  });

  it('keeps the RhD given, clears it with null, and refuses anything else', async () => {
    const { cookie } = await signInCitizen();
    expect(await personOf(await patchMe(cookie, { bloodType: 'O', rhD: 'negative' }))).toMatchObject({
      bloodType: 'O',
      rhD: 'negative',
    });
    expect(await personOf(await getMe(cookie))).toMatchObject({ rhD: 'negative' });
    expect(await personOf(await patchMe(cookie, { name: '王五' }))).toMatchObject({ rhD: 'negative' });
    expect(await personOf(await patchMe(cookie, { rhD: null }))).toMatchObject({ rhD: null, bloodType: 'O' });
    expect(await refusedRawPaths(cookie, { rhD: 'minus' })).toEqual(['rhD']);
  });

  it('shows each citizen only their own data', async () => {
    const a = await signInCitizen();
    const b = await signInCitizen();
    expect(a.personId).not.toBe(b.personId);
    expect(await personOf(await patchMe(a.cookie, { name: '甲', bloodType: 'A' }))).toMatchObject({
      id: a.personId,
      name: '甲',
    });
    expect(await personOf(await patchMe(b.cookie, { name: '乙', bloodType: 'O' }))).toMatchObject({
      id: b.personId,
      name: '乙',
    });

    const meA = await personOf(await getMe(a.cookie));
    const meB = await personOf(await getMe(b.cookie));
    expect(meA).toMatchObject({ id: a.personId, phone: masked(a.phone), name: '甲', bloodType: 'A' });
    expect(meB).toMatchObject({ id: b.personId, phone: masked(b.phone), name: '乙', bloodType: 'O' });
  });

  it('answers 500 internal, not 401, when the database fails', async () => {
    const { cookie } = await signInCitizen();
    const brokenDb = {
      prepare() {
        throw new Error('D1 is down');
      },
      batch() {
        throw new Error('D1 is down');
      },
    } as unknown as D1Database;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await app.fetch(
      new Request(`${BASE}/api/me`, { headers: { cookie, 'cf-connecting-ip': '203.0.113.9' } }),
      { ...env, DB: brokenDb },
      createExecutionContext(),
    );
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('D1 is down');
  });
});

describe('PATCH /api/me', () => {
  it('answers 401 unauthenticated without a cookie, and changes nothing', async () => {
    const response = await patchMe(undefined, { name: '王五' });
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(CJK) });
  });

  it('sets name, gender, birth date, blood type and district, returns them and keeps them', async () => {
    const { cookie, personId, phone } = await signInCitizen();
    expect(env.DISTRICTS).toContain('东昌府区');
    const expected: PersonView = { id: personId, phone: masked(phone), ...fullProfile, emergencyDonor: false };

    expect(await personOf(await patchMe(cookie, fullProfile))).toEqual(expected);
    expect(await personOf(await getMe(cookie))).toEqual(expected);
    expect(await row(personId)).toEqual({
      name: '张三',
      gender: 'female',
      birth_date: '1990-05-17',
      blood_type: 'AB',
      district: '东昌府区',
      emergency_donor: 0,
    });
  });

  it('accepts every district of the city and each gender and blood type', async () => {
    const { cookie } = await signInCitizen();
    expect(env.DISTRICTS.length).toBeGreaterThan(0);
    for (const district of env.DISTRICTS) {
      expect((await personOf(await patchMe(cookie, { district }))).district).toBe(district);
    }
    for (const gender of ['male', 'female'] as const) {
      expect((await personOf(await patchMe(cookie, { gender }))).gender).toBe(gender);
    }
    for (const bloodType of ['A', 'B', 'O', 'AB'] as const) {
      expect((await personOf(await patchMe(cookie, { bloodType }))).bloodType).toBe(bloodType);
    }
  });

  it('trims the name', async () => {
    const { cookie } = await signInCitizen();
    expect((await personOf(await patchMe(cookie, { name: '  李 四  ' }))).name).toBe('李 四');
  });

  it('clears a field given null and keeps the fields left out', async () => {
    const { cookie, personId, phone } = await signInCitizen();
    await personOf(await patchMe(cookie, fullProfile));

    const cleared = await personOf(await patchMe(cookie, { name: null, district: null }));
    expect(cleared).toEqual({
      id: personId,
      phone: masked(phone),
      name: null,
      gender: 'female',
      birthDate: '1990-05-17',
      bloodType: 'AB',
      rhD: 'negative',
      district: null,
      emergencyDonor: false,
    });
    expect(await personOf(await getMe(cookie))).toEqual(cleared);

    const rest = await personOf(await patchMe(cookie, { gender: null, birthDate: null, bloodType: null }));
    expect(rest).toMatchObject({ name: null, gender: null, birthDate: null, bloodType: null, district: null });
    expect(await row(personId)).toMatchObject({
      name: null,
      gender: null,
      birth_date: null,
      blood_type: null,
      district: null,
    });
  });

  it('changes nothing for an empty change', async () => {
    const { cookie } = await signInCitizen();
    const before = await personOf(await patchMe(cookie, fullProfile));
    expect(await personOf(await patchMe(cookie, {}))).toEqual(before);
    expect(await personOf(await getMe(cookie))).toEqual(before);
  });

  it('does not let the id or phone be changed', async () => {
    const { cookie, personId, phone } = await signInCitizen();
    const other = await signInCitizen();
    await patchMeRaw(cookie, { id: other.personId, phone: other.phone, name: '赵六' });
    const person = await personOf(await getMe(cookie));
    expect(person.id).toBe(personId);
    expect(person.phone).toBe(masked(phone));
    const stored = await env.DB.prepare('SELECT phone FROM people WHERE id = ?')
      .bind(personId)
      .first<{ phone: string }>();
    expect(stored?.phone).toBe(phone);
    expect((await personOf(await getMe(other.cookie))).name).toBeNull();
  });

  it('refuses an unknown district with validation_failed on district, and keeps the old one', async () => {
    const { cookie } = await signInCitizen();
    await personOf(await patchMe(cookie, { district: '东昌府区' }));
    for (const district of ['朝阳区', '东昌府', '东昌府区 ', '', 'x'.repeat(41)]) {
      expect(await refusedPaths(cookie, { district }), district).toEqual(['district']);
    }
    expect(await refusedRawPaths(cookie, { district: 123 })).toEqual(['district']);
    expect((await personOf(await getMe(cookie))).district).toBe('东昌府区');
  });

  it('names each field of the wrong type', async () => {
    const { cookie } = await signInCitizen();
    const paths = await refusedRawPaths(cookie, { name: 123, gender: 'x', bloodType: 'C' });
    expect(paths).toEqual(expect.arrayContaining(['name', 'gender', 'bloodType']));
    expect(paths).toHaveLength(3);

    const cases: [Record<string, unknown>, string][] = [
      [{ name: 123 }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: '名'.repeat(41) }, 'name'],
      [{ gender: 'x' }, 'gender'],
      [{ gender: 'MALE' }, 'gender'],
      [{ bloodType: 'C' }, 'bloodType'],
      [{ bloodType: 'a' }, 'bloodType'],
      [{ bloodType: 'AB+' }, 'bloodType'],
      [{ birthDate: 19900517 }, 'birthDate'],
      [{ birthDate: '1990/05/17' }, 'birthDate'],
      [{ birthDate: '1990-5-17' }, 'birthDate'],
      [{ emergencyDonor: 'yes' }, 'emergencyDonor'],
      [{ emergencyDonor: null }, 'emergencyDonor'],
    ];
    for (const [body, path] of cases) {
      expect(await refusedRawPaths(cookie, body), JSON.stringify(body)).toEqual([path]);
    }
    // Nothing was saved along the way.
    expect(await personOf(await getMe(cookie))).toMatchObject({
      name: null,
      gender: null,
      birthDate: null,
      bloodType: null,
    });
  });

  it('accepts a 40-character name', async () => {
    const { cookie } = await signInCitizen();
    const name = '名'.repeat(40);
    expect((await personOf(await patchMe(cookie, { name }))).name).toBe(name);
  });

  it('refuses an impossible, future or implausibly old birth date', async () => {
    const { cookie } = await signInCitizen();
    for (const birthDate of [
      '2026-02-30',
      '2023-02-29',
      '1990-13-01',
      '1990-00-10',
      chinaDay(1),
      '2999-01-01',
      '1899-12-31',
    ]) {
      expect(await refusedPaths(cookie, { birthDate }), birthDate).toEqual(['birthDate']);
    }
    expect((await personOf(await getMe(cookie))).birthDate).toBeNull();
  });

  it('accepts a birth date of today (China time), a leap day and 1900-01-01', async () => {
    const { cookie } = await signInCitizen();
    for (const birthDate of [chinaDay(0), '2024-02-29', '1900-01-01']) {
      expect((await personOf(await patchMe(cookie, { birthDate }))).birthDate, birthDate).toBe(birthDate);
    }
  });

  it('refuses a bad birth date together with other good fields, saving none of them', async () => {
    const { cookie } = await signInCitizen();
    expect(await refusedPaths(cookie, { name: '钱七', birthDate: '2026-02-30' })).toEqual(['birthDate']);
    expect((await personOf(await getMe(cookie))).name).toBeNull();
  });

  it('writes validation messages in the request language', async () => {
    const { cookie } = await signInCitizen();
    const chinese = await errorOf(await patchMe(cookie, { district: '朝阳区' }));
    expect(chinese.message).toMatch(CJK);
    expect(chinese.issues?.[0]?.message).toMatch(CJK);
    const english = await errorOf(await patchMe(cookie, { district: '朝阳区' }, { 'accept-language': 'en' }));
    expect(english.code).toBe('validation_failed');
    expect(english.issues?.[0]?.path).toBe('district');
    expect(english.message).not.toMatch(CJK);
    expect(english.issues?.[0]?.message).not.toMatch(CJK);
    expect(english.issues?.[0]?.message).toMatch(/[a-z]/i);
  });

  it('answers invalid_json for a body that is not JSON', async () => {
    const { cookie } = await signInCitizen();
    const malformed = await patchMeRaw(cookie, '{"name": ');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('invalid_json');
    const plain = await patchMeRaw(cookie, JSON.stringify({ name: '孙八' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect((await errorOf(plain)).code).toBe('invalid_json');
    expect((await personOf(await getMe(cookie))).name).toBeNull();
  });

  it('keeps both of two concurrent changes to different fields', async () => {
    // Two tabs (or an auto-saving form) each change one field at the same moment: each change
    // leaves the other fields alone, so neither may undo the other.
    const { cookie, personId } = await signInCitizen();
    const patch = (body: ProfileChange) => patchMe(cookie, body); // sent through app.fetch, so these race
    const responses = await Promise.all([
      patch({ name: '并发' }),
      patch({ district: '莘县' }),
      patch({ bloodType: 'B' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await personOf(await getMe(cookie))).toMatchObject({
      id: personId,
      name: '并发',
      district: '莘县',
      bloodType: 'B',
    });
  });

  describe('emergency donor', () => {
    it('refuses emergencyDonor: true without a blood type and a district, naming emergencyDonor', async () => {
      const { cookie, personId } = await signInCitizen();
      const neither = await refusedPaths(cookie, { emergencyDonor: true });
      expect(neither).toEqual(['emergencyDonor', 'emergencyDonor']);

      await personOf(await patchMe(cookie, { bloodType: 'B' }));
      expect(await refusedPaths(cookie, { emergencyDonor: true })).toEqual(['emergencyDonor']);

      await personOf(await patchMe(cookie, { bloodType: null, district: '莘县' }));
      expect(await refusedPaths(cookie, { emergencyDonor: true })).toEqual(['emergencyDonor']);

      expect((await personOf(await getMe(cookie))).emergencyDonor).toBe(false);
      expect((await row(personId))?.emergency_donor).toBe(0);
    });

    it('saves emergencyDonor: true with a blood type and a district given in the same change', async () => {
      const { cookie, personId } = await signInCitizen();
      const person = await personOf(
        await patchMe(cookie, { emergencyDonor: true, bloodType: 'O', district: '临清市' }),
      );
      expect(person).toMatchObject({ emergencyDonor: true, bloodType: 'O', district: '临清市' });
      expect((await personOf(await getMe(cookie))).emergencyDonor).toBe(true);
      expect((await row(personId))?.emergency_donor).toBe(1);
    });

    it('saves emergencyDonor: true when the blood type and district are already on file, and keeps it when left out', async () => {
      const { cookie } = await signInCitizen();
      await personOf(await patchMe(cookie, { bloodType: 'A', district: '冠县' }));
      expect((await personOf(await patchMe(cookie, { emergencyDonor: true }))).emergencyDonor).toBe(true);
      expect((await personOf(await patchMe(cookie, { name: '周九' }))).emergencyDonor).toBe(true);
    });

    it('refuses clearing the blood type or district of an emergency donor, and allows it after opting out', async () => {
      const { cookie } = await signInCitizen();
      await personOf(await patchMe(cookie, { emergencyDonor: true, bloodType: 'AB', district: '阳谷县' }));
      expect(await refusedPaths(cookie, { bloodType: null })).toEqual(['emergencyDonor']);
      expect(await refusedPaths(cookie, { district: null })).toEqual(['emergencyDonor']);
      expect(await personOf(await getMe(cookie))).toMatchObject({
        emergencyDonor: true,
        bloodType: 'AB',
        district: '阳谷县',
      });

      const out = await personOf(await patchMe(cookie, { emergencyDonor: false, bloodType: null, district: null }));
      expect(out).toMatchObject({ emergencyDonor: false, bloodType: null, district: null });
    });

    it('never leaves an emergency donor without a blood type, even when two changes race', async () => {
      const { cookie, personId } = await signInCitizen();
      await personOf(await patchMe(cookie, { bloodType: 'O', district: '高唐县' }));
      const patch = (body: ProfileChange) => patchMe(cookie, body); // sent through app.fetch, so these race
      // Each change is fine on its own; together they would make a donor without a blood type.
      const [join, clear] = await Promise.all([patch({ emergencyDonor: true }), patch({ bloodType: null })]);
      const statuses = [join.status, clear.status];
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      const refused = join.status === 200 ? clear : join;
      expect([400, 409]).toContain(refused.status);
      const stored = await row(personId);
      expect(stored?.emergency_donor === 1 && stored.blood_type === null).toBe(false);
    });

    it('refuses an emergency donor with an unknown district, naming district', async () => {
      const { cookie } = await signInCitizen();
      expect(await refusedPaths(cookie, { emergencyDonor: true, bloodType: 'A', district: '海淀区' })).toEqual([
        'district',
      ]);
      expect((await personOf(await getMe(cookie))).emergencyDonor).toBe(false);
    });
  });
});
