import { env } from 'cloudflare:workers';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';
import { addRegistrations, createCampaign } from './fixtures.ts';

const DAY = 86_400_000;
const inDays = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString(),
});
const DONOR = { name: '李献血', idNumber: '371502199003071230', weightKg: 65 };

/** Two sessions, the later one created first, with two slots each, and sign-ups in every slot. */
async function busyCampaign() {
  const organizationId = await createOrganization();
  const campaign = await createCampaign({
    organizationId,
    sessions: [
      {
        ...inDays(20),
        slots: [
          { role: '学员', capacity: 2, waitlist: true },
          { role: '助教', capacity: 1 },
        ],
      },
      {
        ...inDays(10),
        slots: [
          { role: '学员', capacity: 5 },
          { role: '助教', capacity: 1 },
        ],
      },
    ],
  });
  const [late1, late2, early1, early2] = campaign.slotIds as [string, string, string, string];
  await addRegistrations(late1, ['confirmed', 'confirmed', 'waitlisted']);
  await addRegistrations(late2, ['cancelled']);
  await addRegistrations(early1, ['confirmed', 'checked_in']);
  await addRegistrations(early2, ['no_show']);
  return { ...campaign, organizationId, order: [early1, early2, late1, late2] };
}

/** A campaign's roster routes as the holder of `cookie` sees them. */
const roster = (cookie: string, headers: Record<string, string> = {}) =>
  testClient({ cookie, headers }).admin.campaigns[':id'];
type RosterQuery = InferRequestType<ReturnType<typeof roster>['registrations']['$get']>['query'];
type RosterPage = InferResponseType<ReturnType<typeof roster>['registrations']['$get'], 200>;

