// Organizations and staff through their life: a city set up from nothing, accounts listed,
// given another role, deactivated (every sign-in ends at once), passwords reset and changed.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  cookieFrom,
  createOrganization,
  createStaffMember,
  errorOf,
  newAddress,
  signInStaff,
  testClient,
} from './helpers.ts';

const login = (email: string, password: string) =>
  testClient({ address: newAddress() }).admin.auth.login.$post({ json: { email, password } });

const me = (cookie: string) => testClient({ cookie }).admin.auth.me.$get();

const organizations = (cookie: string) => testClient({ cookie }).admin.organizations;
const staff = (cookie: string) => testClient({ cookie }).admin.staff;

async function auditActions(targetId: string) {
  const { results } = await env.DB.prepare(
    'SELECT action, staff_id AS staffId, detail FROM audit_log WHERE target_id = ? ORDER BY at',
  )
    .bind(targetId)
    .all<{ action: string; staffId: string; detail: string }>();
  return results.map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
}

describe('organizations', () => {
  it('lets an admin list, create and rename them; other staff see only their own', async () => {
    const admin = await signInStaff('admin');
    const name = `聊城市中心血站 ${crypto.randomUUID().slice(0, 6)}`;
    const created = await organizations(admin.cookie).$post({ json: { name, kind: 'blood_centre' } });
    expect(created.status).toBe(201);
    const { organization } = await created.json();

    const listed = await (await organizations(admin.cookie).$get()).json();
    expect(listed.items).toContainEqual(expect.objectContaining({ id: organization.id, name, kind: 'blood_centre' }));

    const renamed = await organizations(admin.cookie)[':id'].$patch({
      param: { id: organization.id },
      json: { name: `${name}（新址）` },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).organization.name).toBe(`${name}（新址）`);
    expect(await auditActions(organization.id)).toEqual([
      expect.objectContaining({ action: 'organization.create' }),
      expect.objectContaining({ action: 'organization.update', detail: { name: `${name}（新址）` } }),
    ]);

    const organizer = await signInStaff('organizer', organization.id);
    const own = await (await organizations(organizer.cookie).$get()).json();
    expect(own.items.map((item) => item.id)).toEqual([organization.id]);
    // Organizers set their reminder hour, but not the name.
    const rename = await organizations(organizer.cookie)[':id'].$patch({
      param: { id: organization.id },
      json: { name: '别名' },
    });
    expect(rename.status).toBe(403);
  });

  it('refuses a name another organization has, and an empty change', async () => {
    const admin = await signInStaff('admin');
    const taken = `机构 ${crypto.randomUUID().slice(0, 6)}`;
    await createOrganization(taken);
    const other = await createOrganization();
    const clash = await organizations(admin.cookie)[':id'].$patch({ param: { id: other }, json: { name: taken } });
    expect(clash.status).toBe(409);
    expect((await errorOf(clash)).code).toBe('organization_exists');
    const empty = await organizations(admin.cookie)[':id'].$patch({ param: { id: other }, json: {} });
    expect(empty.status).toBe(400);
  });
});

