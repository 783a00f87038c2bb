// The blood stock by type: set by the blood centre (audited), read by everyone, and a donor whose
// type is low or critical is told so on their record.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { neededType } from '../../worker/domain/blood-stock.ts';
import type { InferRequestType } from 'hono/client';
import {
  type AnyResponse,
  bloodCentreOrganizer,
  call,
  createOrganization,
  errorOf,
  signInCitizen,
  signInStaff,
  testClient,
} from './helpers.ts';

const stockAs = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin['blood-stock'];
type Levels = InferRequestType<ReturnType<typeof stockAs>['$put']>['json']['levels'];
const put = (cookie: string | undefined, levels: Levels) => stockAs(cookie).$put({ json: { levels } });
/** The stock as everyone sees it. */
const stock = async () => (await testClient()['blood-stock'].$get()).json();

describe('the blood stock', () => {
  it('is set by the blood centre, audited, and shown to everyone in type order', async () => {
    const organizer = await bloodCentreOrganizer();
    const response = await put(organizer.cookie, [
      { bloodType: 'O', rhD: 'positive', level: 'critical' },
      { bloodType: 'A', rhD: 'positive', level: 'normal' },
      { bloodType: 'O', rhD: 'negative', level: 'low' },
    ]);
    expect(response.status, await response.clone().text()).toBe(200);
    const shown = await stock();
    expect(shown.updatedAt).toMatch(/\+08:00$/);
    expect(shown.levels.filter((row) => ['A', 'O'].includes(row.bloodType))).toEqual([
      { bloodType: 'A', rhD: 'positive', level: 'normal' },
      { bloodType: 'O', rhD: 'positive', level: 'critical' },
      { bloodType: 'O', rhD: 'negative', level: 'low' },
    ]);
    const entry = await env.DB.prepare(
      `SELECT detail FROM audit_log WHERE organization_id = ? AND action = 'blood_stock.update'`,
    )
      .bind(organizer.organizationId)
      .first<{ detail: string }>();
    expect(JSON.parse(entry!.detail)).toEqual({ 'O+': 'critical', 'A+': 'normal', 'O-': 'low' });

    // A later change of one type leaves the others as they were.
    expect((await put(organizer.cookie, [{ bloodType: 'O', rhD: 'positive', level: 'full' }])).status).toBe(200);
    const after = await stock();
    expect(after.levels.find((row) => row.bloodType === 'O' && row.rhD === 'positive')?.level).toBe('full');
    expect(after.levels.find((row) => row.bloodType === 'O' && row.rhD === 'negative')?.level).toBe('low');
  });

  it('is refused to other organizations’ staff, desks and citizens, and nothing changes', async () => {
    const hospital = await createOrganization();
    const levels: Levels = [{ bloodType: 'B', rhD: 'positive', level: 'critical' }];
    expect((await put((await signInStaff('organizer', hospital)).cookie, levels)).status).toBe(403);
    expect((await put((await signInStaff('checkin', hospital)).cookie, levels)).status).toBe(403);
    expect((await put(undefined, levels)).status).toBe(401);
    expect((await stock()).levels.find((row) => row.bloodType === 'B')).toBeUndefined();
  });

  it('refuses an unknown level or type and the same type twice', async () => {
    const { cookie } = await bloodCentreOrganizer();
    const refused = async (response: AnyResponse, levels: unknown) => {
      expect(response.status, JSON.stringify(levels)).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    };
    // call(): a level and a type the typed client would not send.
    for (const levels of [
      [{ bloodType: 'B', rhD: 'positive', level: 'empty' }],
      [{ bloodType: 'Z', rhD: 'positive', level: 'low' }],
    ]) {
      await refused(await call('/api/admin/blood-stock', { method: 'PUT', cookie, body: { levels } }), levels);
    }
    for (const levels of [
      [],
      [
        { bloodType: 'B', rhD: 'positive', level: 'low' },
        { bloodType: 'B', rhD: 'positive', level: 'full' },
      ],
    ] satisfies Levels[]) {
      await refused(await put(cookie, levels), levels);
    }
  });

  it('tells a donor on their record when their type is low or critical', async () => {
    const { cookie } = await bloodCentreOrganizer();
    await put(cookie, [
      { bloodType: 'AB', rhD: 'negative', level: 'critical' },
      { bloodType: 'AB', rhD: 'positive', level: 'normal' },
    ]);
    const negative = await signInCitizen();
    await testClient({ cookie: negative.cookie }).me.$patch({ json: { bloodType: 'AB', rhD: 'negative' } });
    const positive = await signInCitizen();
    await testClient({ cookie: positive.cookie }).me.$patch({ json: { bloodType: 'AB' } });
    const needed = async (citizen: { cookie: string }) =>
      (await (await testClient({ cookie: citizen.cookie }).me.donor.$get()).json()).myTypeNeeded;
    expect(await needed(negative)).toEqual({ bloodType: 'AB', rhD: 'negative', level: 'critical' });
    expect(await needed(positive)).toBeNull();
    expect(await needed(await signInCitizen())).toBeNull();
  });
});

describe('neededType', () => {
  const levels = [
    { bloodType: 'B', rhD: 'positive', level: 'low' },
    { bloodType: 'B', rhD: 'negative', level: 'full' },
  ] as const;
  it('is the level of the donor’s type when low or critical, RhD unknown taken as positive', () => {
    expect(neededType([...levels], { bloodType: 'B', rhD: null })).toEqual({
      bloodType: 'B',
      rhD: 'positive',
      level: 'low',
    });
    expect(neededType([...levels], { bloodType: 'B', rhD: 'negative' })).toBeNull();
    expect(neededType([...levels], { bloodType: 'A', rhD: 'positive' })).toBeNull();
    expect(neededType([...levels], { bloodType: null, rhD: null })).toBeNull();
  });
});
