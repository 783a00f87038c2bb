import { env } from 'cloudflare:workers';
import type { InferResponseType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import {
  createOrganization,
  createStaffMember,
  newAddress,
  signInCitizen,
  signInStaff,
  signUp,
  testClient,
} from './helpers.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';

/** The organizer API as the holder of `cookie` sees it, or as a stranger without one. */
const admin = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin;

const DAY = 86_400_000;
const SESSION = {
  startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
  endsAt: new Date(Date.now() + 10 * DAY + 3_600_000).toISOString(),
};

type AuditItem = InferResponseType<ReturnType<typeof admin>['audit']['$get'], 200>['items'][number];

async function auditOf(organizationId: string) {
  const { cookie } = await signInStaff('admin');
  const items: AuditItem[] = [];
  let cursor: string | null = null;
  do {
    const response = await admin(cookie).audit.$get({
      query: { organizationId, limit: '2', ...(cursor && { cursor }) },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const page = await response.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('the audit log', () => {
  it('records staff sign-ins and failed sign-ins to real accounts, never the password', async () => {
    const organizationId = await createOrganization();
    const member = await createStaffMember('organizer', organizationId);
    const login = (password: string) =>
      testClient({ address: newAddress() }).admin.auth.login.$post({ json: { email: member.email, password } });
    expect((await login('wrong-password-1')).status).toBe(401);
    expect((await login(member.password)).status).toBe(200);
    const items = await auditOf(organizationId);
    expect(items.map((item) => item.action)).toEqual(['staff.sign_in', 'staff.sign_in_failed']);
    expect(items[0]!.staff?.email).toBe(member.email);
    expect(JSON.stringify(items)).not.toContain(member.password);
  });

  it('records campaign, session, slot and staff changes by whom, newest first', async () => {
    const organizationId = await createOrganization();
    const organizer = await signInStaff('organizer', organizationId);
    const campaigns = admin(organizer.cookie).campaigns;
    const created = await campaigns.$post({
      json: {
        kind: 'cpr_training',
        title: '心肺复苏培训',
        description: '',
        startsOn: '2099-01-01',
        endsOn: '2099-01-31',
      },
    });
    const { campaign } = await created.json();
    expect(
      (
        await campaigns[':id'].$patch({
          param: { id: campaign.id },
          json: { title: '新标题', status: 'published' },
        })
      ).status,
    ).toBe(200);
    const session = await campaigns[':id'].sessions.$post({
      param: { id: campaign.id },
      json: { ...SESSION, venue: '会场', address: '地址', slots: [{ role: '学员', capacity: 10 }] },
    });
    const { session: made } = await session.json();
    expect(
      (
        await admin(organizer.cookie).slots[':id'].$patch({
          param: { id: made.slots[0]!.id },
          json: { capacity: 20 },
        })
      ).status,
    ).toBe(200);
    const desk = await admin(organizer.cookie).staff.$post({
      json: {
        email: `desk-${crypto.randomUUID().slice(0, 8)}@example.org`,
        password: 'a-long-password',
        role: 'checkin',
        organizationId,
      },
    });
    expect(desk.status).toBe(201);

    const items = (await auditOf(organizationId)).filter((item) => item.action !== 'staff.sign_in');
    expect(items.map((item) => item.action)).toEqual([
      'staff.create',
      'slot.update',
      'session.create',
      'campaign.update',
      'campaign.create',
    ]);
    for (const item of items) expect(item.staff?.id).toBe(organizer.staffId);
    expect(items.find((item) => item.action === 'campaign.update')).toMatchObject({
      target: { type: 'campaign', id: campaign.id },
      detail: { fields: 'title,status' },
    });
    expect(items.find((item) => item.action === 'slot.update')!.detail).toMatchObject({ capacity: 20 });
  });

  it('records a check-in scanned three times at once exactly once, and a correction once', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      organizationId,
      sessions: [{ ...SESSION, slots: [{ role: '学员', capacity: 5 }] }],
    });
    const citizen = await signInCitizen();
    const { registration } = await (await signUp(citizen.cookie, campaign.slotIds[0]!, { name: '王学员' })).json();
    await startSessionNow(campaign.slotIds[0]!);
    const desk = await signInStaff('checkin', organizationId);
    const scans = await Promise.all(
      [1, 2, 3].map(() => admin(desk.cookie).checkins.$post({ json: { code: registration.code } })),
    );
    expect(scans.map((scan) => scan.status).sort()).toEqual([200, 409, 409]);
    const organizer = await signInStaff('organizer', organizationId);
    const undo = () =>
      admin(organizer.cookie).registrations[':id'].$patch({
        param: { id: registration.id },
        json: { status: 'confirmed' },
      });
    const undos = await Promise.all([undo(), undo()]);
    expect(undos.map((response) => response.status).sort()).toEqual([200, 409]);

    const items = (await auditOf(organizationId)).filter((item) => !item.action.startsWith('staff.'));
    expect(items.map((item) => [item.action, item.staff?.id])).toEqual([
      ['registration.correct', organizer.staffId],
      ['registration.check_in', desk.staffId],
    ]);
    expect(items[0]!.detail).toEqual({ from: 'checked_in', to: 'confirmed' });
    const rows = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE target_id = ?`)
      .bind(registration.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(2);
  });

  it('is for admins and organizers (their own organization only), and refuses a broken cursor', async () => {
    const organizationId = await createOrganization();
    expect((await admin().audit.$get({ query: {} })).status).toBe(401);
    const organizer = await signInStaff('organizer', organizationId);
    const seen = await admin(organizer.cookie).audit.$get({ query: { organizationId: await createOrganization() } });
    const { items } = await seen.json();
    // Their own sign-in is there; another organization's entries are not, even when asked for.
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.organizationId === organizationId)).toBe(true);
    const desk = await signInStaff('checkin', organizationId);
    expect((await admin(desk.cookie).audit.$get({ query: {} })).status).toBe(403);
    const { cookie } = await signInStaff('admin');
    expect((await admin(cookie).audit.$get({ query: { cursor: '{' } })).status).toBe(400);
    expect((await admin(cookie).audit.$get({ query: { limit: '0' } })).status).toBe(400);
  });
});