describe('staff accounts', () => {
  it('lists an organization’s staff with role, active and last sign-in, never a password', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const desk = await createStaffMember('checkin', organizationId);
    await createStaffMember('organizer', await createOrganization());
    const response = await staff(organizer.cookie).$get({ query: {} });
    expect(response.status).toBe(200);
    const { items } = await response.json();
    expect(items.map((item) => item.id).sort()).toEqual([organizer.staffId, desk.id].sort());
    expect(items.find((item) => item.id === organizer.staffId)).toMatchObject({
      role: 'organizer',
      active: true,
      lastSignInAt: expect.stringMatching(/\+08:00$/),
    });
    expect(items.find((item) => item.id === desk.id)).toMatchObject({ active: true, lastSignInAt: null });
    expect(JSON.stringify(items)).not.toMatch(/password|pbkdf2/i);
  });

  it('deactivating ends every sign-in at once; the account then gets the wrong password’s answer', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const desk = await signInStaff('checkin', organizationId);
    const secondDevice = cookieFrom(await login(desk.email, desk.password));
    expect((await me(desk.cookie)).status).toBe(200);

    const off = await staff(organizer.cookie)[':id'].$patch({ param: { id: desk.staffId }, json: { active: false } });
    expect(off.status).toBe(200);
    expect((await off.json()).staff.active).toBe(false);
    expect((await me(desk.cookie)).status).toBe(401);
    expect((await me(secondDevice)).status).toBe(401);

    const refused = await login(desk.email, desk.password);
    const wrong = await login(desk.email, 'not the password');
    expect([refused.status, wrong.status]).toEqual([401, 401]);
    expect(await refused.json()).toEqual(await wrong.json());

    const on = await staff(organizer.cookie)[':id'].$patch({ param: { id: desk.staffId }, json: { active: true } });
    expect(on.status).toBe(200);
    expect((await login(desk.email, desk.password)).status).toBe(200);
    expect((await auditActions(desk.staffId)).map((entry) => [entry.action, entry.detail])).toEqual([
      ['staff.update', { active: false }],
      ['staff.update', { active: true }],
    ]);
  });

  it('lets nobody deactivate or demote themselves', async () => {
    const admin = await signInStaff('admin');
    for (const json of [{ active: false }, { role: 'organizer' as const }]) {
      const response = await staff(admin.cookie)[':id'].$patch({ param: { id: admin.staffId }, json });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('cannot_change_self');
    }
    expect((await me(admin.cookie)).status).toBe(200);
  });

  it('lets organizers manage only their own check-in staff, and never raise a role', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const colleague = await createStaffMember('organizer', organizationId);
    const desk = await createStaffMember('checkin', organizationId);
    const strangerDesk = await createStaffMember('checkin', await createOrganization());
    const patch = (id: string, json: { active?: boolean; role?: 'organizer' }) =>
      staff(organizer.cookie)[':id'].$patch({ param: { id }, json });
    expect((await patch(colleague.id, { active: false })).status).toBe(403);
    expect((await patch(desk.id, { role: 'organizer' })).status).toBe(403);
    expect((await patch(strangerDesk.id, { active: false })).status).toBe(404);
    expect((await patch(desk.id, { active: false })).status).toBe(200);

    const admin = await signInStaff('admin');
    const promoted = await staff(admin.cookie)[':id'].$patch({
      param: { id: desk.id },
      json: { role: 'organizer', active: true },
    });
    expect(promoted.status).toBe(200);
    expect((await promoted.json()).staff).toMatchObject({
      role: 'organizer',
      active: true,
    });
  });

  it('resets another’s password (their sign-ins end) and changes one’s own (other sign-ins end)', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const desk = await signInStaff('checkin', organizationId);
    const reset = await staff(organizer.cookie)[':id'].password.$post({
      param: { id: desk.staffId },
      json: { password: 'a-brand-new-password' },
    });
    expect(reset.status).toBe(204);
    expect((await me(desk.cookie)).status).toBe(401);
    expect((await login(desk.email, desk.password)).status).toBe(401);
    const again = await login(desk.email, 'a-brand-new-password');
    expect(again.status).toBe(200);
    const short = await staff(organizer.cookie)[':id'].password.$post({
      param: { id: desk.staffId },
      json: { password: 'short' },
    });
    expect(short.status).toBe(400);

    // One's own: with the current password; this browser stays signed in, the other one not.
    const deskHere = cookieFrom(again);
    const deskElsewhere = cookieFrom(await login(desk.email, 'a-brand-new-password'));
    const wrong = await testClient({ cookie: deskHere }).admin.auth.password.$post({
      json: { currentPassword: 'a guess at it', newPassword: 'my-own-new-password' },
    });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).issues?.[0]?.path).toBe('currentPassword');
    const changed = await testClient({ cookie: deskHere }).admin.auth.password.$post({
      json: { currentPassword: 'a-brand-new-password', newPassword: 'my-own-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await me(deskHere)).status).toBe(200);
    expect((await me(deskElsewhere)).status).toBe(401);
    expect((await login(desk.email, 'my-own-new-password')).status).toBe(200);
    expect((await auditActions(desk.staffId)).map((entry) => [entry.action, entry.staffId])).toEqual([
      ['staff.password_reset', organizer.staffId],
      ['staff.password_change', desk.staffId],
    ]);
    // One's own password goes through the current one, not the reset.
    const self = await staff(organizer.cookie)[':id'].password.$post({
      param: { id: organizer.staffId },
      json: { password: 'a-brand-new-password' },
    });
    expect(self.status).toBe(409);
  });

  it('sets up a city from an empty database: organization, organizer, check-in staff, campaign', async () => {
    const admin = await signInStaff('admin');
    const organization = await (
      await organizations(admin.cookie).$post({
        json: { name: `东昌府区疾控中心 ${crypto.randomUUID().slice(0, 6)}`, kind: 'cdc' },
      })
    ).json();
    const organizerEmail = `cdc-${crypto.randomUUID().slice(0, 6)}@example.org`;
    const added = await staff(admin.cookie).$post({
      json: {
        email: organizerEmail,
        password: 'organizer-password',
        role: 'organizer',
        organizationId: organization.organization.id,
      },
    });
    expect(added.status).toBe(201);
    const organizer = cookieFrom(await login(organizerEmail, 'organizer-password'));
    const desk = await staff(organizer).$post({
      json: {
        email: `desk-${crypto.randomUUID().slice(0, 6)}@example.org`,
        password: 'desk-password-1',
        role: 'checkin',
        organizationId: organization.organization.id,
      },
    });
    expect(desk.status).toBe(201);
    const campaign = await testClient({ cookie: organizer }).admin.campaigns.$post({
      json: {
        kind: 'outreach',
        title: '两癌筛查',
        description: '35–64 岁女性免费筛查',
        startsOn: '2099-03-01',
        endsOn: '2099-03-31',
        eligibility: { gender: 'female', minAge: 35, maxAge: 64 },
      },
    });
    expect(campaign.status).toBe(201);
  });
});
