// The audit log, for platform admins: who signed in, exported, checked in or changed what.
import { Hono } from 'hono';
import * as v from 'valibot';
import { listAudit } from '../../db/audit.ts';
import { database } from '../../db/client.ts';
import { toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { query } from '../../lib/validation.ts';

const auditQuery = v.object({
  organizationId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  action: v.optional(v.pipe(v.string(), v.maxLength(64))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)),
    '50',
  ),
});

const cursorShape = v.object({ at: v.pipe(v.number(), v.integer()), id: v.pipe(v.string(), v.maxLength(64)) });

export const adminAuditRoutes = new Hono<AppEnv>().get('/', requireStaff('admin'), query(auditQuery), async (c) => {
  const { cursor, limit, ...filter } = c.req.valid('query');
  const before = cursor === undefined ? undefined : decodeCursor(cursorShape, cursor);
  const rows = await listAudit(database(c.env.DB), { ...filter, before }, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json(
    {
      items: page.map((row) => ({
        id: row.id,
        at: toChinaIso(row.at),
        staff: row.staffId ? { id: row.staffId, email: row.staffEmail } : null,
        organizationId: row.organizationId,
        action: row.action,
        target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
        detail: row.detail,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.getTime(), id: last.id }) : null,
    },
    200,
  );
});
