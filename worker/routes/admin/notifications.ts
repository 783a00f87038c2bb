// Organizers see the state of their notifications (texts): queued, sent, skipped or failed, and why.
import { Hono } from 'hono';
import * as v from 'valibot';
import { listNotifications, notificationCounts } from '../../db/notifications.ts';
import { notifications } from '../../db/schema.ts';
import { toChinaIso } from '../../domain/china-time.ts';
import { maskPhone } from '../../domain/phone.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { decodeCursor, pageFields, pageOf } from '../../lib/pagination.ts';
import { query } from '../../lib/validation.ts';
import { recordId } from '../schemas.ts';

const listQuery = v.object({
  status: v.optional(v.picklist(notifications.status.enumValues)),
  kind: v.optional(v.picklist(notifications.kind.enumValues)),
  ...pageFields,
});

const cursorShape = v.object({ at: v.pipe(v.number(), v.integer()), id: recordId });

export const adminNotificationRoutes = new Hono<AppEnv>().get(
  '/',
  requireStaff('admin', 'organizer'),
  query(listQuery),
  async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    const db = c.var.db;
    const me = c.var.staff;
    const organizationId = me.role === 'admin' ? null : me.organizationId;
    const before = decodeCursor(cursorShape, cursor);
    const [rows, counts] = await Promise.all([
      listNotifications(db, { organizationId, ...filter, before }, limit + 1),
      notificationCounts(db, organizationId),
    ]);
    const page = pageOf(rows, limit, (last) => ({ at: last.createdAt.getTime(), id: last.id }));
    return c.json(
      {
        counts: Object.fromEntries(counts.map((row) => [row.status, row.count])),
        items: page.items.map((row) => ({
          id: row.id,
          kind: row.kind,
          status: row.status,
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: toChinaIso(row.createdAt),
          sentAt: row.sentAt ? toChinaIso(row.sentAt) : null,
          registrationId: row.registrationId,
          calloutId: row.calloutId,
          to: { name: row.name, phone: maskPhone(row.phone) },
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  },
);
