import { env } from 'cloudflare:workers';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaDay } from '../../worker/domain/china-time.ts';
import {
  bloodCentreOrganizer,
  call,
  createOrganization,
  errorOf,
  signInCitizen,
  signInStaff,
  testClient,
} from './helpers.ts';

const today = chinaDay(Date.now());

/** A donor of a blood type unique to this test run, so other tests' people never show up. */
async function donor(options: {
  bloodType?: string;
  rhD?: 'positive' | 'negative';
  district?: string;
  willing?: boolean;
  donations?: { day: string; kind: string }[];
}) {
  const id = crypto.randomUUID();
  const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await env.DB.prepare(
    `INSERT INTO people (id, phone, name, blood_type, rh_d, district, emergency_donor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      phone,
      `献血者${id.slice(0, 4)}`,
      options.bloodType ?? 'AB',
      options.rhD ?? null,
      options.district ?? '东昌府区',
      options.willing === false ? 0 : 1,
    )
    .run();
  for (const donation of options.donations ?? []) {
    await env.DB.prepare(`INSERT INTO donations (id, person_id, day, kind) VALUES (?, ?, ?, ?)`)
      .bind(crypto.randomUUID(), id, donation.day, donation.kind)
      .run();
  }
  return { id, phone };
}

/** The blood centre's API as the holder of `cookie` (or no one) sees it. */
const admin = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin;
type DonorList = ReturnType<typeof admin>['emergency-donors'];
type DonorQuery = InferRequestType<DonorList['$get']>['query'];
type DonorItem = InferResponseType<DonorList['$get'], 200>['items'][number];

const donorList = (cookie: string | undefined, query: DonorQuery) => admin(cookie)['emergency-donors'].$get({ query });

describe('GET /api/admin/emergency-donors', () => {
  it('lists willing donors of the type who may give whole blood today, phones masked, page by page', async () => {
    const district = '茌平区';
    const eligible = [
      await donor({ district }),
      await donor({ district, donations: [{ day: addMonths(today, -7), kind: 'whole_blood' }] }),
      await donor({ district, donations: [{ day: addDays(today, -35), kind: 'platelets' }] }),
    ];
    await donor({ district, donations: [{ day: addMonths(today, -2), kind: 'whole_blood' }] });
    await donor({
      district,
      donations: [
        { day: addMonths(today, -8), kind: 'whole_blood' },
        { day: addDays(today, -7), kind: 'platelets' },
      ],
    });
    await donor({ district, willing: false });
    await donor({ district, bloodType: 'O' });
    await donor({ district: '临清市' });

    const { cookie } = await bloodCentreOrganizer();
    const items: DonorItem[] = [];
    let cursor: string | null = null;
    do {
      const response = await donorList(cookie, { bloodType: 'AB', district, limit: '2', ...(cursor && { cursor }) });
      expect(response.status, await response.clone().text()).toBe(200);
      const page = await response.json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(items.map((item) => item.id).sort()).toEqual(eligible.map((d) => d.id).sort());
    for (const item of items) expect(item.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(items.find((item) => item.id === eligible[2]!.id)!.lastDonation).toEqual({
      day: addDays(today, -35),
      kind: 'platelets',
    });
    // Its cursors are opaque like every list's: one it did not make is refused.
    const forged = await donorList(cookie, { bloodType: 'AB', cursor: eligible[0]!.id });
    expect(forged.status).toBe(400);
    expect((await errorOf(forged)).issues).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it('exports full phones as CSV, written to the audit log with the count', async () => {
    const district = '阳谷县';
    const people = [await donor({ district }), await donor({ district })];
    await donor({ district, donations: [{ day: today, kind: 'whole_blood' }] });
    const admin = await signInStaff('admin');
    const response = await testClient({ cookie: admin.cookie }).admin['emergency-donors.csv'].$get({
      query: { bloodType: 'AB', district },
    });
    expect(response.status).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('姓名,手机号,血型,RhD,区县,最近献血日期');
    expect(
      lines
        .slice(1, -1)
        .map((line) => line.split(',')[1])
        .sort(),
      // Tab-led, so that Excel and WPS keep the phone as text (docs/sign-ups.md, "Exports").
    ).toEqual(people.map((p) => `\t${p.phone}`).sort());
    const entry = await env.DB.prepare(
      `SELECT detail FROM audit_log WHERE staff_id = ? AND action = 'emergency_donors.export'`,
    )
      .bind(admin.staffId)
      .first<{ detail: string }>();
    expect(JSON.parse(entry!.detail)).toEqual({ bloodType: 'AB', rhD: null, district, rows: 2 });
  });

  it('finds the Rh-negative donors of a type, the classic call-out, and a call-out reaches only them', async () => {
    const district = '冠县';
    const negative = await donor({ district, bloodType: 'O', rhD: 'negative' });
    await donor({ district, bloodType: 'O', rhD: 'positive' });
    await donor({ district, bloodType: 'O' });
    await donor({ district, bloodType: 'A', rhD: 'negative' });
    const { cookie } = await bloodCentreOrganizer();
    const response = await donorList(cookie, { bloodType: 'O', rhD: 'negative', district });
    const page = await response.json();
    expect(page.items.map((item) => [item.id, item.rhD])).toEqual([[negative.id, 'negative']]);
    const all = await (await donorList(cookie, { bloodType: 'O', district })).json();
    expect(all.items).toHaveLength(3);

    const sent = await admin(cookie).callouts.$post({
      json: { bloodType: 'O', rhD: 'negative', district, message: 'O型RhD阴性血告急' },
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    if (sent.status !== 201) throw new Error('not sent'); // the answer to a sending, not a dry run's
    const { callout } = await sent.json();
    expect(callout.recipients).toBe(1);
    const texted = await env.DB.prepare(`SELECT person_id FROM notifications WHERE callout_id = ?`)
      .bind(callout.id)
      .all<{ person_id: string }>();
    expect(texted.results.map((row) => row.person_id)).toEqual([negative.id]);
    expect((await call('/api/admin/emergency-donors?bloodType=O&rhD=minus', { cookie })).status).toBe(400);
  });

  it('is for admins and blood-centre organizers only', async () => {
    const query = { bloodType: 'B' } as const;
    expect((await donorList(undefined, query)).status).toBe(401);
    expect((await donorList((await signInCitizen()).cookie, query)).status).toBe(401);
    const hospital = await createOrganization();
    expect((await donorList((await signInStaff('organizer', hospital)).cookie, query)).status).toBe(403);
    const organizer = admin((await signInStaff('organizer', hospital)).cookie);
    expect((await organizer['emergency-donors.csv'].$get({ query })).status).toBe(403);
    expect((await donorList((await signInStaff('checkin', hospital)).cookie, query)).status).toBe(403);
  });

  it('refuses an unknown blood type or district', async () => {
    const { cookie } = await bloodCentreOrganizer();
    const badType = await call('/api/admin/emergency-donors?bloodType=Z', { cookie });
    expect(badType.status).toBe(400);
    expect((await errorOf(badType)).code).toBe('validation_failed');
    expect((await donorList(cookie, { bloodType: 'B', district: '火星' })).status).toBe(400);
    expect((await call('/api/admin/emergency-donors', { cookie })).status).toBe(400);
  });
});
