import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client.ts';
import { deliver } from '../../worker/notifications/deliver.ts';
import type { SmsSender } from '../../worker/lib/sms.ts';
import { bloodCentreOrganizer, createOrganization, errorOf, signInStaff, testClient } from './helpers.ts';

const WEEK = 7 * 86_400_000;

/** Willing type-B donors in a district of their own, so tests do not see each other's. */
async function donors(district: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    await env.DB.prepare(
      `INSERT INTO people (id, phone, name, blood_type, district, emergency_donor) VALUES (?, ?, '献血者', 'B', ?, 1)`,
    )
      .bind(id, `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, district)
      .run();
    ids.push(id);
  }
  return ids;
}

const callouts = (cookie: string) => testClient({ cookie }).admin.callouts;
type NewCallout = InferRequestType<ReturnType<typeof callouts>['$post']>['json'];

const callout = (cookie: string, json: Partial<NewCallout>) =>
  callouts(cookie).$post({ json: { bloodType: 'B', message: '血库B型告急，请就近到市血站献血。', ...json } });

/** The call-out a 201 answer made. */
async function made(response: Awaited<ReturnType<typeof callout>>) {
  if (response.status !== 201) throw new Error(`callout: ${response.status}`);
  return (await response.json()).callout;
}

/** The counts of a 200 answer to a dry run. */
async function dryRunCounts(response: Awaited<ReturnType<typeof callout>>) {
  if (response.status !== 200) throw new Error(`dry run: ${response.status}`);
  return response.json();
}

describe('POST /api/admin/callouts', () => {
  it('counts, then texts willing donors, each at most once a week, and writes the audit log', async () => {
    const district = '莘县';
    const [called, ...fresh] = await donors(district, 3);
    // One of them had a call-out three days ago.
    await env.DB.prepare(
      `INSERT INTO notifications (id, person_id, kind, dedupe_key, status, created_at) VALUES (?, ?, 'callout', ?, 'sent', ?)`,
    )
      .bind(crypto.randomUUID(), called, `old:${called}`, Date.now() - 3 * 86_400_000)
      .run();
    const { organizationId, cookie } = await bloodCentreOrganizer();

    const preview = await callout(cookie, { district, dryRun: true });
    expect(await preview.json()).toEqual({ matched: 3, reachable: 2 });

    const sent = await callout(cookie, { district });
    expect(sent.status).toBe(201);
    const first = await made(sent);
    expect(first).toMatchObject({ matched: 3, recipients: 2 });
    const rows = await env.DB.prepare(`SELECT person_id FROM notifications WHERE callout_id = ? ORDER BY person_id`)
      .bind(first.id)
      .all<{ person_id: string }>();
    expect(rows.results.map((row) => row.person_id)).toEqual([...fresh].sort());

    const again = await callout(cookie, { district });
    expect((await made(again)).recipients).toBe(0);

    const audit = await env.DB.prepare(
      `SELECT detail FROM audit_log WHERE organization_id = ? AND action = 'callout.send' ORDER BY at`,
    )
      .bind(organizationId)
      .all<{ detail: string }>();
    expect(audit.results.map((row) => JSON.parse(row.detail))).toEqual([
      { bloodType: 'B', rhD: null, district, matched: 3 },
      { bloodType: 'B', rhD: null, district, matched: 3 },
    ]);
    // A week later the first donor may be called again.
    const reachable = await callout(cookie, { district, dryRun: true });
    expect((await dryRunCounts(reachable)).reachable).toBe(0);
    await env.DB.prepare(
      `UPDATE notifications SET created_at = created_at - ? WHERE person_id IN (?, ?, ?) AND kind = 'callout'`,
    )
      .bind(WEEK, called, ...fresh)
      .run();
    expect((await dryRunCounts(await callout(cookie, { district, dryRun: true }))).reachable).toBe(3);
  });

  it('two call-outs at once reach each donor once', async () => {
    const district = '冠县';
    await donors(district, 4);
    const { cookie } = await bloodCentreOrganizer();
    const both = await Promise.all([callout(cookie, { district }), callout(cookie, { district })]);
    const recipients = await Promise.all(both.map(async (response) => (await made(response)).recipients));
    expect(recipients.sort()).toEqual([0, 4]);
  });

  it('is limited per organization a day', async () => {
    const { cookie } = await bloodCentreOrganizer();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await callout(cookie, { district: '高唐县' })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('refuses an ID number in the text, and callers who are not the blood centre', async () => {
    const { cookie } = await bloodCentreOrganizer();
    const withId = await callout(cookie, { message: '请 371502199003071230 联系我们' });
    expect(withId.status).toBe(400);
    expect((await errorOf(withId)).issues?.map((issue) => issue.path)).toEqual(['message']);
    expect((await callout((await signInStaff('organizer', await createOrganization())).cookie, {})).status).toBe(403);
  });

  it('a donor who opts out before the text leaves does not get it', async () => {
    const district = '东阿县';
    const [donor] = await donors(district, 1);
    const { cookie } = await bloodCentreOrganizer();
    const { id } = await made(await callout(cookie, { district }));
    const row = await env.DB.prepare(`SELECT id, dedupe_key AS key FROM notifications WHERE callout_id = ?`)
      .bind(id)
      .first<{ id: string; key: string }>();
    await env.DB.prepare(`UPDATE people SET emergency_donor = 0 WHERE id = ?`).bind(donor).run();
    await env.DB.prepare(`UPDATE notifications SET status = 'queued', claimed_at = NULL WHERE id = ?`)
      .bind(row!.id)
      .run();
    const sent: string[] = [];
    const sender: SmsSender = { send: async (_phone, text) => void sent.push(text) };
    await deliver(database(env.DB), row!.key, sender);
    expect(sent).toEqual([]);
  });
});