async function allPages(cookie: string, id: string, filters: RosterQuery = {}) {
  const pages: RosterPage[] = [];
  let cursor: string | null = null;
  do {
    const response = await roster(cookie).registrations.$get({
      param: { id },
      query: { ...filters, limit: '3', ...(cursor && { cursor }) },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const page = await response.json();
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('GET /api/admin/campaigns/:id/registrations', () => {
  it('pages through every sign-up once, by session time, slot and arrival', async () => {
    const campaign = await busyCampaign();
    const organizer = await signInStaff('organizer', campaign.organizationId);
    const pages = await allPages(organizer.cookie, campaign.id);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    const items = pages.flatMap((page) => page.items);
    expect(new Set(items.map((item) => item.id)).size).toBe(7);
    expect(items.map((item) => item.slot.id)).toEqual([
      campaign.order[0],
      campaign.order[0],
      campaign.order[1],
      campaign.order[2],
      campaign.order[2],
      campaign.order[2],
      campaign.order[3],
    ]);
    expect(items.map((item) => item.status)).toEqual([
      'confirmed',
      'checked_in',
      'no_show',
      'confirmed',
      'confirmed',
      'waitlisted',
      'cancelled',
    ]);
    for (const item of items) expect(item.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('filters by status and by session', async () => {
    const campaign = await busyCampaign();
    const organizer = await signInStaff('organizer', campaign.organizationId);
    const confirmed = (await allPages(organizer.cookie, campaign.id, { status: 'confirmed' })).flatMap((p) => p.items);
    expect(confirmed.map((item) => item.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    const early = (await allPages(organizer.cookie, campaign.id, { sessionId: campaign.sessionIds[1] })).flatMap(
      (p) => p.items,
    );
    expect(early.map((item) => item.session.id)).toEqual([
      campaign.sessionIds[1],
      campaign.sessionIds[1],
      campaign.sessionIds[1],
    ]);
  });

  it('shows no digit of the ID number and only the last four of the phone a donor gave', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      kind: 'blood_drive',
      organizationId,
      sessions: [{ ...inDays(10), slots: [{ role: '献血者', capacity: 5 }] }],
    });
    const citizen = await signInCitizen();
    expect((await signUp(citizen.cookie, campaign.slotIds[0]!, DONOR)).status).toBe(201);
    const organizer = await signInStaff('organizer', organizationId);
    const page = await (
      await roster(organizer.cookie).registrations.$get({ param: { id: campaign.id }, query: {} })
    ).json();
    // No digit of the ID number: the birth year and the phone's last four tell people apart.
    const phone = `${citizen.phone.slice(0, 3)}****${citizen.phone.slice(-4)}`;
    expect(page.items[0]).toMatchObject({ name: '李献血', birthYear: 1990, phone });
    expect(page.items[0]).not.toHaveProperty('idNumber');
    expect(JSON.stringify(page)).not.toMatch(/3715\*|\*{5,}|1990-03-07|19900307/);
    expect(JSON.stringify(page)).not.toContain(citizen.phone);
  });

  it('refuses a cursor it did not make, or one from another campaign', async () => {
    const campaign = await busyCampaign();
    const other = await busyCampaign();
    const organizer = await signInStaff('admin');
    const bad = await roster(organizer.cookie).registrations.$get({
      param: { id: campaign.id },
      query: { cursor: 'not-a-cursor' },
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('validation_failed');
    const foreign = await (
      await roster(organizer.cookie).registrations.$get({ param: { id: other.id }, query: { limit: '1' } })
    ).json();
    const mixed = await roster(organizer.cookie).registrations.$get({
      param: { id: campaign.id },
      query: { cursor: foreign.nextCursor! },
    });
    expect(mixed.status).toBe(400);
  });

  it('is 404 to another organization, 403 to check-in volunteers, 401 to citizens', async () => {
    const campaign = await busyCampaign();
    const request = { param: { id: campaign.id }, query: {} };
    const stranger = (await signInStaff('organizer', await createOrganization())).cookie;
    const desk = (await signInStaff('checkin', campaign.organizationId)).cookie;
    expect((await roster(stranger).registrations.$get(request)).status).toBe(404);
    expect((await roster(desk).registrations.$get(request)).status).toBe(403);
    expect((await roster((await signInCitizen()).cookie).registrations.$get(request)).status).toBe(401);
    expect((await roster(desk)['registrations.csv'].$get(request)).status).toBe(403);
    expect((await roster(stranger)['registrations.xlsx'].$get(request)).status).toBe(404);
  });
});

/** A blood drive with one donor signed up through the API, one named like a formula, and a question. */
async function driveToExport() {
  const organizationId = await createOrganization();
  const campaign = await createCampaign({
    kind: 'blood_drive',
    title: '无偿献血：进社区',
    organizationId,
    sessions: [{ ...inDays(10), slots: [{ role: '献血者', capacity: 5 }] }],
  });
  await env.DB.prepare(`UPDATE campaigns SET questions = ? WHERE id = ?`)
    .bind(JSON.stringify([{ key: 'firstTime', label: '首次献血', type: 'boolean', required: false }]), campaign.id)
    .run();
  const citizen = await signInCitizen();
  const booked = await signUp(citizen.cookie, campaign.slotIds[0]!, { ...DONOR, answers: { firstTime: true } });
  expect(booked.status, await booked.clone().text()).toBe(201);
  const { registration } = await booked.json();
  await addRegistrations(campaign.slotIds[0]!, ['confirmed']);
  await env.DB.prepare(
    `UPDATE registrations SET name = '=HYPERLINK("http://evil.test","点我")' WHERE slot_id = ? AND id <> ?`,
  )
    .bind(campaign.slotIds[0], registration.id)
    .run();
  return { campaign, citizen, registration, organizationId };
}

async function auditEntries(targetId: string) {
  const { results } = await env.DB.prepare(
    `SELECT staff_id, organization_id, action, detail FROM audit_log WHERE target_id = ? ORDER BY at`,
  )
    .bind(targetId)
    .all<{
      staff_id: string;
      organization_id: string;
      action: string;
      detail: string;
    }>();
  return results.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

describe('roster exports', () => {
  it('CSV: BOM, CRLF, a header in the caller’s language, full phone and ID kept as text, formulas disarmed, audited', async () => {
    const { campaign, citizen, registration, organizationId } = await driveToExport();
    const organizer = await signInStaff('organizer', organizationId);
    const response = await roster(organizer.cookie)['registrations.csv'].$get({
      param: { id: campaign.id },
      query: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('无偿献血：进社区'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => /[^\r]\n/.test(line))).toBe(false);
    expect(lines[0]).toBe(
      '预约码,状态,姓名,手机号,身份证号,血型,RhD,场次时间,到场时段,地点,岗位,团体,报名时间,签到时间,首次献血',
    );
    // A leading tab keeps Excel and WPS from reading the digits as numbers (docs/sign-ups.md, "Exports").
    expect(lines[1]).toContain(`${registration.code},已确认,李献血,\t${citizen.phone},\t371502199003071230,`);
    expect(lines[1]!.endsWith(',是')).toBe(true);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.test"",""点我"")"`);

    const [entry] = await auditEntries(campaign.id);
    expect(entry).toMatchObject({
      staff_id: organizer.staffId,
      organization_id: organizationId,
      action: 'registrations.export',
    });
    expect(entry!.detail).toMatchObject({ format: 'csv', rows: 2 });
  });

  it('CSV in English for an English-speaking organizer', async () => {
    const { campaign } = await driveToExport();
    const organizer = await signInStaff('admin');
    const response = await roster(organizer.cookie, { 'accept-language': 'en' })['registrations.csv'].$get({
      param: { id: campaign.id },
      query: {},
    });
    const text = (await response.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(
      'Booking code,Status,Name,Phone,ID number,Blood type,RhD,Session,Arrival window,Venue,Role,Team,Signed up,Checked in,首次献血',
    );
    expect(text.split('\r\n')[1]).toContain(',Confirmed,');
  });

  it('XLSX: a workbook Excel opens, Chinese intact, the same rows, formulas disarmed, audited', async () => {
    const { campaign, citizen, registration, organizationId } = await driveToExport();
    const admin = await signInStaff('admin');
    const response = await roster(admin.cookie)['registrations.xlsx'].$get({ param: { id: campaign.id }, query: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="无偿献血：进社区"');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const rows = [...sheet.matchAll(/<row>(.*?)<\/row>/g)].map(([, row]) =>
      [...row!.matchAll(/<c[^>]*?(?:\/>|>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>)/g)].map(
        ([, text, number]) => text ?? number ?? '',
      ),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(0, 5)).toEqual(['预约码', '状态', '姓名', '手机号', '身份证号']);
    expect(rows[1]!.slice(0, 5)).toEqual([registration.code, '已确认', '李献血', citizen.phone, '371502199003071230']);
    expect(rows[2]![2]).toBe(`'=HYPERLINK(&quot;http://evil.test&quot;,&quot;点我&quot;)`);
    const [entry] = await auditEntries(campaign.id);
    expect(entry).toMatchObject({
      staff_id: admin.staffId,
      organization_id: organizationId,
      action: 'registrations.export',
    });
    expect(entry!.detail).toMatchObject({ format: 'xlsx', rows: 2 });
  });

  it('an export of nothing is still a file with its header', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({ organizationId });
    const organizer = await signInStaff('organizer', organizationId);
    const text = await (
      await roster(organizer.cookie)['registrations.csv'].$get({
        param: { id: campaign.id },
        query: { status: 'confirmed' },
      })
    ).text();
    expect(text.split('\r\n')).toHaveLength(2);
  });
});
