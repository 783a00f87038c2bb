// The audit log: who signed in, exported, checked in or changed what, in words (names, not ids).
// Platform admins read the whole log; organizers their own organization's.
import { Hono } from 'hono';
import * as v from 'valibot';
import { listAudit } from '../../db/audit.ts';
import { addDays, chinaDateTime, isCalendarDay, toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { decodeCursor, pageFields, pageOf } from '../../lib/pagination.ts';
import { query } from '../../lib/validation.ts';
import { recordId } from '../schemas.ts';

const id = v.optional(recordId);
const day = v.optional(v.pipe(v.string(), v.check(isCalendarDay, 'date_invalid')));

const auditQuery = v.object({
  organizationId: id,
  campaignId: id,
  staffId: id,
  action: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** China days, both included. */
  from: day,
  to: day,
  ...pageFields,
});

const cursorShape = v.object({ at: v.pipe(v.number(), v.integer()), id: recordId });

type Row = Awaited<ReturnType<typeof listAudit>>[number];

/** What the entry acted on, named as a person reads it. */
function targetOf(row: Row) {
  if (!row.targetType || !row.targetId) return null;
  const label =
    row.targetType === 'registration' && row.registrationCode
      ? `${row.registrationName} · ${row.registrationCode}`
      : row.targetType === 'staff'
        ? row.staffTargetEmail
        : row.targetType === 'session' && row.sessionStartsAt
          ? `${toChinaIso(row.sessionStartsAt)} · ${row.sessionVenue}`
          : row.targetType === 'campaign'
            ? row.campaignTitle
            : row.targetType === 'organization'
              ? row.organizationName
              : null;
  return { type: row.targetType, id: row.targetId, label: label ?? null };
}

export const adminAuditRoutes = new Hono<AppEnv>().get(
  '/',
  requireStaff('admin', 'organizer'),
  query(auditQuery),
  async (c) => {
    const { cursor, limit, from, to, ...filter } = c.req.valid('query');
    const me = c.var.staff;
    const before = decodeCursor(cursorShape, cursor);
    const rows = await listAudit(
      c.var.db,
      {
        ...filter,
        // Organizers read their own organization's entries, whatever they ask for.
        ...(me.role !== 'admin' && { organizationId: me.organizationId ?? '' }),
        from: from === undefined ? undefined : chinaDateTime(from).getTime(),
        until: to === undefined ? undefined : chinaDateTime(addDays(to, 1)).getTime(),
        before,
      },
      limit + 1,
    );
    const page = pageOf(rows, limit, (last) => ({ at: last.at.getTime(), id: last.id }));
    return c.json(
      {
        items: page.items.map((row) => ({
          id: row.id,
          at: toChinaIso(row.at),
          staff: row.staffId ? { id: row.staffId, email: row.staffEmail } : null,
          organizationId: row.organizationId,
          organization: row.organizationId ? { id: row.organizationId, name: row.organizationName } : null,
          campaign: row.campaignId ? { id: row.campaignId, title: row.campaignTitle } : null,
          action: row.action,
          target: targetOf(row),
          detail: row.detail,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  },
);
