import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  call,
  createOrganization,
  createStaffMember,
  errorOf,
  newAddress,
  signInCitizen,
  signInStaff,
  staffLogin,
  testClient,
} from './helpers.ts';

const login = (json: { email: string; password: string }, address = newAddress()) =>
  testClient({ address }).admin.auth.login.$post({ json });
/** The API as the holder of `cookie` sees it, or as a stranger without one. */
const as = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin;

describe('POST /api/admin/auth/login', () => {
  it('signs staff in with a session cookie and their role', async () => {
    const organizationId = await createOrganization();
    const member = await createStaffMember('organizer', organizationId);
    const response = await login({ email: member.email.toUpperCase(), password: member.password });
    expect(response.status).toBe(200);
    const { staff } = await response.json();
    expect(staff).toMatchObject({ email: member.email, role: 'organizer', organizationId });
    expect(staff).not.toHaveProperty('passwordHash');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^lifeline_staff=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('uses a __Host- cookie over https', async () => {
    const member = await createStaffMember('admin');
    const response = await staffLogin(member, 'https://lifeline.test');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-lifeline_staff=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('answers 401 invalid_credentials for a wrong password or an unknown email', async () => {
    const member = await createStaffMember('admin');
    for (const body of [
      { email: member.email, password: 'wrong password!' },
      { email: 'nobody@example.org', password: member.password },
    ]) {
      const response = await login(body);
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('invalid_credentials');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('limits attempts from one address', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await login({ email: `x${i}@example.org`, password: 'whatever' }, address);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('names the bad fields of a malformed body', async () => {
    // call(): a password of the wrong type, which the typed client would not send.
    const response = await call('/api/admin/auth/login', {
      body: { email: 'not-an-email', password: 5 },
      address: newAddress(),
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual(['email', 'password']);
  });
});

describe('POST /api/admin/auth/logout', () => {
  it('ends the session on the server', async () => {
    const { cookie } = await signInStaff('admin');
    const before = await as(cookie).organizations.$post({ json: { name: `A ${crypto.randomUUID()}` } });
    expect(before.status).toBe(201);
    const logout = await as(cookie).auth.logout.$post();
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/lifeline_staff=;.*Max-Age=0/i);
    const after = await as(cookie).organizations.$post({ json: { name: `B ${crypto.randomUUID()}` } });
    expect(after.status).toBe(401);
  });
});

describe('POST /api/admin/organizations', () => {
  it('lets an admin create an organization', async () => {
    const { cookie } = await signInStaff('admin');
    const response = await as(cookie).organizations.$post({ json: { name: '  冠县人民医院  ', kind: 'hospital' } });
    expect(response.status).toBe(201);
    const { organization } = await response.json();
    expect(organization.name).toBe('冠县人民医院');
    const row = await env.DB.prepare('SELECT name, kind FROM organizations WHERE id = ?').bind(organization.id).first();
    expect(row).toEqual({ name: '冠县人民医院', kind: 'hospital' });

    const again = await as(cookie).organizations.$post({ json: { name: '冠县人民医院' } });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('organization_exists');
  });

  it('refuses anyone but an admin', async () => {
    const organizationId = await createOrganization();
    const citizen = await signInCitizen();
    const organizer = await signInStaff('organizer', organizationId);
    const checkin = await signInStaff('checkin', organizationId);
    const json = { name: `X ${crypto.randomUUID()}` };
    expect((await as().organizations.$post({ json })).status).toBe(401);
    expect((await as(citizen.cookie).organizations.$post({ json })).status).toBe(401);
    expect((await as(organizer.cookie).organizations.$post({ json })).status).toBe(403);
    expect((await as(checkin.cookie).organizations.$post({ json })).status).toBe(403);
  });

  it('validates the name and kind', async () => {
    const { cookie } = await signInStaff('admin');
    // call(): a kind the typed client would not send.
    const response = await call('/api/admin/organizations', { body: { name: '', kind: 'bank' }, cookie });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues?.map((issue) => issue.path).sort()).toEqual(['kind', 'name']);
  });
});

describe('POST /api/admin/staff', () => {
  it('lets an admin add staff of any role to any organization, and they can sign in', async () => {
    const organizationId = await createOrganization();
    const { cookie } = await signInStaff('admin');
    const body = {
      email: 'New.Organizer@Example.org',
      password: 'a good long password',
      role: 'organizer' as const,
      organizationId,
    };
    const response = await as(cookie).staff.$post({ json: body });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      staff: { email: 'new.organizer@example.org', role: 'organizer', organizationId },
    });
    const stored = await env.DB.prepare('SELECT password_hash FROM staff WHERE email = ?')
      .bind('new.organizer@example.org')
      .first<{ password_hash: string }>();
    expect(stored?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(stored?.password_hash).not.toContain('a good long password');

    const signedIn = await login({ email: body.email, password: body.password });
    expect(signedIn.status).toBe(200);

    const duplicate = await as(cookie).staff.$post({ json: body });
    expect(duplicate.status).toBe(409);
    expect((await errorOf(duplicate)).code).toBe('email_taken');
  });

  it('lets an organizer add check-in staff to its own organization only', async () => {
    const own = await createOrganization();
    const other = await createOrganization();
    const { cookie } = await signInStaff('organizer', own);
    const add = (role: 'admin' | 'organizer' | 'checkin', organizationId: string) =>
      as(cookie).staff.$post({
        json: {
          email: `${crypto.randomUUID().slice(0, 8)}@example.org`,
          password: 'long enough pw',
          role,
          organizationId,
        },
      });
    expect((await add('checkin', own)).status).toBe(201);
    expect((await add('checkin', other)).status).toBe(403);
    expect((await add('organizer', own)).status).toBe(403);
    expect((await add('admin', own)).status).toBe(403);
  });

  it('refuses check-in staff, citizens and strangers', async () => {
    const organizationId = await createOrganization();
    const checkin = await signInStaff('checkin', organizationId);
    const citizen = await signInCitizen();
    const json = { email: 'x@example.org', password: 'long enough pw', role: 'checkin' as const, organizationId };
    expect((await as(checkin.cookie).staff.$post({ json })).status).toBe(403);
    expect((await as(citizen.cookie).staff.$post({ json })).status).toBe(401);
    expect((await as().staff.$post({ json })).status).toBe(401);
  });

  it('needs a password of 10 characters, a known role and an existing organization', async () => {
    const { cookie } = await signInStaff('admin');
    const short = await as(cookie).staff.$post({ json: { email: 'a@example.org', password: 'short', role: 'admin' } });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).issues).toEqual([{ path: 'password', message: '密码至少需要 10 个字符。' }]);

    // call(): a role the typed client would not send.
    const role = await call('/api/admin/staff', {
      body: { email: 'b@example.org', password: 'long enough pw', role: 'boss' },
      cookie,
    });
    expect((await errorOf(role)).issues?.[0]?.path).toBe('role');

    const noOrganization = await as(cookie).staff.$post({
      json: { email: 'c@example.org', password: 'long enough pw', role: 'organizer' },
    });
    expect(noOrganization.status).toBe(400);
    expect((await errorOf(noOrganization)).issues?.[0]?.path).toBe('organizationId');

    const unknown = await as(cookie).staff.$post({
      json: { email: 'd@example.org', password: 'long enough pw', role: 'organizer', organizationId: 'nope' },
    });
    expect(unknown.status).toBe(400);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM staff WHERE email LIKE '_@example.org'").first<{
      n: number;
    }>();
    expect(count?.n).toBe(0);
  });
});

describe('GET /api/admin/auth/me', () => {
  it('says who is signed in, without the password hash', async () => {
    const organizationId = await createOrganization();
    const desk = await signInStaff('checkin', organizationId);
    const response = await as(desk.cookie).auth.me.$get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      staff: { id: desk.staffId, email: desk.email, role: 'checkin', organizationId },
      organization: { id: organizationId, name: expect.any(String), kind: 'hospital', reminderHour: 18 },
    });
  });

  it('shows the organization’s reminder hour as changed, and no organization for a platform admin', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const changed = await as(organizer.cookie).organizations[':id'].$patch({
      param: { id: organizationId },
      json: { reminderHour: 7 },
    });
    expect(changed.status).toBe(200);
    const mine = await (await as(organizer.cookie).auth.me.$get()).json();
    expect(mine.organization?.reminderHour).toBe(7);

    const admin = await signInStaff('admin');
    expect(await (await as(admin.cookie).auth.me.$get()).json()).toMatchObject({
      staff: { role: 'admin', organizationId: null },
      organization: null,
    });
  });
});
