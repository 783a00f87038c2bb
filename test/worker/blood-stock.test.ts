// The blood stock by type: set by the blood centre (audited), read by everyone, and a donor whose
// type is low or critical is told so on their record.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { neededType } from '../../worker/domain/blood-stock.ts';
import { bloodCentreOrganizer, call, createOrganization, errorOf, signInCitizen, signInStaff } from './helpers.ts';

const put = (cookie: string, levels: unknown) =>
  call('/api/admin/blood-stock', { method: 'PUT', cookie, body: { levels } });

interface Stock {
  updatedAt: string | null;
  levels: { bloodType: string; rhD: string; level: string }[];
}

describe('the blood stock', () => {
  it('is set by the blood centre, audited, and shown to everyone in type order', async () => {
    const organizer = await bloodCentreOrganizer();
    const response = await put(organizer.cookie, [
      { bloodType: 'O', rhD: 'positive', level: 'critical' },
      { bloodType: 'A', rhD: 'positive', level: 'normal' },
      { bloodType: 'O', rhD: 'negative', level: 'low' },
    ]);
    expect(response.status, await response.clone().text()).toBe(200);
    const stock = (await (await call('/api/blood-stock')).json()) as Stock;
    expect(stock.updatedAt).toMatch(/\+08:00$/);
    expect(stock.levels.filter((row) => ['A', 'O'].includes(row.bloodType))).toEqual([
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
    const after = (await (await call('/api/blood-stock')).json()) as Stock;
    expect(after.levels.find((row) => row.bloodType === 'O' && row.rhD === 'positive')?.level).toBe('full');
    expect(after.levels.find((row) => row.bloodType === 'O' && row.rhD === 'negative')?.level).toBe('low');
  });

  it('is refused to other organizations’ staff, desks and citizens, and nothing changes', async () => {
    const hospital = await createOrganization();
    const levels = [{ bloodType: 'B', rhD: 'positive', level: 'critical' }];
    expect((await put((await signInStaff('organizer', hospital)).cookie, levels)).status).toBe(403);
    expect((await put((await signInStaff('checkin', hospital)).cookie, levels)).status).toBe(403);
    expect((await call('/api/admin/blood-stock', { method: 'PUT', body: { levels } })).status).toBe(401);
    const stock = (await (await call('/api/blood-stock')).json()) as Stock;
    expect(stock.levels.find((row) => row.bloodType === 'B')).toBeUndefined();
  });

  it('refuses an unknown level or type and the same type twice', async () => {
    const { cookie } = await bloodCentreOrganizer();
    for (const levels of [
      [{ bloodType: 'B', rhD: 'positive', level: 'empty' }],
      [{ bloodType: 'Z', rhD: 'positive', level: 'low' }],
      [],
      [
        { bloodType: 'B', rhD: 'positive', level: 'low' },
        { bloodType: 'B', rhD: 'positive', level: 'full' },
      ],
    ]) {
      const response = await put(cookie, levels);
      expect(response.status, JSON.stringify(levels)).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
  });

  it('tells a donor on their record when their type is low or critical', async () => {
    const { cookie } = await bloodCentreOrganizer();
    await put(cookie, [
      { bloodType: 'AB', rhD: 'negative', level: 'critical' },
      { bloodType: 'AB', rhD: 'positive', level: 'normal' },
    ]);
    const negative = await signInCitizen();
    await call('/api/me', { method: 'PATCH', cookie: negative.cookie, body: { bloodType: 'AB', rhD: 'negative' } });
    const positive = await signInCitizen();
    await call('/api/me', { method: 'PATCH', cookie: positive.cookie, body: { bloodType: 'AB' } });
    const needed = async (citizen: { cookie: string }) =>
      ((await (await call('/api/me/donor', { cookie: citizen.cookie })).json()) as { myTypeNeeded: unknown })
        .myTypeNeeded;
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
