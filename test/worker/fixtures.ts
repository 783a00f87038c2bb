// Campaign fixtures written straight to D1 (the organizer API comes with its own tests).
import { env } from 'cloudflare:workers';
import { createOrganization } from './helpers.ts';
import { chinaDay } from '../../worker/domain/china-time.ts';

export interface SlotFixture {
  role: string;
  capacity: number;
  waitlist?: boolean;
}

export async function createCampaign(
  options: {
    kind?: 'blood_drive' | 'outreach' | 'cpr_training' | 'quiz';
    status?: 'draft' | 'published' | 'closed';
    title?: string;
    startsOn?: string;
    endsOn?: string;
    organizationId?: string;
    eligibility?: Record<string, unknown>;
    sessions?: { startsAt: string; endsAt: string; windowMinutes?: number; slots: SlotFixture[] }[];
  } = {},
) {
  const organizationId = options.organizationId ?? (await createOrganization());
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO campaigns (id, organization_id, kind, title, summary, description, starts_on, ends_on, status, eligibility)
     VALUES (?, ?, ?, ?, '', '', ?, ?, ?, ?)`,
  )
    .bind(
      id,
      organizationId,
      options.kind ?? 'cpr_training',
      options.title ?? `活动 ${id.slice(0, 6)}`,
      options.startsOn ?? '2099-01-01',
      options.endsOn ?? '2099-01-31',
      options.status ?? 'published',
      options.eligibility ? JSON.stringify(options.eligibility) : null,
    )
    .run();
  const sessionIds: string[] = [];
  const slotIds: string[] = [];
  for (const session of options.sessions ?? []) {
    const sessionId = crypto.randomUUID();
    sessionIds.push(sessionId);
    await env.DB.prepare(
      'INSERT INTO sessions (id, campaign_id, starts_at, ends_at, venue, address, window_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
      .bind(
        sessionId,
        id,
        Date.parse(session.startsAt),
        Date.parse(session.endsAt),
        '会场',
        '地址',
        session.windowMinutes ?? null,
      )
      .run();
    for (const slot of session.slots) {
      const slotId = crypto.randomUUID();
      slotIds.push(slotId);
      await env.DB.prepare('INSERT INTO slots (id, session_id, role, capacity, waitlist) VALUES (?, ?, ?, ?, ?)')
        .bind(slotId, sessionId, slot.role, slot.capacity, slot.waitlist ? 1 : 0)
        .run();
    }
  }
  return { id, organizationId, sessionIds, slotIds };
}

/** Adds registrations with the given statuses for fresh people. */
export async function addRegistrations(slotId: string, statuses: string[]) {
  for (const status of statuses) {
    const personId = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare('INSERT INTO people (id, phone) VALUES (?, ?)').bind(
        personId,
        `1${String(Math.random()).slice(2, 12)}`,
      ),
      env.DB.prepare(
        `INSERT INTO registrations (id, slot_id, person_id, code, status, arrival)
         VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(arrival), 0) + 1 FROM registrations WHERE slot_id = ?))`,
      ).bind(crypto.randomUUID(), slotId, personId, crypto.randomUUID().slice(0, 8), status, slotId),
    ]);
  }
}

/**
 * Moves a slot's session to now (begun an hour ago, ending in an hour): sign-ups close when a
 * session starts, and the desk checks in only on its day, so tests book first, then start it.
 */
export async function startSessionNow(slotId: string, now = Date.now()) {
  // Begun an hour ago, but never on the China day before: just after midnight it begins at midnight,
  // so that it stays a session of today for the desk.
  const startsAt = Math.max(now - 3_600_000, Date.parse(`${chinaDay(now)}T00:00:00+08:00`));
  await env.DB.prepare(
    'UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = (SELECT session_id FROM slots WHERE id = ?)',
  )
    .bind(startsAt, now + 3_600_000, slotId)
    .run();
}
